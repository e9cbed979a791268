"""Can these resources be used together, and what must we do? A licence check for a whole stack.

For each resource: its licence, the page that states it, the licence's class and conditions
(from ``catalog/licences.yaml``). For the combination: whether commercial use is possible and
what blocks it, every obligation with the resources that impose it, conflicts between terms,
and unknowns, which are stated as unknowns and never read as permission.

The rules are plain data plus a few lines of logic so the site's JavaScript
(``static/licencecheck.js``) can apply them exactly as this module does; a conformance test
keeps the two in step. It is an aid for review, not legal advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .licences import CustomLicence, LicenceError, licence_alternatives, licence_class
from .model import Resource
from .vocab import ACCESS_CONDITIONS, COMMERCIAL_USE_LABELS, LICENCE_CLASSES, LICENCE_CONDITIONS

DISCLAIMER = (
    "An aid for review, not legal advice: it reads the licences recorded in this catalog, which can be "
    "incomplete or out of date. Read each licence text, and ask counsel before you rely on the result."
)
BLOCKING = ("non-commercial", "research-only")
PROPRIETARY_TEXT = "Closed terms set by the owner: read and accept them before use."
# From least to most restrictive, to pick the alternative a licence expression's OR leaves open.
_ORDER = list(LICENCE_CLASSES)


@dataclass(frozen=True)
class Terms:
    """What one resource's licence asks, as far as the catalog knows."""

    licence_ids: tuple[str, ...]
    conditions: tuple[str, ...]
    unknown: str | None  # why the conditions are not known, when they are not
    proprietary: bool = False


def terms_of(value: str | None, licences: Mapping[str, CustomLicence]) -> Terms:
    """The licence ids and combined conditions of a licence value (an SPDX expression, a LicenseRef, ...)."""
    if value is None or value == "unknown":
        return Terms((), (), "no licence confirmed")
    if value == "various":
        return Terms((), (), "its parts carry different licences: check each part")
    if value == "proprietary":
        return Terms((), (), None, proprietary=True)
    try:
        alternatives = licence_alternatives(value)
    except LicenceError:
        return Terms((), (), f"licence expression '{value}' could not be read")
    # An OR leaves the choice to the user: take the alternative with the fewest restrictions.
    ranked = sorted(alternatives, key=lambda ids: (_rank(ids, licences), len(ids)))
    chosen = ranked[0]
    conditions: set[str] = set()
    missing = []
    for name in chosen:
        entry = licences.get(name)
        if entry is None or entry.conditions is None:
            missing.append(name)
        else:
            conditions.update(entry.conditions)
    unknown = f"no conditions recorded for {', '.join(missing)}" if missing else None
    return Terms(tuple(chosen), tuple(c for c in LICENCE_CONDITIONS if c in conditions), unknown)


def _rank(ids: Sequence[str], licences: Mapping[str, CustomLicence]) -> int:
    classes = [licence_class(name, licences) for name in ids]
    return max((_ORDER.index(c) if c in _ORDER else len(_ORDER) for c in classes), default=0)


def check(catalog: Catalog, resource_ids: Iterable[str], commercial: bool = False) -> dict[str, Any]:
    """The licence check of a stack of resources, as JSON-ready data."""
    chosen = [catalog.get(rid) for rid in dict.fromkeys(resource_ids)]
    rows = [_row(catalog, resource) for resource in chosen]
    return combine(rows, licence_table(catalog), commercial)


def _row(catalog: Catalog, resource: Resource) -> dict[str, Any]:
    terms = terms_of(resource.licence, catalog.licences)
    entries = [catalog.licences.get(name) for name in terms.licence_ids]
    return {
        "id": resource.id,
        "name": resource.name,
        "licence": resource.licence,
        "licence_ids": list(terms.licence_ids),
        "licence_names": [e.name if e else name for e, name in zip(entries, terms.licence_ids, strict=True)],
        "licence_urls": [e.url for e in entries if e is not None and e.url],
        "notes": [e.note for e in entries if e is not None and e.note],
        "sources": list(resource.evidence.get("licence", [])),
        "class": catalog.licence_class(resource),
        "commercial_use": catalog.commercial_use(resource),
        "access": resource.access,
        "conditions": list(terms.conditions),
        "unknown": terms.unknown,
        "proprietary": terms.proprietary,
    }


def combine(rows: list[dict[str, Any]], licences: Mapping[str, Mapping[str, Any]], commercial: bool) -> dict[str, Any]:
    """The combined result for rows made by :func:`check` (also what the browser computes)."""
    blockers = [
        {"resource": row["id"], "conditions": [c for c in BLOCKING if c in row["conditions"]]}
        for row in rows
        if set(BLOCKING) & set(row["conditions"])
    ]
    unknowns = [{"resource": row["id"], "reason": row["unknown"]} for row in rows if row["unknown"]]
    obligations = []
    for condition, text in LICENCE_CONDITIONS.items():
        holders = [row["id"] for row in rows if condition in row["conditions"]]
        if holders:
            obligations.append({"condition": condition, "text": text, "resources": holders})
    for access, text in ACCESS_CONDITIONS.items():
        holders = [row["id"] for row in rows if row["access"] == access]
        if holders:
            obligations.append({"condition": access, "text": text, "resources": holders})
    proprietary = [row["id"] for row in rows if row["proprietary"]]
    if proprietary:
        obligations.append(
            {
                "condition": "proprietary",
                "text": PROPRIETARY_TEXT,
                "resources": proprietary,
            }
        )
    conflicts = _conflicts(rows, licences, commercial)
    if blockers:
        verdict = "no"
    elif unknowns:
        verdict = "unknown"
    elif any(o["condition"] != "attribution" for o in obligations):
        verdict = "conditions"
    else:
        verdict = "yes"
    return {
        "resources": rows,
        "commercial_use": verdict,
        "purpose": "commercial" if commercial else "any",
        "blockers": blockers,
        "obligations": obligations,
        "conflicts": conflicts,
        "unknowns": unknowns,
        "disclaimer": DISCLAIMER,
    }


def _conflicts(
    rows: list[dict[str, Any]], licences: Mapping[str, Mapping[str, Any]], commercial: bool
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for index, first in enumerate(rows):
        for second in rows[index + 1 :]:
            reason = _pair_conflict(first, second, licences) or _pair_conflict(second, first, licences)
            if reason:
                found.append({"resources": [first["id"], second["id"]], "reason": reason})
    if commercial:
        for row in rows:
            terms = [c for c in BLOCKING if c in row["conditions"]]
            if terms:
                found.append(
                    {
                        "resources": [row["id"]],
                        "reason": f"{row['name']} forbids commercial use ({', '.join(terms)}), "
                        "but the plan is commercial",
                    }
                )
    return found


def _pair_conflict(a: Mapping[str, Any], b: Mapping[str, Any], licences: Mapping[str, Mapping[str, Any]]) -> str:
    """Why material from ``a`` and ``b`` cannot be shared as one combined work, or an empty string."""
    a_ids, b_ids = set(a["licence_ids"]), set(b["licence_ids"])
    for name in sorted(a_ids):
        declared = set(licences.get(name, {}).get("incompatible_with", ()))
        clash = sorted(declared & b_ids)
        if clash:
            return f"{name} ({a['name']}) cannot be combined with {clash[0]} ({b['name']})"
    both_share_alike = "share-alike" in a["conditions"] and "share-alike" in b["conditions"] and a_ids != b_ids
    # A declared one-way compatibility is enough: the adaptation can carry the other licence.
    if both_share_alike and not _accepts(a_ids, b_ids, licences) and not _accepts(b_ids, a_ids, licences):
        return (
            f"both {a['name']} and {b['name']} are share-alike under different licences: adapted material "
            "combining them cannot carry both"
        )
    if (
        "share-alike" in a["conditions"]
        and not set(BLOCKING) & set(a["conditions"])
        and set(BLOCKING) & set(b["conditions"])
    ):
        return (
            f"{a['name']} is share-alike under terms that allow commercial use, while {b['name']} forbids it: "
            "adapted material combining them cannot meet both"
        )
    return ""


def browser_data(catalog: Catalog) -> dict[str, Any]:
    """What the site's licence check needs: every resource's terms, the licences and the rule texts."""
    return {
        "conditions": dict(LICENCE_CONDITIONS),
        "access_conditions": dict(ACCESS_CONDITIONS),
        "blocking": list(BLOCKING),
        "proprietary_text": PROPRIETARY_TEXT,
        "disclaimer": DISCLAIMER,
        "verdicts": dict(COMMERCIAL_USE_LABELS),
        "licences": licence_table(catalog),
        "rows": {resource.id: _row(catalog, resource) for resource in catalog},
    }


def _accepts(ids: set[str], others: set[str], licences: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether material under ``ids`` may be shared under ``others`` (the same licences, or declared compatible)."""
    compatible = {c for name in ids for c in licences.get(name, {}).get("compatible_with", ())}
    return others <= ids | compatible


def licence_table(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """The declared licences with what the combination rules read from them."""
    return {
        lid: {
            "name": entry.name,
            "url": entry.url,
            "compatible_with": list(entry.compatible_with),
            "incompatible_with": list(entry.incompatible_with),
        }
        for lid, entry in catalog.licences.items()
    }


def licence_summary_markdown(result: dict[str, Any]) -> str:
    """A licence check as a Markdown section, for a project checklist."""
    names = {row["id"]: row["name"] for row in result["resources"]}
    verdict = COMMERCIAL_USE_LABELS[result["commercial_use"]]
    lines = ["", "## Licences of the suggested resources", "", f"Commercial use of them together: **{verdict}**."]
    if result["blockers"]:
        lines.append(
            "Blocked by: "
            + "; ".join(f"{names[b['resource']]} ({', '.join(b['conditions'])})" for b in result["blockers"])
            + "."
        )
    for title, items in (
        (
            "What you must do",
            [
                f"{o['condition']} ({', '.join(names[r] for r in o['resources'])}): {o['text']}"
                for o in result["obligations"]
            ],
        ),
        ("Conflicts", [c["reason"] for c in result["conflicts"]]),
        ("Unknown, and not permission", [f"{names[u['resource']]}: {u['reason']}" for u in result["unknowns"]]),
    ):
        if items:
            lines += ["", f"{title}:", ""] + [f"- {item}" for item in items]
    lines += ["", f"_{result['disclaimer']}_"]
    return "\n".join(lines) + "\n"
