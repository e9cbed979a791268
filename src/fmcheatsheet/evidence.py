"""How far each entry can be trusted: its sources, when it was checked, and what it allows.

The rules live here once: which facts need evidence, what a licence class means for
commercial use, and what a curator should look at next (`fmcheatsheet review`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import Obligation, Resource, Section
from .vocab import COMMERCIAL_USE_OF_CLASS, EVIDENCED_FIELDS

# Access terms that add conditions to whatever the licence allows.
_CONDITIONAL_ACCESS = frozenset({"gated", "api-only", "paid"})
_AGE = re.compile(r"^(\d+)([dmy])$")
# Guidance and the law move faster than most resources: look at them twice a year.
GUIDANCE_MAX_AGE = "6m"
# How long a verification holds, by type. Audits found the facts that go wrong after an entry is
# written mostly in resources that keep changing: leaderboards add arenas, libraries add
# modalities, benchmarks add sets under other licences, models add sizes. A paper or a licence
# text does not change.
RECHECK_AGE = {"leaderboard": "3m", "library": "6m", "tool": "6m", "service": "6m", "benchmark": "6m", "model": "6m"}
RECHECK_AGE_OTHERS = "12m"


def commercial_use(licence_class: str, access: str | None) -> str:
    """yes / conditions / no / unknown, from a licence class and the access level.

    Access can only narrow what the licence allows: a permissive dataset behind a
    gate or a paywall is usable commercially on the gate's terms.
    """
    verdict = COMMERCIAL_USE_OF_CLASS.get(licence_class, "unknown")
    if verdict == "yes" and access in _CONDITIONAL_ACCESS:
        return "conditions"
    return verdict


def missing_evidence(resource: Resource) -> list[str]:
    """The facts the entry states without a source, in field order."""
    stated = {"licence": resource.licence, "released": resource.released, "access": resource.access}
    return [name for name in EVIDENCED_FIELDS if stated[name] is not None and name not in resource.evidence]


def needs_citation(resource: Resource) -> bool:
    """A paper link whose authors and title are not recorded yet."""
    return resource.links.paper is not None and resource.citation is None


def parse_age(text: str) -> int:
    """An age such as ``12m``, ``90d`` or ``1y`` as a number of days; ValueError if malformed."""
    match = _AGE.match(text.strip().lower())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"'{text}' is not an age such as 90d, 12m or 1y")
    number, unit = int(match.group(1)), match.group(2)
    return number * {"d": 1, "m": 30, "y": 365}[unit]


@dataclass(frozen=True)
class ReviewItem:
    """One entry that needs a person to look at it, and why."""

    id: str
    name: str
    verified: str | None
    reasons: tuple[str, ...]
    missing_evidence: tuple[str, ...] = ()
    cited_by: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "verified": self.verified,
            "reasons": list(self.reasons),
            "missing_evidence": list(self.missing_evidence),
            "cited_by": list(self.cited_by),
        }


def _spelled(age: str) -> str:
    """An age such as ``3m`` in words: "3 months"."""
    count, unit = age[:-1], {"d": "days", "m": "months", "y": "years"}[age[-1]]
    return f"{count} {unit}"


def review_items(
    resources: Iterable[Resource],
    sections: Mapping[str, Section],
    today: dt.date,
    older_than_days: int | None = None,
) -> list[ReviewItem]:
    """What needs a human look, oldest first: never verified, verified too long ago,
    facts without evidence, papers without a citation, and deprecated or retired
    entries that a section practice still recommends.

    "Too long ago" is ``older_than_days`` when given, else the re-check age of the
    resource's type (``RECHECK_AGE``)."""
    cited: dict[str, list[str]] = {}
    for section in sections.values():
        for practice in section.practices:
            for rid in practice.cited:
                cited.setdefault(rid, [])
                if section.id not in cited[rid]:
                    cited[rid].append(section.id)
    items: list[ReviewItem] = []
    for resource in resources:
        reasons: list[str] = []
        if resource.verified is None:
            reasons.append("never verified")
        else:
            age = (today - dt.date.fromisoformat(resource.verified)).days
            cadence = RECHECK_AGE.get(resource.type, RECHECK_AGE_OTHERS)
            if older_than_days is not None:
                if age > older_than_days:
                    reasons.append(f"verified {age} days ago")
            elif age > parse_age(cadence):
                reasons.append(f"verified {age} days ago; a {resource.type} is re-checked every {_spelled(cadence)}")
        gaps = missing_evidence(resource)
        if gaps:
            reasons.append("no evidence for " + ", ".join(gaps))
        if needs_citation(resource):
            reasons.append("paper without citation")
        citing = tuple(cited.get(resource.id, ()))
        if resource.status != "active" and citing:
            reasons.append(f"{resource.status} but cited by " + ", ".join(citing))
        if reasons:
            items.append(
                ReviewItem(
                    resource.id,
                    resource.name,
                    resource.verified,
                    tuple(reasons),
                    tuple(gaps),
                    citing if resource.status != "active" else (),
                )
            )
    # Never-verified entries are the oldest of all; then by date, then by id for stable output.
    items.sort(key=lambda item: (item.verified or "", item.id))
    return items


@dataclass(frozen=True)
class GuidanceReviewItem:
    """A section's guidance or a timeline entry whose review is missing or too old."""

    kind: str  # "section" or "timeline"
    id: str
    title: str
    reviewed: str | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "reviewed": self.reviewed, "reason": self.reason}


def stale_guidance(
    sections: Iterable[Section],
    timeline: Iterable[Obligation],
    today: dt.date,
    older_than_days: int,
) -> list[GuidanceReviewItem]:
    """Sections and timeline entries never reviewed or reviewed more than ``older_than_days``
    ago, oldest first (never-reviewed ones before all others)."""
    items: list[GuidanceReviewItem] = []
    dated: list[tuple[str, str, str, str | None]] = [("section", s.id, s.title, s.reviewed) for s in sections]
    dated += [("timeline", e.id, e.title, e.reviewed) for e in timeline]
    for kind, item_id, title, reviewed in dated:
        if reviewed is None:
            items.append(GuidanceReviewItem(kind, item_id, title, None, "never reviewed"))
            continue
        age = (today - dt.date.fromisoformat(reviewed)).days
        if age > older_than_days:
            items.append(GuidanceReviewItem(kind, item_id, title, reviewed, f"reviewed {age} days ago"))
    items.sort(key=lambda item: (item.reviewed or "", item.kind, item.id))
    return items
