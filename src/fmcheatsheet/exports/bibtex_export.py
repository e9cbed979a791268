from __future__ import annotations

from ..catalog import Catalog
from ..citation import bibtex_entry, unique_keys
from ..model import Resource


def to_bibtex(catalog: Catalog, resources: list[Resource], _options: object = None) -> str:
    """One BibTeX entry per resource with a paper link; keys are stable and unique."""
    keys = unique_keys(catalog)  # keys over the whole catalog, so a filter never renames an entry
    entries = [bibtex_entry(r, keys[r.id]) for r in sorted(resources, key=lambda r: r.id) if r.id in keys]
    header = f"% Foundation Model Development Cheatsheet: {len(entries)} papers\n\n"
    return header + "\n".join(entries)
