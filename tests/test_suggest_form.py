"""The suggestion form on its page: what a reader sees for a duplicate, a refused value or a good
suggestion, and files that `fmcheatsheet add` takes back exactly as typed. The rules themselves are
compared with Python under Node (tests/test_suggest_conformance.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.canonical import format_text
from fmcheatsheet.checks import fold_name, link_roles
from fmcheatsheet.contribute import slugify
from fmcheatsheet.urls import normalize_url
from fmcheatsheet.yamlsource import parse_yaml
from tests.browser import Settled
from tests.conftest import run_cli

pytestmark = pytest.mark.browser

DESCRIPTION = "A corpus of read Swahili speech with transcripts, for training and evaluating ASR; small, so pair it."


# The state of every field, as `form.reset()` restores it: the form as a new visitor finds it.
FORM_STATE = """() => Array.from(document.getElementById("suggest").elements, (e) =>
  e.type === "checkbox" ? e.checked : e.tagName === "SELECT" ? e.selectedIndex : (e.value ?? ""))"""

# The page's messages, the duplicates and the file: all empty or hidden before the first check.
SHOWN = """() => [document.getElementById("form-status").textContent,
  ...Array.from(document.querySelectorAll("#suggest .error"), (e) => e.textContent),
  document.querySelectorAll("#suggest [aria-invalid]").length,
  document.getElementById("result").hidden, document.getElementById("duplicates").hidden]"""


@pytest.fixture(scope="module")
def form_tab(browser: Any, base: str) -> Iterator[tuple[Any, Any, Any]]:
    """One page of the form per module (loading it parses the whole catalog's data), with its first state."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    Settled(tab).goto(base + "suggest/")
    yield tab, tab.evaluate(FORM_STATE), tab.evaluate(SHOWN)
    context.close()


@pytest.fixture
def page(form_tab: tuple[Any, Any, Any]) -> Any:
    """The form as it was first loaded: the page's "Start again" empties what the last test typed and showed."""
    tab, fields, shown = form_tab
    tab.click("#suggest button[type=reset]")
    assert tab.evaluate(FORM_STATE) == fields and tab.evaluate(SHOWN) == shown
    tab.errors = []
    return tab


def fill(page: Any, name: str, description: str = DESCRIPTION, **links: str) -> None:
    """A valid suggestion apart from what the test gives (a name, a description, links)."""
    page.fill("#f-name", name)
    page.fill("#f-description", description)
    page.select_option("#f-type", "dataset")
    for box in ("sections][value=pretraining-data", "modalities][value=speech"):
        page.check(f"input[name={box}]")
    for kind in ("website", "github", "huggingface", "docs", "paper"):
        page.fill(f"#f-{kind}", links.get(kind, ""))


def submit(page: Any, name: str, description: str = DESCRIPTION, **links: str) -> None:
    fill(page, name, description, **links)
    page.click("#suggest button[type=submit]")
    page.locator("#form-status:not(:empty)").wait_for()


@pytest.mark.parametrize(
    ("name", "links", "reason"),
    [
        ("A Different Name", {"website": "http://www.pile.eleuther.ai/?utm_source=newsletter"}, "same main link"),
        ("\u0422he Pile", {"website": "https://example.org/elsewhere"}, "near-identical name"),
        ("The-Pile", {"website": "https://example.org/other"}, "same id"),
    ],
    ids=["link-variant", "homoglyph-name", "same-id"],
)
def test_an_existing_resource_is_shown_instead_of_a_new_file(
    page: Any, catalog: Catalog, name: str, links: dict[str, str], reason: str
) -> None:
    submit(page, name, **links)
    assert page.is_visible("#duplicates") and page.is_hidden("#result")
    listed = page.text_content("#duplicate-list") or ""
    assert "The Pile" in listed and reason in listed
    assert page.get_attribute("#duplicate-list a", "href").endswith("resources/the-pile/")
    assert page.errors == []


@pytest.mark.parametrize(
    "name",
    ["1984", "Line\u2028Separator", "Para\u2029Separator", "A " + "very " * 18 + "long  name  with  doubles", "yes"],
)
def test_awkward_names_come_back_exactly_and_add_no_keys(page: Any, name: str, tmp_path: Path) -> None:
    submit(page, name, huggingface=f"https://huggingface.co/datasets/example/{slugify(name)}")
    assert page.is_visible("#result"), page.text_content("#form-status")
    text = page.text_content("#result-yaml") or ""
    data = parse_yaml(text).data
    assert data["name"] == name
    assert set(data) == {"id", "name", "description", "type", "sections", "modalities", "links", "added"}
    assert format_text(text, "resource") == text
    root = catalog_with_pretraining_data(tmp_path)
    suggested = tmp_path / "suggested.yaml"
    suggested.write_text(text, encoding="utf-8")
    added = run_cli("add", "--from", str(suggested), "--catalog", str(root))
    assert added.code == 0, added.err
    assert Catalog.load(root).get(data["id"]).name == name
    assert f"{data['id']}.yaml" not in run_cli("fmt", "--check", "--catalog", str(root)).out


def catalog_with_pretraining_data(tmp_path: Path) -> Path:
    from tests.factory import PHASES, SECTIONS, write_catalog

    extra = {
        "id": "data-sources",
        "title": "Data sources",
        "overview": "Where data comes from, for tests.",
        "sections": ["pretraining-data"],
    }
    sections = {**SECTIONS, "pretraining-data": {"title": "Pretraining data", "scope": "Corpora for pretraining."}}
    return write_catalog(tmp_path, [], phases=[*PHASES, extra], sections=sections)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("#f-description", DESCRIPTION + "\u0085featured: true", "invisible character U+0085"),
        ("#f-name", "Evil \u202eeman", "invisible character U+202E"),
        ("#f-name", "Bell \x07 name", "invisible character U+0007"),
        ("#f-licence", "MIT OR (Apache-2.0", "unbalanced parenthesis"),
        ("#f-codes", "sw, zz", "'zz' is not an ISO 639 code"),
        ("#f-tags", ", ".join(f"t{i}" for i in range(21)), "at most 20 tags"),
        ("#f-website", "https://example.org/" + "a" * 2100, "links are limited to 2,048"),
    ],
)
def test_what_the_validator_refuses_the_form_refuses(page: Any, field: str, value: str, message: str) -> None:
    fill(page, "Fresh Corpus", huggingface="https://huggingface.co/datasets/example/fresh")
    page.select_option("#f-coverage", "multilingual")
    page.fill(field, value)
    page.click("#suggest button[type=submit]")
    page.locator("#form-status", has_text="correct").wait_for()
    errors = " ".join(page.locator(".error").all_text_contents())
    assert message in errors
    assert page.is_hidden("#result")


def test_the_form_says_what_to_do_with_the_file(page: Any) -> None:
    submit(page, "Fresh Speech Corpus", huggingface="https://huggingface.co/datasets/example/fresh-speech")
    steps = page.text_content(".next-steps") or ""
    assert "fmcheatsheet add --from fresh-speech-corpus.yaml" in steps
    assert "pull request" in steps


def test_the_contribute_data_is_what_add_uses(catalog: Catalog, base: str) -> None:
    from urllib.request import urlopen

    with urlopen(base + "contribute.json", timeout=10) as response:
        data = json.loads(response.read())
    assert [row[0] for row in data["resources"]] == [r.id for r in catalog]
    assert all(row[3] == fold_name(row[1]) for row in data["resources"])
    links = {row[0]: [tuple(pair) for pair in row[4]] for row in data["resources"]}
    for resource in catalog:
        assert links[resource.id] == list(link_roles(resource).items())
        primary = [key for key, role in links[resource.id] if role == "primary"]
        assert primary == [normalize_url(resource.url)]


def test_start_again_empties_the_form_and_what_it_showed(page: Any, form_tab: tuple[Any, Any, Any]) -> None:
    _, fields, shown = form_tab
    fill(page, "Bad Entry", "too short")
    page.click("#suggest button[type=submit]")
    page.locator("#form-status", has_text="correct").wait_for()
    assert page.text_content("#e-description") and page.evaluate(SHOWN) != shown
    page.click("#suggest button[type=reset]")
    assert page.evaluate(FORM_STATE) == fields
    assert page.evaluate(SHOWN) == shown
    assert page.errors == []
