"""Search quality and speed.

Quality, on the query sets in benchmarks/search/:

- queries.yaml: 210 queries as practitioners type them (keywords, abbreviations,
  exact names, typos, inflections, synonyms, questions);
- questions.yaml: 118 plain-language questions, labelled by reading the catalog;
- heldout.yaml: 40 more plain-language questions and tasks, labelled by reading the
  catalog and never used to tune the engine (it tells general rules from fitted ones);
- heldout2.yaml and diagnostic.yaml: further questions; heldout2's misses are never printed;
- heldout3.yaml: 45 practitioner questions and tasks written by a curator who had not seen the
  engine or the other sets, labelled by reading the catalog;
- heldout4.yaml: 60 more from another such curator (questions, tasks, jargon and modality needs); like
  heldout2, its misses are never printed;
- heldout5.yaml: 68 more, written before the catalog was opened by a third such curator; unread until
  2026-12-01, when its misses were read (its last unread figures are in README.md), and judged since;
- heldout6.yaml: 70 more by a fourth, from heldout5's brief (17 are close rewordings of other sets'
  queries); unread too;
- nonsense.yaml: 25 queries the catalog has no answer for.

For the library (CLI and Python API: strong matches only, as readers see them),
for the site's engine (static/search.js under Node, with its word vectors and on
words alone, its fallback until they load) and for a plain substring search as
the baseline: recall@5 (share of the expected ids in the top 5), hit@5 (at least
one in the top 5), recall@10 and MRR, per kind of query, and how many nonsense
queries get a strong match. Targets: questions recall@5 >= 0.90 and MRR >= 0.75;
the 210 queries no worse than before; no nonsense query with a strong match.

Labels list two or three answers; a result they do not list may still be right. So for
the readable sets every top-five result the labels do not list was graded by a judge who
saw neither labels nor engine (search/judgements.yaml): right@5 is the share of the results
shown in the top five that are right answers (listed or graded 2), no-answer@5 the share
graded 0, and "unjudged" counts results shown that nobody graded (new ones after a change).

Speed: in-process query time on 20,000 generated resources, and the warm CLI
(`fmcheatsheet search`, bundled catalog, median of 11 after one run fills the cache).
Size: the site's word-vector asset, raw and gzip -9.

Results go to benchmarks/results/search.json; `--quality-only` skips the site's
engine and the latency run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
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

SETS = ("queries", "questions", "heldout", "heldout2", "diagnostic", "heldout3", "heldout4", "heldout5", "heldout6")
# Sets whose misses are never printed or saved: they judge rules, so nobody may fit rules to them.
UNREAD = frozenset({"heldout2", "heldout4", "heldout6"})
# Sets whose top five results were graded one by one (search/judgements.yaml): a result the labels do
# not list may still be a right answer, and recall@5 cannot tell it from a wrong one.
JUDGED = ("queries", "questions", "heldout", "diagnostic", "heldout3", "heldout5")
Ranker = Callable[[str], list[str]]
NODE_RUNNER = """
import { readFileSync } from "node:fs";
import { indexFromData, WordVectors } from "%s";
const [dataPath, vectorsPath, queriesPath] = process.argv.slice(1);
const index = indexFromData(JSON.parse(readFileSync(dataPath, "utf-8")));
if (vectorsPath !== "-") index.setVectors(new WordVectors(new Uint8Array(readFileSync(vectorsPath)).buffer));
const out = {};
for (const q of JSON.parse(readFileSync(queriesPath, "utf-8"))) {
  out[q] = index.search(q, null, null, true).map(([id]) => id);
}
process.stdout.write(JSON.stringify(out));
"""


def load_set(name: str) -> Any:
    return yaml.safe_load((HERE / "search" / f"{name}.yaml").read_text(encoding="utf-8"))["queries"]


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
        return [rid for _, _, rid in sorted(hits)]

    return rank


def library_ranker(catalog: Catalog) -> Ranker:
    return lambda query: [h.resource.id for h in catalog.search(query, limit=None)]


def load_judgements() -> dict[str, dict[str, int]]:
    """Query -> {resource id: grade}: 2 a right answer, 1 related but not what was asked, 0 no answer."""
    path = HERE / "search" / "judgements.yaml"
    if not path.exists():
        return {}
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["judgements"]
    return {item["query"]: dict(item["grades"]) for item in items}


def metrics(
    queries: list[dict[str, Any]], ranker: Ranker, judged: dict[str, dict[str, int]] | None = None
) -> dict[str, Any]:
    per_query = []
    for item in queries:
        ranked = ranker(item["query"])
        expected = set(item["expected"])
        row = {
            **item,
            "ranked": ranked[:10],
            "recall5": len(expected & set(ranked[:5])) / len(expected),
            "hit5": 1.0 if expected & set(ranked[:5]) else 0.0,
            "recall10": len(expected & set(ranked[:10])) / len(expected),
            "rr": next((1 / (i + 1) for i, rid in enumerate(ranked[:10]) if rid in expected), 0.0),
        }
        if judged is not None:
            grades = judged.get(item["query"], {})
            shown = ranked[:5]
            right = [rid in expected or grades.get(rid) == 2 for rid in shown]
            row["right5"] = sum(right) / len(shown) if shown else 0.0
            row["right_hit5"] = 1.0 if any(right) else 0.0
            row["wrong5"] = sum(grades.get(rid) == 0 for rid in shown) / len(shown) if shown else 0.0
            row["unjudged"] = sum(rid not in expected and rid not in grades for rid in shown)
        per_query.append(row)
    summary = _summary(per_query)
    if judged is not None:
        summary["judged"] = {
            "right@5": round(statistics.mean(q["right5"] for q in per_query), 3),
            "right_hit@5": round(statistics.mean(q["right_hit5"] for q in per_query), 3),
            "no_answer@5": round(statistics.mean(q["wrong5"] for q in per_query), 3),
            "unjudged_results": sum(q["unjudged"] for q in per_query),
        }
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in per_query:
        groups[q["kind"]].append(q)
        if "need" in q:
            groups[f"question ({q['need']})"].append(q)
    summary["by_kind"] = {kind: _summary(items, short=True) for kind, items in sorted(groups.items())}
    summary["misses"] = [
        {"query": q["query"], "expected": q["expected"], "top5": q["ranked"][:5]} for q in per_query if q["recall5"] < 1
    ]
    return summary


def _summary(items: list[dict[str, Any]], short: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(items)}
    keys = ("recall5", "hit5", "rr") if short else ("recall5", "hit5", "recall10", "rr")
    for key in keys:
        name = {"recall5": "recall@5", "hit5": "hit@5", "recall10": "recall@10", "rr": "mrr"}[key]
        out[name] = round(statistics.mean(q[key] for q in items), 3)
    return out


def nonsense(ranker: Ranker) -> dict[str, Any]:
    queries = load_set("nonsense")
    matched = {q: ranker(q)[:3] for q in queries}
    with_match = {q: top for q, top in matched.items() if top}
    return {"queries": len(queries), "with_a_strong_match": len(with_match), "which": with_match}


def site_rankings(catalog: Catalog, queries: list[str], with_vectors: bool) -> dict[str, list[str]]:
    """Strong matches of every query from static/search.js, run by Node on the site's search.json."""
    from fmcheatsheet import semantic
    from fmcheatsheet.site.searchdata import search_index_bytes

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise SystemExit("node is needed for the site's engine (apt-get install nodejs), or use --quality-only")
    module = (ROOT / "src" / "fmcheatsheet" / "static" / "search.js").as_uri()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "search.json"
        data.write_bytes(search_index_bytes(catalog))
        listed = Path(tmp) / "queries.json"
        listed.write_text(json.dumps(queries), encoding="utf-8")
        vectors = str(semantic.TABLE) if with_vectors else "-"
        args = [node, "--input-type=module", "-e", NODE_RUNNER % module, str(data), vectors, str(listed)]
        done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=600)
    return dict(json.loads(done.stdout))


def latency(count: int = 20_000) -> dict[str, float]:
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog.load(generate(Path(tmp) / "gen", count))
        start = time.perf_counter()
        catalog.search_index  # noqa: B018 - build once, as a long-lived process would
        index_s = time.perf_counter() - start
        queries = [q["query"] for name in SETS for q in load_set(name)]
        samples = []
        for _ in range(2):
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


def cli_latency(runs: int = 11) -> dict[str, float]:
    """Wall-clock seconds of `fmcheatsheet search` on the bundled catalog, warm (its cache filled).

    Warm also means Python's bytecode cache: an installed copy has it, so a shell's
    PYTHONDONTWRITEBYTECODE, which would make every start compile the package anew, is left out.
    """
    args = [sys.executable, "-m", "fmcheatsheet", "search", "deduplicate web text"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["FMCHEATSHEET_CACHE_DIR"] = tmp
        subprocess.run(args, check=True, capture_output=True, env=env)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True, env=env)
            samples.append(time.perf_counter() - start)
    return {"runs": runs, "warm_median_s": round(statistics.median(samples), 3)}


def vectors_size() -> dict[str, int]:
    from fmcheatsheet import semantic

    raw = semantic.TABLE.read_bytes()
    return {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, compresslevel=9))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--misses", action="store_true", help="print the library's misses (not the unread sets')")
    args = parser.parse_args()
    catalog = Catalog.load()
    sets = {name: load_set(name) for name in SETS}
    engines: dict[str, Ranker] = {"library": library_ranker(catalog), "substring_baseline": substring_ranker(catalog)}
    if not args.quality_only:
        every = [q["query"] for items in sets.values() for q in items] + list(load_set("nonsense"))
        site = site_rankings(catalog, every, with_vectors=True)
        alone = site_rankings(catalog, every, with_vectors=False)
        engines["website"] = lambda q: site[q]
        engines["website_words_alone"] = lambda q: alone[q]
    judged = load_judgements()
    results: dict[str, Any] = {}
    for engine, ranker in engines.items():
        results[engine] = {
            name: metrics(items, ranker, judged if name in JUDGED else None) for name, items in sets.items()
        }
        for name in UNREAD:
            del results[engine][name]["misses"]
        results[engine]["nonsense"] = nonsense(ranker)
    if "website" in engines:
        library = engines["library"]
        same = [engines["website"](q) == library(q) for items in sets.values() for q in (i["query"] for i in items)]
        results["website_matches_library"] = sum(same) / len(same)
        results["latency_20k"] = latency()
        results["cli_bundled"] = cli_latency()
        results["word_vectors"] = vectors_size()
    for engine in engines:
        for name in SETS:
            r = results[engine][name]
            print(
                f"{engine:20s} {name:10s} recall@5 {r['recall@5']:.3f}  hit@5 {r['hit@5']:.3f}  "
                f"recall@10 {r['recall@10']:.3f}  MRR {r['mrr']:.3f}"
            )
        for name in JUDGED:
            j = results[engine][name].get("judged")
            if j:
                print(
                    f"{engine:20s} {name:10s} judged: right@5 {j['right@5']:.3f}  right hit@5 {j['right_hit@5']:.3f}"
                    f"  no answer@5 {j['no_answer@5']:.3f}  unjudged results {j['unjudged_results']}"
                )
        print(f"{engine:20s} nonsense with a strong match: {results[engine]['nonsense']['with_a_strong_match']}")
    if "website_matches_library" in results:
        print(f"website ranks identically to the library on {results['website_matches_library']:.1%} of queries")
        print("latency (20,000 resources):", results["latency_20k"])
        print("CLI, bundled catalog:", results["cli_bundled"], " word vectors:", results["word_vectors"])
    if args.misses:
        for name in SETS:
            for miss in results["library"][name].get("misses", []):
                print(f"miss [{name}] {miss['query']!r}: expected {miss['expected']}, top 5 {miss['top5']}")
    out = HERE / "results" / ("search-quality.json" if args.quality_only else "search.json")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
