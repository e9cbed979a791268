from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...compare import MAX_COMPARED, compare
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command("compare")
@click.argument("resource_ids", metavar="ID ID [ID [ID]]", nargs=-1, required=True)
@json_option
@catalog_option
def compare_command(resource_ids: tuple[str, ...], as_json: bool, catalog_dir: Path | None) -> None:
    """Compare two to four resources side by side: type, modalities, languages, licence and commercial use,
    access, dates, status, link health, sections and caveats; rows that differ are marked."""
    result = compare(load(catalog_dir), list(resource_ids))
    if as_json:
        print_json(result)
        return
    table = Table(show_lines=True, title=f"Comparison (up to {MAX_COMPARED}; * marks rows that differ)")
    table.add_column("")
    for resource in result["resources"]:
        table.add_column(Text(resource["name"]), overflow="fold")
    for row in result["rows"]:
        label = Text(("* " if row["differs"] else "  ") + row["label"], style="bold" if row["differs"] else "")
        table.add_row(label, *[Text(value) for value in row["values"]])
    console().print(table)
