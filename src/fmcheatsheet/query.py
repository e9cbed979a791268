"""Facet filters over resources: one implementation for the CLI, the Python API and the site."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .model import Resource


@dataclass(frozen=True)
class Query:
    """A combination of facet filters. Values within one facet are alternatives (OR);
    facets combine with AND. An empty facet does not filter."""

    phases: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    licence_classes: tuple[str, ...] = ()
    coverages: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    commercial_uses: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    tags: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, **facets: Iterable[str] | str | int | None) -> Query:
        """Build a query from keyword arguments, accepting single values or iterables,
        and singular names (``modality="speech"``) as well as plural ones."""
        values: dict[str, object] = {}
        for given, value in facets.items():
            name = _SINGULAR.get(given, given)
            if name not in cls.__dataclass_fields__:
                raise TypeError(f"unknown filter '{given}'")
            if value is None:
                continue
            if name in ("year_min", "year_max"):
                values[name] = int(value)  # type: ignore[arg-type]
            elif isinstance(value, str):
                values[name] = (value,)
            else:
                values[name] = tuple(value)  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Query:
        return replace(self, **changes)  # type: ignore[arg-type]

    def is_empty(self) -> bool:
        return self == Query()


_SINGULAR = {
    "phase": "phases",
    "section": "sections",
    "modality": "modalities",
    "type": "types",
    "licence_class": "licence_classes",
    "coverage": "coverages",
    "language": "languages",
    "tag": "tags",
    "status": "statuses",
    "commercial_use": "commercial_uses",
}


def matches(catalog: Catalog, resource: Resource, query: Query) -> bool:
    """Whether ``resource`` passes every facet of ``query``."""
    if query.sections and not _overlaps(resource.sections, query.sections):
        return False
    if query.phases and not _overlaps(catalog.phases_of(resource), query.phases):
        return False
    if query.modalities and not _overlaps(resource.modalities, query.modalities):
        return False
    if query.types and resource.type not in query.types:
        return False
    if query.licence_classes and catalog.licence_class(resource) not in query.licence_classes:
        return False
    if query.coverages and (resource.languages is None or resource.languages.coverage not in query.coverages):
        return False
    if query.languages and (resource.languages is None or not _overlaps(resource.languages.codes, query.languages)):
        return False
    if query.access and resource.access not in query.access:
        return False
    if query.statuses and resource.status not in query.statuses:
        return False
    if query.commercial_uses and catalog.commercial_use(resource) not in query.commercial_uses:
        return False
    if query.tags and not _overlaps(resource.tags, query.tags):
        return False
    year = resource.released_year
    if query.year_min is not None and (year is None or year < query.year_min):
        return False
    return not (query.year_max is not None and (year is None or year > query.year_max))


def _overlaps(have: Sequence[str], wanted: Sequence[str]) -> bool:
    return any(value in wanted for value in have)
