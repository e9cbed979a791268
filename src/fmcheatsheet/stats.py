"""The coverage gap map: where the catalog is thick and where tooling is scarce."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .vocab import LANGUAGE_COVERAGE, LICENCE_CLASSES, MODALITIES

CORE_MODALITIES = ("text", "vision", "speech")
THIN = 3  # a section x modality cell with fewer resources than this is listed as thin


@dataclass(frozen=True)
class ThinCell:
    section: str
    title: str
    modality: str
    count: int


def stats(catalog: Catalog) -> dict[str, Any]:
    """Counts by phase, section, modality, language coverage, release year and licence class."""
    sections = list(catalog.sections)
    by_section = {sid: Counter[str]() for sid in sections}
    coverage = {sid: Counter[str]() for sid in sections}
    by_phase = {p.id: Counter[str]() for p in catalog.phases}
    years: Counter[str] = Counter()
    licences: Counter[str] = Counter()
    for resource in catalog:
        for sid in resource.sections:
            by_section[sid].update(resource.modalities)
            kind = resource.languages.coverage if resource.languages else "unspecified"
            coverage[sid][kind] += 1
        for pid in catalog.phases_of(resource):
            by_phase[pid].update(resource.modalities)
        years[resource.released[:4] if resource.released else "unknown"] += 1
        licences[catalog.licence_class(resource)] += 1
    return {
        "resources": len(catalog),
        "modalities": list(MODALITIES),
        "by_phase": [
            {"id": p.id, "title": p.title, "counts": {m: by_phase[p.id][m] for m in MODALITIES}} for p in catalog.phases
        ],
        "by_section": [
            {
                "id": sid,
                "title": catalog.sections[sid].title,
                "phase": catalog.phase_of(sid).id,
                "total": catalog.section_counts[sid],
                "counts": {m: by_section[sid][m] for m in MODALITIES},
                "languages": {k: coverage[sid][k] for k in [*LANGUAGE_COVERAGE, "unspecified"]},
            }
            for sid in sections
        ],
        "by_year": dict(sorted(years.items())),
        "licences": {k: licences[k] for k in LICENCE_CLASSES},
        "thinnest": [cell.__dict__ for cell in thinnest(catalog)],
    }


def thinnest(catalog: Catalog, limit: int = 15) -> list[ThinCell]:
    """Section x modality cells (text, vision, speech) with the fewest resources, fewest first."""
    counts = {(sid, m): 0 for sid in catalog.sections for m in CORE_MODALITIES}
    for resource in catalog:
        for sid in resource.sections:
            for modality in resource.modalities:
                if modality in CORE_MODALITIES:
                    counts[(sid, modality)] += 1
    order = {m: i for i, m in enumerate(CORE_MODALITIES)}
    ranked = sorted(
        counts.items(), key=lambda item: (item[1], list(catalog.sections).index(item[0][0]), order[item[0][1]])
    )
    return [
        ThinCell(sid, catalog.sections[sid].title, modality, count)
        for (sid, modality), count in ranked[:limit]
        if count < THIN
    ]
