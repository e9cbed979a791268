"""The estimator reproduces hand-checked arithmetic and published training footprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet.estimator import EstimateError, Inputs, accelerators, estimate, parse_number, regions
from tests.conftest import run_cli

SHARED = json.loads((Path(__file__).parent / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))
VECTORS = SHARED["vectors"]


def python_inputs(given: dict[str, Any]) -> Inputs:
    return Inputs(**given)


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_vectors(vector: dict[str, Any]) -> None:
    if "error" in vector:
        with pytest.raises(EstimateError, match=vector["error"]):
            estimate(python_inputs(vector["inputs"]))
        return
    result = estimate(python_inputs(vector["inputs"])).results
    for key, expected in vector["expected"].items():
        assert result[key] == pytest.approx(expected, rel=vector["tolerance"]), key


def test_at_least_five_published_cases() -> None:
    published = [v for v in VECTORS if v["id"].startswith("published-")]
    assert len(published) >= 5
    assert all(v["source"].startswith("https://") and v["where"] for v in published)


@pytest.mark.parametrize(
    ("text", "value"),
    [("7B", 7e9), ("1.4T", 1.4e12), ("70e9", 70e9), ("300M", 3e8), ("6,000", 6000.0), ("2k", 2000.0), (1e23, 1e23)],
)
def test_numbers_accept_practical_forms(text: str | float, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["seven", "7X", "-3", "", "1e400"])
def test_bad_numbers_are_refused(text: str) -> None:
    with pytest.raises(EstimateError):
        parse_number(text, "params")


@pytest.mark.parametrize(("text", "value"), SHARED["numbers"], ids=lambda v: repr(v))
def test_shared_number_vectors(text: str, value: float | None) -> None:
    """The same table is read by the site's estimator in the browser tests."""
    if value is None:
        with pytest.raises(EstimateError):
            parse_number(text, "params")
    else:
        assert parse_number(text) == value


def test_a_decimal_comma_is_refused_with_a_hint() -> None:
    result = run_cli("estimate", "--params", "1,4T", "--tokens", "1T")
    assert result.code == 2 and "a comma only separates thousands" in result.err


@pytest.mark.parametrize("option", ["--pue", "--overhead", "--intensity", "--wue", "--water-offsite", "--mfu"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN"])
def test_options_refuse_values_that_are_not_finite(option: str, value: str) -> None:
    result = run_cli("estimate", "--params", "7B", "--tokens", "1T", "--gpu", "h100-sxm", option, value, "--json")
    assert result.code == 2 and "Traceback" not in result.err, result.out


def test_results_too_large_for_a_number_are_refused_not_printed_as_infinity() -> None:
    result = run_cli("estimate", "--params", "1e300", "--tokens", "1e300", "--gpu", "h100-sxm", "--json")
    assert result.code == 1 and "too large" in result.err
    assert "Infinity" not in result.out


def test_every_reference_row_names_a_source() -> None:
    assert len(accelerators()) >= 8 and len(regions()) >= 10
    for row in [*accelerators().values(), *regions().values()]:
        assert row.source.startswith("https://")


def test_inconsistent_or_missing_inputs_are_explained() -> None:
    with pytest.raises(EstimateError, match="not both"):
        estimate(Inputs(params=7e9, tokens=1e12, budget_flops=1e23))
    with pytest.raises(EstimateError, match="not enough inputs"):
        estimate(Inputs(gpus=8))
    with pytest.raises(EstimateError, match="did you mean"):
        estimate(Inputs(params=7e9, tokens=1e12, gpu="h100"))


def test_cli_json_carries_inputs_assumptions_and_results() -> None:
    result = run_cli(
        "estimate",
        "--params",
        "7B",
        "--tokens",
        "1.4T",
        "--gpu",
        "a100-80gb",
        "--gpus",
        "64",
        "--mfu",
        "0.45",
        "--pue",
        "1.1",
        "--region",
        "germany",
        "--json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in ("flops", "gpu_hours", "energy_kwh", "emissions_tco2e", "predicted_loss", "inputs", "assumptions"):
        assert key in data
    assert data["inputs"]["params"] == 7e9 and data["inputs"]["region"] == "germany"
    assert any("0.381 kg CO2e/kWh" in note for note in data["assumptions"])
    budget = json.loads(run_cli("estimate", "--budget-flops", "1e23", "--json").out)
    assert {"optimal_params", "optimal_tokens", "predicted_loss"} <= set(budget)


def test_cli_refuses_bad_input_without_a_traceback() -> None:
    result = run_cli("estimate", "--params", "seven", "--tokens", "1T")
    assert result.code == 2 and "is not a number" in result.err and "Traceback" not in result.err
    result = run_cli("estimate", "--gpu-hours", "1000", "--power-watts", "400", "--region", "atlantis")
    assert result.code == 1 and "unknown region 'atlantis'" in result.err
