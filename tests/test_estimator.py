"""The estimator reproduces hand-checked arithmetic, published training footprints and Chinchilla's allocations."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from fmcheatsheet.estimator import (
    EstimateError,
    Inputs,
    accelerators,
    compute_optimal,
    embodied_table,
    estimate,
    fits,
    model,
    model_card,
    parse_number,
    published_runs,
    regions,
)
from tests.conftest import run_cli

SHARED = json.loads((Path(__file__).parent / "data" / "estimator-vectors.json").read_text(encoding="utf-8"))
VECTORS = SHARED["vectors"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_vectors(vector: dict[str, Any]) -> None:
    if "error" in vector:
        with pytest.raises(EstimateError, match=vector["error"]):
            estimate(Inputs(**vector["inputs"]))
        return
    result = estimate(Inputs(**vector["inputs"])).results
    for key, expected in vector["expected"].items():
        assert result[key] == pytest.approx(expected, rel=vector["tolerance"]), key


def test_at_least_five_published_cases() -> None:
    published = [v for v in VECTORS if v["id"].startswith("published-")]
    assert len(published) >= 5
    assert all(v["source"].startswith("https://") and v["where"] for v in published)


def test_chinchillas_own_budget_gets_about_twenty_tokens_per_parameter() -> None:
    params, tokens = compute_optimal(5.76e23)
    assert 15 < tokens / params < 25
    assert 50e9 < params < 90e9


def test_the_original_approach_3_fit_stays_available_and_says_why_it_is_not_the_default() -> None:
    assert model()["default_fit"] == "chinchilla-refit"
    params, tokens = compute_optimal(5.76e23, fit="chinchilla-approach3")
    assert tokens / params > 80  # the allocation the replication showed to be wrong
    assert "replication" in fits()["chinchilla-approach3"]["note"]
    result = run_cli("estimate", "--budget-flops", "5.76e23", "--fit", "chinchilla-approach3", "--json")
    assert json.loads(result.out)["optimal_params"] == pytest.approx(params)


def test_every_fit_names_its_paper_and_the_code_it_was_read_from() -> None:
    for fit in fits().values():
        assert fit["source"].startswith("https://arxiv.org/abs/")
        assert fit["code"].startswith("https://github.com/")
        assert {"E", "A", "B", "alpha", "beta"} <= set(fit)


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


def test_the_accelerators_teams_train_on_through_2026_are_listed() -> None:
    wanted = {"h200-sxm", "b200", "gb200", "mi325x", "mi355x", "gaudi3", "tpu-v5e", "tpu-v5p", "tpu-v6e", "l40s"}
    assert wanted <= set(accelerators())
    assert {"v100", "a100-80gb", "h100-sxm", "mi300x", "tpu-v3"} <= set(accelerators())


def test_every_reference_row_names_a_source_and_says_what_it_states() -> None:
    rows: list[Any] = [*accelerators().values(), *regions().values(), *embodied_table().values(), *published_runs()]
    for row in rows:
        assert row.source.startswith("https://"), row
    noted: list[Any] = [*accelerators().values(), *regions().values(), *embodied_table().values()]
    for row in noted:
        assert len(row.note) > 40, row


def test_grid_table_covers_forty_places_with_cloud_regions_of_three_providers() -> None:
    table = regions()
    assert len(table) >= 40
    for provider in ("gcp-", "aws-", "azure-"):
        assert any(key.startswith(provider) for key in table), provider
    assert all(2019 <= r.year <= 2026 for r in table.values())
    # Regions of one country differ widely: that is why they are listed separately.
    assert table["gcp-us-west1"].kg_co2e_per_kwh < table["gcp-us-east1"].kg_co2e_per_kwh / 5


def test_a_cloud_region_without_published_figures_takes_its_locations_row() -> None:
    table = regions()
    aws = table["aws-us-east-1"]
    assert aws.same_grid_as == "gcp-us-east4"
    assert (aws.kg_co2e_per_kwh, aws.year, aws.source) == (
        table["gcp-us-east4"].kg_co2e_per_kwh,
        table["gcp-us-east4"].year,
        table["gcp-us-east4"].source,
    )
    assert aws.location_source.startswith("https://docs.aws.amazon.com/")


def test_google_region_figures_are_the_published_grams_in_kilograms() -> None:
    with (ROOT / "src/fmcheatsheet/data/estimator/regions.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    for key, row in rows.items():
        if key.startswith("gcp-"):
            grams = row["note"].split(": ", 1)[1].split(" g,")[0]
            assert float(row["kg_co2e_per_kwh"]) == pytest.approx(float(grams) / 1000), key


def test_embodied_emissions_are_reported_beside_operational_ones_never_added() -> None:
    with_embodied = estimate(Inputs(gpu_hours=10_000, gpu="a100-80gb", power_watts=400, pue=1.1, intensity=0.4))
    without = estimate(Inputs(gpu_hours=10_000, gpu="a100-40gb", power_watts=400, pue=1.1, intensity=0.4))
    assert with_embodied.results["emissions_tco2e"] == without.results["emissions_tco2e"]
    assert "embodied_tco2e" in with_embodied.results and "embodied_tco2e" not in without.results
    assert any("not added to operational emissions" in note for note in with_embodied.assumptions)


def test_inputs_left_to_defaults_come_with_a_range_and_given_ones_do_not() -> None:
    defaulted = estimate(Inputs(params=7e9, tokens=1.4e12, gpu="h100-sxm", gpus=64, region="germany")).results
    assert defaulted["emissions_tco2e_low"] < defaulted["emissions_tco2e"] < defaulted["emissions_tco2e_high"]
    given = estimate(
        Inputs(params=7e9, tokens=1.4e12, gpu="h100-sxm", gpus=64, mfu=0.45, power_watts=600, pue=1.1, region="germany")
    ).results
    assert "emissions_tco2e_low" not in given and "gpu_hours_low" not in given


def test_a_tpu_without_a_published_power_figure_asks_for_measured_power() -> None:
    result = estimate(Inputs(params=1e9, tokens=20e9, gpu="tpu-v6e", gpus=8, region="gcp-us-central1"))
    assert "gpu_hours" in result.results and "energy_kwh" not in result.results
    assert any("no published power figure" in note for note in result.assumptions)
    with pytest.raises(EstimateError, match="--power-watts"):
        estimate(Inputs(params=1e9, gpu="tpu-v6e", serving_utilisation=0.3))


def test_serving_costs_scale_with_model_size_and_fall_with_utilisation() -> None:
    def kwh(params: float, utilisation: float) -> float:
        inputs = Inputs(params=params, gpu="h100-sxm", serving_utilisation=utilisation, pue=1.1)
        return estimate(inputs).results["serving_kwh_per_million_tokens"]

    assert kwh(70e9, 0.3) == pytest.approx(10 * kwh(7e9, 0.3))
    assert kwh(7e9, 0.6) == pytest.approx(kwh(7e9, 0.3) / 2)


def test_published_runs_shown_on_the_page_still_reproduce_within_two_percent() -> None:
    assert {"LLaMA-7B", "Llama 2 70B", "BLOOM-176B", "GPT-3 175B", "OPT-175B"} <= {run.name for run in published_runs()}
    for run in published_runs():
        given = Inputs(gpu_hours=run.gpu_hours, power_watts=run.power_watts, pue=run.pue, intensity=run.kg_co2e_per_kwh)
        result = estimate(given).results
        assert result["energy_kwh"] == pytest.approx(run.energy_kwh, rel=0.02), run.id
        assert result["emissions_tco2e"] == pytest.approx(run.emissions_tco2e, rel=0.02), run.id


def test_inconsistent_or_missing_inputs_are_explained() -> None:
    with pytest.raises(EstimateError, match="not both"):
        estimate(Inputs(params=7e9, tokens=1e12, budget_flops=1e23))
    with pytest.raises(EstimateError, match="not enough inputs"):
        estimate(Inputs(gpus=8))
    with pytest.raises(EstimateError, match="did you mean"):
        estimate(Inputs(params=7e9, tokens=1e12, gpu="h100"))
    with pytest.raises(EstimateError, match="unknown fit"):
        estimate(Inputs(budget_flops=1e23, fit="kaplan"))
    with pytest.raises(EstimateError, match="needs emissions"):
        model_card(estimate(Inputs(gpu_hours=100, power_watts=300)))


def test_cli_json_carries_inputs_assumptions_and_results() -> None:
    args = ["--params", "7B", "--tokens", "1.4T", "--gpu", "a100-80gb", "--gpus", "64", "--mfu", "0.45"]
    args += ["--pue", "1.1", "--region", "germany"]
    result = run_cli("estimate", *args, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in ("flops", "gpu_hours", "energy_kwh", "emissions_tco2e", "embodied_tco2e", "inputs", "assumptions"):
        assert key in data
    assert data["inputs"]["params"] == 7e9 and data["inputs"]["region"] == "germany"
    assert any("0.381 kg CO2e/kWh" in note for note in data["assumptions"])
    assert json.loads(run_cli("estimate", *args, "--format", "json").out) == data
    budget = json.loads(run_cli("estimate", "--budget-flops", "1e23", "--json").out)
    assert {"optimal_params", "optimal_tokens", "predicted_loss"} <= set(budget)


def test_cli_model_card_gives_a_paragraph_and_hugging_face_metadata() -> None:
    result = run_cli(
        "estimate", "--gpu-hours", "82432", "--gpu", "a100-80gb", "--gpus", "2048", "--pue", "1.1", "--region",
        "aws-us-east-1", "--format", "model-card",
    )  # fmt: skip
    assert result.code == 0, result.err
    paragraph, block = result.out.split("\n\n", 1)
    assert "2048 x NVIDIA A100 SXM4 80GB" in paragraph and "82,432 GPU-hours" in paragraph
    assert "embodied emissions, reported separately" in paragraph
    metadata = yaml.safe_load(block.strip().strip("-"))["co2_eq_emissions"]
    expected = estimate(Inputs(gpu_hours=82432, gpu="a100-80gb", gpus=2048, pue=1.1, region="aws-us-east-1")).results[
        "emissions_tco2e"
    ]
    assert metadata["emissions"] == round(expected * 1e6)  # grams, as the Hub expects
    assert metadata["training_type"] == "pre-training"
    assert metadata["geographical_location"].startswith("AWS us-east-1")
    assert metadata["hardware_used"] == "2048 x NVIDIA A100 SXM4 80GB" and metadata["source"]


def test_cli_lists_reference_tables_with_sources_as_json() -> None:
    result = run_cli("estimate", "--list", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {"accelerators", "regions", "embodied", "fits", "published"} <= set(data)
    assert all(row["source"].startswith("https://") for row in data["accelerators"] + data["regions"])
    assert len(data["regions"]) == len(regions())


def test_cli_refuses_bad_input_without_a_traceback() -> None:
    result = run_cli("estimate", "--params", "seven", "--tokens", "1T")
    assert result.code == 2 and "is not a number" in result.err and "Traceback" not in result.err
    result = run_cli("estimate", "--gpu-hours", "1000", "--power-watts", "400", "--region", "atlantis")
    assert result.code == 1 and "unknown region 'atlantis'" in result.err
    result = run_cli("estimate", "--gpu-hours", "1000", "--power-watts", "400", "--format", "model-card")
    assert result.code == 1 and "--region or --intensity" in result.err and "Traceback" not in result.err
    result = run_cli("estimate", "--gpu", "h100-sxm", "--serving-utilisation", "0.3")
    assert result.code == 1 and "--params" in result.err
    result = run_cli("estimate", "--gpu-hours", "10", "--power-watts", "4", "--json", "--format", "model-card")
    assert result.code == 2 and "--format" in result.err


def test_google_region_file_updates_only_the_google_rows(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from update_estimator_regions import update
    finally:
        sys.path.pop(0)
    table = tmp_path / "regions.csv"
    shipped = ROOT / "src/fmcheatsheet/data/estimator/regions.csv"
    table.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    before = {row["id"]: row for row in csv.DictReader(table.open(encoding="utf-8"))}
    header = "Google Cloud Region,Location,Google CFE,Grid carbon intensity (gCO2eq / kWh)\n"
    source = "https://github.com/GoogleCloudPlatform/region-carbon-info/blob/abc/data/yearly/2025.csv"
    replaced, added = update(table, header + "us-west1,Oregon,0.9,70.5\nmars-north1,Olympus,1,0\n", 2025, source)
    after = {row["id"]: row for row in csv.DictReader(table.open(encoding="utf-8"))}
    assert (replaced, added) == (1, 1)
    assert after["gcp-us-west1"]["kg_co2e_per_kwh"] == "0.0705" and after["gcp-us-west1"]["year"] == "2025"
    assert after["gcp-us-east4"] == before["gcp-us-east4"] and after["france"] == before["france"]
    with pytest.raises(SystemExit, match="not a row"):
        update(table, "region,value\nx,1\n", 2025, source)
