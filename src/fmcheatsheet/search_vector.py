"""The ranking of :mod:`fmcheatsheet.search`, computed with NumPy arrays for large catalogs.

Every score is built from the same IEEE operations in the same order as the
dictionary implementation (an unmatched resource only ever adds 0.0, which
changes nothing), so both rank identically; a test checks it. NumPy is optional:
without it, or for small catalogs, the dictionary implementation runs.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .search import Alternative, Concept, SearchIndex

Vector = Any  # a float64 array with one value per resource


class VectorScorer:
    """Dense per-resource arrays over one SearchIndex."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.ids: list[str] = list(index.names)
        self.position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        self.size = len(self.ids)
        self._arrays: dict[str, tuple[Any, Any]] = {}

    def _postings(self, term: str) -> tuple[Any, Any] | None:
        found = self._arrays.get(term)
        if found is None:
            posting = self.index.postings.get(term)
            if posting is None:
                return None
            where = np.fromiter((self.position[d] for d in posting), dtype=np.int64, count=len(posting))
            values = np.fromiter(posting.values(), dtype=np.float64, count=len(posting))
            found = (where, values)
            self._arrays[term] = found
        return found

    def alternative(self, alternative: Alternative) -> Vector | None:
        arrays = [self._postings(t) for t in alternative.terms]
        if any(a is None for a in arrays):
            return None
        idfs = [self.index._term_idf(t, alternative.idf_cap) for t in alternative.terms]
        weight = alternative.weight
        out = np.zeros(self.size)
        if len(arrays) == 1:
            where, values = arrays[0]  # type: ignore[misc]
            out[where] = weight * (values * idfs[0])
            return out
        total = np.zeros(self.size)
        present = np.ones(self.size, dtype=bool)
        for (where, values), idf in zip(arrays, idfs, strict=True):  # type: ignore[misc]
            dense = np.zeros(self.size)
            dense[where] = values
            present &= dense > 0
            total = total + dense * idf
        out[present] = weight * total[present] / len(arrays)
        return out

    def concept(self, concept: Concept, accumulate: float) -> Vector | None:
        found = [v for v in (self.alternative(a) for a in concept.alternatives) if v is not None and v.any()]
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        best = found[0].copy()
        total = found[0].copy()
        for vector in found[1:]:
            total = total + vector
            np.maximum(best, vector, out=best)
        return best + accumulate * (total - best)

    def search(
        self,
        concepts: list[Concept],
        exact_ids: list[str],
        allowed: set[str] | None,
        limit: int | None,
        accumulate: float,
        bonus: float,
    ) -> list[tuple[str, float]]:
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=np.int64)
        for concept in concepts:
            combined = self.concept(concept, accumulate)
            if combined is None:
                continue
            scores = scores + combined
            matched += combined > 0
        for doc_id in exact_ids:
            scores[self.position[doc_id]] += bonus
            matched[self.position[doc_id]] = len(concepts)
        keep = matched > 0
        if allowed is not None:
            keep &= np.fromiter((d in allowed for d in self.ids), dtype=bool, count=self.size)
        chosen = np.flatnonzero(keep)
        coverage = matched[chosen] / len(concepts)
        final = scores[chosen] * (0.25 + 0.75 * coverage * coverage)
        if limit is not None and len(chosen) > limit:
            cutoff = heapq.nlargest(limit, final.tolist())[-1] - 1e-6
            mask = final >= cutoff
            chosen, final = chosen[mask], final[mask]
        ranked = [
            (self.ids[i], round(float(score), 6)) for i, score in zip(chosen.tolist(), final.tolist(), strict=True)
        ]
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return ranked if limit is None else ranked[:limit]
