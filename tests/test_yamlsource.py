from __future__ import annotations

import time

import pytest

from fmcheatsheet.yamlsource import SourceError, parse_yaml


def test_values_and_their_lines() -> None:
    doc = parse_yaml("id: x\nlinks:\n  github: https://github.com/a/b\ntags: [a, b]\nreleased: 2024-01-02\n")
    assert doc.data == {
        "id": "x",
        "links": {"github": "https://github.com/a/b"},
        "tags": ["a", "b"],
        "released": "2024-01-02",  # dates stay text so the schema checks their form
    }
    assert doc.line_of(("links", "github")) == 3
    assert doc.line_of(("tags", 1)) == 4
    assert doc.line_of(("links", "missing")) == 2  # falls back to the enclosing value


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: &x [1]\nb: *x\n", 2, "anchors and aliases"),
        ("a:\n\tb: 1\n", 2, "YAML syntax error"),
        ("a: !!python/name:os.system x\n", 1, "YAML tag"),
        ("? [a, b]\n: c\n", 1, "keys must be plain text"),
        ("a: 1\n---\nb: 2\n", 2, "YAML syntax error"),
        ("<<: {a: 1}\n", 1, "merge keys"),
    ],
)
def test_what_catalog_files_never_need_is_refused(text: str, line: int, message: str) -> None:
    with pytest.raises(SourceError, match=message) as caught:
        parse_yaml(text)
    assert caught.value.line == line


def test_an_alias_bomb_is_refused_quickly() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        levels.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    with pytest.raises(SourceError, match="aliases"):
        parse_yaml("\n".join(levels) + "\n")
    assert time.perf_counter() - start < 2
