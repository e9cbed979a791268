"""Catalog facts: how many entries are verified and sourced, and how current the catalog is.

Targets (whole catalog): every entry verified; licence known for at least 95% of datasets,
models, libraries, tools and benchmarks; a release date for at least 95% of entries;
languages for at least 90% of text and speech datasets, benchmarks and models; a citation for
every paper link; at least 190 entries released in 2025 or later, and at least 4 per section.

Writes benchmarks/results/catalog-facts.json: the current figures per section, and a dated
history of the whole-catalog figures (a new line whenever they change), so progress is visible.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from fmcheatsheet import Catalog
from fmcheatsheet.quality import quality_report

RESULTS = Path(__file__).resolve().parent / "results" / "catalog-facts.json"
TARGETS = {"verified": 1.0, "licence_known": 0.95, "release_known": 0.95, "languages_known": 0.90, "cited": 1.0}
RECENT_TARGET = 190
RECENT_PER_SECTION = 4


def main() -> None:
    report = quality_report(Catalog.load())
    total = report["total"]
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    history = previous.get("history", [])
    summary = {key: total[key] for key in ("entries", "verified", "sourced", "recent")} | total["shares"]
    if not history or {k: v for k, v in history[-1].items() if k != "date"} != summary:
        history.append({"date": dt.date.today().isoformat(), **summary})
    thin = [s["id"] for s in report["sections"] if s["recent"] < RECENT_PER_SECTION]
    met = {key: total["shares"][key] >= target for key, target in TARGETS.items()}
    met["recent"] = total["recent"] >= RECENT_TARGET and not thin
    RESULTS.write_text(
        json.dumps(
            {"targets": TARGETS, "met": met, "sections_short_of_recent": thin, "history": history, **report}, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    for key, ok in met.items():
        print(f"{'met ' if ok else 'open'}  {key}: {total['shares'].get(key, total['recent'])}")
    since = report["recent_from"]
    print(f"sections with fewer than {RECENT_PER_SECTION} entries from {since}: {', '.join(thin) or 'none'}")


if __name__ == "__main__":
    main()
