"""Core speed: `fmcheatsheet search` wall time and `Catalog.load` time.

Targets: CLI search under 0.5 s on the bundled catalog; loading 20,000 resources
under 3 s. "cold" runs start with an empty load cache, "warm" ones reuse it.
Results are written to benchmarks/results/core.json.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CLI = [sys.executable, "-m", "fmcheatsheet"]
RUNS = 5


def timed_cli(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*CLI, *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def timed_load(catalog: str | None, env: dict[str, str]) -> float:
    code = (
        "import time; from fmcheatsheet import Catalog; t = time.perf_counter(); "
        f"Catalog.load({catalog!r}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
    return float(out.stdout)


def measure(
    label: str, run: Callable[[dict[str, str]], float], cold_env: Callable[[], dict[str, str]]
) -> dict[str, float]:
    cold = [run(cold_env()) for _ in range(3)]
    warm_env = cold_env()
    run(warm_env)
    warm = [run(warm_env) for _ in range(RUNS)]
    result = {"cold_median_s": statistics.median(cold), "warm_median_s": statistics.median(warm)}
    print(f"{label:48s} cold {result['cold_median_s']:.3f} s   warm {result['warm_median_s']:.3f} s")
    return result


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fmcheatsheet-bench-"))

    def fresh_env() -> dict[str, str]:
        folder = tempfile.mkdtemp(dir=work)
        return {**os.environ, "FMCHEATSHEET_CACHE_DIR": folder}

    generated = str(generate(work / "gen20k", 20_000))
    results = {
        "search_cli_bundled": measure(
            "fmcheatsheet search (bundled catalog)",
            lambda env: timed_cli(["search", "deduplicate speech data", "--limit", "5"], env),
            fresh_env,
        ),
        "load_bundled": measure("Catalog.load (bundled catalog)", lambda env: timed_load(None, env), fresh_env),
        "load_20k": measure("Catalog.load (20,000 generated)", lambda env: timed_load(generated, env), fresh_env),
        "search_cli_20k": measure(
            "fmcheatsheet search (20,000 generated)",
            lambda env: timed_cli(["search", "speech dedup", "--catalog", generated], env),
            fresh_env,
        ),
    }
    out = HERE / "results" / "core.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
