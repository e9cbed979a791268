"""The search index the site's JavaScript loads: compact rows the browser indexes itself.

The browser applies the same text normalisation and ranking as
:mod:`fmcheatsheet.search`, so a query ranks the same on the site as in the CLI.
"""

from __future__ import annotations

import json
from typing import Any

from .. import search, semantic, textnorm
from ..catalog import Catalog
from ..citation import bibtex_entry, has_citation
from ..exports.csv_export import LIST_SEPARATOR
from ..freshness.snapshot import Snapshot
from ..languages import language_name
from ..model import Resource
from ..vocab import COMMERCIAL_USE_SHORT

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
    "questions",
    "added",
    "featured",
    "language_names",
    "health",
    "status",
    "verified",
    "url",
)
# The browse page's filters, in order: URL parameter, the row field it tests, its legend.
FACETS = (
    ("phase", "phases", "Phase"),
    ("section", "sections", "Section"),
    ("modality", "modalities", "Modality"),
    ("type", "type", "Type"),
    ("licence", "licence_class", "Licence"),
    ("use", "commercial_use", "Commercial use"),
    ("coverage", "coverage", "Language coverage"),
)
# What "download these results" writes: every row field but those made only for the page's own use.
EXPORT_COLUMNS = tuple(f for f in FIELDS if f not in ("year", "featured", "language_names", "health"))


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
        list(resource.questions),
        resource.added,
        1 if resource.featured else 0,
        [language_name(code) for code in languages.codes] if languages else [],
        _health_flags(resource, health),
        resource.status,
        resource.verified,
        resource.url,
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
        "recommended": catalog.practice_citations(),
        "phases": [{"id": p.id, "title": p.title, "sections": list(p.sections)} for p in catalog.phases],
        "sections": {sid: {"title": s.title, "scope": s.scope} for sid, s in catalog.sections.items()},
        "browse": browse_params(),
    }


def browse_params() -> dict[str, Any]:
    """How the browse page pages, filters, labels and exports rows, so its script keeps no copy."""
    from .pages import BROWSE_PAGE_SIZE

    return {
        "page_size": BROWSE_PAGE_SIZE,
        "facets": [{"name": name, "field": field, "legend": legend} for name, field, legend in FACETS],
        "commercial_short": COMMERCIAL_USE_SHORT,
        "export_columns": list(EXPORT_COLUMNS),
        "list_separator": LIST_SEPARATOR,
    }


def bibtex_entries(catalog: Catalog) -> bytes:
    """id -> BibTeX entry for every resource with a citation: what "download as BibTeX" joins."""
    entries = {r.id: bibtex_entry(r) for r in catalog if has_citation(r)}
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


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
