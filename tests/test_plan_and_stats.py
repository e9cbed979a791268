"""The project checklist and the coverage gap map."""

from __future__ import annotations

import json
import os

import pytest

from fmcheatsheet import Catalog, UnknownValue
from fmcheatsheet.plan import REGIONS, Plan, make_plan, plan_markdown
from fmcheatsheet.stats import stats, thinnest
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_speech_swahili_finetuning_plan_surfaces_speech_and_african_resources(catalog: Catalog) -> None:
    plan = make_plan(catalog, ["speech"], ["sw"], ["fine-tuning"])
    resources = [r for phase in plan.phases for s in phase.sections for r in s.resources]
    assert all("speech" in r.modalities for r in resources)
    african = [
        r
        for r in resources
        if (r.languages and "sw" in r.languages.codes)
        or set(r.tags) & {"african-languages"}
        or "African" in r.description
    ]
    assert len(african) >= 3
    assert plan.phases[0].id == "data-sources"
    assert all(s.id != "pretraining-repos" for phase in plan.phases for s in phase.sections)


def test_text_only_plan_lists_no_speech_only_tools(catalog: Catalog) -> None:
    plan = make_plan(catalog, ["text"])
    for phase in plan.phases:
        for section in phase.sections:
            for resource in section.resources:
                assert "text" in resource.modalities, resource.id


def test_release_type_decides_release_sections(catalog: Catalog) -> None:
    open_weights = make_plan(catalog, ["text"], stages=["release"], release="open-weights")
    internal = make_plan(catalog, ["text"], stages=["release"], release="internal")

    def ids(plan: Plan) -> set[str]:
        return {s.id for phase in plan.phases for s in phase.sections}

    assert {"license-selection", "usage-monitoring"} <= ids(open_weights)
    assert "license-selection" not in ids(internal)


def test_bad_plan_inputs_are_refused(catalog: Catalog) -> None:
    with pytest.raises(UnknownValue):
        make_plan(catalog, ["smell"])
    with pytest.raises(UnknownValue):
        make_plan(catalog, ["text"], ["xx"])
    assert all(len(codes) > 3 for codes in REGIONS.values())


def test_plan_cli_prints_a_markdown_checklist() -> None:
    result = run_cli("plan", "--modality", "speech", "--language", "sw", "--stage", "fine-tuning")
    assert result.code == 0
    assert result.out.startswith("# Project checklist\n")
    assert "- [ ] **" in result.out and "Swahili (sw)" in result.out
    data = json.loads(run_cli("plan", "--modality", "text", "--json").out)
    assert data["phases"][0]["sections"][0]["resources"][0]["url"].startswith("http")


def test_plan_markdown_links_entries(catalog: Catalog) -> None:
    text = plan_markdown(make_plan(catalog, ["vision"], stages=["evaluation"]), "https://x.example/")
    assert "([entry](https://x.example/resources/" in text


def test_stats_add_up(catalog: Catalog) -> None:
    data = stats(catalog)
    assert data["resources"] == len(catalog)
    assert sum(data["by_year"].values()) == len(catalog)
    assert sum(data["licences"].values()) == len(catalog)
    for section in data["by_section"]:
        assert sum(section["languages"].values()) == section["total"]
        assert section["counts"]["text"] <= section["total"]


def test_thinnest_cells_are_the_lowest_counts(catalog: Catalog) -> None:
    cells = thinnest(catalog)
    counts = [c.count for c in cells]
    assert counts == sorted(counts)
    assert all(c.count < 3 and c.modality in ("text", "vision", "speech") for c in cells)


def test_stats_cli_json() -> None:
    result = run_cli("stats", "--json")
    assert result.code == 0
    assert {"by_section", "by_year", "licences", "thinnest"} <= set(json.loads(result.out))


def test_stats_table_keeps_every_header_whole_in_an_80_column_terminal() -> None:
    result = run_cli("stats", env={**os.environ, "COLUMNS": "80"})
    assert result.code == 0, result.err
    table = result.out.split("thinnest cells")[0]
    assert "…" not in table
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "lingual" in table and "only" in table
