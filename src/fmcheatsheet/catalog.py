"""The catalog as a Python API: load, look up, filter and search."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import cache, searchcache, semantic
from .checks import cross_check, fold_name, link_roles
from .diagnostics import Report
from .errors import InvalidCatalog, UnknownValue
from .evidence import commercial_use
from .languages import language_name
from .licences import CustomLicence, licence_class
from .load import CatalogReader
from .model import Obligation, Phase, Practice, Regulation, Resource, Section, Vocabulary
from .paths import bundled_catalog
from .query import Query, matches
from .search import SearchIndex
from .suggest import suggestions
from .vocab import (
    ACCESS_LEVELS,
    COMMERCIAL_USE,
    LANGUAGE_COVERAGE,
    LICENCE_CLASSES,
    MODALITIES,
    RESOURCE_TYPES,
    STATUSES,
)

RELATED_MAX_GROUP = 300


def read_catalog(path: Path | str | None = None, today: dt.date | None = None) -> tuple[Catalog | None, Report]:
    """Read and check a catalog; the catalog is None when nothing usable could be read."""
    root = Path(path) if path is not None else bundled_catalog()
    day = today or dt.date.today()
    key = cache.catalog_key(root, day)
    cached = cache.load(key)
    if cached is not None:
        if cached[0] is not None:
            cached[0].cache_key = key
        return cached  # type: ignore[no-any-return]
    reader = CatalogReader(root, day)
    loaded, report = reader.read()
    if loaded.phases is None:
        return None, report
    cross_check(reader, loaded)
    catalog = Catalog(
        root,
        loaded.phases.phases,
        loaded.sections,
        loaded.resources,
        loaded.licences,
        loaded.vocabulary,
        loaded.regulation,
    )
    cache.store(key, (catalog, report))
    catalog.cache_key = key
    return catalog, report


@dataclass(frozen=True)
class SearchHit:
    resource: Resource
    score: float


@dataclass(frozen=True)
class SearchResults:
    """What a search found: the strong matches, and where to look when there are none."""

    query: str
    hits: list[SearchHit]
    count: int
    """How many strong matches there are in all (``hits`` may stop at a limit)."""
    suggestion: str | None
    sections: list[Section]


class Catalog:
    """Phases, sections and resources of one catalog directory."""

    def __init__(
        self,
        root: Path,
        phases: list[Phase],
        sections: dict[str, Section],
        resources: dict[str, Resource],
        licences: dict[str, CustomLicence] | None = None,
        vocabulary: Vocabulary | None = None,
        regulation: Regulation | None = None,
    ) -> None:
        self.root = root
        self.phases = [p.model_copy(update={"sections": [s for s in p.sections if s in sections]}) for p in phases]
        self.sections = {sid: sections[sid] for phase in self.phases for sid in phase.sections}
        self.resources = dict(sorted(resources.items()))
        self.licences = licences or {}
        self.vocabulary = vocabulary or Vocabulary()
        self.regulation = regulation or Regulation()
        self._phase_of_section = {sid: phase.id for phase in self.phases for sid in phase.sections}
        # Set when loaded through the cache, so derived data (the search index) can be cached too.
        self.cache_key: str | None = None

    @classmethod
    def load(cls, path: Path | str | None = None, *, strict: bool = False) -> Catalog:
        """Load a catalog (the bundled one by default); raise InvalidCatalog if it has errors."""
        catalog, report = read_catalog(path)
        if catalog is None or not report.ok(strict):
            raise InvalidCatalog(report, strict)
        return catalog

    # -- look-ups ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.resources)

    def __iter__(self) -> Iterator[Resource]:
        return iter(self.resources.values())

    def get(self, resource_id: str) -> Resource:
        """The resource with this id; UnknownValue (with suggestions) if there is none."""
        try:
            return self.resources[resource_id]
        except KeyError:
            names = {r.name.lower(): r.id for r in self.resources.values()}
            by_name = names.get(resource_id.lower())
            near = [by_name] if by_name else suggestions(resource_id, self.resources)
            raise UnknownValue("resource id", resource_id, near) from None

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise UnknownValue("phase", phase_id, suggestions(phase_id, [p.id for p in self.phases]))

    def section(self, section_id: str) -> Section:
        try:
            return self.sections[section_id]
        except KeyError:
            raise UnknownValue("section", section_id, suggestions(section_id, self.sections)) from None

    def phase_of(self, section_id: str) -> Phase:
        return self.phase(self._phase_of_section[section_id])

    # -- the law and standards timeline ---------------------------------------------

    @property
    def timeline(self) -> list[Obligation]:
        """Timeline entries by the date they apply, then by id."""
        return sorted(self.regulation.entries, key=lambda e: (e.applies, e.id))

    def obligation(self, entry_id: str) -> Obligation:
        for entry in self.regulation.entries:
            if entry.id == entry_id:
                return entry
        known = [e.id for e in self.regulation.entries]
        raise UnknownValue("timeline entry", entry_id, suggestions(entry_id, known))

    def practices_for(self, entry_id: str) -> list[tuple[Section, Practice]]:
        """The practices that help meet an entry, in catalog order: for a law, those it makes a legal
        duty (directly or through a step); for guidance, codes and standards, those of the laws they
        implement."""
        entry = self.obligation(entry_id)
        laws = [entry.id] if entry.is_law else entry.implements
        found: list[tuple[Section, Practice]] = []
        for law in laws:
            found += [pair for pair in self._practices_by_obligation.get(law, []) if pair not in found]
        return found

    @cached_property
    def _practices_by_obligation(self) -> dict[str, list[tuple[Section, Practice]]]:
        found: dict[str, list[tuple[Section, Practice]]] = defaultdict(list)
        for section in self.sections.values():
            for practice in section.practices:
                for entry_id in practice.obligations:
                    found[entry_id].append((section, practice))
        return dict(found)

    def phases_of(self, resource: Resource) -> list[str]:
        """Ids of the phases a resource appears in, in catalog order, without repeats."""
        found = {self._phase_of_section[s] for s in resource.sections if s in self._phase_of_section}
        return [p.id for p in self.phases if p.id in found]

    def in_section(self, section_id: str) -> list[Resource]:
        """The resources of a section, featured first, then by name."""
        self.section(section_id)
        chosen = [self.resources[rid] for rid in self._by_section.get(section_id, [])]
        return sorted(chosen, key=lambda r: (not r.featured, r.name.lower()))

    def related(self, resource: Resource, limit: int = 6) -> list[Resource]:
        """Resources sharing sections and tags with ``resource``, most shared first.

        A shared tag counts 3, a shared section 2 and the same type 1; at least 3
        is needed. Tags or sections held by more than RELATED_MAX_GROUP resources
        say little about relatedness and are not used to find candidates, which
        also keeps this fast on very large catalogs.
        """
        scores: dict[str, int] = defaultdict(int)
        for tag in resource.tags:
            tagged = self._by_tag.get(tag, [])
            if len(tagged) <= RELATED_MAX_GROUP:
                for other_id in tagged:
                    scores[other_id] += 3
        for section in resource.sections:
            members = self._by_section.get(section, [])
            if len(members) <= RELATED_MAX_GROUP:
                for other_id in members:
                    scores[other_id] += 2
        scores.pop(resource.id, None)
        ranked: list[tuple[int, str, Resource]] = []
        for other_id, score in scores.items():
            other = self.resources[other_id]
            total = score + (1 if other.type == resource.type else 0)
            if total >= 3:
                ranked.append((-total, other.name.lower(), other))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [item[2] for item in ranked[:limit]]

    @cached_property
    def duplicate_keys(self) -> list[tuple[Resource, dict[str, str], str]]:
        """Each resource with its links by normal form and role, and its folded name: what a new
        entry is compared with to find a duplicate, worked out once per catalog."""
        return [(r, link_roles(r), fold_name(r.name)) for r in self.resources.values()]

    @cached_property
    def _by_tag(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for resource in self.resources.values():
            for tag in resource.tags:
                found[tag].append(resource.id)
        return dict(found)

    @cached_property
    def _by_section(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for resource in self.resources.values():
            for section in resource.sections:
                found[section].append(resource.id)
        return dict(found)

    def practice_citations(self) -> dict[str, int]:
        """Per resource, how many best practices of all sections cite it (only those cited at all)."""
        found: Counter[str] = Counter()
        for section in self.sections.values():
            for practice in section.practices:
                found.update(practice.cited)
        return dict(found)

    def highlights(self, section_id: str, limit: int = 5) -> list[Resource]:
        """The resources to recommend first in a section.

        The rule: resources marked `featured`, then those the section's best practices
        cite (most cited first, then in order of citation), then the rest by name;
        deprecated and retired resources are never recommended.
        """
        cited: dict[str, tuple[int, int]] = {}
        order = 0
        for practice in self.section(section_id).practices:
            for rid in practice.cited:
                count, first = cited.get(rid, (0, order))
                cited[rid] = (count + 1, first)
                order += 1

        def rank(resource: Resource) -> tuple[int, int, int, str]:
            count, first = cited.get(resource.id, (0, order))
            return (0 if resource.featured else 1, -count, first, resource.name.lower())

        current = [r for r in self.in_section(section_id) if r.status == "active"]
        return sorted(current, key=rank)[:limit]

    def licence_class(self, resource: Resource) -> str:
        return licence_class(resource.licence, self.licences)

    def commercial_use(self, resource: Resource) -> str:
        """yes / conditions / no / unknown: derived from the licence class and access, never stored."""
        return commercial_use(self.licence_class(resource), resource.access)

    @cached_property
    def section_counts(self) -> dict[str, int]:
        return {sid: len(self._by_section.get(sid, [])) for sid in self.sections}

    # -- filtering and search ---------------------------------------------------

    def check_query(self, query: Query) -> None:
        """Raise UnknownValue for any facet value that does not exist."""
        facets: list[tuple[str, Iterable[str], Iterable[str]]] = [
            ("phase", query.phases, [p.id for p in self.phases]),
            ("section", query.sections, self.sections),
            ("modality", query.modalities, MODALITIES),
            ("type", query.types, RESOURCE_TYPES),
            ("licence class", query.licence_classes, LICENCE_CLASSES),
            ("language coverage", query.coverages, LANGUAGE_COVERAGE),
            ("access level", query.access, ACCESS_LEVELS),
            ("status", query.statuses, STATUSES),
            ("commercial use", query.commercial_uses, COMMERCIAL_USE),
        ]
        for what, values, allowed in facets:
            allowed_list = list(allowed)
            for value in values:
                if value not in allowed_list:
                    raise UnknownValue(what, value, suggestions(value, allowed_list))

    def filter(self, query: Query | None = None, **facets: Iterable[str] | str | int | None) -> list[Resource]:
        """Resources matching a Query (or facets given as keywords), sorted by name."""
        query = query or Query.of(**facets)
        self.check_query(query)
        chosen = [r for r in self.resources.values() if matches(self, r, query)]
        return sorted(chosen, key=lambda r: r.name.lower())

    def search(
        self, text: str, query: Query | None = None, *, limit: int | None = 20, **facets: Iterable[str] | str | None
    ) -> list[SearchHit]:
        """The strong matches for ``text`` within the filters, best first (see :mod:`fmcheatsheet.search`)."""
        return self.search_results(text, query, limit=limit, **facets).hits

    def search_results(
        self, text: str, query: Query | None = None, *, limit: int | None = 20, **facets: Iterable[str] | str | None
    ) -> SearchResults:
        """The strong matches, their number, and (when there are none) a corrected query and the closest sections."""
        query = query or Query.of(**facets)
        self.check_query(query)
        allowed = None if query.is_empty() else {r.id for r in self.resources.values() if matches(self, r, query)}
        index = self.search_index
        ranked = index.search(text, allowed=allowed, limit=None, strong=True)
        shown = ranked if limit is None else ranked[:limit]
        hits = [SearchHit(self.resources[rid], score) for rid, score in shown]
        suggestion = None if ranked else index.suggest(text)
        sections = [] if ranked else [self.sections[s] for s in index.closest_sections(text)]
        return SearchResults(text, hits, len(ranked), suggestion, sections)

    def search_documents(self) -> list[tuple[str, dict[str, str]]]:
        """The text of each resource by search field (see fmcheatsheet.search.FIELD_WEIGHTS)."""
        return [
            (
                r.id,
                {
                    "name": r.name,
                    "tags": " ".join(r.tags),
                    "description": r.description,
                    "languages": _language_text(r),
                    "sections": " ".join(self.sections[s].title for s in r.sections if s in self.sections),
                    "questions": " ".join(r.questions),
                },
            )
            for r in self.resources.values()
        ]

    @cached_property
    def search_index(self) -> SearchIndex:
        # Building the index (word vectors of every resource included) costs more than
        # loading the catalog, so it is cached under the catalog's own never-stale key,
        # with what a search lists (see fmcheatsheet.searchcache).
        key = searchcache.key_for(self.cache_key) if self.cache_key else None
        if key:
            cached = cache.load(key)
            if isinstance(cached, searchcache.SearchSnapshot):
                return cached.index
        index = self.build_search_index(semantic.bundled())
        if key:
            listings = {
                r.id: searchcache.Listing(
                    r.id, r.name, r.type, tuple(r.modalities), tuple(r.sections), r.released, r.status
                )
                for r in self.resources.values()
            }
            titles = {sid: s.title for sid, s in self.sections.items()}
            cache.store(key, searchcache.SearchSnapshot(index, listings, titles))
        return index

    def build_search_index(self, vectors: semantic.WordVectors | None) -> SearchIndex:
        """A fresh search index; without ``vectors`` it ranks on words alone (as the site does until they load)."""
        return SearchIndex.build(
            self.search_documents(),
            self.vocabulary.synonyms,
            reader_phrases=self.vocabulary.phrases,
            types={r.id: r.type for r in self.resources.values()},
            modalities={r.id: tuple(r.modalities) for r in self.resources.values()},
            coverage={r.id: r.languages.coverage if r.languages else None for r in self.resources.values()},
            sections=[(sid, f"{s.title} {s.scope}") for sid, s in self.sections.items()],
            questions={r.id: tuple(r.questions) for r in self.resources.values()},
            recommended=self.practice_citations(),
            vectors=vectors,
        )

    def suggest(self, text: str) -> str | None:
        """A corrected query for one that found nothing, if a close one exists."""
        return self.search_index.suggest(text)

    def related_sections(self, text: str, limit: int = 3) -> list[Section]:
        """The sections closest to a query: shared words first, then closeness in meaning."""
        return [self.sections[s] for s in self.search_index.closest_sections(text, limit)]


def _language_text(resource: Resource) -> str:
    if resource.languages is None:
        return ""
    names = [language_name(code) for code in resource.languages.codes]
    return " ".join([resource.languages.coverage.replace("-", " "), *names])
