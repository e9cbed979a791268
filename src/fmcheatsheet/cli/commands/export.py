from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ...exports import EXPORTERS, write_atomically
from ..options import catalog_option, filter_options, load, query_from


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(EXPORTERS)))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
@filter_options
@catalog_option
def export(fmt: str, output: Path | None, catalog_dir: Path | None, **filters: Any) -> None:
    """Export the (filtered) catalog as FORMAT."""
    catalog = load(catalog_dir)
    resources = catalog.filter(query_from(filters))
    data = EXPORTERS[fmt](catalog, resources)
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    write_atomically(output, data)
    click.echo(f"wrote {len(resources)} resources to {output}", err=True)
