"""Turning text into search terms (folding, tokenising, a small suffix stemmer) and comparing words by edit distance.

The website's JavaScript implements the same steps (``static/search.js``, with
the suffix table shipped in ``search.json``); the browser tests check that both
give the same stems and the same rankings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+")
_CASED_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CAPITALS = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*")
# The parts of a glued or camel-case word: a run of capitals before a capitalised word ("RL" in
# "RLHFTrainer"), a run of capitals, a word with at most one capital first, a number.
_GLUED_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# A part shorter than this is no word ("LLaVA" is not "l", "la", "va"; "LangID" is not glued).
MIN_GLUED_PART = 3

# Longest first (of each family). Each entry: (suffix, replacement); applied once, when at least
# three characters remain, so "deduplicate", "deduplicated" and "deduplication"
# all reduce to "deduplic".
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("isations", "iz"),
    ("izations", "iz"),
    ("isation", "iz"),
    ("ization", "iz"),
    ("isers", "iz"),
    ("izers", "iz"),
    ("iser", "iz"),
    ("izer", "iz"),
    ("ising", "iz"),
    ("izing", "iz"),
    ("ised", "iz"),
    ("ized", "iz"),
    ("ises", "iz"),
    ("izes", "iz"),
    ("ise", "iz"),
    ("ize", "iz"),
    ("ational", "ate"),
    ("ations", ""),
    ("ation", ""),
    ("ators", ""),
    ("ator", ""),
    ("ating", ""),
    ("ated", ""),
    ("ates", ""),
    ("ate", ""),
    ("ities", ""),
    ("ity", ""),
    ("ments", ""),
    ("ment", ""),
    ("nesses", ""),
    ("ness", ""),
    ("ings", ""),
    ("ing", ""),
    ("ions", ""),
    ("ion", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)
# Suffixes that need a longer remainder: "document" and "argument" are not "docu" + "ment".
MIN_STEM = {"ment": 5, "ments": 5}
# British "-ise" spellings stem like American "-ize" ("anonymise", "anonymize"), except
# after these letters, where "-ise" belongs to the root: "supervise" (supervision), "precise".
NOT_AFTER = dict.fromkeys(("isations", "isation", "isers", "iser", "ising", "ised", "ises", "ise"), "cv")
# British and American spellings of one word stem alike (the catalog writes British English,
# many readers American): stem of one spelling -> stem of the other.
SPELLINGS = {
    "licenc": "licens",
    "defenc": "defens",
    "offenc": "offens",
    "behaviour": "behavior",
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
    "labour": "labor",
    "neighbour": "neighbor",
    "centr": "center",
    "metr": "meter",
    "modell": "model",
    "labell": "label",
    "travell": "travel",
    "cancell": "cancel",
    "signall": "signal",
    "analyz": "analys",
    "catalogu": "catalog",
    "dialog": "dialogu",
    "programm": "program",
    "artefact": "artifact",
}
# Words kept whole. "clips" (of video and audio) is not the plural of CLIP, the image-text model that
# many names carry: video datasets would otherwise answer "train a CLIP model".
KEEP = frozenset({"ness", "bias", "gas", "less", "ps", "bus", "news", "class", "glass", "mass", "process", "clips"})


def _unaccented(text: str) -> str:
    """``text`` with its accents removed and its case kept."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase ASCII-ish text: accents removed, other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Words of ``text`` after folding: runs of letters and digits."""
    return _TOKEN.findall(fold(text))


def joined(text: str) -> list[bool]:
    """Per word of ``text`` (see :func:`tokens`), whether a hyphen joins it to the next ("LLaVA-style")."""
    between = gaps(text)
    return [i + 1 < len(between) and between[i + 1] == "-" for i in range(len(between))]


def gaps(text: str) -> list[str]:
    """Per word of ``text`` (see :func:`tokens`), what stands between it and the word before (the
    text before it, for the first): spaces, punctuation, a hyphen."""
    folded = fold(text)
    found = []
    end = 0
    for match in _TOKEN.finditer(folded):
        found.append(folded[end : match.start()])
        end = match.end()
    return found


def written(text: str) -> list[str]:
    """Per word of ``text`` (see :func:`tokens`), the word as written, its case kept; the words
    themselves if the two readings disagree (a character whose lowercase folds differently)."""
    words = tokens(text)
    cased = _CASED_TOKEN.findall(_unaccented(text))
    return cased if [w.lower() for w in cased] == words else words


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem that maps inflections of a word to one key; not a linguistic root."""
    if len(word) <= 3 or word in KEEP or word.isdigit() or word.endswith("ss"):
        return word
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM.get(suffix, 3):
            if word[-len(suffix) - 1] in NOT_AFTER.get(suffix, ""):
                continue
            base = word[: len(word) - len(suffix)] + replacement
            if replacement == "" and base.endswith("e") and len(base) > 4:
                base = base[:-1]
            return SPELLINGS.get(base, base)
    base = word[:-1] if word.endswith("e") and len(word) > 4 else word
    return SPELLINGS.get(base, base)


def terms(text: str) -> list[str]:
    """Stemmed tokens of ``text``."""
    return [stem(t) for t in tokens(text)]


def capitalised(text: str) -> frozenset[str]:
    """Words ``text`` writes in capitals ("TIES", "GPT4"), as tokens (lowercase)."""
    plain = _unaccented(text)
    words = set(tokens(text))
    found = (w.lower() for w in _CASED_TOKEN.findall(plain) if _CAPITALS.fullmatch(w))
    return frozenset(w for w in found if w in words)


def acronyms(text: str) -> frozenset[str]:
    """Words ``text`` writes in capitals whose stem is another word (TIES, ROOTS), as tokens.

    TIES is a name, not the plural of "tie": the search matches such a word of a
    resource's name only to the same word in a query, never through its stem.
    """
    return frozenset(w for w in capitalised(text) if stem(w) != w)


def glued_words(text: str) -> list[tuple[str, ...]]:
    """The parts of each word ``text`` glues together by case ("GlotLID": Glot, LID), as written.

    Only a word whose every part (numbers aside) has at least ``MIN_GLUED_PART`` letters, and of
    at least two such parts, is split: "OpenLID" is "Open" and "LID", "LLaVA" and "LangID" stay
    whole. Numbers are no part ("Qwen3Guard": Qwen, Guard).
    """
    plain = _unaccented(text)
    found = []
    for word in _CASED_TOKEN.findall(plain):
        parts = tuple(p for p in _GLUED_PART.findall(word) if not p.isdigit())
        if len(parts) >= 2 and all(len(p) >= MIN_GLUED_PART for p in parts):
            found.append(parts)
    return found


def bounded_edit_distance(a: str, b: str, bound: int) -> int:
    """Damerau-Levenshtein (adjacent transpositions) distance, or ``bound + 1`` once it exceeds ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= bound else bound + 1
