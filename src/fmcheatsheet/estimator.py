"""Training and serving compute, time, energy, emissions and water: transparent estimates.

Formulas (every one used is listed in the result's assumptions):

- compute: FLOPs = 6 * N * D (N parameters, D training tokens); serving: 2 * N FLOPs per token;
- compute-optimal size for a budget C: minimise a fitted loss L(N, D) = E + A / N^alpha + B / D^beta
  under C = 6 N D (default: Besiroglu et al. 2024's refit of Chinchilla's Approach 3, which agrees
  with Chinchilla's other approaches), or the rule of about 20 tokens per parameter;
- time: seconds = FLOPs / (devices * peak FLOP/s * MFU); GPU-hours = devices * seconds / 3600;
- energy: kWh = GPU-hours * average power per device (kW) * (1 + node overhead) * PUE;
- operational emissions: tCO2e = kWh * grid carbon intensity (kg CO2e per kWh) / 1000;
- embodied emissions: manufacturing kg CO2e per device * GPU-hours / (service life in hours),
  reported beside the operational figure and never added to it;
- water: litres = IT energy (kWh) * on-site WUE (L/kWh) + total energy * off-site factor (L/kWh).

Where MFU, power or PUE fall back to defaults, the result also carries ``<key>_low`` and
``<key>_high`` from the bounds stated in ``data/estimator/model.json``.

The reference tables are CSV files in ``data/estimator/`` (see its README for how to update them).
The website computes with ``static/estimator-core.js``, a port of this module fed by the same data
(the build emits it as ``estimator.json``); a conformance test runs both on the same inputs.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Any

from .errors import CheatsheetError
from .suggest import suggestions

_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12, "p": 1e15}
# A comma only separates thousands (6,000 or 1,400,000): "1,4T" is refused, not read as 14T.
# The site's estimator reads the same pattern from estimator.json.
NUMBER_PATTERN = (
    r"^\s*((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9][0-9_]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\s*([kKmMbBgGtTpP])?\s*$"
)
_NUMBER = re.compile(NUMBER_PATTERN)
HOURS_PER_YEAR = 8760
TRAINING_TYPES = ("pre-training", "fine-tuning")


class EstimateError(CheatsheetError, ValueError):
    """Inputs that cannot give an estimate; the message says which and why."""


def parse_number(text: str | float | int, what: str = "number") -> float:
    """70e9, 1.4T, 7B, 300M, 6,000 -> float."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        match = _NUMBER.match(text)
        if not match:
            hint = "; a comma only separates thousands (6,000): write 1.4T, not 1,4T" if "," in text else ""
            raise EstimateError(f"{what}: '{text}' is not a number (examples: 7B, 1.4T, 70e9, 3000){hint}")
        value = float(match.group(1).replace(",", "").replace("_", "")) * _SUFFIX.get((match.group(2) or "").lower(), 1)
    if not math.isfinite(value) or value < 0:
        raise EstimateError(f"{what}: must be a positive number")
    return value


@dataclass(frozen=True)
class Accelerator:
    id: str
    name: str
    peak_bf16_tflops: float
    peak_fp8_tflops: float | None
    tdp_watts: float | None
    memory_gb: float | None
    source: str
    note: str = ""


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    kind: str
    kg_co2e_per_kwh: float
    year: int
    source: str
    same_grid_as: str = ""
    location_source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Embodied:
    accelerator: str
    kg_co2e: float
    kg_co2e_low: float
    kg_co2e_high: float
    source: str
    high_source: str
    note: str = ""


@dataclass(frozen=True)
class PublishedRun:
    id: str
    name: str
    gpu_hours: float
    power_watts: float
    pue: float
    kg_co2e_per_kwh: float
    energy_kwh: float
    emissions_tco2e: float
    source: str
    where: str


class DataError(CheatsheetError, ValueError):
    """A reference table that cannot be used; the message names the file, row and column."""


def _read(name: str) -> str:
    return resources.files("fmcheatsheet").joinpath(f"data/estimator/{name}").read_text("utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read(name))))


def _float(name: str, row: dict[str, str], column: str, optional: bool = False) -> float | None:
    text = (row.get(column) or "").strip()
    if not text and optional:
        return None
    where = f"{name}, row '{row.get('id') or row.get('accelerator')}'"
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{where}: {column} '{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise DataError(f"{where}: {column} must be positive")
    return value


def _https(name: str, key: str, url: str) -> str:
    if not url.startswith("https://"):
        raise DataError(f"{name}, row '{key}': every row needs an https:// source, got '{url}'")
    return url


@cache
def model() -> dict[str, Any]:
    """Fits, default values and their bounds (``data/estimator/model.json``)."""
    data: dict[str, Any] = json.loads(_read("model.json"))
    return data


@cache
def accelerators() -> dict[str, Accelerator]:
    table: dict[str, Accelerator] = {}
    for row in _rows("accelerators.csv"):
        peak = _float("accelerators.csv", row, "peak_bf16_tflops")
        assert peak is not None
        table[row["id"]] = Accelerator(
            id=row["id"],
            name=row["name"],
            peak_bf16_tflops=peak,
            peak_fp8_tflops=_float("accelerators.csv", row, "peak_fp8_tflops", optional=True),
            tdp_watts=_float("accelerators.csv", row, "tdp_watts", optional=True),
            memory_gb=_float("accelerators.csv", row, "memory_gb", optional=True),
            source=_https("accelerators.csv", row["id"], row["source"]),
            note=row["note"],
        )
    return table


@cache
def regions() -> dict[str, Region]:
    """Grid regions; a cloud region that shares another row's grid takes that row's figure, year and source."""
    raw = {row["id"]: row for row in _rows("regions.csv")}
    table: dict[str, Region] = {}
    for key, row in raw.items():
        origin = row
        if row["same_grid_as"]:
            if row["same_grid_as"] not in raw:
                raise DataError(f"regions.csv, row '{key}': same_grid_as '{row['same_grid_as']}' is not a region")
            origin = raw[row["same_grid_as"]]
            _https("regions.csv", key, row["location_source"])
        intensity = _float("regions.csv", origin, "kg_co2e_per_kwh")
        assert intensity is not None
        table[key] = Region(
            id=key,
            name=row["name"],
            kind=row["kind"],
            kg_co2e_per_kwh=intensity,
            year=int(origin["year"]),
            source=_https("regions.csv", key, origin["source"]),
            same_grid_as=row["same_grid_as"],
            location_source=row["location_source"],
            note=row["note"],
        )
    return table


@cache
def embodied_table() -> dict[str, Embodied]:
    table: dict[str, Embodied] = {}
    for row in _rows("embodied.csv"):
        key = row["accelerator"]
        if key not in accelerators():
            raise DataError(f"embodied.csv, row '{key}': not an accelerator id")
        point, low, high = (_float("embodied.csv", row, c) for c in ("kg_co2e", "kg_co2e_low", "kg_co2e_high"))
        assert point is not None and low is not None and high is not None
        table[key] = Embodied(
            key,
            point,
            low,
            high,
            _https("embodied.csv", key, row["source"]),
            _https("embodied.csv", key, row["high_source"]),
            row["note"],
        )
    return table


@cache
def published_runs() -> list[PublishedRun]:
    runs = []
    for row in _rows("published.csv"):
        values = {c: _float("published.csv", row, c) for c in ("gpu_hours", "power_watts", "pue", "kg_co2e_per_kwh")}
        stated = {c: _float("published.csv", row, c) for c in ("energy_kwh", "emissions_tco2e")}
        runs.append(
            PublishedRun(
                id=row["id"],
                name=row["name"],
                source=_https("published.csv", row["id"], row["source"]),
                where=row["where"],
                **values,  # type: ignore[arg-type]
                **stated,  # type: ignore[arg-type]
            )
        )
    return runs


def browser_data() -> dict[str, Any]:
    """Everything the website computes with, emitted by the build as ``estimator.json``."""
    return {
        **model(),
        "hours_per_year": HOURS_PER_YEAR,
        "training_types": list(TRAINING_TYPES),
        "number_suffixes": _SUFFIX,
        "number_pattern": NUMBER_PATTERN,
        "accelerators": [a.__dict__ for a in accelerators().values()],
        "regions": [r.__dict__ for r in regions().values()],
        "embodied": [e.__dict__ for e in embodied_table().values()],
        "published": [p.__dict__ for p in published_runs()],
    }


@dataclass
class Inputs:
    """What the user knows; any may be missing."""

    params: float | None = None
    tokens: float | None = None
    budget_flops: float | None = None
    gpu: str | None = None
    gpus: int | None = None
    mfu: float | None = None
    gpu_hours: float | None = None
    power_watts: float | None = None
    overhead: float = 0.0
    pue: float | None = None
    intensity: float | None = None
    region: str | None = None
    wue: float | None = None
    water_offsite: float | None = None
    rule: str = "chinchilla"
    fit: str | None = None
    embodied_kg: float | None = None
    lifetime_years: float | None = None
    serving_utilisation: float | None = None
    training_type: str = "pre-training"


@dataclass
class Estimate:
    inputs: dict[str, Any]
    results: dict[str, float] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    # What a report needs beyond the numbers: names, sources and whether values were defaults.
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "assumptions": self.assumptions, **self.results}


def fits() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = model()["fits"]
    return table


def fitted_loss(fit: dict[str, Any], params: float, tokens: float) -> float:
    loss: float = fit["E"] + fit["A"] / params ** fit["alpha"] + fit["B"] / tokens ** fit["beta"]
    return loss


def compute_optimal(budget_flops: float, rule: str = "chinchilla", fit: str | None = None) -> tuple[float, float]:
    """Parameters and tokens that spend ``budget_flops`` best, by the fitted loss or the 20:1 rule."""
    if rule == "tokens-per-parameter":
        ratio = float(model()["tokens_per_parameter"])
        params = math.sqrt(budget_flops / (6 * ratio))
        return params, ratio * params
    c = _fit(fit)
    a, b = c["alpha"], c["beta"]
    # Setting dL/dN = 0 along N * D = C/6 gives N = G (C/6)^(b/(a+b)) with G = (a A / (b B))^(1/(a+b)).
    g = (a * c["A"] / (b * c["B"])) ** (1 / (a + b))
    params = g * (budget_flops / 6) ** (b / (a + b))
    return params, (budget_flops / 6) / params


def num(value: float) -> str:
    """A configured value as typed: 0.056, 1.2, 700 (the same text as JavaScript's String(value))."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def fixed(value: float, digits: int) -> str:
    """Round half up on the exact binary value, as JavaScript's toFixed does, so both sides print alike."""
    return str(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def grouped(value: float) -> str:
    whole = fixed(value, 0)
    return re.sub(r"\B(?=(\d{3})+(?!\d))", ",", whole)


def pct(value: float) -> str:
    return fixed(value * 100, 0) + "%"


def mass(tonnes: float) -> str:
    """Emissions for people: tonnes above one, kilograms below."""
    if tonnes >= 10:
        return grouped(tonnes) + " t CO2e"
    if tonnes >= 1:
        return fixed(tonnes, 1) + " t CO2e"
    kg = tonnes * 1000
    return (fixed(kg, 0) if kg >= 10 else fixed(kg, 2)) + " kg CO2e"


def estimate(inputs: Inputs) -> Estimate:
    """Everything that can be computed from ``inputs``, with the assumptions made."""
    result = Estimate(inputs={k: v for k, v in inputs.__dict__.items() if v is not None})
    notes = result.assumptions
    r = result.results
    facts = result.facts
    defaults = model()["defaults"]
    _check_ranges(inputs)
    fit_id = inputs.fit or model()["default_fit"]
    fit = _fit(fit_id)
    flops: float | None = None
    if inputs.params and inputs.tokens:
        flops = 6 * inputs.params * inputs.tokens
        notes.append("Training compute FLOPs = 6 x parameters x tokens (dense transformer, forward and backward).")
    if inputs.budget_flops:
        if flops is not None:
            raise EstimateError("give either parameters and tokens, or a compute budget, not both")
        flops = inputs.budget_flops
        params, tokens = compute_optimal(flops, inputs.rule, fit_id)
        r["optimal_params"] = params
        r["optimal_tokens"] = tokens
        if inputs.rule == "tokens-per-parameter":
            notes.append(
                f"Compute-optimal size from the rule of about {num(model()['tokens_per_parameter'])} "
                "training tokens per parameter."
            )
        else:
            notes.append(
                f"Compute-optimal size minimises L(N, D) = {num(fit['E'])} + {num(fit['A'])}/N^{num(fit['alpha'])} "
                f"+ {num(fit['B'])}/D^{num(fit['beta'])} under FLOPs = 6ND: {fit['name']} ({fit['source']})."
            )
        r["predicted_loss"] = fitted_loss(fit, params, tokens)
    elif inputs.params and inputs.tokens:
        r["predicted_loss"] = fitted_loss(fit, inputs.params, inputs.tokens)
    if "predicted_loss" in r:
        notes.append(f"Predicted loss uses {fit['name']}; it describes that paper's data and tokenizer only.")
    if flops is not None:
        r["flops"] = flops
    accelerator = _accelerator(inputs.gpu)
    gpus = inputs.gpus or 1
    gpu_hours = inputs.gpu_hours
    hours_range: tuple[float, float] | None = None
    if gpu_hours is None and flops is not None and accelerator is not None:
        mfu = inputs.mfu if inputs.mfu is not None else defaults["mfu"]["value"]
        seconds = flops / (gpus * accelerator.peak_bf16_tflops * 1e12 * mfu)
        gpu_hours = gpus * seconds / 3600
        r["wall_clock_days"] = seconds / 86400
        notes.append(
            f"{accelerator.name}: {num(accelerator.peak_bf16_tflops)} TFLOP/s peak dense BF16 ({accelerator.source}); "
            f"{gpus} devices at {pct(mfu)} model FLOPs utilisation"
            + (
                f" (default; range {pct(defaults['mfu']['low'])} to {pct(defaults['mfu']['high'])})."
                if inputs.mfu is None
                else "."
            )
        )
        if inputs.mfu is None:
            # A higher utilisation finishes sooner, so the high bound of MFU gives the low bound of hours.
            hours_range = (gpu_hours * mfu / defaults["mfu"]["high"], gpu_hours * mfu / defaults["mfu"]["low"])
            r["gpu_hours_low"], r["gpu_hours_high"] = hours_range
            r["wall_clock_days_low"] = r["wall_clock_days"] * mfu / defaults["mfu"]["high"]
            r["wall_clock_days_high"] = r["wall_clock_days"] * mfu / defaults["mfu"]["low"]
    elif gpu_hours is not None and inputs.gpus:
        r["wall_clock_days"] = gpu_hours / inputs.gpus / 24
    facts["gpus"] = gpus if (inputs.gpus or accelerator) else None
    facts["accelerator"] = accelerator.name if accelerator else None
    facts["training_type"] = inputs.training_type
    pue = inputs.pue if inputs.pue is not None else defaults["pue"]["value"]
    pue_range = (defaults["pue"]["low"], defaults["pue"]["high"]) if inputs.pue is None else (pue, pue)
    intensity, where = _intensity(inputs)
    if gpu_hours is not None:
        r["gpu_hours"] = gpu_hours
        power, power_range = _power(inputs, accelerator)
        if power is None and accelerator is not None:
            notes.append(
                f"Energy not estimated: {accelerator.name} has no published power figure; "
                "give the measured average power per device."
            )
        if power is not None:
            it_kwh = gpu_hours * power / 1000 * (1 + inputs.overhead)
            energy = it_kwh * pue
            r["energy_kwh"] = energy
            source = "given" if inputs.power_watts is not None else f"the {accelerator.name} TDP"  # type: ignore[union-attr]
            notes.append(
                f"Energy = GPU-hours x {num(power)} W per device ({source})"
                + (f" x (1 + {num(inputs.overhead)} node overhead)" if inputs.overhead else "")
                + f" x PUE {num(pue)}"
                + (
                    f" (default; range {num(pue_range[0])} to {num(pue_range[1])}; use your data centre's)."
                    if inputs.pue is None
                    else "."
                )
            )
            if inputs.power_watts is None:
                bounds = defaults["power_fraction_of_tdp"]
                notes.append(
                    f"TDP is an upper bound on chip power; measured averages run {num(bounds['low'])} "
                    f"to {num(bounds['high'])} of it ({bounds['source']})."
                )
            facts.update(power_watts=power, power_given=inputs.power_watts is not None, pue=pue)
            facts["pue_given"] = inputs.pue is not None
            energy_range: tuple[float, float] | None = None
            if hours_range or inputs.power_watts is None or inputs.pue is None:
                low_hours, high_hours = hours_range or (gpu_hours, gpu_hours)
                factor = (1 + inputs.overhead) / 1000
                energy_range = (
                    low_hours * power_range[0] * factor * pue_range[0],
                    high_hours * power_range[1] * factor * pue_range[1],
                )
                r["energy_kwh_low"], r["energy_kwh_high"] = energy_range
            if intensity is not None:
                r["emissions_tco2e"] = energy * intensity / 1000
                if energy_range:
                    r["emissions_tco2e_low"] = energy_range[0] * intensity / 1000
                    r["emissions_tco2e_high"] = energy_range[1] * intensity / 1000
                notes.append(f"Emissions = energy x {num(intensity)} kg CO2e/kWh ({where}); location-based.")
                facts.update(intensity=intensity, where=where, region=_region_name(inputs))
            if inputs.wue is not None or inputs.water_offsite is not None:
                r["water_liters"] = it_kwh * (inputs.wue or 0.0) + energy * (inputs.water_offsite or 0.0)
                notes.append("Water = IT energy x on-site WUE + total energy x off-site water factor (L/kWh).")
        _embodied(inputs, accelerator, gpu_hours, hours_range, result)
    if inputs.serving_utilisation is not None:
        _serving(inputs, accelerator, pue, pue_range, intensity, where, result)
    if not r:
        raise EstimateError(
            "not enough inputs: give --params and --tokens, or --budget-flops, or --gpu-hours "
            "(with --power-watts or --gpu)"
        )
    overflow = next((key for key, value in r.items() if not math.isfinite(value)), None)
    if overflow:
        raise EstimateError(f"the inputs are too large: {overflow} does not fit in a number")
    return result


def _check_ranges(inputs: Inputs) -> None:
    if inputs.mfu is not None and not 0 < inputs.mfu <= 1:
        raise EstimateError("MFU must be between 0 and 1 (typical: 0.3 to 0.5)")
    if inputs.serving_utilisation is not None and not 0 < inputs.serving_utilisation <= 1:
        raise EstimateError("serving utilisation must be between 0 and 1")
    if inputs.pue is not None and inputs.pue < 1:
        raise EstimateError("PUE must be at least 1")
    if inputs.lifetime_years is not None and not inputs.lifetime_years > 0:
        raise EstimateError("service life must be more than 0 years")
    if inputs.rule not in ("chinchilla", "tokens-per-parameter"):
        raise EstimateError(f"unknown rule '{inputs.rule}' (chinchilla or tokens-per-parameter)")
    if inputs.training_type not in TRAINING_TYPES:
        raise EstimateError(f"unknown training type '{inputs.training_type}' (pre-training or fine-tuning)")


def _power(inputs: Inputs, accelerator: Accelerator | None) -> tuple[float | None, tuple[float, float]]:
    if inputs.power_watts is not None:
        return inputs.power_watts, (inputs.power_watts, inputs.power_watts)
    if accelerator is None or accelerator.tdp_watts is None:
        return None, (0.0, 0.0)
    bounds = model()["defaults"]["power_fraction_of_tdp"]
    tdp = accelerator.tdp_watts
    return tdp * bounds["value"], (tdp * bounds["low"], tdp * bounds["high"])


def _embodied(
    inputs: Inputs,
    accelerator: Accelerator | None,
    gpu_hours: float,
    hours_range: tuple[float, float] | None,
    result: Estimate,
) -> None:
    row = embodied_table().get(accelerator.id) if accelerator else None
    if inputs.embodied_kg is None and row is None:
        return
    life = inputs.lifetime_years
    if life is None:
        life = model()["defaults"]["lifetime_years"]["value"]
    share = gpu_hours / (life * HOURS_PER_YEAR)
    r = result.results
    if inputs.embodied_kg is not None:
        per_device, low, high, source = inputs.embodied_kg, inputs.embodied_kg, inputs.embodied_kg, "given"
    else:
        assert row is not None
        per_device, low, high = row.kg_co2e, row.kg_co2e_low, row.kg_co2e_high
        source = f"{row.source}; high {row.high_source}"
    r["embodied_tco2e"] = per_device * share / 1000
    if low != high or hours_range:
        low_hours, high_hours = hours_range or (gpu_hours, gpu_hours)
        r["embodied_tco2e_low"] = low * low_hours / (life * HOURS_PER_YEAR) / 1000
        r["embodied_tco2e_high"] = high * high_hours / (life * HOURS_PER_YEAR) / 1000
    result.assumptions.append(
        f"Embodied emissions = {num(per_device)} kg CO2e per device"
        + (f" (range {num(low)} to {num(high)})" if low != high else "")
        + f" ({source}) x GPU-hours / ({num(life)} years x {HOURS_PER_YEAR} h)"
        + (" (default service life)" if inputs.lifetime_years is None else "")
        + "; reported separately, not added to operational emissions."
    )
    result.facts.update(embodied_life_years=life)


def _serving(
    inputs: Inputs,
    accelerator: Accelerator | None,
    pue: float,
    pue_range: tuple[float, float],
    intensity: float | None,
    where: str,
    result: Estimate,
) -> None:
    if not inputs.params:
        raise EstimateError("serving estimate: give the model size (--params)")
    if accelerator is None:
        raise EstimateError("serving estimate: give the accelerator (--gpu)")
    power, power_range = _power(inputs, accelerator)
    if power is None:
        raise EstimateError(f"serving estimate: {accelerator.name} has no published power figure; give --power-watts")
    utilisation = inputs.serving_utilisation
    assert utilisation is not None
    # One forward pass costs about 2 FLOPs per parameter per token (a third of the 6ND training count).
    seconds = 1e6 * 2 * inputs.params / (accelerator.peak_bf16_tflops * 1e12 * utilisation)
    factor = seconds / 3600 / 1000 * (1 + inputs.overhead)
    r = result.results
    r["serving_gpu_hours_per_million_tokens"] = seconds / 3600
    r["serving_kwh_per_million_tokens"] = factor * power * pue
    ranged = inputs.power_watts is None or inputs.pue is None
    if ranged:
        r["serving_kwh_per_million_tokens_low"] = factor * power_range[0] * pue_range[0]
        r["serving_kwh_per_million_tokens_high"] = factor * power_range[1] * pue_range[1]
    if intensity is not None:
        r["serving_kg_co2e_per_million_tokens"] = r["serving_kwh_per_million_tokens"] * intensity
        if ranged:
            r["serving_kg_co2e_per_million_tokens_low"] = r["serving_kwh_per_million_tokens_low"] * intensity
            r["serving_kg_co2e_per_million_tokens_high"] = r["serving_kwh_per_million_tokens_high"] * intensity
    result.assumptions.append(
        f"Serving: 2 x parameters FLOPs per token on {accelerator.name} at {pct(utilisation)} of peak dense BF16; "
        f"energy per million tokens = device-hours x {num(power)} W x PUE {num(pue)}"
        + (f" x {num(intensity)} kg CO2e/kWh for emissions." if intensity is not None else ".")
    )


def _fit(name: str | None) -> dict[str, Any]:
    key = name or model()["default_fit"]
    table = fits()
    if key not in table:
        raise _unknown("fit", key, table)
    return table[key]


def _accelerator(name: str | None) -> Accelerator | None:
    if name is None:
        return None
    table = accelerators()
    if name in table:
        return table[name]
    raise _unknown("accelerator", name, table)


def _region_name(inputs: Inputs) -> str | None:
    return regions()[inputs.region].name if inputs.region else None


def _intensity(inputs: Inputs) -> tuple[float | None, str]:
    if inputs.intensity is not None and inputs.region is not None:
        raise EstimateError("give either an intensity or a region, not both")
    if inputs.intensity is not None:
        return inputs.intensity, "given"
    if inputs.region is None:
        return None, ""
    table = regions()
    if inputs.region not in table:
        raise _unknown("region", inputs.region, table)
    region = table[inputs.region]
    return region.kg_co2e_per_kwh, f"{region.name}, {region.year}, {region.source}"


def _unknown(what: str, name: str, table: dict[str, Any]) -> EstimateError:
    close = suggestions(name, table)
    hint = "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
    return EstimateError(f"unknown {what} '{name}'{hint} (see `fmcheatsheet estimate --list`)")


def model_card(result: Estimate) -> str:
    """A Markdown paragraph for a model card and the Hugging Face ``co2_eq_emissions`` metadata block."""
    r, f = result.results, result.facts
    if "emissions_tco2e" not in r:
        raise EstimateError(
            "a model-card report needs emissions: give the hardware and energy inputs and a --region or --intensity"
        )
    hardware = f"{f['gpus']} x {f['accelerator']}" if f.get("accelerator") else "the hardware given"
    days = f" over {fixed(r['wall_clock_days'], 1)} days" if "wall_clock_days" in r else ""
    sentences = [
        f"**Environmental impact.** {f['training_type'].capitalize()} ran on {hardware} for "
        f"{grouped(r['gpu_hours'])} GPU-hours{days}.",
        f"At {num(f['power_watts'])} W per device "
        f"({'measured or given' if f['power_given'] else 'the TDP, an upper bound'}) "
        f"and a data-centre PUE of {num(f['pue'])}{'' if f['pue_given'] else ' (assumed)'}, it used about "
        f"{grouped(r['energy_kwh'])} kWh{_range(r, 'energy_kwh', grouped, ' kWh')}.",
        f"With a grid intensity of {num(f['intensity'])} kg CO2e/kWh ({f['region'] or 'given'}, location-based), "
        f"operational emissions were about {mass(r['emissions_tco2e'])}{_range(r, 'emissions_tco2e', mass, '')}.",
    ]
    if "embodied_tco2e" in r:
        sentences.append(
            f"Manufacturing the hardware, spread over a {num(f['embodied_life_years'])}-year service life, adds about "
            f"{mass(r['embodied_tco2e'])}{_range(r, 'embodied_tco2e', mass, '')} of embodied emissions, "
            "reported separately."
        )
    sentences.append(
        "Estimated with the Foundation Model Development Cheatsheet estimator "
        "(energy = GPU-hours x power x PUE; emissions = energy x grid intensity); "
        "ranges come from the stated bounds on defaulted inputs. Sources: " + "; ".join(_sources(result)) + "."
    )
    location = f["region"] or "not stated"
    metadata = "\n".join(
        [
            "---",
            "co2_eq_emissions:",
            f"  emissions: {fixed(r['emissions_tco2e'] * 1e6, 0)}",
            '  source: "Estimate with the Foundation Model Development Cheatsheet estimator '
            '(energy x location-based grid intensity)"',
            f'  training_type: "{f["training_type"]}"',
            f'  geographical_location: "{_yaml_text(location)}"',
            f'  hardware_used: "{_yaml_text(hardware)}"',
            "---",
        ]
    )
    return " ".join(sentences) + "\n\n" + metadata + "\n"


def _range(r: dict[str, float], key: str, show: Any, unit: str) -> str:
    if f"{key}_low" not in r:
        return ""
    return f" (range {show(r[key + '_low'])}{unit} to {show(r[key + '_high'])}{unit})"


def _sources(result: Estimate) -> list[str]:
    found = []
    for note in result.assumptions:
        for url in re.findall(r"https://[^\s;,)]+", note):
            if url not in found:
                found.append(url)
    return found


def _yaml_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
