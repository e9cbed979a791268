from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ...serialize import resource_dict
from ..options import catalog_option, filter_options, json_option, load, query_from
from ..output import console, print_json, resource_table


@click.command("list")
@filter_options
@json_option
@catalog_option
def list_resources(catalog_dir: Path | None, as_json: bool, **filters: Any) -> None:
    """List resources, optionally filtered by phase, section, modality, type and more."""
    catalog = load(catalog_dir)
    found = catalog.filter(query_from(filters))
    if as_json:
        print_json([resource_dict(catalog, r) for r in found])
        return
    out = console()
    out.print(resource_table(found, width=out.width))
    out.print(f"{len(found)} of {len(catalog)} resources", markup=False)
