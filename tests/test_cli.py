"""The CLI through its real entry point: output for people, JSON for programs, errors for mistakes."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, run_cli
from tests.factory import resource

RESOURCES = [
    resource("text-dedup", name="text-dedup", tags=["minhash", "near-duplicates"]),
    resource(
        "speech-cleaner",
        name="Speech Cleaner",
        type="tool",
        sections=["data-cleaning"],
        modalities=["speech"],
        links={"website": "https://speech.example.org/", "paper": "2301.00001"},
        released="2024",
        licence="CC-BY-NC-4.0",
        languages={"coverage": "multilingual", "codes": ["sw", "yo"]},
    ),
    resource(
        "bench-suite",
        name="Bench Suite",
        type="benchmark",
        sections=["capabilities"],
        modalities=["text", "vision"],
        description='A benchmark suite, with a quote " and a comma, that measures reasoning in tests.',
        licence=None,
    ),
]


@pytest.fixture
def catalog_dir(make_catalog: Callable[..., Path]) -> Path:
    return make_catalog(RESOURCES)


def cli_json(*args: str) -> Any:
    result = run_cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_list_json_has_the_documented_shape(catalog_dir: Path) -> None:
    items = cli_json("list", "--catalog", str(catalog_dir))
    assert isinstance(items, list)
    assert [i["id"] for i in items] == ["bench-suite", "speech-cleaner", "text-dedup"]
    speech = items[1]
    for key in ("id", "name", "description", "sections", "modalities", "type", "url", "links"):
        assert key in speech
    assert speech["url"] == "https://speech.example.org/"  # website is primary before paper
    assert speech["links"] == {"website": "https://speech.example.org/", "paper": "https://arxiv.org/abs/2301.00001"}
    assert speech["phases"] == ["data-preparation"]
    assert speech["licence_class"] == "non-commercial"
    assert speech["languages"]["names"] == ["Swahili", "Yoruba"]


def test_list_filters_combine(catalog_dir: Path) -> None:
    by_modality = cli_json("list", "--catalog", str(catalog_dir), "--modality", "speech")
    assert [i["id"] for i in by_modality] == ["speech-cleaner"]
    by_phase = cli_json("list", "--catalog", str(catalog_dir), "--phase", "data-preparation", "--type", "library")
    assert [i["id"] for i in by_phase] == ["text-dedup"]
    either = cli_json("list", "--catalog", str(catalog_dir), "--modality", "speech", "--modality", "vision")
    assert [i["id"] for i in either] == ["bench-suite", "speech-cleaner"]
    since = cli_json("list", "--catalog", str(catalog_dir), "--since", "2024")
    assert [i["id"] for i in since] == ["speech-cleaner"]


def test_list_for_people_is_a_table_with_a_count(catalog_dir: Path) -> None:
    result = run_cli("list", "--catalog", str(catalog_dir), "--section", "deduplication")
    assert result.code == 0
    assert "text-dedup" in result.out
    assert "1 of 3 resources" in result.out


def test_tables_mark_a_deprecated_resource_after_its_name(make_catalog: Callable[..., Path]) -> None:
    old = resource("old-dedup", name="Old Dedup", status="deprecated", status_note="Unmaintained since 2024.")
    catalog = str(make_catalog([old, resource()]))
    for args in (["list"], ["search", "dedup"]):
        result = run_cli(*args, "--catalog", catalog, env={**os.environ, "COLUMNS": "200"})
        assert result.code == 0, result.err
        lines = {line.split("│")[1].strip(): line for line in result.out.splitlines() if line.count("│") > 2}
        assert "Old Dedup (deprecated)" in lines["old-dedup"]
        assert "(deprecated)" not in lines["text-dedup"]


def _header(out: str) -> list[str]:
    line = next(line for line in out.splitlines() if "┃" in line)
    return [cell.strip() for cell in line.split("┃")[1:-1]]


def test_tables_leave_out_the_least_useful_columns_rather_than_squeeze_them_in_a_narrow_terminal(
    make_catalog: Callable[..., Path],
) -> None:
    catalog = str(
        make_catalog(
            [
                resource(
                    sections=["deduplication", "data-cleaning", "capabilities"], modalities=["text", "speech", "vision"]
                )
            ]
        )
    )
    for args in (["list"], ["search", "dedup"]):
        wide = run_cli(*args, "--catalog", catalog, env={**os.environ, "COLUMNS": "200"})
        assert _header(wide.out)[:6] == ["id", "name", "type", "modalities", "sections", "released"]
        narrow = run_cli(*args, "--catalog", catalog, env={**os.environ, "COLUMNS": "60"})
        assert narrow.code == 0, narrow.err
        assert "sections" not in _header(narrow.out) and "modalities" not in _header(narrow.out)
        assert max(len(line) for line in narrow.out.splitlines()) <= 60
        # What is kept is whole: the name reads on its own line, not one letter per line.
        assert "Text Dedup" in narrow.out
        assert "text-dedup" in narrow.out


def test_show_prints_one_object(catalog_dir: Path) -> None:
    item = cli_json("show", "speech-cleaner", "--catalog", str(catalog_dir))
    assert isinstance(item, dict)
    assert item["id"] == "speech-cleaner"
    assert item["released"] == "2024"
    people = run_cli("show", "speech-cleaner", "--catalog", str(catalog_dir))
    assert "Swahili (sw)" in people.out


def test_unknown_id_gets_suggestions_and_exit_1(catalog_dir: Path) -> None:
    result = run_cli("show", "speech-cleanr", "--catalog", str(catalog_dir))
    assert result.code == 1
    assert "unknown resource id 'speech-cleanr'" in result.err
    assert "speech-cleaner" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("args", "message", "suggestion"),
    [
        (["list", "--section", "dedup"], "unknown section 'dedup'", "deduplication"),
        (["list", "--modality", "audio"], "unknown modality 'audio'", ""),
        (["search", "x", "--modality", "vison"], "unknown modality 'vison'", "vision"),
        (["list", "--phase", "training"], "unknown phase 'training'", ""),
    ],
)
def test_unknown_filter_values_are_refused(catalog_dir: Path, args: list[str], message: str, suggestion: str) -> None:
    result = run_cli(*args, "--catalog", str(catalog_dir))
    assert result.code == 1
    assert message in result.err
    assert suggestion in result.err
    assert "Traceback" not in result.err


def test_search_ranks_and_honours_filters(catalog_dir: Path) -> None:
    hits = cli_json("search", "minhash", "--catalog", str(catalog_dir))
    assert isinstance(hits, list)
    assert hits[0]["id"] == "text-dedup"
    assert "score" in hits[0]
    filtered = cli_json("search", "test", "--modality", "speech", "--catalog", str(catalog_dir))
    assert [h["id"] for h in filtered] == ["speech-cleaner"]
    exact = cli_json("search", "Bench Suite", "--catalog", str(catalog_dir))
    assert exact[0]["id"] == "bench-suite"


def test_search_without_results_says_so(catalog_dir: Path) -> None:
    result = run_cli("search", "zzzzqqq", "--catalog", str(catalog_dir))
    assert result.code == 0
    assert "no strong match for 'zzzzqqq'" in result.out


def test_sections_lists_phases_in_order(catalog_dir: Path) -> None:
    tree = cli_json("sections", "--catalog", str(catalog_dir))
    assert isinstance(tree, list)
    assert [p["id"] for p in tree] == ["data-preparation", "model-evaluation"]
    assert [s["id"] for s in tree[0]["sections"]] == ["deduplication", "data-cleaning"]
    assert tree[0]["sections"][0]["resource_count"] == 1


def test_validate_clean_catalog_exits_0(catalog_dir: Path) -> None:
    result = run_cli("validate", "--catalog", str(catalog_dir))
    assert result.code == 0
    assert result.out.strip().splitlines()[-1].startswith("ok: 0 errors")


def test_validate_json_report(catalog_dir: Path) -> None:
    (catalog_dir / "resources" / "broken.yaml").write_text("id: broken\nname: x\n", encoding="utf-8")
    result = run_cli("validate", "--catalog", str(catalog_dir), "--json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False
    fields = {p["field"] for p in report["problems"] if p["path"].endswith("broken.yaml")}
    assert {"description", "type", "sections", "modalities", "links"} <= fields


def test_validate_reports_every_problem_at_once(make_catalog: Callable[..., Path]) -> None:
    bad_one = resource("bad-one", modalities=["image"])
    bad_two = resource("bad-two", released="2023-13", links={"website": "javascript:alert(1)"})
    catalog_dir = make_catalog([bad_one, bad_two])
    result = run_cli("validate", "--catalog", str(catalog_dir))
    assert result.code == 1
    assert "unknown modality 'image'" in result.out
    assert "has month 13" in result.out
    assert "'javascript:' is not allowed" in result.out
    assert "3 errors" in result.out.splitlines()[-1]


def test_duplicates_warn_and_fail_under_strict(make_catalog: Callable[..., Path]) -> None:
    first = resource("the-pile", name="The Pile", links={"website": "https://pile.eleuther.ai/"})
    second = resource("pile", name="Pile", links={"website": "http://www.pile.eleuther.ai"})
    catalog_dir = make_catalog([first, second])
    relaxed = run_cli("validate", "--catalog", str(catalog_dir))
    assert relaxed.code == 0
    assert "warning: likely duplicate of 'pile'" in relaxed.out
    strict = run_cli("validate", "--strict", "--catalog", str(catalog_dir))
    assert strict.code == 1
    assert strict.out.splitlines()[-1].startswith("failed (strict)")


def test_commands_refuse_an_invalid_catalog_with_the_problems(make_catalog: Callable[..., Path]) -> None:
    catalog_dir = make_catalog([resource("bad", type="toolkit")])
    result = run_cli("list", "--catalog", str(catalog_dir))
    assert result.code == 1
    assert "unknown type 'toolkit'" in result.err
    assert "Traceback" not in result.err


def test_missing_catalog_directory_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("list", "--catalog", str(tmp_path / "nowhere"))
    assert result.code == 1
    assert "catalog directory does not exist" in result.err


def test_export_csv_round_trips(catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run_cli("export", "csv", "-o", str(out), "--catalog", str(catalog_dir))
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["bench-suite", "speech-cleaner", "text-dedup"]
    assert rows[0]["description"] == RESOURCES[2]["description"]
    assert rows[1]["languages.codes"] == "sw; yo"


def test_export_json_matches_list_json(catalog_dir: Path) -> None:
    exported = run_cli("export", "json", "--catalog", str(catalog_dir))
    assert json.loads(exported.out) == cli_json("list", "--catalog", str(catalog_dir))


def test_every_command_has_help() -> None:
    top = run_cli("--help")
    commands = [line.split()[0] for line in top.out.split("Commands:")[1].strip().splitlines()]
    assert {"list", "show", "search", "sections", "validate", "export", "schema"} <= set(commands)
    for command in commands:
        result: Run = run_cli(command, "--help")
        assert result.code == 0
        if "Commands:" in result.out:  # a group: its subcommands take the options
            for sub in [line.split()[0] for line in result.out.split("Commands:")[1].strip().splitlines()]:
                assert "--catalog" in run_cli(command, sub, "--help").out, f"{command} {sub}"
        elif command != "estimate":  # the estimator needs no catalog
            assert "--catalog" in result.out


def test_duplicates_table_shows_both_ids_whole_in_an_80_column_terminal(make_catalog: Callable[..., Path]) -> None:
    link = {"github": "https://github.com/example/a-shared-repository-with-a-rather-long-name"}
    first = resource("a-rather-long-resource-identifier-one", links=link)
    second = resource("a-rather-long-resource-identifier-two", links=link)
    result = run_cli("duplicates", "--catalog", str(make_catalog([first, second])), env={**os.environ, "COLUMNS": "80"})
    assert result.code == 0, result.err
    assert "a-rather-long-resource-identifier-one" in result.out
    assert "a-rather-long-resource-identifier-two" in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 80
