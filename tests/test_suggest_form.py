"""The suggestion form applies `fmcheatsheet add`'s rules: the same duplicate rule on the same data, the same
text and licence rules, and files that read back exactly as typed. Its JavaScript is compared with the Python it
mirrors on shared cases, in Chromium."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.canonical import format_text
from fmcheatsheet.checks import fold_name, link_roles, name_similarity
from fmcheatsheet.contribute import canonical_yaml, slugify, validate_new
from fmcheatsheet.licences import LicenceError, check_licence
from fmcheatsheet.model import Resource
from fmcheatsheet.plainscalars import may_be_plain
from fmcheatsheet.urls import normalize_url
from fmcheatsheet.yamlsource import parse_yaml
from tests.conftest import run_cli

pytestmark = pytest.mark.browser

DESCRIPTION = "A corpus of read Swahili speech with transcripts, for training and evaluating ASR; small, so pair it."


@pytest.fixture(scope="module")
def form_page(browser: Any, base: str) -> Any:
    page = browser.new_page()
    page.goto(base + "suggest/")
    page.wait_for_load_state("networkidle")
    return page


def in_browser(page: Any, function: str, cases: list[Any]) -> list[Any]:
    """Call suggest.js's ``function`` on each case (an argument list), with contribute.json as last argument."""
    script = """async ([name, cases]) => {
      const module = await import('../static/suggest.js');
      const data = await (await fetch('../contribute.json')).json();
      const rules = data.rules;
      const extra = {normalizeUrl: rules.urls, foldName: rules, nameSimilarity: rules, slugify: rules,
                     plainOk: rules.yaml, toYaml: rules}[name];
      return cases.map((args) => module[name](...args, extra));
    }"""
    return page.evaluate(script, [function, cases])  # type: ignore[no-any-return]


def random_urls(count: int) -> list[str]:
    pick = random.Random(20261129)
    hosts = [
        "example.org",
        "www.Example.org",
        "github.com",
        "www.github.com",
        "owner.github.io",
        "arxiv.org",
        "dx.doi.org",
    ]
    pieces = [
        "a",
        "B",
        "tree",
        "main",
        "blob",
        "master",
        "x.git",
        "index.html",
        "é",
        "中文",
        "%20",
        "2101.00027v2",
        "abs",
    ]
    params = ["utm_source=x", "ref=y", "a=1", "b=", "A=2", "é=3", "😀=4", "si", "a=1"]
    urls = []
    for _ in range(count):
        path = "/".join(pick.choice(pieces) for _ in range(pick.randint(0, 5)))
        query = "&".join(pick.choice(params) for _ in range(pick.randint(0, 4)))
        slash = "/" if pick.random() < 0.3 else ""
        url = f"https://{pick.choice(hosts)}/{path}{slash}" + (f"?{query}" if query else "")
        urls.append(url + ("#part" if pick.random() < 0.2 else ""))
    return urls


HOSTILE_URLS = [
    "http://www.github.com/ChenghaoMou/text-dedup/tree/main",
    "https://Example.org/A/index.html?utm_source=x&b=2&a=1#frag",
    "https://owner.github.io/repo/page",
    "https://owner.github.io/",
    "https://arxiv.org/pdf/2101.00027v2.pdf",
    "https://arxiv.org/abs/x},note={evil}",
    "https://export.arxiv.org/abs/hep-th/9901001v3",
    "https://dx.doi.org/10.1000/ABC",
    "https://example.org:8443/x/",
    "https://example.org/ok-€-中文?é=1&😀=2&a=1&&",
]


def test_urls_are_normalised_exactly_as_python_does(form_page: Any, catalog: Catalog) -> None:
    urls = [u for r in catalog for u in r.links.as_dict().values()] + HOSTILE_URLS + random_urls(400)
    assert in_browser(form_page, "normalizeUrl", [[u] for u in urls]) == [normalize_url(u) for u in urls]


HOSTILE_NAMES = [
    "\u0410friSpeech-200",
    "  the  PILE ",
    "Ｔｈｅ Ｐｉｌｅ",
    "𝐓𝐡𝐞 𝐏𝐢𝐥𝐞",
    "İstanbul ﬁne Café",
    "An\u00a0Example",
    "ΑΒΓ Οmega",
    "1984",
]


def test_names_fold_compare_and_slug_exactly_as_python_does(form_page: Any, catalog: Catalog) -> None:
    names = [r.name for r in catalog] + HOSTILE_NAMES
    assert in_browser(form_page, "foldName", [[n] for n in names]) == [fold_name(n) for n in names]
    assert in_browser(form_page, "slugify", [[n] for n in names]) == [slugify(n) for n in names]
    folded = sorted({fold_name(n) for n in names})
    pick = random.Random(7)
    pairs = list(itertools.pairwise(folded)) + [tuple(pick.sample(folded, 2)) for _ in range(300)]
    expected = [name_similarity(a, b) for a, b in pairs]
    assert in_browser(form_page, "nameSimilarity", [list(p) for p in pairs]) == expected


AWKWARD = [
    "1984",
    "yes",
    "~",
    "2024-01",
    "0x1F",
    "1:30",
    "a: b",
    "x #y",
    "-dash",
    "'q'",
    "tab\there",
    "Line\u2028Sep",
    "é中😀",
    " lead",
    "trail ",
    "Evil\rName",
    "=SUM(A1)",
    "[flow]",
    "@at",
    "`tick`",
    "null",
    "Null",
    "<<",
    "=",
]


def test_the_plain_scalar_rule_is_python_s(form_page: Any) -> None:
    assert in_browser(form_page, "plainOk", [[t] for t in AWKWARD]) == [may_be_plain(t) for t in AWKWARD]


def test_files_are_written_byte_for_byte_as_fmt_writes_them(form_page: Any, catalog: Catalog) -> None:
    names = [
        *AWKWARD[:-3],
        "A name long enough to be written as a folded block scalar by the formatter, for sure, and then some more",
        "A long name  with  doubled  spaces " + "x" * 70,
    ]
    resources: list[Resource] = []
    for index, name in enumerate(names):
        data = {
            "id": f"awkward-{index}",
            "name": name,
            "description": DESCRIPTION + " " * index + "with\u2028spaces  of  all\tkinds.",
            "type": "dataset",
            "sections": ["pretraining-data"],
            "modalities": ["speech", "text"],
            "links": {"website": f"https://example.org/{index}?q=1", "paper": "https://arxiv.org/abs/2401.00001"},
            "released": "2024-01",
            "licence": "CC-BY-4.0",
            "languages": {"coverage": "multilingual", "codes": ["sw", "yo"]},
            "access": "open",
            "tags": ["asr", "c++", "x.y"],
            "added": "2025-02-01",
        }
        resources.append(validate_new(catalog, data))
    plain = [r.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for r in resources]
    files = in_browser(form_page, "toYaml", [[p] for p in plain])
    for resource, text in zip(resources, files, strict=True):
        assert text == canonical_yaml(resource) == format_text(text, "resource")


LICENCES = [
    "MIT",
    "MIT OR (Apache-2.0",
    "MIT OR Apache-2.0",
    "(MIT AND BSD-3-Clause) OR GPL-3.0-only",
    "mit",
    "Apache-2.0 WITH LLVM-exception",
    "GPL-2.0+",
    "MIT AND",
    "AND MIT",
    "MIT or Apache-2.0",
    "()",
    "MIT)",
    "proprietary",
    "unknown",
    "MIT WITH",
    "LicenseRef-Nope",
    "CC-BY-4.0 OR (MIT AND (Apache-2.0))",
]


def test_licence_syntax_is_python_s(form_page: Any, catalog: Catalog) -> None:
    script = """async (values) => {
      const { licenceProblem } = await import('../static/suggest.js');
      const data = await (await fetch('../contribute.json')).json();
      const schema = await (await fetch('../schema/resource.schema.json')).json();
      const known = new Set(schema.properties.licence.anyOf.find((o) => o.enum).enum);
      return values.map((v) => licenceProblem(v, known, data.rules) === null);
    }"""

    def accepted(value: str) -> bool:
        try:
            check_licence(value, catalog.licences)
        except LicenceError:
            return False
        return True

    assert form_page.evaluate(script, LICENCES) == [accepted(v) for v in LICENCES]


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.goto(base + "suggest/")
    tab.wait_for_load_state("networkidle")
    yield tab
    context.close()


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


def test_the_cli_refuses_what_the_form_refuses(catalog: Catalog, tmp_path: Path) -> None:
    """The same three suggestions, through `fmcheatsheet add`."""
    from fmcheatsheet.contribute import likely_duplicates

    for name, url in [
        ("A Different Name", "http://www.pile.eleuther.ai/?utm_source=newsletter"),
        ("\u0422he Pile", "https://example.org/elsewhere"),
        ("The-Pile", "https://example.org/other"),
    ]:
        data = {
            "id": slugify(name),
            "name": name,
            "description": DESCRIPTION,
            "type": "dataset",
            "sections": ["pretraining-data"],
            "modalities": ["speech"],
            "links": {"website": url},
        }
        found = likely_duplicates(catalog, validate_new(catalog, data))
        assert [d.existing.id for d in found] == ["the-pile"], name


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
