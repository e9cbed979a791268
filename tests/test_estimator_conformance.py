"""One specification, two languages: the browser's estimator gives Python's answers.

Python writes fixtures (the shared vectors, one case per reference-table row and inputs that
Hypothesis generates) with its results, assumptions, errors and model cards; one test runs
static/estimator-core.js against them under Node's test runner.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
from tests.examples import draws
from tests.nodejs import run_node_test

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))["vectors"]


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


def test_the_browser_module_gives_pythons_answers(tmp_path: Path) -> None:
    cases = [(v["id"], v["inputs"]) for v in VECTORS]
    cases += table_inputs()
    cases += [(f"generated-{n}", inputs) for n, inputs in enumerate(draws(inputs_strategy(), 250))]
    shared = json.loads((HERE / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))
    fixtures = {
        "data": browser_data(),
        "cases": [{"id": key, "inputs": inputs, "expected": expected(inputs)} for key, inputs in cases],
        "numbers": shared["numbers"],
    }
    assert sum("error" not in case["expected"] for case in fixtures["cases"]) > len(cases) / 2
    run_node_test("estimator-conformance.test.mjs", fixtures, tmp_path, ("estimator-core.js",))
