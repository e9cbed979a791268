"""`fmcheatsheet add` and `duplicates`: five-minute contributions that cannot break the catalog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.canonical import format_text
from fmcheatsheet.contribute import ContributionError, slugify, validate_new, write_new
from tests.conftest import run_cli
from tests.factory import resource

DESCRIPTION = "A command-line tool that removes repeated lines from JSONL shards; quick, but exact matches only."


@pytest.fixture
def root(make_catalog: Callable[..., Path]) -> Path:
    return make_catalog(
        [resource("text-dedup", name="text-dedup", links={"github": "https://github.com/ChenghaoMou/text-dedup"})]
    )


def add(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fmcheatsheet", "add", "--catalog", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ids_come_from_names() -> None:
    assert slugify("The Stack v2") == "the-stack-v2"
    assert slugify("Données: Français/Ελληνικά!") == "donnees-francais"
    assert len(slugify("x" * 200)) <= 60


def test_non_interactive_add_writes_a_valid_canonical_file(root: Path) -> None:
    result = add(
        root,
        "--yes",
        "--name",
        "Line Dedup",
        "--url",
        "https://github.com/example/line-dedup",
        "--section",
        "deduplication",
        "--modality",
        "text",
        "--type",
        "library",
        "--description",
        DESCRIPTION,
        "--licence",
        "MIT",
        "--tag",
        "dedup,jsonl",
        "--question",
        "how do I drop repeated lines from a JSONL file, keeping the first?",
        "--question",
        "remove duplicate lines, in order",
        "--released",
        "2024-03",
    )
    assert result.returncode == 0, result.stderr
    path = root / "resources" / "line-dedup.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("id: line-dedup\nname: Line Dedup\ndescription: >-\n")
    assert "  github: https://github.com/example/line-dedup\n" in text
    # A question keeps its commas: each --question is one item.
    assert Catalog.load(root).get("line-dedup").questions == [
        "how do I drop repeated lines from a JSONL file, keeping the first?",
        "remove duplicate lines, in order",
    ]
    assert run_cli("validate", "--catalog", str(root)).code == 0
    assert "line-dedup.yaml" not in run_cli("fmt", "--check", "--catalog", str(root)).out


def test_interactive_add_offers_the_vocabularies(root: Path) -> None:
    answers = (
        "\n".join(
            [
                "Speech Cleaner",  # name
                "https://speech-cleaner.example.org",  # main link
                "nonsense",  # sections: refused, asked again
                "data-cleaning",
                "speech",  # modalities
                "tool",  # type
                DESCRIPTION,  # description
                "",  # licence unknown
                "2025",  # released
            ]
        )
        + "\n"
    )
    result = add(root, stdin=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data-cleaning" in result.stdout  # the choices were shown
    assert "not one of the choices: nonsense" in result.stderr
    created = Catalog.load(root).get("speech-cleaner")
    assert created.links.website == "https://speech-cleaner.example.org"
    assert created.sections == ["data-cleaning"] and created.released == "2025"


def test_a_likely_duplicate_is_refused_unless_forced(root: Path) -> None:
    args = [
        "--yes",
        "--name",
        "Text Dedup Fork",
        "--url",
        "http://www.github.com/ChenghaoMou/text-dedup/tree/main",
        "--section",
        "deduplication",
        "--modality",
        "text",
        "--type",
        "library",
        "--description",
        DESCRIPTION,
    ]
    refused = add(root, *args)
    assert refused.returncode == 1
    assert "likely duplicate of 'text-dedup'" in refused.stderr
    assert not (root / "resources" / "text-dedup-fork.yaml").exists()
    forced = add(root, *args, "--force")
    assert forced.returncode == 0
    assert (root / "resources" / "text-dedup-fork.yaml").exists()


def test_a_near_identical_name_is_a_duplicate(root: Path) -> None:
    result = add(
        root,
        "--yes",
        "--name",
        "Text-Dedup",
        "--id",
        "textdedup2",
        "--url",
        "https://example.org/td",
        "--section",
        "deduplication",
        "--modality",
        "text",
        "--type",
        "library",
        "--description",
        DESCRIPTION,
    )
    assert result.returncode == 1
    assert "near-identical name" in result.stderr


def test_invalid_input_is_refused_with_every_problem(root: Path) -> None:
    result = add(
        root,
        "--yes",
        "--name",
        "Bad",
        "--url",
        "javascript:alert(1)",
        "--section",
        "dedup",
        "--modality",
        "img",
        "--type",
        "tool",
        "--description",
        "short",
    )
    assert result.returncode == 1
    for fragment in (
        "description: is too short",
        "did you mean 'deduplication'",
        "unknown modality 'img'",
        "'javascript:' is not allowed",
    ):
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / "resources").iterdir()) == ["text-dedup.yaml"]


def test_an_existing_file_is_never_overwritten(root: Path) -> None:
    catalog = Catalog.load(root)
    data = resource("text-dedup", name="Something Else", links={"website": "https://else.example.org"})
    with pytest.raises(ContributionError, match="already exists"):
        write_new(root, validate_new(catalog, data))
    assert "ChenghaoMou" in (root / "resources" / "text-dedup.yaml").read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_partial_or_changed_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = Catalog.load(root)
    before = {p.name: p.read_bytes() for p in (root / "resources").iterdir()}

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_new(root, validate_new(catalog, resource("brand-new", links={"website": "https://new.example.org"})))
    after = {p.name: p.read_bytes() for p in (root / "resources").iterdir()}
    assert after == before  # no brand-new.yaml, no temporary file, nothing else touched


def test_duplicates_lists_scored_pairs(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog(
        [
            resource("alpha", name="Alpha Tool", links={"website": "https://alpha.example.org/"}),
            resource("alpha-copy", name="Alpha Tool!", links={"website": "http://www.alpha.example.org"}),
            resource("pages", name="Pages", links={"website": "https://org.github.io/pages/"}),
            resource("repo", name="Repo", links={"github": "https://github.com/org/pages/tree/main"}),
            resource("paper-a", name="Paper A", links={"paper": "https://arxiv.org/abs/2301.00001v2"}),
            resource(
                "paper-b",
                name="Paper B Tool",
                links={"website": "https://b.example.org", "paper": "https://arxiv.org/pdf/2301.00001.pdf"},
            ),
        ]
    )
    result = run_cli("duplicates", "--json", "--catalog", str(root))
    pairs = {(p["first"], p["second"]): p["score"] for p in json.loads(result.out)}
    assert pairs[("alpha", "alpha-copy")] == 1.0
    assert pairs[("pages", "repo")] == 1.0
    assert pairs[("paper-a", "paper-b")] == 0.5


BASIC = ["--section", "deduplication", "--modality", "text", "--type", "tool", "--description", DESCRIPTION]


@pytest.mark.parametrize("name", ["1984", "2048", "Evil\rName", "Line\u2028Break", "yes"])
def test_add_writes_names_yaml_would_read_as_something_else_so_they_read_back(root: Path, name: str) -> None:
    result = add(root, "--yes", "--name", name, "--id", "kept-name", "--url", "https://example.org/kept", *BASIC)
    assert result.returncode == 0, result.stderr
    assert run_cli("validate", "--catalog", str(root)).code == 0
    assert Catalog.load(root).get("kept-name").name == name
    assert "kept-name.yaml" not in run_cli("fmt", "--check", "--catalog", str(root)).out


def test_a_description_too_short_once_its_spaces_are_collapsed_is_refused(root: Path) -> None:
    padded = "word" + " " * 40 + "word word"
    result = add(
        root, "--yes", "--name", "Padded", "--url", "https://example.org/padded", *BASIC[:6], "--description", padded
    )
    assert result.returncode == 1 and "description: is too short" in result.stderr
    assert not (root / "resources" / "padded.yaml").exists()


def test_add_never_writes_through_a_resources_link_to_outside(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (root / "resources").rename(outside)
    (root / "resources").symlink_to(outside)
    result = add(root, "--yes", "--name", "Escaped", "--url", "https://example.org/escaped", *BASIC)
    assert result.returncode == 1
    assert not (outside / "escaped.yaml").exists()


SUGGESTED = """\
id: swahili-speech
name: Swahili Speech
description: >-
  A corpus of read Swahili speech with transcripts, for training and evaluating ASR; small, so pair it
  with larger multilingual sets.
type: dataset
sections: [deduplication]
modalities: [speech]
links:
  huggingface: https://huggingface.co/datasets/example/swahili-speech
released: 2024-01
added: 2025-02-01
"""


def test_add_from_a_file_writes_it_in_canonical_form(root: Path, tmp_path: Path) -> None:
    suggested = tmp_path / "swahili-speech.yaml"
    suggested.write_text(SUGGESTED, encoding="utf-8")
    result = add(root, "--from", str(suggested))
    assert result.returncode == 0, result.stderr
    written = root / "resources" / "swahili-speech.yaml"
    assert written.read_text(encoding="utf-8") == format_text(SUGGESTED, "resource")
    assert run_cli("validate", "--catalog", str(root)).code == 0


def test_add_from_a_file_reports_each_problem_with_its_line(root: Path, tmp_path: Path) -> None:
    suggested = tmp_path / "bad.yaml"
    suggested.write_text(SUGGESTED.replace("released: 2024-01", "released: 2024-13").replace("[speech]", "[sound]"))
    result = add(root, "--from", str(suggested))
    assert result.returncode == 1
    assert f"{suggested}:8: modalities: unknown modality 'sound'" in result.stderr
    assert f"{suggested}:11: released: release date '2024-13' has month 13" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    unreadable = add(root, "--from", str(broken))
    assert unreadable.returncode == 1 and f"{broken}:2" in unreadable.stderr and "Traceback" not in unreadable.stderr
    assert sorted(p.name for p in (root / "resources").iterdir()) == ["text-dedup.yaml"]


def test_add_from_a_file_refuses_a_duplicate_like_the_options_do(root: Path, tmp_path: Path) -> None:
    suggested = tmp_path / "again.yaml"
    suggested.write_text(
        SUGGESTED.replace("swahili-speech", "text-dedup-again").replace(
            "huggingface: https://huggingface.co/datasets/example/text-dedup-again",
            "github: https://github.com/ChenghaoMou/text-dedup/",
        ),
        encoding="utf-8",
    )
    result = add(root, "--from", str(suggested))
    assert result.returncode == 1 and "likely duplicate of 'text-dedup'" in result.stderr
    assert not (root / "resources" / "text-dedup-again.yaml").exists()


def test_add_from_a_file_takes_no_field_options(root: Path, tmp_path: Path) -> None:
    suggested = tmp_path / "swahili-speech.yaml"
    suggested.write_text(SUGGESTED, encoding="utf-8")
    result = add(root, "--from", str(suggested), "--name", "Other")
    assert result.returncode == 2 and "not both" in result.stderr
