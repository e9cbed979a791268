"""A repeated search without loading the catalog.

Loading a catalog, even from the cache, means importing its validation models,
which takes longer than the search itself. So the search index is cached together
with what ``fmcheatsheet search`` prints (each resource's id, name, type,
modalities, sections, release and status, and the section titles), under the catalog's own
never-stale cache key: a hit is exactly what loading the catalog would give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import cache
from .paths import bundled_catalog
from .search import SearchIndex


class Listing(NamedTuple):
    """A resource as a search result lists it."""

    id: str
    name: str
    type: str
    modalities: tuple[str, ...]
    sections: tuple[str, ...]
    released: str | None
    status: str


@dataclass
class SearchSnapshot:
    index: SearchIndex
    listings: dict[str, Listing]
    section_titles: dict[str, str]


def key_for(catalog_key: str) -> str:
    return f"{catalog_key}-search"


def load(catalog_dir: Path | None, today: dt.date | None = None) -> SearchSnapshot | None:
    """The snapshot of a catalog that loaded without errors before, or None."""
    if cache.cache_dir() is None:
        return None
    root = Path(catalog_dir) if catalog_dir is not None else bundled_catalog()
    found = cache.load(key_for(cache.catalog_key(root, today or dt.date.today())))
    return found if isinstance(found, SearchSnapshot) else None
