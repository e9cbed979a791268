"""Search quality and speed.

Quality: recall@5, recall@10 and MRR on benchmarks/search/queries.yaml for the
library's search (CLI and Python API), for the website's engine running in
Chromium, and for a plain substring search as the baseline. Targets: recall@5
>= 0.90 and MRR >= 0.75.

Speed: in-process query time on 20,000 generated resources (target p95 under
20 ms).

Results go to benchmarks/results/search.json; `--quality-only` skips the browser
and the latency run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from fmcheatsheet import Catalog  # noqa: E402

QUERIES = HERE / "search" / "queries.yaml"
Ranker = Callable[[str], list[str]]


def load_queries() -> list[dict[str, Any]]:
    return list(yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"])


def substring_ranker(catalog: Catalog) -> Ranker:
    """The baseline: resources containing the query text, name matches first."""

    def rank(query: str) -> list[str]:
        needle = query.lower().strip()
        hits = []
        for r in catalog:
            if needle in r.name.lower():
                hits.append((0, r.name.lower(), r.id))
            elif needle in " ".join(r.tags).lower():
                hits.append((1, r.name.lower(), r.id))
            elif needle in r.description.lower():
                hits.append((2, r.name.lower(), r.id))
        return [rid for _, _, rid in sorted(hits)[:10]]

    return rank


def library_ranker(catalog: Catalog) -> Ranker:
    return lambda query: [h.resource.id for h in catalog.search(query, limit=10)]


def metrics(queries: list[dict[str, Any]], ranker: Ranker) -> dict[str, Any]:
    per_query = []
    for item in queries:
        ranked = ranker(item["query"])
        expected = set(item["expected"])
        found5 = len(expected & set(ranked[:5])) / len(expected)
        found10 = len(expected & set(ranked[:10])) / len(expected)
        rr = next((1 / (i + 1) for i, rid in enumerate(ranked[:10]) if rid in expected), 0.0)
        per_query.append({**item, "ranked": ranked[:10], "recall5": found5, "recall10": found10, "rr": rr})
    summary: dict[str, Any] = {
        "queries": len(per_query),
        "recall@5": round(statistics.mean(q["recall5"] for q in per_query), 4),
        "recall@10": round(statistics.mean(q["recall10"] for q in per_query), 4),
        "mrr": round(statistics.mean(q["rr"] for q in per_query), 4),
    }
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in per_query:
        by_kind[q["kind"]].append(q)
    summary["by_kind"] = {
        kind: {
            "n": len(items),
            "recall@5": round(statistics.mean(q["recall5"] for q in items), 3),
            "mrr": round(statistics.mean(q["rr"] for q in items), 3),
        }
        for kind, items in sorted(by_kind.items())
    }
    summary["misses"] = [
        {"query": q["query"], "expected": q["expected"], "top5": q["ranked"][:5]} for q in per_query if q["recall5"] < 1
    ]
    return summary


def browser_rankings(catalog: Catalog, queries: list[str]) -> dict[str, list[str]]:
    """Top-10 ids of every query from static/search.js, running in Chromium on the built site."""
    from tests.browser import chromium
    from tests.sitehelpers import serving

    from fmcheatsheet.site import SiteConfig, build_site

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(catalog, site, SiteConfig())
        with serving(site) as url, chromium() as browser:
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(url)
            script = """
            async (queries) => {
              const { indexFromData } = await import('./static/search.js');
              const data = await (await fetch('./search.json')).json();
              const index = indexFromData(data);
              const out = {};
              for (const q of queries) out[q] = index.search(q, null, 10).map(([id]) => id);
              return out;
            }"""
            return dict(page.evaluate(script, queries))


def latency(count: int = 20_000) -> dict[str, float]:
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog.load(generate(Path(tmp) / "gen", count))
        start = time.perf_counter()
        catalog.search_index  # noqa: B018 - build once, as a long-lived process would
        index_s = time.perf_counter() - start
        queries = [q["query"] for q in load_queries()] + ["speech dedup", "carbon", "multilingual benchmark"]
        samples = []
        for _ in range(3):
            for query in queries:
                start = time.perf_counter()
                catalog.search(query, limit=10)
                samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        return {
            "resources": count,
            "index_build_s": round(index_s, 3),
            "median_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 3),
            "max_ms": round(samples[-1], 3),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality-only", action="store_true")
    args = parser.parse_args()
    catalog = Catalog.load()
    queries = load_queries()
    results: dict[str, Any] = {
        "library": metrics(queries, library_ranker(catalog)),
        "substring_baseline": metrics(queries, substring_ranker(catalog)),
    }
    if not args.quality_only:
        ranked = browser_rankings(catalog, [q["query"] for q in queries])
        results["website"] = metrics(queries, lambda q: ranked[q])
        python = {q["query"]: library_ranker(catalog)(q["query"]) for q in queries}
        results["website_matches_library"] = sum(ranked[q] == python[q] for q in python) / len(python)
        results["latency_20k"] = latency()
    for name in ("library", "website", "substring_baseline"):
        if name in results:
            r = results[name]
            print(f"{name:20s} recall@5 {r['recall@5']:.3f}  recall@10 {r['recall@10']:.3f}  MRR {r['mrr']:.3f}")
    if "website_matches_library" in results:
        print(f"website ranks identically to the library on {results['website_matches_library']:.1%} of queries")
        print("latency (20,000 resources):", results["latency_20k"])
    out = HERE / "results" / ("search-quality.json" if args.quality_only else "search.json")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
