"""The licence check: each licence's recorded terms, the rules that combine them, the command line,
and the browser applying exactly the same rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fmcheatsheet import Catalog
from fmcheatsheet.catalog import read_catalog
from fmcheatsheet.licence_check import DISCLAIMER, browser_data, check, combine, terms_of
from fmcheatsheet.paths import bundled_catalog
from tests.conftest import Run, untraced
from tests.factory import resource
from tests.nodejs import run_node_test

LICENCES = (bundled_catalog() / "licences.yaml").read_text(encoding="utf-8")

# What each licence asks, as read from its text (the URL in licences.yaml); the recorded terms
# must keep saying this.
LICENCE_TERMS = {
    "MIT": ("permissive", ["attribution"]),
    "Apache-2.0": ("permissive", ["attribution"]),
    "CC0-1.0": ("permissive", []),
    "CC-BY-4.0": ("permissive", ["attribution"]),
    "CC-BY-SA-4.0": ("copyleft", ["attribution", "share-alike"]),
    "CC-BY-NC-4.0": ("non-commercial", ["attribution", "non-commercial"]),
    "CC-BY-NC-SA-4.0": ("non-commercial", ["attribution", "share-alike", "non-commercial"]),
    "CC-BY-ND-4.0": ("no-derivatives", ["attribution", "no-derivatives"]),
    "ODC-By-1.0": ("permissive", ["attribution"]),
    "ODbL-1.0": ("copyleft", ["attribution", "share-alike"]),
    "GPL-3.0-only": ("copyleft", ["attribution", "share-alike"]),
    "MPL-2.0": ("copyleft", ["attribution", "share-alike"]),
    "LicenseRef-Llama-3.1": ("responsible-use", ["attribution", "use-restrictions", "naming", "user-threshold"]),
    "LicenseRef-Gemma": ("responsible-use", ["attribution", "use-restrictions"]),
    "LicenseRef-BigScience-OpenRAIL-M": ("responsible-use", ["attribution", "use-restrictions"]),
    "LicenseRef-ImageNet-Terms": ("non-commercial", ["non-commercial", "research-only"]),
    "LicenseRef-Kimi-K2-Modified-MIT": ("permissive", ["attribution", "user-threshold"]),
}


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return Catalog.load()


@pytest.mark.parametrize(("licence", "expected"), sorted(LICENCE_TERMS.items()))
def test_each_licence_records_the_terms_its_text_sets(
    bundled: Catalog, licence: str, expected: tuple[str, list[str]]
) -> None:
    licence_class, conditions = expected
    entry = bundled.licences[licence]
    assert entry.url and entry.url.startswith("https://")
    assert bundled.licence_class(resource_with(bundled, licence)) == licence_class
    assert sorted(entry.conditions or ()) == sorted(conditions)


def resource_with(catalog: Catalog, licence: str) -> Any:
    return (
        next(r for r in catalog if r.licence == licence)
        if any(r.licence == licence for r in catalog)
        else (type("Stub", (), {"licence": licence, "access": None})())
    )


def test_every_licence_the_catalog_uses_has_its_terms(bundled: Catalog) -> None:
    _, report = read_catalog()
    missing = [p.format() for p in report.problems if "has no conditions recorded" in p.message]
    known_gaps = {"LicenseRef-NVIDIA-Data-Agreement"}  # its text could not be read yet; the check says unknown
    assert [m for m in missing if not any(gap in m for gap in known_gaps)] == []


# -- combining ---------------------------------------------------------------------------

STACK = {
    "mit-tool": "MIT",
    "apache-tool": "Apache-2.0",
    "by-data": "CC-BY-4.0",
    "nc-data": "CC-BY-NC-4.0",
    "sa-data": "CC-BY-SA-4.0",
    "odbl-data": "ODbL-1.0",
    "gpl3-tool": "GPL-3.0-only",
    "gpl2-tool": "GPL-2.0-only",
    "nd-data": "CC-BY-ND-4.0",
    "llama-model": "LicenseRef-Llama-3.1",
    "either-tool": "MIT OR GPL-3.0-only",
    "both-data": "CC-BY-SA-4.0 AND MIT",
    "mixed-data": "various",
    "closed-api": "proprietary",
}


@pytest.fixture
def stack_catalog(make_catalog: Callable[..., Path]) -> Catalog:
    resources = [resource(rid, licence=licence) for rid, licence in STACK.items()]
    resources.append(resource("unlicensed-data", licence=None))
    resources.append(resource("gated-data", licence="CC-BY-4.0", access="gated"))
    resources[[r["id"] for r in resources].index("closed-api")]["access"] = "api-only"
    return Catalog.load(make_catalog(resources, raw={"licences.yaml": LICENCES}))


# (stack, commercial plan) -> (verdict, conflicts mentioning..., unknown ids, obligations present)
CASES: list[tuple[list[str], bool, str, list[str], list[str], list[str]]] = [
    (["mit-tool", "apache-tool", "by-data"], False, "yes", [], [], ["attribution"]),
    (["by-data", "nc-data"], False, "no", [], [], ["attribution", "non-commercial"]),
    (
        ["by-data", "nc-data"],
        True,
        "no",
        ["forbids commercial use (non-commercial), but the plan is commercial"],
        [],
        [],
    ),
    (["sa-data", "nc-data"], False, "no", ["share-alike under terms that allow commercial use"], [], ["share-alike"]),
    (["sa-data", "odbl-data"], False, "conditions", ["share-alike under different licences"], [], ["share-alike"]),
    (["sa-data", "gpl3-tool"], False, "conditions", [], [], ["share-alike"]),
    (
        ["gpl2-tool", "apache-tool"],
        False,
        "conditions",
        ["GPL-2.0-only (Gpl2 Tool) cannot be combined with Apache-2.0"],
        [],
        [],
    ),
    (["nd-data"], False, "conditions", [], [], ["no-derivatives"]),
    (
        ["llama-model", "closed-api"],
        False,
        "conditions",
        [],
        [],
        ["use-restrictions", "naming", "api-only", "proprietary"],
    ),
    (["unlicensed-data", "mit-tool"], False, "unknown", [], ["unlicensed-data"], ["attribution"]),
    (["mixed-data"], False, "unknown", [], ["mixed-data"], []),
    (["either-tool"], False, "yes", [], [], ["attribution"]),
    (["both-data", "odbl-data"], False, "conditions", ["share-alike under different licences"], [], ["share-alike"]),
    (["gated-data"], False, "conditions", [], [], ["gated"]),
]


@pytest.mark.parametrize(("ids", "commercial", "verdict", "conflicts", "unknowns", "obligations"), CASES)
def test_combinations_give_the_verdict_obligations_and_conflicts_the_licence_texts_imply(
    stack_catalog: Catalog,
    ids: list[str],
    commercial: bool,
    verdict: str,
    conflicts: list[str],
    unknowns: list[str],
    obligations: list[str],
) -> None:
    result = check(stack_catalog, ids, commercial)
    assert result["commercial_use"] == verdict
    reasons = " | ".join(c["reason"] for c in result["conflicts"])
    for fragment in conflicts:
        assert fragment in reasons
    if not conflicts:
        assert result["conflicts"] == []
    assert [u["resource"] for u in result["unknowns"]] == unknowns
    assert set(obligations) <= {o["condition"] for o in result["obligations"]}
    assert result["disclaimer"] == DISCLAIMER


def test_an_or_expression_is_read_as_the_least_restrictive_choice(stack_catalog: Catalog) -> None:
    terms = terms_of("MIT OR GPL-3.0-only", stack_catalog.licences)
    assert terms.licence_ids == ("MIT",) and terms.conditions == ("attribution",)
    both = terms_of("CC-BY-SA-4.0 AND MIT", stack_catalog.licences)
    assert both.licence_ids == ("CC-BY-SA-4.0", "MIT") and both.conditions == ("attribution", "share-alike")
    assert terms_of("(Apache-2.0 WITH LLVM-exception) OR MIT", stack_catalog.licences).unknown is None


def test_obligations_name_the_resources_that_impose_them(stack_catalog: Catalog) -> None:
    result = check(stack_catalog, ["sa-data", "gated-data", "mit-tool"])
    by_condition = {o["condition"]: o["resources"] for o in result["obligations"]}
    assert by_condition == {
        "attribution": ["sa-data", "gated-data", "mit-tool"],
        "share-alike": ["sa-data"],
        "gated": ["gated-data"],
    }


# -- command line -------------------------------------------------------------------------


def test_the_command_prints_each_licence_the_verdict_and_the_disclaimer(cli: Callable[..., Run]) -> None:
    result = cli("licences", "check", "imagenet", "fineweb", "--commercial")
    assert result.code == 0, result.err
    for fragment in (
        "ImageNet (imagenet)",
        "licence: ImageNet Terms of Access",
        "Commercial use of the combination: Not allowed (no)",
        "blocked by imagenet: non-commercial, research-only",
        "forbids commercial use",
        "not legal advice",
        "https://spdx.org/licenses/ODC-By-1.0.html",
    ):
        assert fragment in result.out
    data = json.loads(cli("licences", "check", "imagenet", "fineweb", "--json").out)
    assert data["commercial_use"] == "no" and data["purpose"] == "any"
    assert data["resources"][0]["sources"], "ImageNet's licence has a source"


def test_the_command_refuses_unknown_ids_with_a_suggestion(cli: Callable[..., Run]) -> None:
    result = cli("licences", "check", "imagenett")
    assert result.code == 1 and "did you mean 'imagenet'" in result.err and "Traceback" not in result.err


def test_licences_list_shows_classes_and_conditions(cli: Callable[..., Run]) -> None:
    rows = {row["id"]: row for row in json.loads(cli("licences", "list", "--json").out)}
    assert rows["CC-BY-NC-4.0"]["class"] == "non-commercial"
    assert rows["LicenseRef-Llama-3.1"]["conditions"] == ["attribution", "use-restrictions", "naming", "user-threshold"]


def test_licences_yaml_cannot_contradict_itself(make_catalog: Callable[..., Path]) -> None:
    bad = (
        "licences:\n"
        "  - id: LicenseRef-Odd\n    name: Odd terms\n    class: permissive\n    conditions: [non-commercial]\n"
        "  - id: Apache-2.1\n    name: Not a licence\n    conditions: []\n"
        "  - id: MIT\n    name: MIT License\n    class: copyleft\n"
    )
    _, report = read_catalog(make_catalog([resource()], raw={"licences.yaml": bad}))
    messages = [p.format() for p in report.errors()]
    assert any("licences.yaml:2: licences.conditions: class permissive allows commercial use" in m for m in messages)
    assert any("'Apache-2.1' is not an SPDX licence id (hint: did you mean 'Apache-2.0'?" in m for m in messages)
    assert any("MIT is permissive, not copyleft" in m for m in messages)


# -- the browser applies the same rules ------------------------------------------------------


def test_the_browser_combines_exactly_as_python_does(
    bundled: Catalog, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    # The expected combinations, computed with coverage paused: the tests above trace the same rules.
    with untraced(pytestconfig):
        data = browser_data(bundled)
        ids = sorted(data["rows"])
        stacks = st.lists(st.sampled_from(ids), min_size=1, max_size=5, unique=True)
        cases: list[dict[str, Any]] = []

        @settings(max_examples=300, database=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(stacks, st.booleans())
        def collect(stack: list[str], commercial: bool) -> None:
            rows = [data["rows"][rid] for rid in stack]
            cases.append(
                {"ids": stack, "commercial": commercial, "expected": combine(rows, data["licences"], commercial)}
            )

        collect()
        # Stacks that exercise every rule, whatever the generator drew.
        for stack in (["imagenet", "fineweb"], ["golos", "flores-plus"], ["llama-guard-3", "the-pile"]):
            rows = [data["rows"][rid] for rid in stack if rid in data["rows"]]
            for commercial in (False, True):
                ids_present = [r["id"] for r in rows]
                cases.append(
                    {
                        "ids": ids_present,
                        "commercial": commercial,
                        "expected": combine(rows, data["licences"], commercial),
                    }
                )
        assert any(case["expected"]["conflicts"] for case in cases)
    run_node_test("licencecheck.test.mjs", {"data": data, "cases": cases}, tmp_path, ("licencecheck.js",))


def test_a_plan_can_check_the_licences_of_what_it_suggests(cli: Callable[..., Run], bundled: Catalog) -> None:
    args = ("plan", "--modality", "speech", "--stage", "fine-tuning", "--licences", "--commercial")
    data = json.loads(cli(*args, "--json").out)
    checked = [row["id"] for row in data["licence_check"]["resources"]]
    suggested = [r["id"] for p in data["phases"] for s in p["sections"] for r in s["resources"]]
    assert checked and set(checked) <= set(suggested)
    assert all(bundled.get(rid).type in {"dataset", "model", "library", "tool", "benchmark"} for rid in checked)
    assert all(bundled.get(rid).status == "active" for rid in suggested)
    assert data["licence_check"]["purpose"] == "commercial"
    text = cli(*args).out
    assert "## Licences of the suggested resources" in text and "not legal advice" in text
    assert "licence_check" not in json.loads(cli("plan", "--modality", "speech", "--json").out)
