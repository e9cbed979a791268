"""Side-by-side comparison of two to four resources: one column each, the rows a chooser needs.

The site's comparison page (``static/compare.js``) builds the same rows from the JSON API with
the same row list, which the build emits, so the two never disagree about what is compared.
"""

from __future__ import annotations

from typing import Any

from .catalog import Catalog
from .errors import CatalogError
from .freshness.snapshot import Snapshot
from .licences import labelled
from .serialize import resource_dict

MIN_COMPARED = 2
MAX_COMPARED = 4

# (row key, label): the order the table shows them in.
ROWS: tuple[tuple[str, str], ...] = (
    ("type", "Type"),
    ("modalities", "Modalities"),
    ("languages", "Languages"),
    ("licence", "Licence"),
    ("commercial_use", "Commercial use"),
    ("access", "Access"),
    ("released", "Released"),
    ("verified", "Verified"),
    ("status", "Status"),
    ("link_health", "Link health"),
    ("sections", "Sections"),
    ("description", "What it is, when to use it, caveats"),
)


def cell_values(catalog: Catalog, data: dict[str, Any], health: str) -> dict[str, str]:
    """The text of each row for one resource, from its JSON form (so Python and the browser agree)."""
    languages = data["languages"]
    if languages:
        names = ", ".join(languages["names"])
        language_text = languages["coverage"] + (f": {names}" if names else "")
    else:
        language_text = "not stated"
    status = data["status"]
    if data["successor"]:
        status += f" (use {data['successor']} instead)"
    return {
        "type": data["type"],
        "modalities": ", ".join(data["modalities"]),
        "languages": language_text,
        "licence": labelled(data["licence"], data["licence_class"]) if data["licence"] else "not stated",
        "commercial_use": data["commercial_use"],
        "access": data["access"] or "not stated",
        "released": data["released"] or "not stated",
        "verified": data["verified"] or "not yet verified",
        "status": status,
        "link_health": health,
        "sections": ", ".join(catalog.sections[s].title for s in data["sections"] if s in catalog.sections),
        "description": data["description"],
    }


def link_health(snapshot: Snapshot, resource_id: str) -> str:
    if snapshot.is_broken(resource_id):
        return "a link is broken"
    if snapshot.is_archived(resource_id):
        return "repository archived"
    if snapshot.last_verified(resource_id):
        return f"links checked {snapshot.last_verified(resource_id)}"
    return "not checked"


def compare(catalog: Catalog, resource_ids: list[str], snapshot: Snapshot | None = None) -> dict[str, Any]:
    """The comparison table as JSON-ready data: columns, rows, and which rows differ."""
    unique = list(dict.fromkeys(resource_ids))
    if not MIN_COMPARED <= len(unique) <= MAX_COMPARED:
        raise CatalogError(f"compare {MIN_COMPARED} to {MAX_COMPARED} different resources, not {len(unique)}")
    health = snapshot or Snapshot.load(catalog.root)
    resources = [catalog.get(rid) for rid in unique]
    columns = [cell_values(catalog, resource_dict(catalog, r), link_health(health, r.id)) for r in resources]
    rows = [
        {
            "key": key,
            "label": label,
            "values": [column[key] for column in columns],
            "differs": len({column[key] for column in columns}) > 1,
        }
        for key, label in ROWS
    ]
    return {"resources": [{"id": r.id, "name": r.name, "url": r.url} for r in resources], "rows": rows}
