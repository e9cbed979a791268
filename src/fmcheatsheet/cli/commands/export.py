from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ...exports import FORMATS, ExportOptions, write_atomically
from ...site.config import configured_base_url
from ..options import catalog_option, filter_options, load, query_from


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(FORMATS)))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
@click.option(
    "--base-url",
    envvar="FMCHEATSHEET_BASE_URL",
    default=None,
    help="Public URL of the site, for links in feeds and documents (default: [tool.fmcheatsheet] base-url in "
    "the repository's pyproject.toml, else links relative to the site's root).",
)
@filter_options
@catalog_option
def export(fmt: str, output: Path | None, base_url: str | None, catalog_dir: Path | None, **filters: Any) -> None:
    """Export the (filtered) catalog as FORMAT: json, jsonl, csv, markdown, bibtex, croissant, sqlite (a
    database for SQL and Datasette), datasette (its metadata file), atom or pdf."""
    catalog = load(catalog_dir)
    resources = catalog.filter(query_from(filters))
    options = ExportOptions(base_url=base_url or configured_base_url(catalog_dir or Path.cwd()) or "")
    data = FORMATS[fmt].exporter()(catalog, resources, options)
    if output is None:
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                raise click.ClickException(f"{fmt} is binary; write it to a file with -o FILE")
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    write_atomically(output, data)
    click.echo(f"wrote {len(resources)} resources to {output}", err=True)
