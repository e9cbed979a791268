from __future__ import annotations

from pathlib import Path

import click

from ...canonical import format_catalog
from ...load import printable_path
from ...paths import bundled_catalog
from ..options import catalog_option


@click.command()
@click.option("--check", is_flag=True, help="Change nothing; list files that are not canonical (exit 1 if any).")
@catalog_option
def fmt(check: bool, catalog_dir: Path | None) -> None:
    """Rewrite every catalog file in the canonical form, keeping comments."""
    root = catalog_dir or bundled_catalog()
    result = format_catalog(root, check=check)
    for path, line, message in result.unreadable:
        click.echo(f"{printable_path(str(path))}{f':{line}' if line else ''}: {message}", err=True)
    for path in result.changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {printable_path(str(path))}")
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{len(result.changed)} of {result.checked} files {verb}")
    if result.unreadable or (check and result.changed):
        raise SystemExit(1)
