from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...checks import duplicate_pairs
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command()
@click.option("--min-score", default=0.5, show_default=True, type=click.FloatRange(0, 1), help="Lowest score shown.")
@json_option
@catalog_option
def duplicates(min_score: float, as_json: bool, catalog_dir: Path | None) -> None:
    """List pairs of resources that may be the same thing, with a score."""
    catalog = load(catalog_dir)
    pairs = duplicate_pairs(catalog.resources, min_score)
    if as_json:
        print_json([asdict(p) for p in pairs])
        return
    table = Table()
    for column in ("score", "first", "second", "why"):
        table.add_column(column)
    for pair in pairs:
        table.add_row(f"{pair.score:.2f}", Text(pair.first), Text(pair.second), Text(pair.reason))
    out = console()
    out.print(table)
    out.print(f"{len(pairs)} pairs with score >= {min_score}", markup=False)
