"""How complete and how current the catalog's facts are, per section: the figures curators track.

An entry counts in every section it lists. "Needs languages" covers the datasets,
benchmarks and models that hold text or speech, where the language matters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .catalog import Catalog
from .evidence import missing_evidence, needs_citation
from .model import Resource
from .vocab import LICENSED_TYPES

_LANGUAGE_TYPES = frozenset({"dataset", "benchmark", "model"})
_LANGUAGE_MODALITIES = frozenset({"text", "speech"})
RECENT_FROM = 2025


def needs_languages(resource: Resource) -> bool:
    return resource.type in _LANGUAGE_TYPES and bool(_LANGUAGE_MODALITIES & set(resource.modalities))


@dataclass
class Figures:
    """Counts for one group of entries (a section, or the whole catalog)."""

    entries: int = 0
    verified: int = 0
    sourced: int = 0
    licensable: int = 0
    licence_known: int = 0
    release_known: int = 0
    access_known: int = 0
    needs_languages: int = 0
    languages_known: int = 0
    with_paper: int = 0
    cited: int = 0
    retired_or_deprecated: int = 0
    recent: int = 0
    by_year: dict[str, int] = field(default_factory=dict)

    def add(self, resource: Resource) -> None:
        self.entries += 1
        self.verified += resource.verified is not None
        self.sourced += not missing_evidence(resource)
        if resource.type in LICENSED_TYPES:
            self.licensable += 1
            # "unknown" backed by a source (a repository with no licence file) is a settled fact, too.
            self.licence_known += resource.licence is not None and (
                resource.licence != "unknown" or "licence" in resource.evidence
            )
        self.release_known += resource.released is not None
        self.access_known += resource.access is not None
        if needs_languages(resource):
            self.needs_languages += 1
            self.languages_known += resource.languages is not None
        if resource.links.paper is not None:
            self.with_paper += 1
            self.cited += not needs_citation(resource)
        self.retired_or_deprecated += resource.status != "active"
        year = resource.released_year
        self.recent += year is not None and year >= RECENT_FROM
        key = str(year) if year is not None else "unknown"
        self.by_year[key] = self.by_year.get(key, 0) + 1

    def shares(self) -> dict[str, float]:
        """The ratios the catalog's targets are stated in."""

        def share(part: int, whole: int) -> float:
            return round(part / whole, 3) if whole else 1.0

        return {
            "verified": share(self.verified, self.entries),
            "licence_known": share(self.licence_known, self.licensable),
            "release_known": share(self.release_known, self.entries),
            "languages_known": share(self.languages_known, self.needs_languages),
            "cited": share(self.cited, self.with_paper),
        }

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_year"] = dict(sorted(self.by_year.items()))
        data["shares"] = self.shares()
        return data


def quality_report(catalog: Catalog) -> dict[str, Any]:
    """Figures for the whole catalog and for each section, in catalog order."""
    total = Figures()
    sections = {sid: Figures() for sid in catalog.sections}
    for resource in catalog:
        total.add(resource)
        for sid in resource.sections:
            if sid in sections:
                sections[sid].add(resource)
    years: Counter[str] = Counter(total.by_year)
    return {
        "total": total.as_dict(),
        "recent_from": RECENT_FROM,
        "years": dict(sorted(years.items())),
        "sections": [{"id": sid, "title": catalog.sections[sid].title, **sections[sid].as_dict()} for sid in sections],
    }
