"""The search index the site's JavaScript loads: compact rows the browser indexes itself.

The browser applies the same text normalisation and ranking as
:mod:`fmcheatsheet.search`, so a query ranks the same on the site as in the CLI.
"""

from __future__ import annotations

import json
from typing import Any

from .. import search, semantic, textnorm
from ..catalog import Catalog
from ..freshness.snapshot import Snapshot
from ..languages import language_name
from ..model import Resource

FIELDS = (
    "id",
    "name",
    "description",
    "type",
    "sections",
    "phases",
    "modalities",
    "year",
    "released",
    "licence_class",
    "commercial_use",
    "coverage",
    "codes",
    "access",
    "tags",
    "added",
    "featured",
    "language_names",
    "health",
    "status",
    "verified",
)


def row(catalog: Catalog, resource: Resource, health: Snapshot | None = None) -> list[Any]:
    languages = resource.languages
    return [
        resource.id,
        resource.name,
        resource.description,
        resource.type,
        list(resource.sections),
        catalog.phases_of(resource),
        list(resource.modalities),
        resource.released_year,
        resource.released,
        catalog.licence_class(resource),
        catalog.commercial_use(resource),
        languages.coverage if languages else None,
        list(languages.codes) if languages else [],
        resource.access,
        list(resource.tags),
        resource.added,
        1 if resource.featured else 0,
        [language_name(code) for code in languages.codes] if languages else [],
        _health_flags(resource, health),
        resource.status,
        resource.verified,
    ]


def _health_flags(resource: Resource, health: Snapshot | None) -> list[str]:
    """'archived' and/or 'broken', for the browse page's option to hide them."""
    if health is None:
        return []
    flags = []
    if health.is_archived(resource.id):
        flags.append("archived")
    if health.is_broken(resource.id):
        flags.append("broken")
    return flags


def search_index(catalog: Catalog, health: Snapshot | None = None) -> dict[str, Any]:
    return {
        "version": 2,
        "params": search_params(),
        "vectors": VECTORS_PATH if semantic.bundled() is not None else None,
        "synonyms": catalog.vocabulary.synonyms,
        "phrases": catalog.vocabulary.phrases,
        "fields": list(FIELDS),
        "docs": [row(catalog, r, health) for r in catalog],
        "phases": [{"id": p.id, "title": p.title, "sections": list(p.sections)} for p in catalog.phases],
        "sections": {sid: {"title": s.title, "scope": s.scope} for sid, s in catalog.sections.items()},
    }


def search_params() -> dict[str, Any]:
    """The ranking constants and word lists, so the browser never keeps its own copy."""
    return {
        **search.params(),
        **search.bundled_rules().as_data(),
        "suffixes": [list(pair) for pair in textnorm.SUFFIXES],
        "keep": sorted(textnorm.KEEP),
        "min_stem": textnorm.MIN_STEM,
        "not_after": textnorm.NOT_AFTER,
        "spellings": textnorm.SPELLINGS,
    }


VECTORS_PATH = "search-vectors.bin"


def search_vectors_bytes() -> bytes | None:
    """The word-vector table, which the site loads only when a query needs it (None if the package lacks it)."""
    return semantic.TABLE.read_bytes() if semantic.bundled() is not None else None


def search_index_bytes(catalog: Catalog, health: Snapshot | None = None) -> bytes:
    return json.dumps(search_index(catalog, health), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
