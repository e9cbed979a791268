"""Sentences of catalog prose: counted for the three-sentence rule, and cut for long lists."""

from __future__ import annotations

import pytest

from fmcheatsheet.sentences import first, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two? Three!", ["One.", "Two?", "Three!"]),
        ("A post by Sumanth R. Hegde on training. Read it.", ["A post by Sumanth R. Hegde on training.", "Read it."]),
        (
            "Tools (e.g. Presidio) and others, i.e. Lilac. Done.",
            ["Tools (e.g. Presidio) and others, i.e. Lilac.", "Done."],
        ),
        ("Smith et al. Found it. Then 3 more.", ["Smith et al. Found it.", "Then 3 more."]),
        ('It says "open". Version 2.0 ships.', ['It says "open".', "Version 2.0 ships."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("  ", []),
    ],
)
def test_sentences_end_at_a_stop_before_a_capital_but_not_after_an_initial_or_abbreviation(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_the_first_sentence_is_what_a_resource_is() -> None:
    assert first("A tokenizer library. Use it for BPE.") == "A tokenizer library."
    assert first("") == ""
