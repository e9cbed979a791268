"""Atom feeds of what changed in the catalog: for the whole catalog, and for each phase and section.

Every item is labelled with its kind of change: ``added``, ``updated`` (with the
fields whose facts changed), ``deprecated`` or ``retired`` (with what to use
instead). Changes come from the catalog's own dated fields (``added``,
``changes`` and, for a status without a dated change, ``verified``), so the same
catalog always gives the same feeds, without any version-control history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax import saxutils

from ..catalog import Catalog
from ..model import Resource
from . import ExportOptions

FEED_SIZE = 50
KIND_SCHEME = "https://fmcheatsheet.org/schema/change-kind"
KINDS = ("added", "updated", "deprecated", "retired")
# Characters XML 1.0 cannot hold, even escaped; one would make the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    return saxutils.escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(_NOT_XML.sub("\ufffd", text))


@dataclass(frozen=True)
class FeedItem:
    """One change to one resource on one day."""

    day: str
    kind: str
    resource: Resource
    fields: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        name = self.resource.name
        if self.kind == "added":
            return name
        if self.kind == "updated":
            return f"Updated: {name} ({', '.join(self.fields)})"
        return f"{self.kind.capitalize()}: {name}"


def feed_items(resources: list[Resource]) -> list[FeedItem]:
    """Every dated change of these resources, newest first."""
    found: list[FeedItem] = []
    for resource in resources:
        if resource.added:
            found.append(FeedItem(resource.added, "added", resource))
        status_dated = False
        for change in resource.changes:
            if "status" in change.fields and resource.status != "active":
                found.append(FeedItem(change.date, resource.status, resource, tuple(change.fields)))
                status_dated = True
            else:
                found.append(FeedItem(change.date, "updated", resource, tuple(change.fields)))
        if resource.status != "active" and not status_dated and resource.verified:
            found.append(FeedItem(resource.verified, resource.status, resource))
    return sorted(found, key=lambda item: (item.day, item.kind, item.resource.id), reverse=True)


@dataclass(frozen=True)
class FeedScope:
    """Which resources a feed follows, and where it is published."""

    path: str
    title: str
    subtitle: str
    page: str  # the site page the feed belongs to


def scopes(catalog: Catalog) -> list[tuple[FeedScope, list[Resource]]]:
    """The per-phase and per-section feeds, with their resources."""
    found = []
    for phase in catalog.phases:
        members = [r for r in catalog if phase.id in catalog.phases_of(r)]
        scope = FeedScope(
            f"feeds/phases/{phase.id}.atom",
            f"Foundation Model Development Cheatsheet: {phase.title}",
            f"Resources added, updated, deprecated or retired in the phase {phase.title}.",
            f"phases/{phase.id}/",
        )
        found.append((scope, members))
    for sid, section in catalog.sections.items():
        scope = FeedScope(
            section_feed_path(sid),
            f"Foundation Model Development Cheatsheet: {section.title}",
            f"Resources added, updated, deprecated or retired in the section {section.title}.",
            f"sections/{sid}/",
        )
        found.append((scope, catalog.in_section(sid)))
    return found


def section_feed_path(section_id: str) -> str:
    return f"feeds/sections/{section_id}.atom"


WHOLE = FeedScope(
    "feed.atom",
    "Foundation Model Development Cheatsheet: changes",
    "Resources added to the cheatsheet, updated, deprecated or retired.",
    "",
)


def to_atom(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> str:
    """The FEED_SIZE most recent changes of these resources, newest first."""
    return atom_feed(catalog, resources, WHOLE, options or ExportOptions())


def scoped_feeds(catalog: Catalog, options: ExportOptions) -> dict[str, str]:
    """path -> feed, for every phase and section."""
    return {scope.path: atom_feed(catalog, members, scope, options) for scope, members in scopes(catalog)}


def atom_feed(catalog: Catalog, resources: list[Resource], scope: FeedScope, options: ExportOptions) -> str:
    latest = feed_items(resources)[:FEED_SIZE]
    updated = f"{latest[0].day}T00:00:00Z" if latest else "1970-01-01T00:00:00Z"
    here = scope.path
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(scope.title)}</title>",
        f"  <subtitle>{escape(scope.subtitle)}</subtitle>",
        f"  <id>{escape(options.identifier('' if scope is WHOLE else scope.path))}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(options.url(scope.path, here))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(options.url(scope.page, here))}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>Foundation Model Development Cheatsheet</name></author>",
    ]
    for item in latest:
        resource = item.resource
        page = options.url(f"resources/{resource.id}/", here)
        # An addition and each later change of one resource are distinct entries with distinct ids.
        entry = options.identifier(f"resources/{resource.id}/")
        entry_id = entry if item.kind == "added" else f"{entry}#{item.kind}-{item.day}"
        lines += [
            "  <entry>",
            f"    <id>{escape(entry_id)}</id>",
            f"    <title>{escape(item.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
            f'    <link rel="related" href={quoteattr(resource.url)}/>',
            f"    <updated>{item.day}T00:00:00Z</updated>",
            f"    <summary>{escape(_summary(catalog, item))}</summary>",
            f"    <category scheme={quoteattr(KIND_SCHEME)} term={quoteattr(item.kind)}/>",
            *[f"    <category term={quoteattr(section)}/>" for section in resource.sections],
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _summary(catalog: Catalog, item: FeedItem) -> str:
    resource = item.resource
    if item.kind == "added":
        return resource.description
    if item.kind == "updated":
        note = next((c.note for c in resource.changes if c.date == item.day and c.note), None)
        return note or f"Changed: {', '.join(item.fields)}."
    text = resource.status_note or f"{resource.name} is no longer recommended."
    successor = catalog.resources.get(resource.successor) if resource.successor else None
    return f"{text} Use instead: {successor.name}." if successor else text
