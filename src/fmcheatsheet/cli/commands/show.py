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
        if key in ("links", "evidence"):
            text = "\n".join(f"{kind}: {_urls(url)}" for kind, url in value.items())
        elif key == "citation":
            text = format_citation(value)
        elif key == "status" and value == "active":
            continue
        elif key == "languages":
            codes = ", ".join(f"{n} ({c})" for c, n in zip(value["codes"], value["names"], strict=True))
            text = value["coverage"] + (f": {codes}" if codes else "")
        elif isinstance(value, list):
            text = ", ".join(value)
        else:
            text = str(value)
        table.add_row(Text(key), Text(text))
    if data["verified"] is None:
        table.add_row(Text("verified"), Text("not yet verified against its sources"))
    console().print(table)


def _urls(value: str | list[str]) -> str:
    return value if isinstance(value, str) else " ".join(value)


def format_citation(citation: dict[str, object]) -> str:
    """Authors, title, venue and year on one line, the way a reference list shows them."""
    authors = [str(a) for a in citation.get("authors", [])]  # type: ignore[attr-defined]
    names = "; ".join(authors[:-1]) + (" et al." if authors[-1] == "others" else f"; {authors[-1]}")
    parts = [names.lstrip("; "), f'"{citation["title"]}"']
    parts += [str(citation[key]) for key in ("venue", "year") if citation.get(key)]
    return ", ".join(parts)
