"""Where the sentences of catalog prose end: to count them, and to show only the first.

The search engine keeps its own first-sentence rule (``search.first_sentence``), shared with
the browser's copy of the ranking; this one is for people reading the catalog.
"""

from __future__ import annotations

import re

# A full stop after a lone capital is an initial ("Sumanth R. Hegde"), and after these
# abbreviations it ends no sentence either.
_END = re.compile(r"(?<!\b[A-Z])(?<!\bvs)(?<!\bet al)(?<!\be\.g)(?<!\bi\.e)[.!?](?:\s+|$)(?=[A-Z0-9(\"']|$)")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its closing punctuation."""
    found: list[str] = []
    start = 0
    text = text.strip()
    for end in _END.finditer(text):
        found.append(text[start : end.start() + 1].strip())
        start = end.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def first(text: str) -> str:
    """The first sentence of ``text`` (all of it when it is one sentence)."""
    found = sentences(text)
    return found[0] if found else ""
