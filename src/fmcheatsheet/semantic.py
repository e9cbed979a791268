"""Static word vectors: meaning beyond shared words, without a model at run time.

``data/wordvectors.bin`` holds one small vector per search stem, distilled once
from all-MiniLM-L6-v2 by ``scripts/distil_word_vectors.py`` (see
``data/NOTICE.md``). A text's vector is the weighted sum of its stems' vectors,
scaled to length one; two texts are close when the cosine of their vectors is
high. Reading the table needs nothing beyond the standard library, and the
site's JavaScript reads the same file.

The table also lists, for each stem, the catalog's stems nearest in meaning
(``neighbours``, with their cosines, computed in the model's full dimensions):
search offers them as weak alternatives of a query word.

File layout: a little-endian uint32 ``n``, ``n`` bytes of JSON (``dims``,
``bits``, per-dimension ``scales``, the sorted ``terms``, ``neighbours``,
``provenance``), then
one row per term of ``dims`` values: signed bytes, or with ``bits`` 4 two values
per byte (low half first), each stored as value + 8.
"""

from __future__ import annotations

import json
import math
import struct
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import mul
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent / "data" / "wordvectors.bin"

Vector = Sequence[float]


@dataclass
class WordVectors:
    """Stem -> vector, decoded on first use."""

    dims: int
    bits: int
    scales: tuple[float, ...]
    rows: dict[str, int]
    data: bytes
    neighbours: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    _decoded: dict[str, Vector] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, path: Path = TABLE) -> WordVectors:
        raw = path.read_bytes()
        (length,) = struct.unpack_from("<I", raw, 0)
        header = json.loads(raw[4 : 4 + length].decode("ascii"))
        terms = header["terms"]
        dims = int(header["dims"])
        bits = int(header.get("bits", 8))
        data = raw[4 + length :]
        if bits not in (4, 8) or (bits == 4 and dims % 2) or len(data) != len(terms) * dims * bits // 8:
            raise ValueError(f"{path}: {len(data)} bytes do not hold {len(terms)} terms of {dims} {bits}-bit values")
        return cls(
            dims=dims,
            bits=bits,
            scales=tuple(float(s) for s in header["scales"]),
            rows={term: i for i, term in enumerate(terms)},
            data=data,
            neighbours={
                term: tuple((str(n), float(sim)) for n, sim in near)
                for term, near in header.get("neighbours", {}).items()
            },
            provenance=dict(header.get("provenance", {})),
        )

    def __getstate__(self) -> dict[str, Any]:
        # Decoded rows are a cache; a pickled index (see Catalog.search_index) stays small without them.
        return {**self.__dict__, "_decoded": {}}

    def __contains__(self, term: str) -> bool:
        return term in self.rows

    def vector(self, term: str) -> Vector | None:
        found = self._decoded.get(term)
        if found is None:
            row = self.rows.get(term)
            if row is None:
                return None
            values: Iterable[int]
            if self.bits == 4:
                start = row * self.dims // 2
                values = [v - 8 for byte in self.data[start : start + self.dims // 2] for v in (byte & 15, byte >> 4)]
            else:
                values = struct.unpack_from(f"{self.dims}b", self.data, row * self.dims)
            found = tuple(v * s for v, s in zip(values, self.scales, strict=True))
            self._decoded[term] = found
        return found

    def embed(self, weighted: Iterable[tuple[str, float]]) -> Vector | None:
        """The unit vector of weighted stems, in the order given; None when no stem has a vector.

        The site computes the same sums in the same order, so both get the same bits.
        """
        total = self.total(weighted)
        return None if total is None else normalise(total)

    def total(self, weighted: Iterable[tuple[str, float]]) -> list[float] | None:
        """The weighted sum of the stems' vectors (what :meth:`embed` scales to length one)."""
        total: list[float] | None = None
        for term, weight in weighted:
            vector = self.vector(term)
            if vector is None or weight <= 0:
                continue
            if total is None:
                total = [weight * v for v in vector]
            else:
                total = [t + weight * v for t, v in zip(total, vector, strict=True)]
        return total


def normalise(values: Iterable[float]) -> Vector | None:
    """``values`` scaled to length one (None for a zero vector), as an array of doubles: it pickles as one block."""
    found = array("d", values)
    norm = length(found)
    if norm == 0.0:
        return None
    return array("d", [v / norm for v in found])


def length(values: Iterable[float]) -> float:
    """The Euclidean length, its squares summed left to right (the site sums them in the same order)."""
    squares = 0.0
    for v in values:
        squares += v * v
    return math.sqrt(squares)


def dot(a: Vector, b: Vector) -> float:
    """The dot product, to nine decimals.

    Rounded so that the site, which adds the products one by one, gets the same value
    as Python's sum(), which may compensate rounding (and is several times faster
    than a loop here). The formula is spelt out so that JavaScript can repeat it.
    """
    total: float = sum(map(mul, a, b))
    return math.floor(total * 1e9 + 0.5) / 1e9


@cache
def bundled() -> WordVectors | None:
    """The table shipped with the package, or None if it is missing (search then works on words alone)."""
    try:
        return WordVectors.read()
    except (OSError, ValueError, KeyError):
        return None
