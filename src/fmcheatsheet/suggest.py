"""Did-you-mean suggestions for closed vocabularies, keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``value`` (ignoring case and separators), or None if none is close."""
    options = list(choices)
    folded = {_fold(choice): choice for choice in options}
    key = _fold(value)
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    if close:
        return folded[close[0]]
    # An abbreviation of one choice ("dedup" for "deduplication").
    starts = [choice for fold, choice in folded.items() if len(key) >= 3 and fold.startswith(key)]
    return starts[0] if len(starts) == 1 else None


def suggestions(value: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` choices close to ``value``, best first."""
    options = list(choices)
    folded = {_fold(choice): choice for choice in options}
    close = difflib.get_close_matches(_fold(value), list(folded), n=limit, cutoff=0.5)
    starts = [c for c in options if c.lower().startswith(value.lower()) and _fold(c) not in close]
    return [folded[c] for c in close] + starts[: max(0, limit - len(close))]


def _fold(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
