"""An Atom feed of what changed in the catalog: new resources, and resources retired or deprecated."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..catalog import Catalog
from ..model import Resource
from . import ExportOptions

FEED_SIZE = 50
KIND_SCHEME = "https://fmcheatsheet.org/schema/change-kind"


def changes(resources: list[Resource]) -> list[tuple[str, str, Resource]]:
    """(day, kind, resource) for every dated change, newest first.

    An addition is dated by `added`. A deprecation or retirement is its own change,
    dated by the `verified` day on which a curator recorded it, so readers who follow
    the feed learn what to stop using.
    """
    found: list[tuple[str, str, Resource]] = []
    for resource in resources:
        if resource.added:
            found.append((resource.added, "added", resource))
        if resource.status != "active" and resource.verified:
            found.append((resource.verified, resource.status, resource))
    return sorted(found, key=lambda item: (item[0], item[1], item[2].name.lower()), reverse=True)


def to_atom(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> str:
    """The FEED_SIZE most recent changes, newest first."""
    base = (options or ExportOptions()).base_url
    latest = changes(resources)[:FEED_SIZE]
    updated = f"{latest[0][0]}T00:00:00Z" if latest else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>Foundation Model Development Cheatsheet: changes</title>",
        "  <subtitle>Tools and resources recently added to the cheatsheet, and those retired or deprecated.</subtitle>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + "feed.atom")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>Foundation Model Development Cheatsheet</name></author>",
    ]
    for day, kind, resource in latest:
        page = f"{base}resources/{resource.id}/"
        # An addition and a later retirement of one resource are two entries with two ids.
        entry_id = page if kind == "added" else f"{page}#{kind}-{day}"
        title = resource.name if kind == "added" else f"{kind.capitalize()}: {resource.name}"
        summary = resource.description if kind == "added" else _retirement_summary(catalog, resource)
        lines += [
            "  <entry>",
            f"    <id>{escape(entry_id)}</id>",
            f"    <title>{escape(title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
            f'    <link rel="related" href={quoteattr(resource.url)}/>',
            f"    <updated>{day}T00:00:00Z</updated>",
            f"    <summary>{escape(summary)}</summary>",
            f"    <category scheme={quoteattr(KIND_SCHEME)} term={quoteattr(kind)}/>",
            *[f"    <category term={quoteattr(section)}/>" for section in resource.sections],
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _retirement_summary(catalog: Catalog, resource: Resource) -> str:
    text = resource.status_note or f"{resource.name} is no longer recommended."
    successor = catalog.resources.get(resource.successor) if resource.successor else None
    return f"{text} Use instead: {successor.name}." if successor else text
