"""Search the ranking constants together: a coordinate ascent on the readable query sets.

Each constant of ``fmcheatsheet.search`` was first set by sweeping it alone. This moves
each named constant down and up by a factor in turn, rebuilds the index and measures
every query set; a move is kept when it raises the readable sets (all but
``search_bench.UNREAD``) by more than ``--min-gain`` in pooled recall@5 + MRR/4, with no
nonsense query matched and the 210 queries at ``--floor`` or more. Rounds repeat until
one keeps nothing.

The unread sets take no part in the choice. Their pooled figures are printed beside
every trial, as the test of what the readable sets chose; their misses never are.
Results go to benchmarks/results/search_tune.json.

    .venv/bin/python benchmarks/search_tune.py --rounds 2 --step 0.25
    .venv/bin/python benchmarks/search_tune.py --only FIELD_WEIGHTS.tags LENGTH_NORM --step 0.1
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Any

# Every trial rebuilds the index from changed constants, which a cached index would hide.
os.environ["FMCHEATSHEET_CACHE"] = "off"

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_bench import SETS, UNREAD, library_ranker, load_set, metrics, nonsense  # noqa: E402

from fmcheatsheet import Catalog, semantic  # noqa: E402
from fmcheatsheet import search as engine  # noqa: E402

RESULTS = HERE / "results" / "search_tune.json"
READABLE = [name for name in SETS if name not in UNREAD]
# The constants searched by default: a dotted name is an entry of a dict constant.
CONSTANTS = (
    "FIELD_WEIGHTS.name",
    "FIELD_WEIGHTS.tags",
    "FIELD_WEIGHTS.description",
    "FIELD_WEIGHTS.questions",
    "FIELD_WEIGHTS.sections",
    "SEMANTIC_FIELD_WEIGHTS.tags",
    "SEMANTIC_FIELD_WEIGHTS.questions",
    "LENGTH_NORM",
    "LATER_SENTENCES_WEIGHT",
    "SYNONYM_WEIGHT",
    "READER_WEIGHT",
    "NEIGHBOUR_WEIGHT",
    "TYPO_WEIGHT",
    "ACCUMULATE",
    "COVERAGE_FLOOR",
    "SEMANTIC_WEIGHT",
    "QUESTION_WEIGHT",
    "QUESTION_BASELINE",
    "INTENT_BOOST",
    "PRF_WEIGHT",
    "MODALITY_KEEP",
    "TEXT_MODEL_KEEP",
    "LANGUAGES_KEEP",
    "FAMILY_DISCOUNT",
)
# Shares kept by a discount cannot exceed the whole.
AT_MOST_ONE = ("_KEEP", "FAMILY_DISCOUNT")

Trial = dict[str, float]
Figures = dict[str, Any]

_catalog: Catalog | None = None
_sets: dict[str, list[dict[str, Any]]] = {}
_defaults: dict[str, Any] = {}


def _start() -> None:
    global _catalog
    _catalog = Catalog.load()
    _sets.update({name: load_set(name) for name in SETS})
    _defaults.update({name: copy.deepcopy(getattr(engine, name)) for name in dir(engine) if name.isupper()})


def _get(name: str) -> float:
    table, _, key = name.partition(".")
    value = getattr(engine, table)
    return float(value[key] if key else value)


def _apply(trial: Trial) -> None:
    for name, value in _defaults.items():
        setattr(engine, name, copy.deepcopy(value))
    for name, value in trial.items():
        table, _, key = name.partition(".")
        if key:
            getattr(engine, table)[key] = value
        else:
            setattr(engine, table, value)
    # Constants the module derives from the field weights when it is imported.
    engine.REFERENCE_WEIGHT = engine.FIELD_WEIGHTS["tags"]
    engine.CONTEXT_NAME_WEIGHT = engine.FIELD_WEIGHTS["description"] / engine.FIELD_WEIGHTS["name"]


def _measure(trial: Trial) -> tuple[Trial, Figures]:
    assert _catalog is not None
    _apply(trial)
    _catalog.__dict__["search_index"] = _catalog.build_search_index(semantic.bundled())
    rank = library_ranker(_catalog)
    figures: Figures = {}
    for name, queries in _sets.items():
        found = metrics(queries, rank)
        figures[name] = {"recall@5": found["recall@5"], "mrr": found["mrr"], "queries": len(queries)}
    figures["nonsense"] = nonsense(rank)["with_a_strong_match"]
    return trial, figures


def pooled(figures: Figures, names: list[str], measure: str) -> float:
    total = sum(int(figures[name]["queries"]) for name in names)
    return sum(float(figures[name][measure]) * int(figures[name]["queries"]) for name in names) / total


def score(figures: Figures, floor: float) -> float | None:
    """The readable sets' pooled recall@5 + MRR/4, or None when a trial breaks a rule."""
    if figures["nonsense"] or figures["queries"]["recall@5"] < floor - 1e-9:
        return None
    return pooled(figures, READABLE, "recall@5") + pooled(figures, READABLE, "mrr") / 4


def describe(trial: Trial, figures: Figures) -> str:
    unread = sorted(UNREAD)
    return (
        f"readable {pooled(figures, READABLE, 'recall@5'):.4f}/{pooled(figures, READABLE, 'mrr'):.4f}  "
        f"unread {pooled(figures, unread, 'recall@5'):.4f}/{pooled(figures, unread, 'mrr'):.4f}  "
        f"210 queries {figures['queries']['recall@5']:.3f}  nonsense {figures['nonsense']}  {json.dumps(trial)}"
    )


def candidates(name: str, current: float, step: float) -> list[float]:
    values = [round(current * (1 - step), 4), round(current * (1 + step), 4)]
    if name.endswith(AT_MOST_ONE):
        values = [value for value in values if value <= 1.0]
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", default=list(CONSTANTS), help="the constants to search")
    parser.add_argument("--step", type=float, default=0.25, help="each move's factor: down by it, then up")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--min-gain", type=float, default=0.002)
    parser.add_argument("--floor", type=float, default=0.935, help="the least recall@5 of the 210 queries")
    args = parser.parse_args()

    _start()
    unknown = [name for name in args.only if not _known(name)]
    if unknown:
        parser.error(f"not a ranking constant of fmcheatsheet.search: {', '.join(unknown)}")
    starting = {name: _get(name) for name in args.only}
    log: list[dict[str, Any]] = []
    with Pool(os.cpu_count() or 1, initializer=_start) as pool:
        best: Trial = {}
        _, figures = pool.apply(_measure, (best,))
        best_score = score(figures, args.floor)
        if best_score is None:
            sys.exit("the engine as it stands breaks a rule (a nonsense match or the 210 queries below --floor)")
        print(f"start  {best_score:.4f}  {describe(best, figures)}", flush=True)
        log.append({"trial": best, "score": best_score, "figures": figures})
        for round_number in range(1, args.rounds + 1):
            kept = False
            for name in args.only:
                current = best.get(name, starting[name])
                trials = [{**best, name: value} for value in candidates(name, current, args.step)]
                for trial, figures in pool.map(_measure, trials):
                    trial_score = score(figures, args.floor)
                    shown = "rule broken" if trial_score is None else f"{trial_score:.4f}"
                    print(f"round {round_number}  {name}  {shown}  {describe(trial, figures)}", flush=True)
                    log.append({"trial": trial, "score": trial_score, "figures": figures})
                    if trial_score is not None and trial_score > best_score + args.min_gain:
                        best, best_score, kept = trial, trial_score, True
            print(f"after round {round_number}: {best_score:.4f}  {json.dumps(best)}", flush=True)
            if not kept:
                break
    RESULTS.write_text(json.dumps({"best": best, "score": best_score, "trials": log}, indent=1) + "\n")
    print(f"best: {json.dumps(best)}  (written to {RESULTS.relative_to(HERE.parent)})")


def _known(name: str) -> bool:
    table, _, key = name.partition(".")
    value = getattr(engine, table, None) if table.isupper() else None
    if key:
        return isinstance(value, dict) and key in value
    return isinstance(value, int | float) and not isinstance(value, bool)


if __name__ == "__main__":
    main()
