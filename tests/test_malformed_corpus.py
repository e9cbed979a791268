"""Every malformed file in tests/corpus gives one precise error: file, line, field, exit 1.

Each corpus file says what it expects in its header (`# expect-field:`,
`# expect-message:`) and marks the offending line with `# <- defect`.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.factory import PHASES, write_catalog

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Expectation:
    path: Path
    field: str
    message: str
    line: int


def expectation(path: Path) -> Expectation:
    text = path.read_text(encoding="utf-8")
    field = re.search(r"^# expect-field: ?(.*)$", text, re.M)
    message = re.search(r"^# expect-message: (.*)$", text, re.M)
    assert field and message, f"{path} lacks its expect- header"
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.rstrip().endswith("# <- defect"))
    return Expectation(path, field.group(1).strip(), message.group(1).strip(), line)


RESOURCE_CASES = sorted((CORPUS / "resources").glob("*.yaml"))
SECTION_CASES = sorted((CORPUS / "sections").glob("*.yaml"))


def test_the_corpus_covers_at_least_25_defects() -> None:
    assert len(RESOURCE_CASES) + len(SECTION_CASES) >= 25


def assert_reported(result_out: str, code: int, err: str, relative: str, expected: Expectation) -> None:
    assert code == 1, result_out
    assert "Traceback" not in result_out + err
    prefix = f"{relative}:{expected.line}: "
    lines = [row for row in result_out.splitlines() if row.startswith(prefix)]
    assert lines, f"no problem reported at {prefix!r}; got:\n{result_out}"
    reported = lines[0][len(prefix) :]
    if expected.field:
        assert reported.startswith(f"{expected.field}: "), reported
    assert expected.message in reported, reported


@pytest.mark.parametrize("case", RESOURCE_CASES, ids=lambda p: p.stem)
def test_malformed_resource_file(case: Path, tmp_path: Path) -> None:
    expected = expectation(case)
    catalog = write_catalog(tmp_path)
    shutil.copy(case, catalog / "resources" / case.name)
    result = run_cli("validate", "--catalog", "catalog", cwd=tmp_path)
    assert_reported(result.out, result.code, result.err, f"catalog/resources/{case.name}", expected)


@pytest.mark.parametrize("case", SECTION_CASES, ids=lambda p: p.stem)
def test_malformed_section_file(case: Path, tmp_path: Path) -> None:
    expected = expectation(case)
    phases = [dict(p) for p in PHASES]
    if case.stem != "not-in-any-phase":
        phases[0] = {**phases[0], "sections": [*phases[0]["sections"], case.stem]}
    catalog = write_catalog(tmp_path, phases=phases)
    shutil.copy(case, catalog / "sections" / case.name)
    result = run_cli("validate", "--catalog", "catalog", cwd=tmp_path)
    assert_reported(result.out, result.code, result.err, f"catalog/sections/{case.name}", expected)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbfid: bom\n", "byte-order mark"),
        (b"id: latin\nname: caf\xe9\n", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"just a sentence, not a mapping\n", "must hold a mapping"),
        (b"id: x\n---\nid: y\n", "remove the '---' separator"),
    ],
    ids=["empty", "bom", "latin-1", "binary", "scalar", "two-documents"],
)
def test_unreadable_resource_file(content: bytes, message: str, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path)
    (catalog / "resources" / "broken.yaml").write_bytes(content)
    result = run_cli("validate", "--catalog", "catalog", cwd=tmp_path)
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert any(row.startswith("catalog/resources/broken.yaml") and message in row for row in result.out.splitlines()), (
        result.out
    )
