"""Which pages the site has, and the typed context each template receives."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import sentences
from ..catalog import Catalog
from ..citation import bibtex_entry, has_citation
from ..estimator import Accelerator, Embodied, Region, accelerators, embodied_table, model, regions
from ..exports import FORMATS, ExportFormat
from ..exports.atom_export import section_feed_path
from ..freshness.snapshot import Snapshot
from ..languages import language_name
from ..licences import EXPRESSION_WORDS, LicenceError, class_beside, expression_tokens, spdx_list
from ..model import Obligation, Phase, Practice, Resource, Section
from ..paper import PAPER, PAPER_AUTHORS, catalog_bibtex, paper_bibtex
from ..plan import RELEASES, STAGES, Plan, make_plan
from ..quality import needs_languages
from ..stats import CORE_MODALITIES, stats
from ..vocab import (
    ACCESS_LEVELS,
    COMMERCIAL_USE,
    COMMERCIAL_USE_LABELS,
    COMMERCIAL_USE_SHORT,
    LANGUAGE_COVERAGE,
    LICENCE_CLASSES,
    LICENCE_SPECIAL,
    LINK_NOUNS,
    LINK_TYPES,
    MODALITIES,
    RESOURCE_TYPES,
)
from . import charts
from .config import SiteConfig
from .credits import git_authors
from .plandata import plan_languages
from .preview import KINDS as PREVIEW_KINDS
from .preview import preview_path
from .render import link
from .searchdata import FACETS

BROWSE_PAGE_SIZE = 60
# Facts whose sources the resource page shows right after the fact itself.
SOURCED_INLINE = frozenset({"released", "licence", "languages", "access", "status"})
RECENT_COUNT = 8
# Names longer than this make the main link's button say where it leads instead (see go_to_label).
GO_TO_NAME_LIMIT = 32
START_HERE_MIN, START_HERE_MAX = 3, 5
# Month names spelled out here, not by the locale, so every build writes the same pages.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SITE_DESCRIPTION = (
    "A curated catalog of tools and resources for developing foundation models responsibly, from data "
    "sourcing to release, for text, vision and speech."
)


@dataclass(frozen=True)
class LicencePart:
    """One piece of a licence as a page writes it: a licence's name and text, or a word joining them."""

    label: str
    url: str | None
    operator: bool = False

    @property
    def html(self) -> Markup:
        """The label with each hyphenated word kept on one line: "BSD 3-Clause", never "BSD 3-" / "Clause"."""
        words = [
            Markup('<span class="nowrap">{}</span>').format(word) if "-" in word else Markup.escape(word)
            for word in self.label.split(" ")
        ]
        return Markup(" ").join(words)


@dataclass(frozen=True)
class Page:
    """One HTML page: where it is written, how it is found, and what it shows."""

    path: str
    url_path: str
    title: str
    description: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    root_path: str | None = None
    in_sitemap: bool = True
    kind: str = "page"
    # The Atom feed that follows what this page lists: (path, title).
    feed: tuple[str, str] | None = None


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A browse filter: its URL parameter, its legend and its values with catalog-wide counts."""

    name: str
    legend: str
    options: list[FacetOption]


@dataclass
class SiteView:
    """What every template can ask of the catalog and the build settings."""

    catalog: Catalog
    config: SiteConfig
    health: Snapshot = field(default_factory=Snapshot)

    def section_title(self, section_id: str) -> str:
        return self.catalog.sections[section_id].title

    def phase_of(self, section_id: str) -> Phase:
        return self.catalog.phase_of(section_id)

    def resources_in(self, section_id: str) -> list[Resource]:
        return self.catalog.in_section(section_id)

    def start_here(self, section_id: str) -> list[Resource]:
        """The three to five resources to open first: those the section's practices cite most
        (Catalog.highlights), topped up to three by the same ranking when few are cited."""
        cited = self.citations(section_id)
        ranked = self.catalog.highlights(section_id, START_HERE_MAX)
        chosen = [r for r in ranked if r.featured or cited.get(r.id)]
        return chosen if len(chosen) >= START_HERE_MIN else ranked[:START_HERE_MIN]

    def citations(self, section_id: str) -> dict[str, int]:
        """How many of the section's practices cite each resource."""
        counts: Counter[str] = Counter()
        for practice in self.catalog.section(section_id).practices:
            counts.update(practice.cited)
        return dict(counts)

    def lead(self, resource: Resource) -> str:
        """The first sentence of the description: what the resource is."""
        return sentences.first(resource.description)

    def count(self, section_id: str) -> int:
        return self.catalog.section_counts[section_id]

    def licence_class(self, resource: Resource) -> str:
        return self.catalog.licence_class(resource)

    def go_to_names(self, resource: Resource) -> bool:
        """Whether the main link's button names the resource (a short name) or says where it leads."""
        return len(resource.name) <= GO_TO_NAME_LIMIT

    def go_to_label(self, resource: Resource) -> str:
        """The main link's button text: the resource's name, or what the link leads to when the name is long.

        A paper's full title on a button wraps to four lines on a phone; the page heading already names it.
        """
        if self.go_to_names(resource):
            return f"Go to {resource.name}"
        return f"Go to the {LINK_NOUNS[resource.primary_link]}"

    def licence_class_beside(self, resource: Resource) -> str | None:
        """The class shown after the licence's name on a resource page (none where it would repeat it)."""
        name = self.licence_name(resource)
        return None if name is None else class_beside(name, self.licence_class(resource))

    def licence_name(self, resource: Resource) -> str | None:
        value = resource.licence
        if value is None:
            return None
        custom = self.catalog.licences.get(value)
        return custom.name if custom else value

    def licence_parts(self, resource: Resource) -> list[LicencePart]:
        """The licence as the page writes it: each id of an expression named and linked on its own.

        "MIT AND Apache-2.0 AND BSD-3-Clause" links three licence texts, and a narrow screen
        breaks the line between the ids, never inside one ("BSD-3-" / "Clause").
        """
        value = resource.licence
        if value is None:
            return []
        try:
            tokens = [value] if value in LICENCE_SPECIAL else expression_tokens(value)
        except LicenceError:
            return [LicencePart(value, None)]
        return [self._licence_part(token) for token in tokens]

    def _licence_part(self, token: str) -> LicencePart:
        """A word of an expression, or a licence: its declared name and text, or an SPDX id and its page."""
        if token in EXPRESSION_WORDS:
            return LicencePart(token, None, operator=True)
        custom = self.catalog.licences.get(token)
        if custom is not None:
            return LicencePart(custom.name, custom.url)
        url = f"https://spdx.org/licenses/{token}.html" if token in spdx_list().licenses else None
        return LicencePart(token, url)

    def commercial_use(self, resource: Resource) -> str:
        return self.catalog.commercial_use(resource)

    def commercial_use_label(self, value: str) -> str:
        return COMMERCIAL_USE_LABELS[value]

    # -- what a page tells machines: preview image, structured data -------------------

    def preview_image(self, page: Page) -> str:
        return preview_path(page.kind)

    def preview_alt(self, page: Page) -> str:
        heading, line = PREVIEW_KINDS.get(page.kind, PREVIEW_KINDS["home"])
        return f"{heading}: {line}."

    def trail(self, page: Page) -> list[tuple[str, str]]:
        """The page's place in the site, from the home page: (name, site path)."""
        crumbs = [("Home", "")]
        if page.kind == "home":
            return crumbs
        phase = page.context.get("phase")
        resource = page.context.get("resource")
        if resource is not None:
            section = self.catalog.sections[resource.sections[0]]
            phase = self.phase_of(section.id)
            return [
                *crumbs,
                (phase.title, f"phases/{phase.id}/"),
                (section.title, f"sections/{section.id}/"),
                (resource.name, page.url_path),
            ]
        if phase is not None:
            crumbs.append((phase.title, f"phases/{phase.id}/"))
            shown = page.context.get("section")
            if shown is not None:
                crumbs.append((shown.title, page.url_path))
            return crumbs
        return [*crumbs, (page.title.split(" · ")[0], page.url_path)]

    def json_ld(self, page: Page) -> Markup:
        """schema.org data for the page: the site and its search on the home page, the catalog as a
        Dataset on the home and browse pages, and the breadcrumb trail everywhere else."""

        def url(path: str) -> str:
            return self.config.absolute(path) or link(path, page)

        graph: list[dict[str, Any]] = []
        if page.kind == "home":
            graph.append(
                {
                    "@type": "WebSite",
                    "name": self.config.title,
                    "url": url(""),
                    "description": SITE_DESCRIPTION,
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {"@type": "EntryPoint", "urlTemplate": url("browse/") + "?q={search_term_string}"},
                        "query-input": "required name=search_term_string",
                    },
                }
            )
        if page.kind in ("home", "browse", "about"):
            graph.append(self._dataset(url))
        if page.kind not in ("home", "404"):
            graph.append(
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": n, "name": name, "item": url(path)}
                        for n, (name, path) in enumerate(self.trail(page), 1)
                    ],
                }
            )
        text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, sort_keys=True)
        # Inside <script>, "</" and "<!--" must never appear; JSON allows these escapes anywhere.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return Markup(text)

    def _dataset(self, url: Any) -> dict[str, Any]:
        mime = {
            "pdf": "application/pdf",
            "pdf-full": "application/pdf",
            "csv": "text/csv",
            "json": "application/json",
            "jsonl": "application/jsonl",
            "markdown": "text/markdown",
            "bibtex": "application/x-bibtex",
            "croissant": "application/ld+json",
            "sqlite": "application/vnd.sqlite3",
            "datasette": "application/json",
            "atom": "application/atom+xml",
        }
        return {
            "@type": "Dataset",
            "name": self.config.title,
            "description": SITE_DESCRIPTION,
            "url": url("browse/"),
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "isAccessibleForFree": True,
            "dateModified": self.today().isoformat(),
            "keywords": ["foundation models", "responsible AI", "datasets", "benchmarks", "tools"],
            "isBasedOn": {"@type": "ScholarlyArticle", "name": PAPER["title"], "url": PAPER["url"]},
            "creator": {"@type": "Organization", "name": "Foundation Model Development Cheatsheet contributors"},
            "distribution": [
                {"@type": "DataDownload", "name": f.label, "encodingFormat": mime[f.name], "contentUrl": url(f.path)}
                for f in FORMATS.values()
            ],
        }

    # -- the paper, citing the catalog, credits ------------------------------------------

    def paper(self) -> dict[str, str]:
        return PAPER

    def paper_authors(self) -> tuple[str, ...]:
        return PAPER_AUTHORS

    def paper_bibtex(self) -> str:
        return paper_bibtex()

    def catalog_bibtex(self) -> str:
        return catalog_bibtex(self.config.absolute(""))

    @cached_property
    def _contributors(self) -> list[tuple[str, int]]:
        return git_authors(self.catalog.root)

    def contributors(self) -> list[tuple[str, int]]:
        return self._contributors

    def commercial_short(self, value: str) -> str:
        return COMMERCIAL_USE_SHORT[value]

    def commercial_use_choices(self) -> list[tuple[str, str, str]]:
        return [(value, COMMERCIAL_USE_LABELS[value], meaning) for value, meaning in COMMERCIAL_USE.items()]

    def resource(self, resource_id: str) -> Resource | None:
        return self.catalog.resources.get(resource_id)

    def other_evidence(self, resource: Resource) -> list[tuple[str, str]]:
        """Sources for facts the page does not show next to a field (description numbers, name, ...).

        A fact with several sources numbers them ("description 1", "description 2"), as the
        sources next to a field do, so no two links on the page read the same.
        """
        return [
            (name.replace("_", " ") + (f" {number}" if len(urls) > 1 else ""), url)
            for name, urls in resource.evidence.items()
            if name not in SOURCED_INLINE
            for number, url in enumerate(urls, start=1)
        ]

    def needs_languages(self, resource: Resource) -> bool:
        return needs_languages(resource)

    def language_names(self, resource: Resource) -> list[str]:
        if resource.languages is None:
            return []
        return [language_name(code) for code in resource.languages.codes]

    def related(self, resource: Resource) -> list[Resource]:
        return self.catalog.related(resource)

    def bibtex(self, resource: Resource) -> str | None:
        return bibtex_entry(resource) if has_citation(resource) else None

    def edit_url(self, resource: Resource) -> str | None:
        return self.config.edit_url(f"catalog/resources/{resource.id}.yaml")

    def recent(self) -> list[Resource]:
        current = [r for r in self.catalog if not r.is_retired]
        dated = sorted(current, key=lambda r: (r.added or "", r.released or "", r.name.lower()), reverse=True)
        return dated[:RECENT_COUNT]

    def total(self) -> int:
        return len(self.catalog)

    def export_formats(self) -> list[ExportFormat]:
        return list(FORMATS.values())

    def verified_count(self) -> int:
        return sum(1 for r in self.catalog if r.verified)

    def type_choices(self) -> list[tuple[str, str]]:
        return list(RESOURCE_TYPES.items())

    def modality_choices(self) -> list[str]:
        return list(MODALITIES)

    def link_choices(self) -> list[tuple[str, str]]:
        return list(LINK_TYPES.items())

    def coverage_choices(self) -> list[tuple[str, str]]:
        return list(LANGUAGE_COVERAGE.items())

    def access_choices(self) -> list[tuple[str, str]]:
        return list(ACCESS_LEVELS.items())

    def common_licences(self) -> list[str]:
        """Licences already used in the catalog, most used first, for the form's suggestions."""
        used = Counter(r.licence for r in self.catalog if r.licence)
        return [value for value, _ in sorted(used.items(), key=lambda item: (-item[1], item[0]))]

    # -- guidance and the law and standards timeline -----------------------------

    def timeline(self) -> list[Obligation]:
        return self.catalog.timeline

    def timeline_years(self) -> list[tuple[str, list[Obligation]]]:
        """Timeline entries grouped by the year they apply, earliest first."""
        years: dict[str, list[Obligation]] = {}
        for entry in self.catalog.timeline:
            years.setdefault(entry.applies[:4], []).append(entry)
        return list(years.items())

    def obligation(self, entry_id: str) -> Obligation:
        return self.catalog.obligation(entry_id)

    def practices_for(self, entry_id: str) -> list[tuple[Section, Practice]]:
        return self.catalog.practices_for(entry_id)

    def in_force(self, day: str) -> bool:
        """Whether a date has passed on the catalog's own date (see today())."""
        return dt.date.fromisoformat(day) <= self.today()

    def host(self, url: str) -> str:
        """The site a source link points to, shown as the link's text."""
        return (urlsplit(url).hostname or url).removeprefix("www.")

    def long_date(self, day: str) -> str:
        """2026-08-02 as '2 August 2026'."""
        date = dt.date.fromisoformat(day)
        return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"

    def default_plan(self) -> Plan:
        return make_plan(self.catalog, list(CORE_MODALITIES), [], None, "open-weights")

    def accelerator_choices(self) -> list[Accelerator]:
        return list(accelerators().values())

    def region_choices(self) -> list[Region]:
        return list(regions().values())

    def embodied_choices(self) -> list[Embodied]:
        return list(embodied_table().values())

    def estimator_model(self) -> dict[str, Any]:
        return model()

    def plan_languages(self) -> dict[str, str]:
        return plan_languages(self.catalog)

    def stage_choices(self) -> list[str]:
        return list(STAGES)

    def release_choices(self) -> list[str]:
        return list(RELEASES)

    @cached_property
    def _stats(self) -> dict[str, Any]:
        return stats(self.catalog)

    def stats(self) -> dict[str, Any]:
        return self._stats

    def coverage_parts(self) -> list[str]:
        return [*LANGUAGE_COVERAGE, "unspecified"]

    def chart_sections(self, data: dict[str, Any]) -> Markup:
        rows = [(s["title"], [s["counts"][m] for m in data["modalities"]]) for s in data["by_section"]]
        return charts.heatmap("chart-sections", "Resources by section and modality", rows, data["modalities"])

    def chart_languages(self, data: dict[str, Any]) -> Markup:
        parts = self.coverage_parts()
        rows = [(s["title"], [s["languages"][k] for k in parts]) for s in data["by_section"]]
        return charts.stacked("chart-languages", "Language coverage by section", rows, parts)

    def chart_years(self, data: dict[str, Any]) -> Markup:
        return charts.bars("chart-years", "Resources by release year", list(data["by_year"].items()), 80)

    def chart_licences(self, data: dict[str, Any]) -> Markup:
        return charts.bars("chart-licences", "Resources by licence class", list(data["licences"].items()))

    def health_of(self, resource: Resource) -> dict[str, Any]:
        """Link status, last verification and repository activity for a resource page."""
        rid = resource.id
        return {
            "verified": self.health.last_verified(rid),
            "problems": self.health.link_problems(rid),
            "repository": self.health.repository(rid),
            "archived": self.health.is_archived(rid),
            "stale": self.health.is_stale(rid, self.today()),
            "links": self.health.links.get(rid, {}),
        }

    @cached_property
    def _today(self) -> dt.date:
        days = [d for r in self.catalog for d in (r.added, r.verified) if d]
        days += [s.reviewed for s in self.catalog.sections.values() if s.reviewed]
        days += [e.reviewed for e in self.catalog.regulation.entries]
        return dt.date.fromisoformat(max(days)) if days else dt.date(1970, 1, 1)

    def today(self) -> dt.date:
        """The catalog's own date (its latest added, verified or reviewed day), so builds never depend on
        the clock."""
        return self._today

    def health_report(self) -> dict[str, list[Any]]:
        """Everything a curator should fix, by kind."""
        broken, moved, archived, stale, restricted = [], [], [], [], []
        for resource in self.catalog:
            rid = resource.id
            for kind, check in sorted(self.health.links.get(rid, {}).items()):
                if check.is_problem:
                    broken.append((resource, kind, check))
                elif check.status == "restricted":
                    restricted.append((resource, kind, check))
                if check.permanent:
                    moved.append((resource, kind, check))
            if self.health.is_archived(rid):
                archived.append(resource)
            elif self.health.is_stale(rid, self.today()):
                stale.append(resource)
        return {"broken": broken, "moved": moved, "archived": archived, "stale": stale, "restricted": restricted}

    def facets(self) -> list[Facet]:
        """The browse page's filters; the names match the URL parameters app.js reads."""
        catalog = self.catalog
        counts: dict[str, Counter[str]] = {name: Counter() for name, _, _ in FACETS}
        for resource in catalog:
            counts["phase"].update(catalog.phases_of(resource))
            counts["section"].update(resource.sections)
            counts["modality"].update(resource.modalities)
            counts["type"][resource.type] += 1
            counts["licence"][catalog.licence_class(resource)] += 1
            counts["use"][catalog.commercial_use(resource)] += 1
            if resource.languages is not None:
                counts["coverage"][resource.languages.coverage] += 1
        choices: dict[str, list[tuple[str, str]]] = {
            "phase": [(p.id, p.title) for p in catalog.phases],
            "section": [(sid, s.title) for sid, s in catalog.sections.items()],
            "modality": [(v, v) for v in MODALITIES],
            "type": [(v, v) for v in RESOURCE_TYPES],
            "licence": [(v, v) for v in LICENCE_CLASSES],
            "use": list(COMMERCIAL_USE_LABELS.items()),
            "coverage": [(v, v) for v in LANGUAGE_COVERAGE],
        }
        return [
            Facet(name, legend, [FacetOption(v, label, counts[name][v]) for v, label in choices[name]])
            for name, _, legend in FACETS
        ]


def plan_pages(catalog: Catalog, config: SiteConfig) -> list[Page]:
    """Every HTML page of the site, in a fixed order."""
    pages = [
        Page(
            "index.html",
            "",
            config.title,
            SITE_DESCRIPTION,
            "index.html",
            kind="home",
        )
    ]
    for phase in catalog.phases:
        pages.append(
            Page(
                f"phases/{phase.id}/index.html",
                f"phases/{phase.id}/",
                f"{phase.title} · {config.title}",
                _summary(phase.overview),
                "phase.html",
                {"phase": phase},
                kind="phase",
                feed=(f"feeds/phases/{phase.id}.atom", f"Changes in {phase.title}"),
            )
        )
        for section_id in phase.sections:
            section = catalog.sections[section_id]
            pages.append(
                Page(
                    f"sections/{section.id}/index.html",
                    f"sections/{section.id}/",
                    f"{section.title} · {config.title}",
                    _summary(section.scope),
                    "section.html",
                    {"phase": phase, "section": section},
                    kind="section",
                    feed=(section_feed_path(section.id), f"Changes in {section.title}"),
                )
            )
    for resource in catalog:
        pages.append(
            Page(
                f"resources/{resource.id}/index.html",
                f"resources/{resource.id}/",
                f"{resource.name} · {config.title}",
                _summary(resource.description),
                "resource.html",
                {"resource": resource},
                kind="resource",
                feed=(
                    section_feed_path(resource.sections[0]),
                    f"Changes in {catalog.sections[resource.sections[0]].title}",
                ),
            )
        )
    pages.extend(_browse_pages(catalog, config))
    pages.append(Page("about/index.html", "about/", f"About · {config.title}", _ABOUT, "about.html", kind="about"))
    pages.append(
        Page(
            "credits/index.html",
            "credits/",
            f"Credits · {config.title}",
            "The authors of the paper this catalog implements, and everyone whose changes are in its history.",
            "credits.html",
            kind="credits",
        )
    )
    pages.append(
        Page(
            "contribute/index.html",
            "contribute/",
            f"Contribute · {config.title}",
            "How to add or correct a resource in the cheatsheet.",
            "contribute.html",
            kind="contribute",
        )
    )
    pages.append(
        Page(
            "suggest/index.html",
            "suggest/",
            f"Suggest a resource · {config.title}",
            "Propose a tool, dataset or guide for the cheatsheet: the form checks it and creates the file.",
            "suggest.html",
            kind="suggest",
        )
    )
    for path, title, description, template, kind in (
        (
            "plan",
            "Project checklist",
            "Best practices and starting resources matched to your modalities, languages and stages.",
            "plan.html",
            "plan",
        ),
        (
            "timeline",
            "Law and standards timeline",
            "Dated legal duties and standards that touch foundation-model development, who they bind, and "
            "the practices and resources that help meet them.",
            "timeline.html",
            "timeline",
        ),
        (
            "estimate",
            "Compute, energy and carbon estimator",
            "Training and serving compute, energy, emissions and water, with ranges, sources and a model-card report.",
            "estimate.html",
            "estimate",
        ),
        (
            "licences",
            "Licence check",
            "Can these datasets, models and tools be used together, commercially, and what must you do?",
            "licences.html",
            "licences",
        ),
        (
            "compare",
            "Compare resources",
            "Two to four resources side by side: licence, commercial use, access, languages, status and caveats.",
            "compare.html",
            "compare",
        ),
        (
            "health",
            "Catalog health",
            "Broken and moved links, archived and inactive projects: what curators should fix next.",
            "health.html",
            "health",
        ),
        (
            "gaps",
            "Coverage gap map",
            "Where tooling is plentiful and where it is scarce, by phase, modality and language.",
            "gaps.html",
            "gaps",
        ),
    ):
        pages.append(
            Page(f"{path}/index.html", f"{path}/", f"{title} · {config.title}", description, template, kind=kind)
        )
    root = _url_root(config)
    pages.append(
        Page(
            "404.html",
            "404.html",
            f"Page not found · {config.title}",
            "This page does not exist.",
            "404.html",
            root_path=root,
            in_sitemap=False,
            kind="404",
        )
    )
    return pages


_ABOUT = "What the Foundation Model Development Cheatsheet covers, how entries are chosen and verified."


def _browse_pages(catalog: Catalog, config: SiteConfig) -> list[Page]:
    # Retired entries stay reachable but come last: they are what not to use.
    everything = sorted(catalog, key=lambda r: (r.is_retired, r.name.lower()))
    count = max(1, math.ceil(len(everything) / BROWSE_PAGE_SIZE))
    pages = []
    for number in range(1, count + 1):
        chunk = everything[(number - 1) * BROWSE_PAGE_SIZE : number * BROWSE_PAGE_SIZE]
        folder = "browse/" if number == 1 else f"browse/{number}/"
        title = "Browse all resources" if number == 1 else f"Browse all resources, page {number}"
        pages.append(
            Page(
                f"{folder}index.html",
                folder,
                f"{title} · {config.title}",
                f"All {len(everything)} resources of the cheatsheet, with filters by phase, modality, type, "
                "licence and language.",
                "browse.html",
                {"resources": chunk, "number": number, "count": count, "first": (number - 1) * BROWSE_PAGE_SIZE},
                kind="browse",
            )
        )
    return pages


def _summary(text: str, limit: int = 160) -> str:
    """A meta description: the first sentence, or the text cut at a word boundary."""
    first = text.split(". ")[0].strip()
    candidate = first if first.endswith(".") else first + "."
    if len(candidate) <= limit:
        return candidate
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _url_root(config: SiteConfig) -> str:
    return urlsplit(config.base_url or "/").path or "/"
