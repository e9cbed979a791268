"""Training compute, time, energy, emissions and water: transparent estimates.

Formulas (every one is listed in the result's assumptions):

- compute: FLOPs = 6 * N * D (N parameters, D training tokens);
- compute-optimal size for a budget C (Hoffmann et al. 2022, "Chinchilla"), minimising
  the fitted loss L(N, D) = E + A / N^alpha + B / D^beta under C = 6 N D, or the simpler
  rule of about 20 tokens per parameter;
- time: seconds = FLOPs / (devices * peak FLOP/s * MFU); GPU-hours = devices * seconds / 3600;
- energy: kWh = GPU-hours * average power per device (kW) * (1 + node overhead) * PUE;
- emissions: tCO2e = kWh * grid carbon intensity (kg CO2e per kWh) / 1000;
- water: litres = IT energy (kWh) * on-site WUE (L/kWh) + total energy * off-site factor (L/kWh).

Energy and emissions are reported separately, as they should be in a paper or model card.
The website's estimator (``static/estimator.js``) implements the same formulas; both are
checked against ``data/estimator-vectors.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .suggest import suggestions

# Hoffmann et al. 2022, approach 3 fit.
CHINCHILLA = {"E": 1.69, "A": 406.4, "B": 410.7, "alpha": 0.34, "beta": 0.28}
TOKENS_PER_PARAMETER = 20.0
DEFAULT_MFU = 0.4
DEFAULT_PUE = 1.2

_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12, "p": 1e15}
# A comma only separates thousands (6,000 or 1,400,000): "1,4T" is refused, not read as 14T.
# The site's estimator reads the same pattern from estimator.json.
NUMBER_PATTERN = (
    r"^\s*((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9][0-9_]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\s*([kKmMbBgGtTpP])?\s*$"
)
_NUMBER = re.compile(NUMBER_PATTERN)


class EstimateError(ValueError):
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
    tdp_watts: float
    source: str
    note: str = ""


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    kg_co2e_per_kwh: float
    year: int
    source: str
    note: str = ""


@cache
def reference_data() -> dict[str, Any]:
    raw = resources.files("fmcheatsheet").joinpath("data/estimator.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def accelerators() -> dict[str, Accelerator]:
    return {a["id"]: Accelerator(**a) for a in reference_data()["accelerators"]}


def regions() -> dict[str, Region]:
    return {r["id"]: Region(**r) for r in reference_data()["regions"]}


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


@dataclass
class Estimate:
    inputs: dict[str, Any]
    results: dict[str, float] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "assumptions": self.assumptions, **self.results}


def chinchilla_loss(params: float, tokens: float) -> float:
    c = CHINCHILLA
    loss: float = c["E"] + c["A"] / params ** c["alpha"] + c["B"] / tokens ** c["beta"]
    return loss


def compute_optimal(budget_flops: float, rule: str = "chinchilla") -> tuple[float, float]:
    """Parameters and tokens that spend ``budget_flops`` best, by the fitted loss or the 20:1 rule."""
    if rule == "tokens-per-parameter":
        params = math.sqrt(budget_flops / (6 * TOKENS_PER_PARAMETER))
        return params, TOKENS_PER_PARAMETER * params
    c = CHINCHILLA
    a, b = c["alpha"], c["beta"]
    g = (a * c["A"] / (b * c["B"])) ** (1 / (a + b))
    params = g * (budget_flops / 6) ** (b / (a + b))
    tokens = (budget_flops / 6) / params
    return params, tokens


def estimate(inputs: Inputs) -> Estimate:
    """Everything that can be computed from ``inputs``, with the assumptions made."""
    result = Estimate(inputs={k: v for k, v in inputs.__dict__.items() if v is not None})
    notes = result.assumptions
    r = result.results
    flops: float | None = None
    if inputs.params and inputs.tokens:
        flops = 6 * inputs.params * inputs.tokens
        notes.append("Training compute FLOPs = 6 x parameters x tokens (dense transformer, forward and backward).")
    if inputs.budget_flops:
        if flops is not None:
            raise EstimateError("give either parameters and tokens, or a compute budget, not both")
        flops = inputs.budget_flops
        params, tokens = compute_optimal(flops, inputs.rule)
        r["optimal_params"] = params
        r["optimal_tokens"] = tokens
        if inputs.rule == "tokens-per-parameter":
            notes.append("Compute-optimal size from the rule of about 20 training tokens per parameter.")
        else:
            notes.append(
                "Compute-optimal size minimises the Chinchilla fit L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 "
                "(Hoffmann et al. 2022) under FLOPs = 6ND."
            )
        r["predicted_loss"] = chinchilla_loss(params, tokens)
    elif inputs.params and inputs.tokens:
        r["predicted_loss"] = chinchilla_loss(inputs.params, inputs.tokens)
    if "predicted_loss" in r:
        notes.append("Predicted loss uses the Chinchilla fit; it describes that paper's data and tokenizer only.")
    if flops is not None:
        r["flops"] = flops
    accelerator = _accelerator(inputs.gpu)
    gpu_hours = inputs.gpu_hours
    if gpu_hours is None and flops is not None and accelerator is not None:
        gpus = inputs.gpus or 1
        mfu = inputs.mfu if inputs.mfu is not None else DEFAULT_MFU
        if not 0 < mfu <= 1:
            raise EstimateError("MFU must be between 0 and 1 (typical: 0.3 to 0.5)")
        seconds = flops / (gpus * accelerator.peak_bf16_tflops * 1e12 * mfu)
        gpu_hours = gpus * seconds / 3600
        r["wall_clock_days"] = seconds / 86400
        notes.append(
            f"{accelerator.name}: {accelerator.peak_bf16_tflops:g} TFLOP/s peak dense BF16 ({accelerator.source}); "
            f"{gpus} devices at {mfu:.0%} model FLOPs utilisation" + (" (default)." if inputs.mfu is None else ".")
        )
    elif gpu_hours is not None and inputs.gpus:
        r["wall_clock_days"] = gpu_hours / inputs.gpus / 24
    if gpu_hours is not None:
        r["gpu_hours"] = gpu_hours
        power = (
            inputs.power_watts if inputs.power_watts is not None else (accelerator.tdp_watts if accelerator else None)
        )
        if power is not None:
            pue = inputs.pue if inputs.pue is not None else DEFAULT_PUE
            it_kwh = gpu_hours * power / 1000 * (1 + inputs.overhead)
            energy = it_kwh * pue
            r["energy_kwh"] = energy
            source = "given" if inputs.power_watts is not None else f"the {accelerator.name} TDP"  # type: ignore[union-attr]
            notes.append(
                f"Energy = GPU-hours x {power:g} W per device ({source})"
                + (f" x (1 + {inputs.overhead:g} node overhead)" if inputs.overhead else "")
                + f" x PUE {pue:g}"
                + (" (default; use your data centre's)." if inputs.pue is None else ".")
            )
            if inputs.power_watts is None:
                notes.append("TDP is an upper bound: measured average power is usually lower.")
            intensity, where = _intensity(inputs)
            if intensity is not None:
                r["emissions_tco2e"] = energy * intensity / 1000
                notes.append(f"Emissions = energy x {intensity:g} kg CO2e/kWh ({where}); location-based.")
            if inputs.wue is not None or inputs.water_offsite is not None:
                r["water_liters"] = it_kwh * (inputs.wue or 0.0) + energy * (inputs.water_offsite or 0.0)
                notes.append("Water = IT energy x on-site WUE + total energy x off-site water factor (L/kWh).")
    if not r:
        raise EstimateError(
            "not enough inputs: give --params and --tokens, or --budget-flops, or --gpu-hours "
            "(with --power-watts or --gpu)"
        )
    overflow = next((key for key, value in r.items() if not math.isfinite(value)), None)
    if overflow:
        raise EstimateError(f"the inputs are too large: {overflow} does not fit in a number")
    return result


def _accelerator(name: str | None) -> Accelerator | None:
    if name is None:
        return None
    table = accelerators()
    if name in table:
        return table[name]
    raise _unknown("accelerator", name, table)


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
