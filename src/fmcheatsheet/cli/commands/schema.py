from __future__ import annotations

import sys
from pathlib import Path

import click

from ...fsutil import write_atomically
from ...jsonschema import schema_text
from ..options import catalog_option, load


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
@catalog_option
def schema(output: Path | None, catalog_dir: Path | None) -> None:
    """Print the JSON Schema of resource files (for editors)."""
    text = schema_text(load(catalog_dir))
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
