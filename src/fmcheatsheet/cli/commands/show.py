from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...serialize import resource_dict
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command()
@click.argument("resource_id", metavar="ID")
@json_option
@catalog_option
def show(resource_id: str, catalog_dir: Path | None, as_json: bool) -> None:
    """Show every field of one resource."""
    catalog = load(catalog_dir)
    data = resource_dict(catalog, catalog.get(resource_id))
    if as_json:
        print_json(data)
        return
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in data.items():
        if value in (None, [], {}):
            continue
        if key == "links":
            text = "\n".join(f"{kind}: {url}" for kind, url in value.items())
        elif key == "languages":
            codes = ", ".join(f"{n} ({c})" for c, n in zip(value["codes"], value["names"], strict=True))
            text = value["coverage"] + (f": {codes}" if codes else "")
        elif isinstance(value, list):
            text = ", ".join(value)
        else:
            text = str(value)
        table.add_row(Text(key), Text(text))
    console().print(table)
