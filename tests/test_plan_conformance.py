"""One specification, two languages: the browser's project checklist gives Python's answers.

Python makes checklists from the bundled catalog for generated projects (modalities, languages,
stages, release type) and writes them with the plan.json and search.json the site ships; one test
runs static/plan-core.js against them under Node's test runner.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from fmcheatsheet import Catalog
from fmcheatsheet.languages import language_name
from fmcheatsheet.plan import REGIONS, RELEASES, STAGES, WEIGHTS, make_plan, plan_markdown
from fmcheatsheet.site.plandata import plan_json
from fmcheatsheet.site.searchdata import search_index_bytes
from tests.conftest import untraced
from tests.examples import draws
from tests.nodejs import run_node_test

MODALITIES = ["text", "vision", "speech"]


def project_strategy(catalog: Catalog) -> st.SearchStrategy[dict[str, Any]]:
    served = sorted({c for r in catalog.resources.values() if r.languages for c in r.languages.codes})
    regional = sorted({c for codes in REGIONS.values() for c in codes})
    language = st.sampled_from(["en", *served[:60], *regional])
    return st.fixed_dictionaries(
        {
            "modalities": st.lists(st.sampled_from(MODALITIES), min_size=1, max_size=3, unique=True),
            "languages": st.lists(language, max_size=3, unique=True),
            "stages": st.lists(st.sampled_from(sorted(STAGES)), min_size=1, unique=True),
            "release": st.none() | st.sampled_from(sorted(RELEASES)),
        }
    )


def expected(catalog: Catalog, inputs: dict[str, Any], markdown: bool = False) -> dict[str, Any]:
    plan = make_plan(catalog, inputs["modalities"], inputs["languages"], inputs["stages"], inputs["release"])
    return {
        "phases": [[p.id, [[s.id, [r.id for r in s.resources]] for s in p.sections]] for p in plan.phases],
        "suggested": plan.suggested_ids(),
        "markdown": plan_markdown(plan) if markdown else None,
    }


# What a reader may type for languages, and the codes (and unknown words) it stands for.
TYPED_LANGUAGES = [
    ("Swahili, hi", ["sw", "hi"], []),
    ("swahili;YORUBA , sw", ["sw", "yo"], []),
    ("Hindi, Klingonese, zz", ["hi", "zz"], ["Klingonese"]),
    ("", [], []),
]


def test_the_browser_checklist_gives_pythons_answers(
    catalog: Catalog, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    # The expected checklists, computed with coverage paused: the plan tests trace the same code.
    with untraced(pytestconfig):
        projects = draws(project_strategy(catalog), 150)
        # Every weight must decide some ranking, or a wrong weight in the browser would go unnoticed.
        projects += [
            {"modalities": ["speech"], "languages": ["sw", "yo"], "stages": sorted(STAGES), "release": "open-weights"},
            {"modalities": ["text", "vision"], "languages": ["ar"], "stages": ["pretraining"], "release": None},
            {"modalities": ["text"], "languages": ["en"], "stages": ["evaluation"], "release": None},
            # Regional languages the catalog's entries do not list still print by name in the Markdown.
            {"modalities": ["speech"], "languages": ["twi", "fil"], "stages": ["fine-tuning"], "release": None},
        ]
        cases = [
            {"inputs": inputs, "expected": expected(catalog, inputs, markdown=i % 10 == 0 or i >= len(projects) - 4)}
            for i, inputs in enumerate(projects)
        ]
        assert any(case["expected"]["suggested"] for case in cases)
        fixtures = {
            "plan": json.loads(plan_json(catalog)),
            "search": json.loads(search_index_bytes(catalog)),
            "cases": cases,
            "languages": [{"text": t, "codes": c, "unknown": u} for t, c, u in TYPED_LANGUAGES],
        }
        names = fixtures["plan"]["languages"]
        for _, codes, _ in TYPED_LANGUAGES:  # the names typed are the library's names of those codes
            assert all(
                code == "zz" or language_name(code).lower() in {n.lower() for n in names.values()} for code in codes
            )
        assert fixtures["plan"]["weights"] == WEIGHTS
    run_node_test("plan-conformance.test.mjs", fixtures, tmp_path, ("plan-core.js",))
