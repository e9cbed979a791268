"""One specification, two languages: the browser's estimator gives Python's answers.

Python writes fixtures (the shared vectors, one case per reference-table row and inputs that
Hypothesis generates) with its results, assumptions, errors and model cards; one test runs
static/estimator-core.js against them under Node's test runner.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fmcheatsheet.estimator import (
    EstimateError,
    Inputs,
    accelerators,
    browser_data,
    estimate,
    fits,
    model_card,
    regions,
)

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))["vectors"]


def require_node() -> str:
    """In CI a missing Node is a failure (make test installs Debian's nodejs); elsewhere the test is skipped."""
    node = shutil.which("node")
    if node:
        return node
    if os.environ.get("CI"):
        pytest.fail("node not found (install Debian's nodejs package)")
    pytest.skip("node not found (install Debian's nodejs package)")


def sometimes(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def finite(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def inputs_strategy() -> st.SearchStrategy[dict[str, Any]]:
    training = st.one_of(
        st.fixed_dictionaries({"params": finite(1e8, 2e12), "tokens": finite(1e9, 3e13)}),
        st.fixed_dictionaries(
            {
                "budget_flops": finite(1e18, 1e27),
                "rule": st.sampled_from(["chinchilla", "tokens-per-parameter"]),
                "fit": sometimes(st.sampled_from(sorted(fits()))),
            }
        ),
        st.fixed_dictionaries({"gpu_hours": finite(1, 1e8), "params": sometimes(finite(1e8, 2e12))}),
    )
    options = st.fixed_dictionaries(
        {
            "gpu": sometimes(st.sampled_from(sorted(accelerators()))),
            "gpus": sometimes(st.integers(1, 50_000)),
            "mfu": sometimes(finite(0.01, 1)),
            "power_watts": sometimes(finite(20, 3000)),
            "overhead": st.sampled_from([0.0, 0.1]) | finite(0, 1),
            "pue": sometimes(finite(1, 2.5)),
            "region": sometimes(st.sampled_from(sorted(regions()))),
            "intensity": sometimes(finite(0.001, 1.5)),
            "wue": sometimes(finite(0, 5)),
            "embodied_kg": sometimes(finite(1, 5000)),
            "lifetime_years": sometimes(finite(0.5, 12)),
            "serving_utilisation": sometimes(finite(0.01, 1)),
            "training_type": st.sampled_from(["pre-training", "fine-tuning"]),
        }
    )
    return st.builds(lambda a, b: {k: v for k, v in {**a, **b}.items() if v is not None}, training, options)


def generated_inputs(count: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    # Reproducible draws, no shrinking: these are fixtures, not a property that can fail here.
    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs_strategy())
    def collect(inputs: dict[str, Any]) -> None:
        found.append(inputs)

    collect()
    return found


def table_inputs() -> list[tuple[str, dict[str, Any]]]:
    """One case per accelerator and per region, so every row of the reference tables is exercised."""
    cases = [
        (f"accelerator-{key}", {"params": 7e9, "tokens": 1e12, "gpu": key, "gpus": 64, "region": "world-average"})
        for key in accelerators()
    ]
    cases += [(f"region-{key}", {"gpu_hours": 1000, "gpu": "h100-sxm", "gpus": 8, "region": key}) for key in regions()]
    cases += [
        ("error-unknown-region", {"gpu_hours": 10, "power_watts": 300, "region": "atlantis"}),
        ("error-region-and-intensity", {"gpu_hours": 10, "power_watts": 300, "region": "france", "intensity": 0.1}),
        ("error-serving-without-size", {"gpu": "h100-sxm", "serving_utilisation": 0.5}),
        ("error-nothing-to-compute", {"gpus": 8}),
    ]
    return cases


def expected(inputs: dict[str, Any]) -> dict[str, Any]:
    try:
        result = estimate(Inputs(**inputs))
    except EstimateError as exc:
        return {"error": str(exc)}
    try:
        card: str | None = model_card(result)
    except EstimateError:
        card = None
    return {"results": result.results, "assumptions": result.assumptions, "model_card": card}


def test_the_browser_module_gives_pythons_answers(tmp_path_factory: pytest.TempPathFactory) -> None:
    node = require_node()
    folder = tmp_path_factory.mktemp("conformance")
    cases = [(v["id"], v["inputs"]) for v in VECTORS]
    cases += table_inputs()
    cases += [(f"generated-{n}", inputs) for n, inputs in enumerate(generated_inputs(250))]
    shared = json.loads((HERE / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))
    fixtures = {
        "data": browser_data(),
        "cases": [{"id": key, "inputs": inputs, "expected": expected(inputs)} for key, inputs in cases],
        "numbers": shared["numbers"],
    }
    assert sum("error" not in case["expected"] for case in fixtures["cases"]) > len(cases) / 2
    (folder / "fixtures.json").write_text(json.dumps(fixtures), encoding="utf-8")
    # A copy named .mjs is an ES module to every Node version, whatever package.json says.
    core = resources.files("fmcheatsheet").joinpath("static/estimator-core.js").read_text("utf-8")
    (folder / "estimator-core.mjs").write_text(core, encoding="utf-8")
    env = {
        **os.environ,
        "ESTIMATOR_CORE": str(folder / "estimator-core.mjs"),
        "ESTIMATOR_FIXTURES": str(folder / "fixtures.json"),
    }
    run = subprocess.run(
        [node, "--test", str(HERE / "js" / "estimator-conformance.test.mjs")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
