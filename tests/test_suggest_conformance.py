"""One specification, two languages: the suggestion form applies `fmcheatsheet add`'s rules.

Python writes what it gives for links, names, quoting, files, licences, duplicates and whole
suggestions (the catalog's own values, hostile values and Hypothesis-generated forms); one test runs
static/suggest-core.js against them under Node's test runner. The page itself is tested in Chromium
(tests/test_suggest_form.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from fmcheatsheet import Catalog
from fmcheatsheet.checks import fold_name, name_similarity
from fmcheatsheet.contribute import ContributionError, canonical_yaml, likely_duplicates, slugify, validate_new
from fmcheatsheet.jsonschema import resource_schema
from fmcheatsheet.licences import LicenceError, check_licence
from fmcheatsheet.plainscalars import may_be_plain
from fmcheatsheet.site.contributedata import contribute_data
from fmcheatsheet.urls import normalize_url
from tests.examples import draws
from tests.nodejs import run_node_test

DESCRIPTION = "A corpus of read Swahili speech with transcripts, for training and evaluating ASR; small, so pair it."

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

# Values YAML 1.1 or 1.2 would read as something other than the text (y and n were booleans once).
AWKWARD = [
    "1984", "yes", "y", "n", "Y", "N", "on", "Off", "~", "2024-01", "0x1F", "1:30", "a: b", "x #y", "-dash",
    "'q'", "tab\there", "Line\u2028Sep", "é中😀", " lead", "trail ", "Evil\rName", "=SUM(A1)", "[flow]", "@at",
    "`tick`", "null", "Null", "<<", "=", ".inf", "-.5", "1e3", "0o17", "+12",
]  # fmt: skip

LICENCES = [
    "MIT", "MIT OR (Apache-2.0", "MIT OR Apache-2.0", "(MIT AND BSD-3-Clause) OR GPL-3.0-only", "mit",
    "Apache-2.0 WITH LLVM-exception", "GPL-2.0+", "MIT AND", "AND MIT", "MIT or Apache-2.0", "()", "MIT)",
    "proprietary", "unknown", "MIT WITH", "LicenseRef-Nope", "CC-BY-4.0 OR (MIT AND (Apache-2.0))",
]  # fmt: skip


def random_urls(count: int) -> list[str]:
    pick = random.Random(20261129)
    hosts = ["example.org", "www.Example.org", "github.com", "www.github.com", "owner.github.io", "arxiv.org"]
    hosts += ["dx.doi.org"]
    pieces = ["a", "B", "tree", "main", "blob", "master", "x.git", "index.html", "é", "中文", "%20"]
    pieces += ["2101.00027v2", "abs"]
    params = ["utm_source=x", "ref=y", "a=1", "b=", "A=2", "é=3", "😀=4", "si", "a=1"]
    urls = []
    for _ in range(count):
        path = "/".join(pick.choice(pieces) for _ in range(pick.randint(0, 5)))
        query = "&".join(pick.choice(params) for _ in range(pick.randint(0, 4)))
        slash = "/" if pick.random() < 0.3 else ""
        url = f"https://{pick.choice(hosts)}/{path}{slash}" + (f"?{query}" if query else "")
        urls.append(url + ("#part" if pick.random() < 0.2 else ""))
    return urls


def resource_data(index: int, name: str) -> dict[str, Any]:
    return {
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


def files(catalog: Catalog) -> list[tuple[dict[str, Any], str]]:
    names = [*AWKWARD, "A name long enough to be written as a folded block scalar by the formatter, for sure, and more"]
    names += ["A long name  with  doubled  spaces " + "x" * 70]
    resources = [validate_new(catalog, resource_data(i, name)) for i, name in enumerate(names)]
    return [(r.model_dump(mode="json", exclude_none=True, exclude_defaults=True), canonical_yaml(r)) for r in resources]


def accepted_licence(catalog: Catalog, value: str) -> bool:
    try:
        check_licence(value, catalog.licences)
    except LicenceError:
        return False
    return True


def duplicates(catalog: Catalog) -> list[tuple[dict[str, Any], list[str]]]:
    """Suggestions that repeat a resource (by a link variant, a look-alike name, its id) and ones that do not."""
    suggestions = [
        ("A Different Name", {"website": "http://www.pile.eleuther.ai/?utm_source=newsletter"}),
        ("\u0422he Pile", {"website": "https://example.org/elsewhere"}),
        ("The-Pile", {"website": "https://example.org/other"}),
        ("Fresh Speech Corpus", {"website": "https://example.org/fresh"}),
    ]
    pick = random.Random(11)
    for existing in pick.sample(list(catalog), 40):
        suggestions.append((f"Another {existing.name}", existing.links.as_dict()))
        suggestions.append((existing.name.upper(), {"website": "https://example.org/unrelated"}))
    cases = []
    for name, links in suggestions:
        data = {
            "id": slugify(name),
            "name": name,
            "description": DESCRIPTION,
            "type": "dataset",
            "sections": ["pretraining-data"],
            "modalities": ["speech"],
            "links": links,
        }
        resource = validate_new(catalog, data)
        found = [d.existing.id for d in likely_duplicates(catalog, resource)]
        cases.append((resource.model_dump(mode="json", exclude_none=True), found))
    assert [found for _, found in cases[:4]] == [["the-pile"], ["the-pile"], ["the-pile"], []]
    return cases


# What a reader may type in each box of the form; most are fine, some are not.
BOXES: dict[str, list[Any]] = {
    "name": ["Fresh Corpus", "Fresh Corpus", "", "Evil \u202eeman", "Bell \x07 name", "x" * 301, "yes", "  Spaced  "],
    "description": [DESCRIPTION, DESCRIPTION, "too short", DESCRIPTION + "\u0085featured: true", "d" * 5000],
    "type": ["dataset", "model", "", "nonsense"],
    # Boxes to tick: only the catalog's own sections and modalities can be chosen.
    "sections": [["pretraining-data"], [], ["pretraining-data", "finetuning-data"]],
    "modalities": [["speech"], ["text", "vision"], []],
    "website": ["", "https://example.org/fresh", "not a url", "https://example.org/" + "a" * 2100, "ftp://x.org/"],
    "github": ["", "https://github.com/example/fresh", "https://gitlab.com/x/y", "https://WWW.GitHub.com/a/b"],
    "huggingface": ["", "https://huggingface.co/datasets/example/fresh", "https://hf.co/x", "https://example.org/hf"],
    "docs": ["", "https://docs.example.org/"],
    "paper": ["", "https://arxiv.org/abs/2401.00001", "arxiv.org/abs/2401.00001"],
    "released": ["", "2024", "2024-06", "2024-13", "1900", "2999-01", "24-01"],
    "licence": ["", "MIT", "MIT OR (Apache-2.0", "mit", "proprietary", "LicenseRef-Nope", "Apache-2.0 OR MIT"],
    "coverage": ["", "multilingual", "english-only", "monolingual"],
    "codes": ["", "sw, yo", "sw, zz", "sw, sw", "en", "yo"],
    "access": ["", "open", "gated"],  # a menu: only the vocabulary can be chosen
    "tags": ["", "asr, c++", "Bad Tag", ", ".join(f"t{i}" for i in range(21)), "asr, asr"],
}
LINKS = ("website", "github", "huggingface", "docs", "paper")


def listed(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def refused_by_add(catalog: Catalog, answers: dict[str, Any], today: dt.date) -> bool:
    """Whether `fmcheatsheet add` refuses the resource these answers describe."""
    data: dict[str, Any] = {
        "id": slugify(answers["name"].strip()) or "x",
        "name": answers["name"],
        "description": answers["description"],
        "type": answers["type"],
        "sections": answers["sections"],
        "modalities": answers["modalities"],
        "links": {kind: answers[kind].strip() for kind in LINKS if answers[kind].strip()},
        "added": today.isoformat(),
    }
    for key in ("released", "licence", "access"):
        if answers[key].strip():
            data[key] = answers[key].strip()
    if answers["coverage"] or listed(answers["codes"]):
        data["languages"] = {"coverage": answers["coverage"], "codes": listed(answers["codes"])}
    if listed(answers["tags"]):
        data["tags"] = listed(answers["tags"])
    try:
        validate_new(catalog, data, today=today)
    except ContributionError:
        return True
    return False


def form_cases(catalog: Catalog, today: dt.date) -> list[tuple[dict[str, Any], bool]]:
    answers = draws(st.fixed_dictionaries({box: st.sampled_from(values) for box, values in BOXES.items()}), 300)
    # Mostly valid forms with one box changed, so each rule decides some cases on its own.
    base = {box: values[1] if box in ("website",) else values[0] for box, values in BOXES.items()}
    answers += [{**base, box: value} for box, values in BOXES.items() for value in values]
    return [(a, refused_by_add(catalog, a, today)) for a in answers]


def test_the_form_applies_pythons_rules(catalog: Catalog, tmp_path: Path) -> None:
    names = [r.name for r in catalog] + HOSTILE_NAMES
    folded = sorted({fold_name(n) for n in names})
    pick = random.Random(7)
    pairs = list(itertools.pairwise(folded)) + [tuple(pick.sample(folded, 2)) for _ in range(300)]
    urls = [u for r in catalog for u in r.links.as_dict().values()] + HOSTILE_URLS + random_urls(400)
    today = dt.date.today()
    forms = form_cases(catalog, today)
    assert sum(refused for _, refused in forms) > 20 and sum(not refused for _, refused in forms) > 20
    fixtures = {
        "data": contribute_data(catalog),
        "schema": json.loads(json.dumps(resource_schema(catalog))),
        "urls": [(u, normalize_url(u)) for u in urls],
        "names": [(n, fold_name(n), slugify(n)) for n in names],
        "pairs": [(a, b, name_similarity(a, b)) for a, b in pairs],
        "plain": [(t, may_be_plain(t)) for t in AWKWARD],
        "files": files(catalog),
        "licences": [(v, accepted_licence(catalog, v)) for v in LICENCES],
        "duplicates": duplicates(catalog),
        "forms": {"today": today.isoformat(), "cases": forms},
    }
    run_node_test("suggest-conformance.test.mjs", fixtures, tmp_path, ("suggest-core.js",))
