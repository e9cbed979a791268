from __future__ import annotations

import math
import sys
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ...estimator import (
    TRAINING_TYPES,
    EstimateError,
    Inputs,
    accelerators,
    browser_data,
    embodied_table,
    estimate,
    fits,
    model,
    model_card,
    parse_number,
    published_runs,
    regions,
)
from ..output import console, print_json


def _number(what: str):  # type: ignore[no-untyped-def]
    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
        if value is None:
            return None
        try:
            return parse_number(value, what)
        except EstimateError as exc:
            raise click.BadParameter(str(exc)) from None

    return convert


class FiniteFloatRange(click.FloatRange):
    """A float range that also refuses nan and inf (they pass every comparison a range makes)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


FORMATS = {
    "flops": ("training compute", "{:.3e} FLOPs"),
    "optimal_params": ("compute-optimal parameters", "{:.3e}"),
    "optimal_tokens": ("compute-optimal tokens", "{:.3e}"),
    "predicted_loss": ("predicted loss (fitted)", "{:.3f}"),
    "gpu_hours": ("GPU-hours", "{:,.0f}"),
    "wall_clock_days": ("wall-clock time", "{:.1f} days"),
    "energy_kwh": ("energy", "{:,.0f} kWh"),
    "emissions_tco2e": ("operational emissions", "{:,.2f} t CO2e"),
    "embodied_tco2e": ("embodied emissions (separate)", "{:,.3f} t CO2e"),
    "water_liters": ("water", "{:,.0f} L"),
    "serving_kwh_per_million_tokens": ("serving energy per 1M tokens", "{:,.4f} kWh"),
    "serving_kg_co2e_per_million_tokens": ("serving emissions per 1M tokens", "{:,.5f} kg CO2e"),
}


@click.command("estimate")
@click.option("--params", callback=_number("params"), help="Parameters (7B, 70e9).")
@click.option("--tokens", callback=_number("tokens"), help="Training tokens (1.4T).")
@click.option("--budget-flops", callback=_number("budget-flops"), help="Compute budget; gives the optimal size.")
@click.option(
    "--rule",
    type=click.Choice(["chinchilla", "tokens-per-parameter"]),
    default="chinchilla",
    show_default=True,
    help="How to split a budget: a fitted loss (see --fit) or about 20 tokens per parameter.",
)
@click.option(
    "--fit",
    type=click.Choice(sorted(fits())),
    default=None,
    help=f"Loss fit for --rule chinchilla and the predicted loss (default {model()['default_fit']}).",
)
@click.option("--gpu", help="Accelerator id (see --list).")
@click.option("--gpus", type=click.IntRange(1), help="Number of accelerators.")
@click.option("--mfu", type=FiniteFloatRange(0, 1, min_open=True), help="Model FLOPs utilisation (default 0.4).")
@click.option("--gpu-hours", callback=_number("gpu-hours"), help="GPU-hours, if known.")
@click.option("--power-watts", callback=_number("power-watts"), help="Average power per device (default: TDP).")
@click.option("--overhead", type=FiniteFloatRange(0), default=0.0, help="Node overhead as a share of GPU power.")
@click.option("--pue", type=FiniteFloatRange(1), help="Data-centre PUE (default 1.2).")
@click.option("--intensity", type=FiniteFloatRange(0), help="Grid intensity, kg CO2e per kWh.")
@click.option("--region", help="Grid region id instead of --intensity (see --list).")
@click.option("--wue", type=FiniteFloatRange(0), help="On-site water use effectiveness, L/kWh.")
@click.option("--water-offsite", type=FiniteFloatRange(0), help="Off-site water per kWh of electricity, L/kWh.")
@click.option(
    "--embodied-kg",
    type=FiniteFloatRange(0),
    help="Manufacturing emissions per device, kg CO2e (default: the table's figure, where one exists).",
)
@click.option(
    "--lifetime-years",
    type=FiniteFloatRange(0, min_open=True),
    help="Service life over which manufacturing emissions are spread (default 6).",
)
@click.option(
    "--serving-utilisation",
    type=FiniteFloatRange(0, 1, min_open=True),
    help="Share of peak FLOP/s reached while serving; gives energy and emissions per million tokens.",
)
@click.option(
    "--training-type",
    type=click.Choice(TRAINING_TYPES),
    default="pre-training",
    show_default=True,
    help="For the model-card report.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "model-card"]),
    default=None,
    help="text (default), json for programs, or model-card: a paragraph and Hugging Face metadata.",
)
@click.option("--list", "show_list", is_flag=True, help="List accelerators and regions with their sources.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--catalog", "catalog_dir", hidden=True, help="Accepted for symmetry; the estimator needs no catalog.")
def estimate_command(
    show_list: bool, as_json: bool, output_format: str | None, catalog_dir: str | None, **values: object
) -> None:
    """Estimate training and serving compute, time, energy, emissions and water, listing every assumption."""
    if as_json and output_format not in (None, "json"):
        raise click.BadParameter("--json and --format model-card ask for different outputs", param_hint="--format")
    output_format = "json" if as_json else (output_format or "text")
    out = console()
    if show_list:
        _print_tables(output_format == "json")
        return
    result = estimate(Inputs(**{k: v for k, v in values.items() if v is not None}))  # type: ignore[arg-type]
    card = model_card(result) if output_format == "model-card" else ""
    if output_format == "json":
        print_json(result.as_dict())
        return
    if output_format == "model-card":
        sys.stdout.write(card)
        return
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    for key, (label, fmt) in FORMATS.items():
        if key in result.results:
            text = fmt.format(result.results[key])
            if f"{key}_low" in result.results:
                text += " (range " + fmt.format(result.results[f"{key}_low"])
                text += " to " + fmt.format(result.results[f"{key}_high"]) + ")"
            table.add_row(Text(label, style="bold"), Text(text))
    out.print(table)
    out.print("\nAssumptions:", markup=False)
    for note in result.assumptions:
        out.print(Text(f"- {note}"))


def _print_tables(as_json: bool) -> None:
    if as_json:
        data = browser_data()
        print_json({key: data[key] for key in ("accelerators", "regions", "embodied", "fits", "published")})
        return
    out = console()
    table = Table(title="Accelerators")
    for column in ("id", "name", "BF16 TFLOP/s (dense)", "FP8", "TDP (W)", "GB", "source"):
        table.add_column(column)
    for a in accelerators().values():
        table.add_row(
            Text(a.id),
            Text(a.name),
            f"{a.peak_bf16_tflops:g}",
            _maybe(a.peak_fp8_tflops),
            _maybe(a.tdp_watts),
            _maybe(a.memory_gb),
            Text(a.source),
        )
    out.print(table)
    table = Table(title="Grid regions")
    for column in ("id", "name", "kg CO2e/kWh", "year", "source"):
        table.add_column(column)
    for r in regions().values():
        table.add_row(Text(r.id), Text(r.name), f"{r.kg_co2e_per_kwh:g}", str(r.year), Text(r.source))
    out.print(table)
    table = Table(title="Manufacturing emissions per device")
    for column in ("accelerator", "kg CO2e", "range", "source"):
        table.add_column(column)
    for e in embodied_table().values():
        table.add_row(Text(e.accelerator), f"{e.kg_co2e:g}", f"{e.kg_co2e_low:g}-{e.kg_co2e_high:g}", Text(e.source))
    out.print(table)
    table = Table(title="Published runs the estimator reproduces")
    for column in ("id", "tCO2e", "source"):
        table.add_column(column)
    for p in published_runs():
        table.add_row(Text(p.name), f"{p.emissions_tco2e:g}", Text(p.source))
    out.print(table)


def _maybe(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
