from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ...catalog import Catalog
from ...quality import quality_report
from ...stats import stats
from ..options import catalog_option, json_option, load
from ..output import console, print_json


@click.command("stats")
@click.option(
    "--facts",
    is_flag=True,
    help="Instead: how complete and current the facts are per section (verified, licences, dates, "
    "languages, citations, releases per year).",
)
@json_option
@catalog_option
def stats_command(facts: bool, as_json: bool, catalog_dir: Path | None) -> None:
    """Coverage counts: section x modality, language coverage, release years, licences, thinnest cells."""
    if facts:
        _facts(load(catalog_dir), as_json)
        return
    data = stats(load(catalog_dir))
    if as_json:
        print_json(data)
        return
    out = console()
    table = Table(title=f"{data['resources']} resources by section and modality", pad_edge=False)
    table.add_column("section", overflow="fold")
    for modality in data["modalities"]:
        table.add_column(modality, justify="right", no_wrap=True)
    # Two-line headers keep every count readable in an 80-column terminal.
    table.add_column("multi-\nlingual", justify="right", no_wrap=True)
    table.add_column("English\nonly", justify="right", no_wrap=True)
    for s in data["by_section"]:
        table.add_row(
            Text(s["title"]),
            *[str(s["counts"][m]) for m in data["modalities"]],
            str(s["languages"]["multilingual"]),
            str(s["languages"]["english-only"]),
        )
    out.print(table)
    out.print(
        "thinnest cells (text, vision, speech): "
        + "; ".join(f"{c['title']} / {c['modality']}: {c['count']}" for c in data["thinnest"])
        or "none",
        markup=False,
    )
    out.print("by release year: " + ", ".join(f"{y}: {n}" for y, n in data["by_year"].items()), markup=False)
    out.print("licence classes: " + ", ".join(f"{k}: {n}" for k, n in data["licences"].items()), markup=False)


def _facts(catalog: Catalog, as_json: bool) -> None:
    report = quality_report(catalog)
    if as_json:
        print_json(report)
        return
    recent = f"{report['recent_from'] % 100}+"
    table = Table(title="Facts per section (an entry counts in each of its sections)", box=None)
    # Short headers keep the table readable in an 80-column terminal; the caption explains them.
    table.caption = (
        f"n entries; ver verified; lic licence known; rel release date known; acc access known; lang languages "
        f"known; cite paper cited; {recent} released since {report['recent_from']}"
    )
    for column in ("section", "n", "ver", "lic", "rel", "acc", "lang", "cite", recent):
        table.add_column(column, justify="left" if column == "section" else "right", no_wrap=True)

    def row(title: str, f: dict[str, Any]) -> list[Text | str]:
        return [
            Text(title),
            str(f["entries"]),
            str(f["verified"]),
            f"{f['licence_known']}/{f['licensable']}",
            str(f["release_known"]),
            str(f["access_known"]),
            f"{f['languages_known']}/{f['needs_languages']}",
            f"{f['cited']}/{f['with_paper']}",
            str(f["recent"]),
        ]

    for section in report["sections"]:
        table.add_row(*row(section["id"], section))
    table.add_row(*row("all", report["total"]), style="bold")
    out = console()
    out.print(table)
    out.print("by release year: " + ", ".join(f"{y}: {n}" for y, n in report["years"].items()), markup=False)
