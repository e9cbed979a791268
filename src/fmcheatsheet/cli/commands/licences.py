from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ...licence_check import check
from ...licences import licence_class
from ...vocab import COMMERCIAL_USE_LABELS
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.group("licences")
def licences_command() -> None:
    """Licences: check a stack of resources together, or list the licences the catalog knows."""


@licences_command.command("check")
@click.argument("resource_ids", metavar="ID...", nargs=-1, required=True)
@click.option("--commercial", is_flag=True, help="The plan is commercial: report non-commercial terms as conflicts.")
@json_option
@catalog_option
def check_command(resource_ids: tuple[str, ...], commercial: bool, as_json: bool, catalog_dir: Path | None) -> None:
    """Can these resources be used together (commercially), and what must you do? An aid for review, not
    legal advice."""
    result = check(load(catalog_dir), resource_ids, commercial)
    if as_json:
        print_json(result)
        return
    _print(result)


def _print(result: dict[str, Any]) -> None:
    out = console()
    for row in result["resources"]:
        names = ", ".join(row["licence_names"]) or row["licence"] or "not stated"
        conditions = ", ".join(row["conditions"]) or ("unknown" if row["unknown"] else "none")
        out.print(f"{row['name']} ({row['id']})", style="bold", markup=False)
        out.print(f"  licence: {names} [{row['class']}]", markup=False)
        out.print(f"  conditions: {conditions}", markup=False)
        out.print(f"  source: {', '.join(row['sources']) or 'none recorded'}", markup=False)
    verdict = result["commercial_use"]
    out.print(f"\nCommercial use of the combination: {COMMERCIAL_USE_LABELS[verdict]} ({verdict})", markup=False)
    for blocker in result["blockers"]:
        out.print(f"  blocked by {blocker['resource']}: {', '.join(blocker['conditions'])}", markup=False)
    if result["obligations"]:
        out.print("\nWhat you must do:", markup=False)
        for item in result["obligations"]:
            out.print(f"  - {item['condition']} ({', '.join(item['resources'])}): {item['text']}", markup=False)
    if result["conflicts"]:
        out.print("\nConflicts:", markup=False)
        for item in result["conflicts"]:
            out.print(f"  - {item['reason']}", markup=False)
    if result["unknowns"]:
        out.print("\nUnknown (not permission):", markup=False)
        for item in result["unknowns"]:
            out.print(f"  - {item['resource']}: {item['reason']}", markup=False)
    notes = [(row["id"], note) for row in result["resources"] for note in row["notes"]]
    if notes:
        out.print("\nParticular terms:", markup=False)
        for rid, note in notes:
            out.print(f"  - {rid}: {note}", markup=False)
    texts = sorted({url for row in result["resources"] for url in row["licence_urls"]})
    if texts:
        out.print("\nLicence texts:\n" + "\n".join(f"  {url}" for url in texts), markup=False)
    out.print(f"\n{result['disclaimer']}", markup=False)


@licences_command.command("list")
@json_option
@catalog_option
def list_command(as_json: bool, catalog_dir: Path | None) -> None:
    """Every licence in licences.yaml with its class, conditions and text."""
    catalog = load(catalog_dir)
    rows: list[dict[str, Any]] = [
        {
            "id": entry.id,
            "name": entry.name,
            "class": licence_class(entry.id, catalog.licences),
            "conditions": list(entry.conditions) if entry.conditions is not None else None,
            "url": entry.url,
            "note": entry.note,
        }
        for entry in catalog.licences.values()
    ]
    if as_json:
        print_json(rows)
        return
    table = Table()
    for column in ("id", "class", "conditions"):
        table.add_column(column)
    for row in rows:
        conditions = "unknown" if row["conditions"] is None else (", ".join(row["conditions"]) or "none")
        table.add_row(Text(row["id"]), Text(row["class"]), Text(conditions))
    console().print(table)
