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
    # The two ids sit one above the other so that neither is cut short in an 80-column terminal.
    table = Table(show_lines=True)
    table.add_column("score", no_wrap=True)
    table.add_column(
        "pair", no_wrap=True, min_width=max((len(i) for p in pairs for i in (p.first, p.second)), default=4)
    )
    table.add_column("why", overflow="fold")
    for pair in pairs:
        table.add_row(f"{pair.score:.2f}", Text(f"{pair.first}\n{pair.second}"), Text(pair.reason.replace("; ", "\n")))
    out = console()
    out.print(table)
    out.print(f"{len(pairs)} pairs with score >= {min_score}", markup=False)
