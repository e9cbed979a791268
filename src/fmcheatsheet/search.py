"""Ranked search over name, tags and description.

Every field's text is reduced to stemmed terms (:mod:`fmcheatsheet.textnorm`).
A query term scores in a resource by the field it appears in (name above tags
above description) times its rarity across the catalog, and a resource's score
grows with the share of query terms it matches. A query that spells a resource's
name exactly ranks that resource first.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .textnorm import fold, terms, tokens

if TYPE_CHECKING:
    from .catalog import Catalog

FIELD_WEIGHTS = {"name": 6.0, "tags": 3.0, "description": 1.0}
EXACT_NAME_BONUS = 100.0
_STOPWORD_TEXT = """
a an and are as at be can do does for from how i in is it my of on or our should the to we what when
where which who will with you your me use using about into best good
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass
class SearchIndex:
    """Term postings per field, built once per catalog."""

    postings: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    document_count: int = 0

    @classmethod
    def build(cls, catalog: Catalog) -> SearchIndex:
        return cls.from_documents(
            (r.id, {"name": r.name, "tags": " ".join(r.tags), "description": r.description}) for r in catalog
        )

    @classmethod
    def from_documents(cls, documents: Iterable[tuple[str, dict[str, str]]]) -> SearchIndex:
        index = cls()
        postings: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
        for doc_id, fields in documents:
            index.document_count += 1
            index.names[doc_id] = _compact(fields.get("name", ""))
            for field_name, text in fields.items():
                field_terms = terms(text)
                if not field_terms:
                    continue
                for term, tf in Counter(field_terms).items():
                    # Saturating term frequency: a word repeated in a description
                    # counts a little more, never a lot more.
                    postings[term][doc_id][field_name] = tf / (tf + 0.5)
        index.postings = {t: dict(d) for t, d in postings.items()}
        return index

    def idf(self, term: str) -> float:
        found = len(self.postings.get(term, {}))
        return math.log(1 + (self.document_count - found + 0.5) / (found + 0.5))

    def search(self, text: str, allowed: set[str] | None = None, limit: int | None = 20) -> list[tuple[str, float]]:
        query_terms = query_terms_of(text)
        exact = _compact(text)
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, set[str]] = defaultdict(set)
        for term in query_terms:
            for doc_id, fields in self.postings.get(term, {}).items():
                best = max(FIELD_WEIGHTS[f] * tf for f, tf in fields.items())
                scores[doc_id] += best * self.idf(term)
                matched[doc_id].add(term)
        for doc_id, name in self.names.items():
            if exact and name == exact:
                scores[doc_id] += EXACT_NAME_BONUS
                matched[doc_id].update(query_terms)
        ranked: list[tuple[str, float]] = []
        for doc_id, score in scores.items():
            if allowed is not None and doc_id not in allowed:
                continue
            coverage = len(matched[doc_id]) / max(1, len(query_terms))
            ranked.append((doc_id, round(score * (0.25 + 0.75 * coverage * coverage), 6)))
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return ranked if limit is None else ranked[:limit]


def query_terms_of(text: str) -> list[str]:
    """The distinct stemmed terms of a query, without filler words."""
    words = [w for w in tokens(text) if w not in STOPWORDS] or tokens(text)
    seen: list[str] = []
    for term in terms(" ".join(words)):
        if term not in seen:
            seen.append(term)
    return seen


def _compact(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())
