"""Bad input beyond single-field mistakes: each gives a precise error and exit 1, in bounded time and
memory, never a traceback. Together with tests/corpus/ this is the project's bad-input corpus."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factory import PHASES, write_catalog
from tests.limited import run_limited

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
)


def limited_validate(catalog: Path) -> tuple[int, str, float]:
    """`fmcheatsheet validate` in its own process, with 1 GiB of address space and 60 s of wall time."""
    return run_limited("validate", "--catalog", str(catalog), cwd=catalog.parent)


Writer = Callable[[Path], object]


def _write(relative: str, data: bytes) -> Writer:
    def write(catalog: Path) -> None:
        (catalog / relative).write_bytes(data)

    return write


def _big_file(catalog: Path) -> None:
    with (catalog / "resources" / "big.yaml").open("wb") as handle:
        handle.write(b"id: big\ndescription: >-\n")
        line = b"  " + b"x" * 98 + b"\n"
        for _ in range(50 * 1024 * 1024 // len(line)):
            handle.write(line)


def _symlink_outside(catalog: Path) -> None:
    outside = catalog.parent / "outside.yaml"
    outside.write_text("id: linked\n", encoding="utf-8")
    (catalog / "resources" / "linked.yaml").symlink_to(outside)


def _fifo(catalog: Path) -> None:
    import os

    os.mkfifo(catalog / "resources" / "pipe.yaml")


def _folder_outside(name: str) -> Writer:
    """Replace a catalog folder by a link to a copy outside the catalog."""

    def write(catalog: Path) -> None:
        outside = catalog.parent / f"outside-{name}"
        (catalog / name).rename(outside)
        (catalog / name).symlink_to(outside)

    return write


def _health(body: str) -> Writer:
    """A health.json whose second line is the version and whose third line starts ``body``."""
    return _write("health.json", ('{\n "version": 1,\n ' + body + "\n}\n").encode())


def _phases(text: str) -> Writer:
    return _write("phases.yaml", text.encode())


CASES: dict[str, tuple[Writer, str, str]] = {
    "alias-bomb": (_write("resources/bomb.yaml", ALIAS_BOMB.encode()), "resources/bomb.yaml:", "aliases"),
    "fifty-megabytes": (_big_file, "resources/big.yaml", "catalog files are limited"),
    "symlink-outside": (_symlink_outside, "resources/linked.yaml", "points outside the catalog"),
    "utf-16": (_write("resources/u16.yaml", "id: u16\nname: x\n".encode("utf-16")), "resources/u16.yaml", "UTF-8"),
    "latin-1": (
        _write("resources/l1.yaml", "id: l1\nname: caf\xe9\n".encode("latin-1")),
        "resources/l1.yaml:2",
        "not valid UTF-8",
    ),
    "nul-in-middle": (_write("resources/nul.yaml", b"id: nul\nname: a\x00b\n"), "resources/nul.yaml:2", "NUL"),
    "deep-nesting": (
        _write("resources/deep.yaml", b"id: deep\nlinks: " + b"[" * 60 + b"]" * 60 + b"\n"),
        "resources/deep.yaml:",
        "nest",
    ),
    "yml-suffix": (_write("resources/wrong.yml", b"id: wrong\n"), "resources/wrong.yml", "not a .yaml file"),
    "subfolder": (lambda c: (c / "resources" / "nested").mkdir(), "resources/nested", "sub-folders"),
    "named-pipe": (_fifo, "resources/pipe.yaml", "not a regular file"),
    "phases-not-a-list": (_phases("phases: data-preparation\n"), "phases.yaml:1", "phases"),
    "phases-missing-key": (_phases("stages: []\n"), "phases.yaml:1", "unknown key 'stages'"),
    "section-in-two-phases": (
        _phases(
            "phases:\n  - id: a\n    title: First\n    overview: The first phase of the tests here.\n"
            "    sections: [deduplication, capabilities, data-cleaning]\n"
            "  - id: b\n    title: Second\n    overview: The second phase of the tests here.\n"
            "    sections: [capabilities]\n"
        ),
        "phases.yaml:9",
        "already in phase 'a'",
    ),
    "section-without-file": (
        _phases(
            "phases:\n  - id: a\n    title: First\n    overview: The first phase of the tests here.\n"
            "    sections: [deduplication, capabilities, data-cleaning, ghost]\n"
        ),
        "phases.yaml",
        "sections/ghost.yaml does not exist",
    ),
    "licence-bad-class": (
        _write("licences.yaml", b"licences:\n  - id: LicenseRef-X\n    name: X licence\n    class: free\n"),
        "licences.yaml:4",
        "unknown licence class",
    ),
    "licence-bad-id": (
        _write("licences.yaml", b"licences:\n  - id: X-Licence\n    name: X licence\n    class: permissive\n"),
        "licences.yaml:2",
        "'X-Licence' is not an SPDX licence id",
    ),
    "health-not-json": (_write("health.json", b'{"version": 1,\n "links": [}'), "health.json:2", "not valid JSON"),
    "health-link-not-an-object": (_health('"links": {"text-dedup": "broken"}'), "health.json:3", "expected a mapping"),
    "health-check-not-an-object": (
        _health('"links": {"text-dedup": {"github": "broken"}}'),
        "health.json:3: links.text-dedup.github",
        "expected a mapping of fields",
    ),
    "health-garbage-date": (
        _health(
            '"metadata": {"text-dedup": {"github": {"repo": "a/b", "checked": "2026-01-02",\n "pushed_at": "garbage"}}}'
        ),
        "health.json:4: metadata.text-dedup.github.pushed_at",
        "date 'garbage' is not YYYY-MM-DD",
    ),
    "health-stars-as-text": (
        _health('"metadata": {"text-dedup": {"github": {"repo": "a/b", "checked": "2026-01-02",\n "stars": "many"}}}'),
        "health.json:4: metadata.text-dedup.github.stars",
        "expected a whole number, found text",
    ),
    "health-stars-nan": (
        _health('"metadata": {"text-dedup": {"github": {"repo": "a/b", "checked": "2026-01-02",\n "stars": NaN}}}'),
        "health.json:4",
        "'NaN' is not a JSON number",
    ),
    "health-huge-integer": (
        _health(
            '"metadata": {"text-dedup": {"github": {"repo": "a/b", "checked": "2026-01-02",\n "stars": '
            + "9" * 5000
            + "}}}"
        ),
        "health.json:4",
        "number is 5000 digits long",
    ),
    "health-source-as-list": (
        _health('"metadata": {"text-dedup": {"github": ["a/b"]}}'),
        "health.json:3: metadata.text-dedup.github",
        "expected a mapping of fields, found a list",
    ),
    "health-check-without-date": (
        _health('"links": {"text-dedup": {"github": {"url": "https://github.com/a/b",\n "status": "error"}}}'),
        "health.json:3: links.text-dedup.github.checked",
        "required field is missing",
    ),
    "health-unknown-status": (
        _health(
            '"links": {"text-dedup": {"github": {"url": "https://github.com/a/b",'
            ' "checked": "2026-01-02",\n "status": "fine"}}}'
        ),
        "health.json:4: links.text-dedup.github.status",
        "'fine' is not allowed",
    ),
    "health-misspelt-key": (
        _health(
            '"links": {"text-dedup": {"github": {"url": "https://github.com/a/b",'
            ' "checked": "2026-01-02",\n "status": "ok", "cod": 200}}}'
        ),
        "health.json:4",
        "unknown key 'cod'",
    ),
    "health-deep-nesting": (_health('"links": ' + "[" * 100_000 + "]" * 100_000), "health.json:3", "nested more than"),
    "health-duplicate-key": (
        _health('"links": {},\n "links": {}'),
        "health.json:4",
        "duplicate key 'links'",
    ),
    "missing-phases-file": (lambda c: (c / "phases.yaml").unlink(), "phases.yaml", "phases.yaml is missing"),
    "vocabulary-huge-synonym-group": (
        _write(
            "vocabulary.yaml", ("synonyms:\n  - [dedup, " + ", ".join(f"w{i}" for i in range(30_000)) + "]\n").encode()
        ),
        "vocabulary.yaml:2: synonyms",
        "at most 20 are allowed",
    ),
    "vocabulary-long-phrase": (
        _write("vocabulary.yaml", ("synonyms:\n  - [dedup, " + "a" * 61 + "]\n").encode()),
        "vocabulary.yaml:2: synonyms",
        "longer than 60 characters",
    ),
    "resources-folder-linked-outside": (_folder_outside("resources"), "resources", "symbolic link to outside"),
    "sections-folder-linked-outside": (_folder_outside("sections"), "sections", "symbolic link to outside"),
    "file-name-not-utf8": (
        lambda c: (c / "resources" / os.fsdecode(b"\xff\xfe.yaml")).write_text("id: x\n", encoding="utf-8"),
        "resources/\\xff\\xfe.yaml",
        "file name is not valid UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_a_precise_error_within_bounds(case: str, tmp_path: Path) -> None:
    writer, where, message = CASES[case]
    catalog = write_catalog(tmp_path, phases=[dict(p) for p in PHASES])
    writer(catalog)
    code, output, seconds = limited_validate(catalog)
    assert code == 1, output
    assert "Traceback" not in output and "internal error" not in output, output
    lines = [line for line in output.splitlines() if where in line]
    assert lines, f"nothing reported for {where}:\n{output}"
    assert any(message in line for line in lines), output
    assert seconds < 30


def test_the_corpus_has_at_least_sixty_cases() -> None:
    corpus = Path(__file__).parent / "corpus"
    files = len(list((corpus / "resources").glob("*.yaml"))) + len(list((corpus / "sections").glob("*.yaml")))
    unreadable = 6  # the byte-level cases in test_malformed_corpus.py
    assert files + unreadable + len(CASES) >= 60
