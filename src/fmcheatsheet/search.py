"""Ranked search that finds what a practitioner means.

A query is read as a list of *concepts*. Each concept is a query word (or a
phrase from the catalog's vocabulary) together with its alternatives: synonyms
and abbreviations from ``catalog/vocabulary.yaml``, spelling corrections (one
edit in words of 5-7 letters, two in longer ones) and, for the last word typed,
completions. Every text is reduced to stemmed terms first, so inflections match.

A resource scores, per concept, the best of its alternatives: the weight of the
field the terms appear in (name above tags above description above section
titles) times their rarity, discounted for synonyms, corrections and completions.
The total grows with the share of concepts matched, and a query that spells a
resource's name exactly ranks that resource first.

The site's JavaScript (``static/search.js``) implements the same steps; the
browser tests check both rank the benchmark queries identically.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .textnorm import stem, terms, tokens

FIELD_WEIGHTS = {"name": 6.0, "tags": 3.0, "description": 1.0, "languages": 1.0, "sections": 0.5}
EXACT_NAME_BONUS = 100.0
SYNONYM_WEIGHT = 0.9
TYPO_WEIGHT = 0.7
PREFIX_WEIGHT = 0.6
ACCUMULATE = 0.25
LENGTH_NORM = 0.5
# From this many resources on, scoring uses NumPy arrays when NumPy is installed.
VECTOR_MIN_DOCUMENTS = 3000
MIN_PREFIX = 3
_STOPWORD_TEXT = """
a about an and any are as at be best can could do does for from get good how i in into is it its me my of
on or our should that the their them there these this to us use using want we what when where which who
why will with would you your need find help tool tools resource resources
s t m d ll re ve
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Alternative:
    """One way a concept can be matched: all of ``terms`` present, worth ``weight``."""

    terms: tuple[str, ...]
    weight: float
    idf_cap: float | None = None


@dataclass(frozen=True)
class Concept:
    text: str
    alternatives: tuple[Alternative, ...]


@dataclass
class SearchIndex:
    """Per-term postings (term -> resource -> best field weight) and the vocabulary."""

    postings: dict[str, dict[str, float]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    document_count: int = 0
    synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    max_phrase: int = 1
    surface: dict[str, str] = field(default_factory=dict)
    _idf: dict[str, float] = field(default_factory=dict)
    _buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    _by_name: dict[str, list[str]] = field(default_factory=dict)
    _sorted_words: list[str] = field(default_factory=list)
    _scored_cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _scorer: Any = field(default=None, repr=False)
    use_vectors: bool = True

    @classmethod
    def build(
        cls, documents: Iterable[tuple[str, dict[str, str]]], synonym_groups: Sequence[Sequence[str]] = ()
    ) -> SearchIndex:
        index = cls()
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        tokenized = [(doc_id, {name: tokens(text) for name, text in fields.items()}) for doc_id, fields in documents]
        average = _average_lengths(tokenized)
        for doc_id, fields in tokenized:
            index.document_count += 1
            index.names[doc_id] = "".join(fields.get("name", []))
            for field_name, words in fields.items():
                # A match in a short field says more than one in a long field (BM25's
                # length normalisation); repeats saturate (BM25's term frequency).
                weight = FIELD_WEIGHTS[field_name] / (1 - LENGTH_NORM + LENGTH_NORM * len(words) / average[field_name])
                for word in words:
                    index.surface[word] = stem(word)
                for term, tf in Counter(stem(w) for w in words).items():
                    value = weight * tf / (tf + 0.5)
                    if value > postings[term].get(doc_id, 0.0):
                        postings[term][doc_id] = value
        index.postings = dict(postings)
        count = index.document_count
        index._idf = {t: math.log(1 + (count - len(p) + 0.5) / (len(p) + 0.5)) for t, p in index.postings.items()}
        index._set_synonyms(synonym_groups)
        # Corrections and completions work on the words as written, not on stems:
        # a misspelt word often stems differently from the word it should be.
        index.surface = dict(sorted(index.surface.items()))
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in index.surface:
            if word.isalpha():
                buckets[(word[0], len(word))].append(word)
        index._buckets = dict(buckets)
        index._sorted_words = list(index.surface)
        by_name: dict[str, list[str]] = defaultdict(list)
        for doc_id, name in index.names.items():
            by_name[name].append(doc_id)
        index._by_name = dict(by_name)
        return index

    def _set_synonyms(self, groups: Sequence[Sequence[str]]) -> None:
        table: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        for group in groups:
            phrases = {tuple(terms(phrase)) for phrase in group}
            phrases.discard(())
            for phrase in phrases:
                table[phrase].update(phrases - {phrase})
        self.synonyms = {k: tuple(sorted(v)) for k, v in sorted(table.items())}
        self.max_phrase = max((len(k) for k in self.synonyms), default=1)

    # -- reading a query ---------------------------------------------------------

    def idf(self, term: str) -> float:
        """Rarity of a term across resources (BM25's idf); unknown terms are the rarest."""
        known = self._idf.get(term)
        if known is not None:
            return known
        return math.log(1 + (self.document_count + 0.5) / 0.5)

    def concepts(self, text: str) -> list[Concept]:
        """The concepts of a query, each with its alternatives."""
        words = query_words(text)
        stems = [stem(w) for w in words]
        out: list[Concept] = []
        position = 0
        while position < len(stems):
            matched = False
            for length in range(min(self.max_phrase, len(stems) - position), 1, -1):
                phrase = tuple(stems[position : position + length])
                if phrase in self.synonyms:
                    cap = self._idf_cap(phrase)
                    alternatives = [Alternative(phrase, 1.0)]
                    alternatives += [Alternative(s, SYNONYM_WEIGHT, cap) for s in self.synonyms[phrase]]
                    out.append(Concept(" ".join(words[position : position + length]), tuple(alternatives)))
                    position += length
                    matched = True
                    break
            if matched:
                continue
            # The word still being typed (no space or punctuation after it) may be unfinished.
            typing = position == len(stems) - 1 and text[-1:].isalnum()
            out.append(self._word_concept(words[position], stems[position], typing))
            position += 1
        return out

    def _word_concept(self, word: str, term: str, is_last: bool) -> Concept:
        alternatives = [Alternative((term,), 1.0)]
        cap = self._idf_cap((term,))
        alternatives += [Alternative(s, SYNONYM_WEIGHT, cap) for s in self.synonyms.get((term,), ())]
        known = term in self.postings
        if not known and len(word) >= 5:
            for fixed in self.corrections(word):
                alternatives.append(Alternative((fixed,), TYPO_WEIGHT))
                fixed_cap = self._idf_cap((fixed,))
                alternatives += [
                    Alternative(s, TYPO_WEIGHT * SYNONYM_WEIGHT, fixed_cap) for s in self.synonyms.get((fixed,), ())
                ]
        if is_last and len(word) >= MIN_PREFIX:
            alternatives += [Alternative((t,), PREFIX_WEIGHT) for t in self.completions(word) if t != term]
        return Concept(word, tuple(_dedupe(alternatives)))

    def _idf_cap(self, phrase: tuple[str, ...]) -> float | None:
        """A synonym may not weigh more than the words the user typed: a rare
        synonym of a common word ("eval" for "benchmark") would otherwise outrank it."""
        if not all(t in self.postings for t in phrase):
            return None
        return sum(self.idf(t) for t in phrase) / len(phrase)

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Stems of indexed words within the allowed edit distance of ``word``, nearest and most common first."""
        stems: list[str] = []
        for candidate in self._nearest_words(word):
            term = self.surface[candidate]
            if term not in stems:
                stems.append(term)
        return stems[:limit]

    def _nearest_words(self, word: str) -> list[str]:
        """Indexed words within one edit (words up to 7 letters) or two (longer words) of ``word``.

        Only words of letters that start with the same letter are considered: typos
        rarely hit the first letter, numbers are not misspelt, and it keeps this fast.
        """
        budget = 1 if len(word) <= 7 else 2
        found: list[tuple[int, int, str]] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            for candidate in self._buckets.get((word[0], length), ()):
                distance = bounded_edit_distance(word, candidate, budget)
                if distance <= budget:
                    found.append((distance, -len(self.postings[self.surface[candidate]]), candidate))
        found.sort()
        return [candidate for _, _, candidate in found]

    def completions(self, prefix: str, limit: int = 8) -> list[str]:
        """Stems of indexed words starting with ``prefix`` (the word being typed), most common first."""
        start = bisect.bisect_left(self._sorted_words, prefix)
        found: set[str] = set()
        for candidate in self._sorted_words[start:]:
            if not candidate.startswith(prefix):
                break
            found.add(self.surface[candidate])
        return sorted(found, key=lambda t: (-len(self.postings[t]), t))[:limit]

    # -- ranking -----------------------------------------------------------------

    def search(self, text: str, allowed: set[str] | None = None, limit: int | None = 20) -> list[tuple[str, float]]:
        concepts = self.concepts(text)
        if not concepts:
            return []
        exact_ids = self._by_name.get(compact(text), [])
        scorer = self._vector_scorer()
        if scorer is not None:
            ranked: list[tuple[str, float]] = scorer.search(
                concepts, exact_ids, allowed, limit, ACCUMULATE, EXACT_NAME_BONUS
            )
            return ranked
        scores: dict[str, float] = {}
        matched: Counter[str] = Counter()
        for concept in concepts:
            found = [m for m in (self._alternative_scores(a) for a in concept.alternatives) if m]
            if not found:
                continue
            # With one way of matching, best == total and value + ACCUMULATE * 0.0 == value.
            combined = found[0] if len(found) == 1 else _combine(found)
            if not scores:
                scores = {d: 0.0 + v for d, v in combined.items()}
            else:
                get = scores.get
                for doc_id, value in combined.items():
                    scores[doc_id] = get(doc_id, 0.0) + value
            matched.update(combined.keys())
        for doc_id in exact_ids:
            scores[doc_id] = scores.get(doc_id, 0.0) + EXACT_NAME_BONUS
            matched[doc_id] = len(concepts)
        ranked = []
        count = len(concepts)
        for doc_id, score in scores.items():
            if allowed is not None and doc_id not in allowed:
                continue
            coverage = matched[doc_id] / count
            ranked.append((doc_id, score * (0.25 + 0.75 * coverage * coverage)))
        if limit is not None and len(ranked) > limit:
            # Only the best need rounding and sorting. Rounding moves a score by at
            # most 5e-7, so everything within 1e-6 of the limit-th raw score stays
            # in, ties included, and the result equals a full sort.
            cutoff = heapq.nlargest(limit, (score for _, score in ranked))[-1] - 1e-6
            ranked = [item for item in ranked if item[1] >= cutoff]
        rounded = [(doc_id, round(score, 6)) for doc_id, score in ranked]
        rounded.sort(key=lambda item: (-item[1], item[0]))
        return rounded if limit is None else rounded[:limit]

    def _vector_scorer(self) -> Any:
        """The NumPy scorer for large catalogs, when NumPy is installed (same results, faster)."""
        if self.document_count < VECTOR_MIN_DOCUMENTS or not self.use_vectors:
            return None
        if self._scorer is None:
            try:
                from .search_vector import VectorScorer
            except ImportError:
                self.use_vectors = False
                return None
            self._scorer = VectorScorer(self)
        return self._scorer

    def _alternative_scores(self, alternative: Alternative) -> dict[str, float]:
        """resource -> score for resources containing every term of the alternative.

        The result may be a shared dict from the index: callers must not change it.
        """
        postings = []
        for term in alternative.terms:
            found = self.postings.get(term)
            if found is None:
                return {}
            postings.append(found)
        idfs = [self._term_idf(t, alternative.idf_cap) for t in alternative.terms]
        weight = alternative.weight
        if len(postings) == 1:
            term, idf = alternative.terms[0], idfs[0]
            if idf == self.idf(term):
                scored = self._scored(term)
                return scored if weight == 1.0 else {d: weight * v for d, v in scored.items()}
            return {d: weight * (v * idf) for d, v in postings[0].items()}
        smallest = min(postings, key=len)
        common = set(smallest).intersection(*postings)
        out: dict[str, float] = {}
        count = len(postings)
        for doc_id in smallest:
            if doc_id in common:
                total = 0.0
                for p, idf in zip(postings, idfs, strict=True):
                    total += p[doc_id] * idf
                out[doc_id] = weight * total / count
        return out

    def _scored(self, term: str) -> dict[str, float]:
        """Field weight times idf, per resource, for one term (computed once)."""
        found = self._scored_cache.get(term)
        if found is None:
            idf = self.idf(term)
            found = {d: v * idf for d, v in self.postings[term].items()}
            self._scored_cache[term] = found
        return found

    def _term_idf(self, term: str, cap: float | None) -> float:
        idf = self.idf(term)
        return idf if cap is None else min(idf, cap)

    def suggest(self, text: str) -> str | None:
        """A corrected query when some words are unknown and close to known ones."""
        changed = False
        fixed_words = []
        for word in query_words(text):
            term = stem(word)
            if term in self.postings or (term,) in self.synonyms or len(word) < 4:
                fixed_words.append(word)
                continue
            candidates = self._nearest_words(word)
            if candidates:
                fixed_words.append(candidates[0])
                changed = True
            else:
                fixed_words.append(word)
        return " ".join(fixed_words) if changed else None


def _combine(found: list[dict[str, float]]) -> dict[str, float]:
    """One concept's score per resource from the scores of its alternatives.

    The best way of matching counts fully; other ways of saying the same thing (a
    synonym in the tags, the full phrase in the description) add a little, so
    resources that are really about the concept rise.
    """
    best = dict(found[0])
    total = dict(found[0])  # 0.0 + value == value
    for scores in found[1:]:
        for doc_id, value in scores.items():
            so_far = total.get(doc_id)
            if so_far is None:
                total[doc_id] = value
                best[doc_id] = value
            else:
                total[doc_id] = so_far + value
                if value > best[doc_id]:
                    best[doc_id] = value
    return {doc_id: value + ACCUMULATE * (total[doc_id] - value) for doc_id, value in best.items()}


def _average_lengths(tokenized: list[tuple[str, dict[str, list[str]]]]) -> dict[str, float]:
    totals: dict[str, int] = defaultdict(int)
    for _, fields in tokenized:
        for name, words in fields.items():
            totals[name] += len(words)
    count = max(1, len(tokenized))
    return {name: max(1.0, totals[name] / count) for name in FIELD_WEIGHTS}


def query_words(text: str) -> list[str]:
    """The words of a query without filler words (unless nothing else is left)."""
    words = tokens(text)
    kept = [w for w in words if w not in STOPWORDS]
    return kept or words


def compact(text: str) -> str:
    """Text reduced to its words run together: how exact-name matches are compared."""
    return "".join(tokens(text))


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


def _dedupe(alternatives: list[Alternative]) -> list[Alternative]:
    best: dict[tuple[str, ...], Alternative] = {}
    for alternative in alternatives:
        if alternative.terms not in best or best[alternative.terms].weight < alternative.weight:
            best[alternative.terms] = alternative
    return list(best.values())
