"""The built site, checked by parsing its files: pages, links, API, metadata, escaping, determinism."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.serialize import resource_dict
from fmcheatsheet.site.linkcheck import broken_links, parse
from tests.factory import resource
from tests.sitehelpers import TEST_REPO, build


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    return bundled_site


def html_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


class Elements(HTMLParser):
    """Collects (tag, attrs) of every start tag, the text of <script> elements that would run, and
    the JSON-LD data blocks (which browsers never run, so the Content-Security-Policy allows them)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self.data_blocks: list[str] = []
        self._in: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = self.data_blocks if dict(attrs).get("type") == "application/ld+json" else self.inline_scripts
        else:
            self._in = None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None and data.strip():
            self._in.append(data)


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_resource_has_a_page(site: Path, catalog: Catalog) -> None:
    for item in catalog:
        page = site / "resources" / item.id / "index.html"
        assert page.is_file(), item.id
        assert '<h1 id="resource-title">' in page.read_text(encoding="utf-8")


def test_every_section_page_lists_exactly_its_resources(site: Path, catalog: Catalog) -> None:
    for section_id in catalog.sections:
        page = (site / "sections" / section_id / "index.html").read_text(encoding="utf-8")
        page = page[page.index('id="all-resources"') :]
        listed = re.findall(r'<h3 class="card-title"><a href="\.\./\.\./resources/([a-z0-9-]+)/">', page)
        assert listed == [r.id for r in catalog.in_section(section_id)], section_id


def test_section_pages_start_with_the_resources_their_practices_cite_most(site: Path, catalog: Catalog) -> None:
    page = (site / "sections" / "deduplication" / "index.html").read_text(encoding="utf-8")
    start = page[page.index('id="start-here"') : page.index('id="practices"')]
    shown = re.findall(r'<h3 class="card-title"><a href="\.\./\.\./resources/([a-z0-9-]+)/">', start)
    assert 3 <= len(shown) <= 5
    cited: dict[str, int] = {}
    for practice in catalog.section("deduplication").practices:
        for rid in practice.cited:
            cited[rid] = cited.get(rid, 0) + 1
    assert shown == [r.id for r in catalog.highlights("deduplication", 5) if r.id in shown]
    assert all(cited.get(rid) for rid in shown)
    most = max(cited.values())
    assert any(cited[rid] == most for rid in shown)
    # The practices form a numbered checklist.
    assert page.count('<span class="practice-number" aria-hidden="true">') == len(
        catalog.section("deduplication").practices
    )


def test_a_section_lists_every_resource_by_its_first_sentence_and_its_starting_points_in_full(
    site: Path, catalog: Catalog
) -> None:
    from fmcheatsheet.sentences import first

    page = html.unescape((site / "sections" / "risk-evaluation" / "index.html").read_text(encoding="utf-8"))
    start = page[page.index('id="start-here"') : page.index('id="practices"')]
    listing = page[page.index('id="all-resources"') :]
    texts = dict(re.findall(r'resources/([a-z0-9-]+)/">.*?<p class="card-text">(.*?)</p>', listing, re.S))
    section = catalog.in_section("risk-evaluation")
    assert texts == {r.id: first(r.description) for r in section}
    assert any(len(text) < len(catalog.resources[rid].description) for rid, text in texts.items())
    started = re.findall(r'resources/([a-z0-9-]+)/">.*?<p class="card-text">(.*?)</p>', start, re.S)
    assert started and all(text == catalog.resources[rid].description for rid, text in started)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert broken_links(html_files(site)) == []


def test_the_404_page_links_from_the_site_root(site: Path) -> None:
    links = parse((site / "404.html").read_bytes()).links
    internal = [link for link in links if not link.startswith(("http", "#"))]
    assert internal and all(link.startswith("/") for link in internal)
    for link in internal:
        target = link.split("#")[0].split("?")[0].lstrip("/")
        assert (site / target).exists() or (site / target / "index.html").exists(), link


def test_browse_pages_list_every_resource_without_javascript(site: Path, catalog: Catalog) -> None:
    found: list[str] = []
    for page in sorted(site.glob("browse/**/index.html")):
        found += re.findall(r'resources/([a-z0-9-]+)/">', page.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(r.id for r in catalog)


def test_api_objects_are_the_cli_json_objects(site: Path, catalog: Catalog) -> None:
    listed = json.loads((site / "api" / "resources.json").read_text(encoding="utf-8"))
    assert listed == [resource_dict(catalog, r) for r in catalog]
    one = json.loads((site / "api" / "resources" / "the-pile.json").read_text(encoding="utf-8"))
    assert one == resource_dict(catalog, catalog.get("the-pile"))
    sections = json.loads((site / "api" / "sections.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in sections] == [p.id for p in catalog.phases]


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "sections/deduplication/index.html",
        "browse/index.html",
        "resources/the-pile/index.html",
        "about/index.html",
        "contribute/index.html",
        "phases/model-evaluation/index.html",
        "404.html",
    ],
)
def test_pages_have_metadata_and_a_strict_policy(site: Path, page: str) -> None:
    parsed = elements(site / page)
    metas = {
        (a.get("name") or a.get("property") or a.get("http-equiv")): a.get("content")
        for t, a in parsed.tags
        if t == "meta"
    }
    assert metas["description"] and len(metas["description"]) <= 170
    for key in ("og:title", "og:description", "og:url", "og:type"):
        assert metas[key]
    csp = metas["Content-Security-Policy"] or ""
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert parsed.inline_scripts == []
    assert not any("style" in attrs for _, attrs in parsed.tags), "inline styles break the CSP"
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert any(t == "link" and a.get("rel") == "icon" for t, a in parsed.tags)


def json_ld(site: Path, page: str) -> dict[str, Any]:
    """The page's schema.org objects by @type."""
    blocks = elements(site / page).data_blocks
    assert len(blocks) == 1 and "</" not in blocks[0]
    return {item["@type"]: item for item in json.loads(blocks[0])["@graph"]}


def test_home_page_offers_the_site_search_and_the_catalog_as_a_dataset(site: Path) -> None:
    found = json_ld(site, "index.html")
    action = found["WebSite"]["potentialAction"]
    assert action["target"]["urlTemplate"] == "http://127.0.0.1:8000/browse/?q={search_term_string}"
    downloads = found["Dataset"]["distribution"]
    assert {d["contentUrl"] for d in downloads} >= {"http://127.0.0.1:8000/exports/resources.csv"}
    for download in downloads:
        assert (site / download["contentUrl"].removeprefix("http://127.0.0.1:8000/")).is_file()


def test_resource_page_breadcrumbs_for_machines_match_the_visible_ones(site: Path) -> None:
    trail = json_ld(site, "resources/the-pile/index.html")["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in trail] == ["Home", "Data sources", "Pretraining data sources", "The Pile"]
    assert trail[-1]["item"] == "http://127.0.0.1:8000/resources/the-pile/"
    page = (site / "resources" / "the-pile" / "index.html").read_text(encoding="utf-8")
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in page


@pytest.mark.parametrize(("page", "kind"), [("index.html", "home"), ("resources/the-pile/index.html", "resource")])
def test_every_page_has_a_preview_image_of_its_kind(site: Path, page: str, kind: str) -> None:
    metas = {a.get("property") or a.get("name"): a.get("content") for t, a in elements(site / page).tags if t == "meta"}
    image = metas["og:image"] or ""
    assert image == f"http://127.0.0.1:8000/static/preview-{kind}.png" == metas["twitter:image"]
    assert metas["twitter:card"] == "summary_large_image"
    data = (site / image.removeprefix("http://127.0.0.1:8000/")).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200 and int.from_bytes(data[20:24], "big") == 630


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as built with no public address and no repository (a small catalog is enough:
    addresses come from the configuration, not from the entries)."""
    from fmcheatsheet.site import SiteConfig, build_site
    from tests.factory import write_catalog

    root = tmp_path_factory.mktemp("plain")
    entries = [
        resource("the-pile", type="dataset", links={"paper": "https://arxiv.org/abs/2101.00027"}),
        resource("text-dedup"),
    ]
    build_site(Catalog.load(write_catalog(root / "catalog", entries)), root / "site", SiteConfig())
    return root / "site"


def test_without_a_public_address_no_page_names_one(plain_site: Path) -> None:
    for path in ["index.html", "resources/the-pile/index.html", "feed.atom", "exports/croissant.json"]:
        text = (plain_site / path).read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "localhost" not in text, path
    assert not (plain_site / "sitemap.xml").exists()
    assert "Sitemap" not in (plain_site / "robots.txt").read_text(encoding="utf-8")
    home = (plain_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home and 'content="static/preview-home.png"' in home


def test_external_links_carry_noopener(site: Path) -> None:
    for path in [site / "resources" / "the-pile" / "index.html", site / "sections" / "pretraining-data" / "index.html"]:
        for tag, attrs in elements(path).tags:
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith("http"):
                assert "noopener" in (attrs.get("rel") or ""), href


def test_resource_page_shows_fields_citation_related_and_edit_link(site: Path, catalog: Catalog) -> None:
    page = (site / "resources" / "the-pile" / "index.html").read_text(encoding="utf-8")
    assert "@misc{thepile2020," in page
    assert "eprint = {2101.00027}" in page
    assert f'href="{TEST_REPO}/edit/main/catalog/resources/the-pile.yaml"' in page
    assert 'id="related"' in page
    labels = re.findall(r"<dt>(?:<svg[^>]*>.*?</svg>)?([^<]+)</dt>", page)
    key_facts = page[page.index('class="key-facts"') : page.index('id="description"')]
    for label in ("Type", "Modalities", "Licence", "Commercial use", "Access", "Languages", "Released", "Verified"):
        assert label in labels and f"{label}</dt>" in key_facts, label
    assert "Sections" in labels
    # Each fact keeps the link to the page that states it.
    assert key_facts.count('class="source"') == sum(
        len(urls)
        for field, urls in catalog.get("the-pile").evidence.items()
        if field in ("licence", "released", "languages", "access")
    )
    assert 'data-copy="bibtex"' in page
    # The readers' questions it answers follow the description.
    asked = page[page.index('id="questions"') : page.index('id="details"')]
    for question in catalog.get("the-pile").questions:
        assert f"<li>{question}</li>" in html.unescape(asked)


def test_the_main_link_button_names_short_resources_and_says_where_long_ones_lead(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    short = resource("short-tool", name="Short Tool")
    long_title = resource(
        "long-paper",
        name="A Very Long Paper Title That Would Wrap Over Several Lines",
        type="paper",
        links={"paper": "https://arxiv.org/abs/2305.15425"},
    )
    site = build(Catalog.load(make_catalog([short, long_title])), tmp_path / "site")
    short_page = (site / "resources" / "short-tool" / "index.html").read_text(encoding="utf-8")
    assert "Go to Short Tool</a>" in short_page and 'class="link-host"' in short_page
    long_page = (site / "resources" / "long-paper" / "index.html").read_text(encoding="utf-8")
    assert "Go to the paper</a>" in long_page and 'class="link-host"' not in long_page
    # Every kind of main link has a noun for the button, so no long name falls back to a KeyError.
    from fmcheatsheet.vocab import LINK_NOUNS, LINK_TYPES

    assert set(LINK_NOUNS) == set(LINK_TYPES)


def test_sitemap_and_robots(site: Path, catalog: Catalog) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # home, browse, about, credits, contribute, suggest, plan, timeline, estimate, licences, compare, health, gaps
    fixed_pages = 13
    later_browse_pages = len(list(site.glob("browse/*/index.html")))
    expected = len(catalog) + len(catalog.sections) + len(catalog.phases) + fixed_pages
    assert sitemap.count("<loc>") == expected + later_browse_pages
    assert "<loc>http://127.0.0.1:8000/resources/the-pile/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_catalog_text_is_escaped(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    root = make_catalog(
        [resource("hostile", name=hostile, description=hostile + " " + "a description " * 4, tags=["x"])]
    )
    site = build(Catalog.load(root), tmp_path / "site")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
    assert "&lt;script&gt;alert" in (site / "resources" / "hostile" / "index.html").read_text(encoding="utf-8")


def test_without_a_repository_edit_links_lead_to_the_guide(plain_site: Path) -> None:
    page = (plain_site / "resources" / "the-pile" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../contribute/#edit"' in page


def first_view(site: Path, page: str) -> set[Path]:
    """Every file a browser fetches to show ``page``: the page, its stylesheet, icons and scripts with
    the modules they import statically (the browse page's own module starts at once, so it counts)."""
    html = (site / page).read_text(encoding="utf-8")
    found = {site / page}
    found |= {(site / page).parent / ref for ref in re.findall(r'(?:src|href)="([^"?#]+\.(?:js|css|svg))[?"]', html)}
    if 'data-page="browse"' in html and (site / "static" / "browse.js").exists():
        found.add(site / "static" / "browse.js")
    modules = [f for f in found if f.suffix == ".js"]
    while modules:
        module = modules.pop()
        for name in re.findall(r'^import .* from "\./([\w-]+\.js)";', module.read_text(encoding="utf-8"), re.M):
            if (module.parent / name) not in found:
                found.add(module.parent / name)
                modules.append(module.parent / name)
    return {f.resolve() for f in found}


def test_first_view_of_each_page_type_is_small(site: Path) -> None:
    import gzip

    for page in [
        "index.html",
        "sections/risk-evaluation/index.html",
        "browse/index.html",
        "resources/the-pile/index.html",
    ]:
        files = first_view(site, page)
        assert {f.name for f in files} >= {"style.css", "app.js", "icons.svg"}
        total = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
        assert total < 50_000, (page, total)


def test_every_type_modality_access_level_and_link_kind_has_an_icon() -> None:
    from fmcheatsheet.icons import symbols
    from fmcheatsheet.vocab import ACCESS_LEVELS, LINK_TYPES, MODALITIES, RESOURCE_TYPES

    missing = {*RESOURCE_TYPES, *MODALITIES, *ACCESS_LEVELS, *LINK_TYPES} - set(symbols())
    assert missing == set()


def test_build_takes_the_public_address_from_the_repository_or_says_links_are_relative(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.conftest import run_cli

    root = make_catalog([resource("only-tool")])
    env = {k: v for k, v in os.environ.items() if k != "FMCHEATSHEET_BASE_URL"}
    alone = run_cli("build", "--catalog", str(root), "-o", str(tmp_path / "alone"), env=env)
    assert alone.code == 0 and "links are relative" in alone.err
    assert not (tmp_path / "alone" / "sitemap.xml").exists()
    (tmp_path / "pyproject.toml").write_text('[tool.fmcheatsheet]\nbase-url = "https://fm.example.org"\n', "utf-8")
    configured = run_cli("build", "--catalog", str(root), "-o", str(tmp_path / "configured"), env=env)
    assert configured.code == 0 and "public address: https://fm.example.org/" in configured.err
    home = (tmp_path / "configured" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://fm.example.org/">' in home
    given = run_cli(
        "build",
        "--catalog",
        str(root),
        "-o",
        str(tmp_path / "given"),
        "--base-url",
        "https://other.example.org/x",
        env=env,
    )
    assert "public address: https://other.example.org/x/" in given.err


def test_the_languages_fact_appears_where_content_has_languages(site: Path, catalog: Catalog) -> None:
    from fmcheatsheet.quality import needs_languages

    def languages_cell(resource_id: str) -> str | None:
        page = (site / "resources" / resource_id / "index.html").read_text(encoding="utf-8")
        match = re.search(r"Languages</dt><dd>(.*?)</dd>", page, re.S)
        return match.group(1) if match else None

    resources = list(catalog.resources.values())
    library = next(r for r in resources if r.type == "library" and r.languages is None)
    unstated = next(r for r in resources if needs_languages(r) and r.languages is None)
    stated = next(r for r in resources if r.languages is not None and r.languages.codes)
    assert languages_cell(library.id) is None, "a library has no languages of its own to state"
    assert languages_cell(unstated.id) == "not stated in the catalog"
    assert stated.languages is not None
    assert stated.languages.coverage in (languages_cell(stated.id) or "")


def test_a_long_language_list_shows_ten_names_and_keeps_the_rest_behind_a_summary(site: Path, catalog: Catalog) -> None:
    from fmcheatsheet.languages import language_name

    many = next(r for r in catalog.resources.values() if r.languages is not None and len(r.languages.codes) > 12)
    few = next(r for r in catalog.resources.values() if r.languages is not None and 2 <= len(r.languages.codes) <= 12)
    names = [language_name(code) for code in many.languages.codes]  # type: ignore[union-attr]
    page = (site / "resources" / many.id / "index.html").read_text(encoding="utf-8")
    cell = re.search(r"Languages</dt><dd>(.*?)</dd>", page, re.S)
    assert cell is not None
    shown, _, hidden = (html.unescape(part) for part in cell.group(1).partition("<details"))
    assert all(name in shown for name in names[:10])
    assert f"{len(names) - 10} more languages</summary>" in hidden
    assert all(name in hidden for name in names[10:])
    short = (site / "resources" / few.id / "index.html").read_text(encoding="utf-8")
    assert "more-languages" not in short


def test_pages_show_licence_links_sources_languages_and_the_catalogs_committers(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    import subprocess

    sourced = resource(
        "sourced-tool",
        licence="BSD-3-Clause",  # an SPDX licence the catalog's own list does not define
        languages={"coverage": "multilingual", "codes": ["en", "sw"]},
        verified="2026-01-02",
        evidence={
            "description": ["https://example.org/about", "https://example.org/paper"],
            "languages": ["https://example.org/languages"],
            "name": ["https://example.org/name"],
        },
    )
    collection = resource("mixed-collection", type="dataset", licence="various")
    bundled = resource("bundled-tool", licence="MIT AND (Apache-2.0 OR BSD-3-Clause)")
    root = make_catalog([sourced, resource("unlicensed-tool", licence="unknown"), collection, bundled])
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for author in ("Ada Lovelace", "Alan Turing", "Ada Lovelace"):  # the credits list the most commits first
        who = {"GIT_AUTHOR_NAME": author, "GIT_COMMITTER_NAME": author}
        who |= {"GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_EMAIL": "a@example.org"}
        commit = ["git", "-C", str(root), "commit", "-q", "--allow-empty", "-m", "an edit"]
        subprocess.run(commit, check=True, env={**os.environ, **who})
    site = build(Catalog.load(root), tmp_path / "site")
    page = (site / "resources" / "sourced-tool" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://spdx.org/licenses/BSD-3-Clause.html"' in page
    assert '<span class="muted">(permissive)</span>' in page
    # A licence value that is its own class is not repeated: "various", not "various (various)".
    mixed = (site / "resources" / "mixed-collection" / "index.html").read_text(encoding="utf-8")
    assert "various" in mixed and "(various)" not in mixed
    assert "Swahili" in page and 'href="https://example.org/about"' in page
    # Facts sourced away from their field are listed together; several sources of one fact are
    # numbered, so no two links read the same.
    other = page[page.index("Other sources") :]
    assert '"https://example.org/about" rel="noopener noreferrer external">description 1<' in other
    assert '"https://example.org/paper" rel="noopener noreferrer external">description 2<' in other
    assert '"https://example.org/name" rel="noopener noreferrer external">name<' in other
    assert "spdx.org" not in (site / "resources" / "unlicensed-tool" / "index.html").read_text(encoding="utf-8")
    # Each licence of an expression links its own text, and a narrow screen never breaks inside an id.
    joined = (site / "resources" / "bundled-tool" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<a href="https://spdx.org/licenses/([^"]+)\.html" rel="noopener noreferrer external">', joined)
    assert ids == ["MIT", "Apache-2.0", "BSD-3-Clause"]
    nowrap = '<span class="nowrap">{}</span>'
    assert ">MIT</a> AND (<a" in joined and f">{nowrap.format('BSD-3-Clause')}</a>)" in joined
    assert f">{nowrap.format('Apache-2.0')}</a> OR <a" in joined
    browse = (site / "browse" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-count="coverage:multilingual">1<', browse)
    credits = (site / "credits" / "index.html").read_text(encoding="utf-8")
    assert "Ada Lovelace" in credits and credits.index("Ada Lovelace") < credits.index("Alan Turing")
