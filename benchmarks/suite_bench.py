"""How long `make test` takes, stage by stage, and which test files take longest.

Target: the whole of `make test` (lint, types and every test with coverage) in under two minutes
on the 2-core development machine, otherwise idle. The load average before the run is recorded,
because a busy machine makes every figure meaningless.

Writes benchmarks/results/suite.json: the latest run (stages, slowest files) and a dated history
of the totals.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "suite.json"
BIN = Path(sys.executable).parent
TARGET_SECONDS = 120
# The stages of `make test` after set-up (see the Makefile): what a developer waits for.
STAGES = {
    "lint": [
        [str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "scripts"],
        [str(BIN / "ruff"), "format", "--check", "src", "tests", "benchmarks", "scripts"],
    ],
    "typecheck": [[str(BIN / "mypy")]],
    "unit": [
        [str(BIN / "pytest"), "-n", "auto", "--dist", "worksteal", "--cov", "--cov-report=term", "-q", "--durations=0"]
    ],
}
DURATION = re.compile(r"^([\d.]+)s (?:setup|call|teardown)\s+(tests/[^:]+)::", re.M)


def run(command: list[str], log: Path) -> float:
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        # As the Makefile runs them: pytest may keep the test modules it rewrites (see `unit`).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        finished = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if finished.returncode != 0:
        # A failing suite has no time worth recording; show why it failed instead.
        text = log.read_text(encoding="utf-8")
        failures = text.find("= FAILURES =")
        print(text[failures : failures + 6000] if failures >= 0 else "", text[-1500:], sep="\n", file=sys.stderr)
        sys.exit(f"{' '.join(command[:2])} failed (exit {finished.returncode}); nothing recorded")
    return time.perf_counter() - started


def main() -> None:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "suite.log"
        stages = {name: round(sum(run(c, log) for c in commands), 1) for name, commands in STAGES.items()}
        output = log.read_text(encoding="utf-8")
    per_file: dict[str, float] = defaultdict(float)
    for seconds, path in DURATION.findall(output):
        per_file[path] += float(seconds)
    total = round(sum(stages.values()), 1)
    summary = re.findall(r"^=* ?(\d+ passed[^=\n]*?) ?=*$", output, re.M)
    latest = {
        "date": dt.date.today().isoformat(),
        "load_average_before": round(load_before, 2),
        "total_seconds": total,
        "target_seconds": TARGET_SECONDS,
        "met": total < TARGET_SECONDS,
        "stages": stages,
        "tests": summary[-1] if summary else "",
        # Test-seconds, summed over the parallel workers: where the time goes.
        "slowest_files": dict(sorted(((p, round(s, 1)) for p, s in per_file.items()), key=lambda x: -x[1])[:12]),
    }
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    history = previous.get("history", [])
    history.append({k: latest[k] for k in ("date", "load_average_before", "total_seconds", "tests")})
    RESULTS.write_text(json.dumps({"latest": latest, "history": history}, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(latest, indent=2))


if __name__ == "__main__":
    main()
