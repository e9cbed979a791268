from __future__ import annotations

import math
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ...errors import CatalogError
from ...estimator import EstimateError, Inputs, accelerators, estimate, parse_number, regions
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
    "predicted_loss": ("predicted loss (Chinchilla fit)", "{:.3f}"),
    "gpu_hours": ("GPU-hours", "{:,.0f}"),
    "wall_clock_days": ("wall-clock time", "{:.1f} days"),
    "energy_kwh": ("energy", "{:,.0f} kWh"),
    "emissions_tco2e": ("emissions", "{:,.2f} t CO2e"),
    "water_liters": ("water", "{:,.0f} L"),
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
    help="How to split a budget between parameters and tokens.",
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
@click.option("--list", "show_list", is_flag=True, help="List accelerators and regions with their sources.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")
@click.option("--catalog", "catalog_dir", hidden=True, help="Accepted for symmetry; the estimator needs no catalog.")
def estimate_command(show_list: bool, as_json: bool, catalog_dir: str | None, **values: object) -> None:
    """Estimate training compute, time, energy, emissions and water, listing every assumption."""
    out = console()
    if show_list:
        _print_tables(as_json)
        return
    try:
        result = estimate(Inputs(**{k: v for k, v in values.items() if v is not None}))  # type: ignore[arg-type]
    except EstimateError as exc:
        raise CatalogError(str(exc)) from None
    if as_json:
        print_json(result.as_dict())
        return
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    for key, (label, fmt) in FORMATS.items():
        if key in result.results:
            table.add_row(Text(label, style="bold"), Text(fmt.format(result.results[key])))
    out.print(table)
    out.print("\nAssumptions:", markup=False)
    for note in result.assumptions:
        out.print(Text(f"- {note}"))


def _print_tables(as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "accelerators": [a.__dict__ for a in accelerators().values()],
                "regions": [r.__dict__ for r in regions().values()],
            }
        )
        return
    out = console()
    table = Table(title="Accelerators")
    for column in ("id", "name", "TFLOP/s (dense BF16)", "TDP (W)", "source"):
        table.add_column(column)
    for a in accelerators().values():
        table.add_row(Text(a.id), Text(a.name), f"{a.peak_bf16_tflops:g}", f"{a.tdp_watts:g}", Text(a.source))
    out.print(table)
    table = Table(title="Grid regions")
    for column in ("id", "name", "kg CO2e/kWh", "year", "source"):
        table.add_column(column)
    for r in regions().values():
        table.add_row(Text(r.id), Text(r.name), f"{r.kg_co2e_per_kwh:g}", str(r.year), Text(r.source))
    out.print(table)
