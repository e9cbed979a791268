"""Side-by-side comparison: the rows, the differences, the command line, and the browser's same rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.compare import MAX_COMPARED, ROWS, compare
from fmcheatsheet.errors import CatalogError
from fmcheatsheet.freshness.snapshot import Snapshot
from fmcheatsheet.site.decidedata import compare_json
from tests.conftest import Run
from tests.factory import resource
from tests.nodejs import run_node_test


@pytest.fixture
def catalog(make_catalog: Callable[..., Path]) -> Catalog:
    return Catalog.load(
        make_catalog(
            [
                resource("fast-dedup", licence="MIT", released="2024-02", modalities=["text"]),
                resource("slow-dedup", licence="CC-BY-NC-4.0", released="2024-02", modalities=["text", "speech"]),
                resource("dedup-collection", type="dataset", licence="various"),
                resource(
                    "old-dedup",
                    licence="MIT",
                    status="deprecated",
                    status_note="No longer maintained since 2024.",
                    successor="fast-dedup",
                ),
            ]
        )
    )


def test_rows_cover_what_a_chooser_needs_and_mark_differences(catalog: Catalog) -> None:
    table = compare(catalog, ["fast-dedup", "slow-dedup"])
    assert [r["id"] for r in table["resources"]] == ["fast-dedup", "slow-dedup"]
    rows = {row["key"]: row for row in table["rows"]}
    assert [row["key"] for row in table["rows"]] == [key for key, _ in ROWS]
    assert rows["licence"]["values"] == ["MIT (permissive)", "CC-BY-NC-4.0 (non-commercial)"]
    assert rows["commercial_use"]["values"] == ["yes", "no"] and rows["commercial_use"]["differs"]
    assert rows["released"]["values"] == ["2024-02", "2024-02"] and not rows["released"]["differs"]
    assert rows["modalities"]["differs"] and rows["link_health"]["values"] == ["not checked", "not checked"]


def test_a_licence_that_is_its_own_class_is_named_once(catalog: Catalog) -> None:
    rows = {row["key"]: row for row in compare(catalog, ["dedup-collection", "fast-dedup"])["rows"]}
    assert rows["licence"]["values"] == ["various", "MIT (permissive)"]


def test_status_says_what_to_use_instead(catalog: Catalog) -> None:
    rows = {row["key"]: row for row in compare(catalog, ["old-dedup", "fast-dedup"])["rows"]}
    assert rows["status"]["values"][0] == "deprecated (use fast-dedup instead)"


@pytest.mark.parametrize("ids", [["fast-dedup"], ["fast-dedup", "fast-dedup"], ["a", "b", "c", "d", "e"]])
def test_two_to_four_different_resources_are_compared(catalog: Catalog, ids: list[str]) -> None:
    with pytest.raises(CatalogError, match=f"compare 2 to {MAX_COMPARED} different resources"):
        compare(catalog, ids)


def test_the_command_prints_a_table_and_json(cli: Callable[..., Run]) -> None:
    table = cli("compare", "datatrove", "nemo-curator")
    assert table.code == 0, table.err
    assert "DataTrove" in table.out and "NeMo Curator" in table.out and "* Modalities" in table.out
    data = json.loads(cli("compare", "datatrove", "nemo-curator", "--json").out)
    assert data["resources"][1]["id"] == "nemo-curator" and len(data["rows"]) == len(ROWS)
    alone = cli("compare", "datatrove")
    assert alone.code == 1 and "compare 2 to 4 different resources, not 1" in alone.err


def test_the_browser_builds_the_same_rows(tmp_path: Path) -> None:
    bundled = Catalog.load()
    data = json.loads(compare_json(bundled, Snapshot.load(bundled.root)))
    ids = sorted(data["resources"])
    cases: list[dict[str, Any]] = []
    for start in range(0, 60, 3):
        for size in (1, 2, 3, 4, 5):
            chosen = ids[start : start + size]
            try:
                expected: Any = compare(bundled, chosen)["rows"]
            except CatalogError:
                expected = None
            cases.append({"ids": chosen, "expected": expected})
    assert any(case["expected"] is None for case in cases) and any(case["expected"] for case in cases)
    run_node_test("compare.test.mjs", {"data": data, "cases": cases}, tmp_path, ("compare.js",))
