from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ...serialize import resource_dict
from ..options import catalog_option, filter_options, json_option, load, query_from
from ..output import console, print_json, resource_table


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Most results.")
@filter_options
@json_option
@catalog_option
def search(query: tuple[str, ...], limit: int, catalog_dir: Path | None, as_json: bool, **filters: Any) -> None:
    """Search resources by name, tags and description, best match first."""
    catalog = load(catalog_dir)
    text = " ".join(query)
    hits = catalog.search(text, query_from(filters), limit=limit)
    if as_json:
        print_json([resource_dict(catalog, h.resource) | {"score": h.score} for h in hits])
        return
    out = console()
    if not hits:
        out.print(f"no resources match '{text}'", markup=False)
        fixed = catalog.suggest(text)
        if fixed:
            out.print(f"did you mean: {fixed}", markup=False)
        related = catalog.related_sections(text)
        if related:
            out.print("related sections: " + ", ".join(f"{s.title} ({s.id})" for s in related), markup=False)
        return
    out.print(resource_table(catalog, [h.resource for h in hits], [h.score for h in hits]))
