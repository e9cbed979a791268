from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...serialize import sections_tree
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command()
@json_option
@catalog_option
def sections(catalog_dir: Path | None, as_json: bool) -> None:
    """List the phases and their sections, with resource counts."""
    catalog = load(catalog_dir)
    tree = sections_tree(catalog)
    if as_json:
        print_json(tree)
        return
    table = Table()
    table.add_column("phase")
    table.add_column("section id", style="bold", no_wrap=True)
    table.add_column("title")
    table.add_column("resources", justify="right")
    for phase in tree:
        for index, section in enumerate(phase["sections"]):
            table.add_row(
                Text(phase["title"] if index == 0 else ""),
                Text(section["id"]),
                Text(section["title"]),
                str(section["resource_count"]),
            )
    console().print(table)
