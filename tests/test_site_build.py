"""The built site, checked by parsing its files: pages, links, API, metadata, escaping, determinism."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

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
    """Collects (tag, attrs) of every start tag, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


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
        listed = re.findall(r'<h3 class="card-title"><a href="\.\./\.\./resources/([a-z0-9-]+)/">', page)
        assert listed == [r.id for r in catalog.in_section(section_id)], section_id


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert broken_links(html_files(site)) == []


def test_the_404_page_links_from_the_site_root(site: Path) -> None:
    links = parse((site / "404.html").read_bytes()).links
    internal = [link for link in links if not link.startswith(("http", "#"))]
    assert internal and all(link.startswith("/") for link in internal)
    for link in internal:
        target = link.split("?")[0].lstrip("/")
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


def test_external_links_carry_noopener(site: Path) -> None:
    for path in [site / "resources" / "the-pile" / "index.html", site / "sections" / "pretraining-data" / "index.html"]:
        for tag, attrs in elements(path).tags:
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith("http"):
                assert "noopener" in (attrs.get("rel") or ""), href


def test_resource_page_shows_fields_citation_related_and_edit_link(site: Path) -> None:
    page = (site / "resources" / "the-pile" / "index.html").read_text(encoding="utf-8")
    assert "@misc{thepile2020," in page
    assert "eprint = {2101.00027}" in page
    assert f'href="{TEST_REPO}/edit/main/catalog/resources/the-pile.yaml"' in page
    assert 'id="related"' in page
    for label in ("Type", "Sections", "Modalities", "Released", "Licence"):
        assert f"<dt>{label}</dt>" in page


def test_sitemap_and_robots(site: Path, catalog: Catalog) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # home, browse, about, contribute, suggest, plan, timeline, estimate, licences, compare, health, gaps
    fixed_pages = 12
    later_browse_pages = len(list(site.glob("browse/*/index.html")))
    expected = len(catalog) + len(catalog.sections) + len(catalog.phases) + fixed_pages
    assert sitemap.count("<loc>") == expected + later_browse_pages
    assert "<loc>http://127.0.0.1:8000/resources/the-pile/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(catalog: Catalog, site: Path, tmp_path: Path) -> None:
    again = build(catalog, tmp_path / "elsewhere" / "out")
    assert html_files(again) == html_files(site)


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


def test_without_a_repository_edit_links_lead_to_the_guide(catalog: Catalog, tmp_path: Path) -> None:
    from fmcheatsheet.site import SiteConfig, build_site

    build_site(catalog, tmp_path / "site", SiteConfig())
    page = (tmp_path / "site" / "resources" / "the-pile" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../contribute/#edit"' in page


def test_first_view_of_each_page_type_is_small(site: Path) -> None:
    import gzip

    css = (site / "static" / "style.css").read_bytes()
    js = (site / "static" / "app.js").read_bytes() + (site / "static" / "search.js").read_bytes()
    for page in [
        "index.html",
        "sections/risk-evaluation/index.html",
        "browse/index.html",
        "resources/the-pile/index.html",
    ]:
        total = sum(len(gzip.compress(data, 9)) for data in [(site / page).read_bytes(), css, js])
        assert total < 50_000, (page, total)
