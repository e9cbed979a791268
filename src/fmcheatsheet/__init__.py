"""The Foundation Model Development Cheatsheet: a curated, validated catalog of tools and
resources for responsible foundation model development, with a Python API, a CLI and a
static website.

>>> from fmcheatsheet import Catalog
>>> catalog = Catalog.load()                      # the bundled catalog
>>> [r.id for r in catalog.filter(modality="speech", section="data-cleaning")][:3]  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .catalog import Catalog, SearchHit, read_catalog
from .errors import CatalogError, InvalidCatalog, UnknownValue
from .model import Languages, Links, Phase, Resource, Section
from .query import Query

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
    "Section",
    "UnknownValue",
    "__version__",
    "read_catalog",
]
