from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...stats import stats
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command("stats")
@json_option
@catalog_option
def stats_command(as_json: bool, catalog_dir: Path | None) -> None:
    """Coverage counts: section x modality, language coverage, release years, licences, thinnest cells."""
    data = stats(load(catalog_dir))
    if as_json:
        print_json(data)
        return
    out = console()
    table = Table(title=f"{data['resources']} resources by section and modality")
    table.add_column("section")
    for modality in data["modalities"]:
        table.add_column(modality, justify="right")
    table.add_column("multilingual", justify="right")
    table.add_column("english-only", justify="right")
    for s in data["by_section"]:
        table.add_row(
            Text(s["title"]),
            *[str(s["counts"][m]) for m in data["modalities"]],
            str(s["languages"]["multilingual"]),
            str(s["languages"]["english-only"]),
        )
    out.print(table)
    out.print(
        "thinnest cells (text, vision, speech): "
        + "; ".join(f"{c['title']} / {c['modality']}: {c['count']}" for c in data["thinnest"])
        or "none",
        markup=False,
    )
    out.print("by release year: " + ", ".join(f"{y}: {n}" for y, n in data["by_year"].items()), markup=False)
    out.print("licence classes: " + ", ".join(f"{k}: {n}" for k, n in data["licences"].items()), markup=False)
