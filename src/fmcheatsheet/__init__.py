"""The Foundation Model Development Cheatsheet: a curated, validated catalog of tools and
resources for responsible foundation model development, with a Python API, a CLI and a
static website.

>>> from fmcheatsheet import Catalog
>>> catalog = Catalog.load()                      # the bundled catalog
>>> [r.id for r in catalog.filter(modality="speech", section="data-cleaning")][:3]  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Catalog, SearchHit, SearchResults, read_catalog
    from .errors import CatalogError, InvalidCatalog, UnknownValue
    from .model import Languages, Links, Phase, Resource, Section
    from .query import Query

# Imported on first use: the models take longer to import than a cached search takes to run.
_HOMES = {
    "Catalog": "catalog",
    "SearchHit": "catalog",
    "SearchResults": "catalog",
    "read_catalog": "catalog",
    "CatalogError": "errors",
    "InvalidCatalog": "errors",
    "UnknownValue": "errors",
    "Languages": "model",
    "Links": "model",
    "Phase": "model",
    "Resource": "model",
    "Section": "model",
    "Query": "query",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'fmcheatsheet' has no attribute '{name}'")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Catalog",
    "CatalogError",
    "InvalidCatalog",
    "Languages",
    "Links",
    "Phase",
    "Query",
    "Resource",
    "SearchHit",
    "SearchResults",
    "Section",
    "UnknownValue",
    "__version__",
    "read_catalog",
]
