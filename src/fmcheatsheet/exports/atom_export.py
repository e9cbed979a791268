"""An Atom feed of the latest additions to the catalog."""

from __future__ import annotations

import re
from xml.sax import saxutils

from ..catalog import Catalog
from ..model import Resource
from . import ExportOptions

FEED_SIZE = 50
# Characters XML 1.0 cannot hold, even escaped; one would make the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    return saxutils.escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(_NOT_XML.sub("\ufffd", text))


def to_atom(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> str:
    """The FEED_SIZE most recently added resources, newest first (dates from `added`)."""
    base = (options or ExportOptions()).base_url
    dated = sorted((r for r in resources if r.added), key=lambda r: (r.added or "", r.name.lower()), reverse=True)
    latest = dated[:FEED_SIZE]
    updated = f"{latest[0].added}T00:00:00Z" if latest else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>Foundation Model Development Cheatsheet: new resources</title>",
        "  <subtitle>Tools and resources recently added to the cheatsheet.</subtitle>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + "feed.atom")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>Foundation Model Development Cheatsheet</name></author>",
    ]
    for resource in latest:
        page = f"{base}resources/{resource.id}/"
        lines += [
            "  <entry>",
            f"    <id>{escape(page)}</id>",
            f"    <title>{escape(resource.name)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
            f'    <link rel="related" href={quoteattr(resource.url)}/>',
            f"    <updated>{resource.added}T00:00:00Z</updated>",
            f"    <summary>{escape(resource.description)}</summary>",
            *[f"    <category term={quoteattr(section)}/>" for section in resource.sections],
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
