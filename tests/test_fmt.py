"""`fmcheatsheet fmt`: one canonical form, idempotent, value-preserving, comment-keeping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fmcheatsheet.canonical import _normalised, format_catalog, format_text
from fmcheatsheet.paths import bundled_catalog
from fmcheatsheet.yamlsource import parse_yaml
from tests.conftest import run_cli
from tests.factory import dump, resource

MESSY = """\
# A resource kept for the tests.

tags: [b, a]   # order is the author's
id: messy
# the name, shouted
name: "Messy Tool"
links:
  # where the code lives
  github: https://github.com/example/messy
description: "A tool   with    odd spacing, written on one very long line that goes well past the limit of the form."
type: library
modalities:
  - text
sections:
  - deduplication
released: 2023-05
# trailing remark
"""


def test_every_bundled_file_is_canonical() -> None:
    result = format_catalog(bundled_catalog(), check=True)
    assert result.unreadable == []
    assert result.changed == [], "run `fmcheatsheet fmt`"


def test_canonical_form_orders_keys_wraps_prose_and_keeps_comments() -> None:
    out = format_text(MESSY, "resource")
    assert out.splitlines()[:5] == [
        "# A resource kept for the tests.",
        "",
        "id: messy",
        "# the name, shouted",
        "name: Messy Tool",
    ]
    assert "description: >-\n  A tool with odd spacing," in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "links:\n  # where the code lives\n  github: https://github.com/example/messy" in out
    assert "tags: [b, a]  # order is the author's" in out
    assert out.rstrip().endswith("# trailing remark")
    assert out.index("type:") < out.index("sections:") < out.index("modalities:") < out.index("links:")
    assert format_text(out, "resource") == out


def test_comments_after_block_text_stay_with_the_next_key() -> None:
    text = "id: x\ndescription: >-\n  # not a comment\n  more text here\n# about the type\ntype: library  # kind\n"
    out = format_text(text, "resource")
    assert "description: >-\n  # not a comment more text here\n# about the type\ntype: library  # kind\n" in out


def test_fmt_check_lists_files_and_fmt_fixes_them(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("tidy")])
    (root / "resources" / "messy.yaml").write_text(MESSY, encoding="utf-8")
    check = run_cli("fmt", "--check", "--catalog", str(root))
    assert check.code == 1
    assert "would reformat" in check.out and "messy.yaml" in check.out
    before = parse_yaml(MESSY).data
    fixed = run_cli("fmt", "--catalog", str(root))
    assert fixed.code == 0
    after = parse_yaml((root / "resources" / "messy.yaml").read_text(encoding="utf-8")).data
    assert _normalised(after) == _normalised(before)
    assert run_cli("fmt", "--check", "--catalog", str(root)).code == 0
    assert run_cli("validate", "--catalog", str(root)).code == 0


def test_fmt_reports_unreadable_files_and_touches_nothing_else(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("tidy")])
    broken = root / "resources" / "broken.yaml"
    broken.write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    result = run_cli("fmt", "--catalog", str(root))
    assert result.code == 1
    assert "broken.yaml:2" in result.err
    assert broken.read_text(encoding="utf-8") == "id: broken\nname: [unclosed\n"


text_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"),
    min_size=1,
    max_size=160,
).filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None)
@given(
    name=text_values,
    description=text_values,
    tags=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-+.#, :", min_size=1, max_size=20), max_size=6),
    comment=st.text(alphabet="abcdefghij klmnop#:-", max_size=30),
)
def test_formatting_round_trips_any_values(
    tmp_path_factory: object, name: str, description: str, tags: list[str], comment: str
) -> None:
    data = resource("round-trip", name=name, description=description, tags=tags)
    path = Path(str(tmp_path_factory.mktemp("rt"))) / "r.yaml"  # type: ignore[attr-defined]
    dump(path, data)
    original = f"# {comment}\n" + path.read_text(encoding="utf-8")
    once = format_text(original, "resource")
    assert _normalised(parse_yaml(once).data) == _normalised(parse_yaml(original).data)
    assert format_text(once, "resource") == once
    assert once.startswith(f"# {comment}".rstrip())


awkward_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(["\r", "\n", "\t", "\x85", "\u2028", "\u2029", "  ", ": ", " #", "'", '"', "\\", "-", "1984"]),
    ),
    min_size=1,
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(name=awkward_text, tags=st.lists(awkward_text, max_size=3))
def test_formatting_keeps_every_non_prose_value_exactly_and_is_idempotent(name: str, tags: list[str]) -> None:
    """Names and list items keep carriage returns, line separators, double spaces and tabs, at any length."""
    original = yaml.safe_dump(resource("exact", name=name, tags=tags), allow_unicode=False, width=80)
    once = format_text(original, "resource")
    assert parse_yaml(once).data == parse_yaml(original).data
    assert format_text(once, "resource") == once


@settings(max_examples=500, deadline=None)
@given(st.one_of(awkward_text, st.from_regex(r"[-+.0-9:_eE xoObB]{1,12}", fullmatch=True)))
def test_the_plain_scalar_rule_only_allows_text_that_reads_back_unchanged(text: str) -> None:
    from fmcheatsheet.plainscalars import may_be_plain
    from fmcheatsheet.yamlsource import SourceError

    if may_be_plain(text):
        try:
            assert parse_yaml(f"k: {text}").data == {"k": text}
        except SourceError as exc:
            raise AssertionError(f"{text!r} was judged plain but does not parse: {exc.message}") from None


@pytest.mark.parametrize(
    "name",
    ["1984", "2048", "0x1F", "1:30", "yes", "~", "2024-01", "Evil\rName", "Line\u2028Separator", "a" * 95 + "  b\tc"],
)
def test_values_yaml_would_read_otherwise_are_kept(make_catalog: Callable[..., Path], name: str) -> None:
    root = make_catalog([resource("kept", name=name)])
    path = root / "resources" / "kept.yaml"
    assert run_cli("fmt", "--catalog", str(root)).code == 0
    assert parse_yaml(path.read_text(encoding="utf-8")).data["name"] == name
    check = run_cli("fmt", "--check", "--catalog", str(root))
    assert check.code == 0, check.out + check.err


def test_a_quoted_number_like_name_is_already_canonical(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("nineteen-eighty-four", name="1984")])
    text = (root / "resources" / "nineteen-eighty-four.yaml").read_text(encoding="utf-8")
    assert "name: '1984'" in text or 'name: "1984"' in text
    assert run_cli("fmt", "--catalog", str(root)).code == 0
    assert run_cli("fmt", "--check", "--catalog", str(root)).code == 0
    assert run_cli("validate", "--catalog", str(root)).code == 0


def test_fmt_never_writes_through_a_folder_link_to_outside(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    root = make_catalog([])
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    messy = 'id: secret\nname:    "Secret"\n'
    (outside / "secret.yaml").write_text(messy, encoding="utf-8")
    (root / "resources").rmdir()
    (root / "resources").symlink_to(outside)
    result = run_cli("fmt", "--catalog", str(root))
    assert result.code == 1 and "outside the catalog" in result.err
    assert (outside / "secret.yaml").read_text(encoding="utf-8") == messy


def test_an_unquoted_no_stays_no_for_validate_to_point_at(make_catalog: Callable[..., Path]) -> None:
    """YAML reads a plain `no` (Norwegian's code) as false; fmt must not bury the slip as `false`."""
    root = make_catalog([resource("nordic", languages={"coverage": "multilingual", "codes": ["en", "sv"]})])
    path = root / "resources" / "nordic.yaml"
    assert run_cli("fmt", "--catalog", str(root)).code == 0
    text = path.read_text(encoding="utf-8")
    assert "[en, sv]" in text and "featured" not in text
    path.write_text(text.replace("[en, sv]", "[en, no]") + "featured: yes\n", encoding="utf-8")
    assert run_cli("fmt", "--catalog", str(root)).code == 0
    formatted = path.read_text(encoding="utf-8")
    assert "[en, no]" in formatted and "featured: yes" in formatted and "false" not in formatted
    result = run_cli("validate", "--catalog", str(root))
    report = result.out + result.err
    assert result.code == 1 and "languages.codes" in report and "quote the value" in report


def test_spellings_survive_a_block_list_too() -> None:
    text = "id: x\ncodes:\n  - en\n  - no\n  - NO\n  - ~\n  - 1_000\n"
    assert format_text(text, "resource").splitlines()[1:] == ["codes: [en, no, NO, ~, 1_000]"]
