from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ...evidence import GUIDANCE_MAX_AGE, parse_age, review_items, stale_guidance
from ..options import catalog_option, json_option, load
from ..output import console, print_json


def _age(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_age(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.option(
    "--older-than",
    callback=_age,
    metavar="AGE",
    help="List entries verified longer ago than this (90d, 12m, 2y). Default: by type, 3 months for "
    "leaderboards, 6 for libraries, tools, services, benchmarks and models, 12 for the rest.",
)
@click.option(
    "--guidance-older-than",
    default=GUIDANCE_MAX_AGE,
    show_default=True,
    callback=_age,
    metavar="AGE",
    help="List section guidance and timeline entries reviewed longer ago than this.",
)
@click.option("--section", "section_ids", multiple=True, metavar="S", help="Only entries of this section (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many entries.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True, help="Date to measure ages against.")
@json_option
@catalog_option
def review(
    older_than: int | None,
    guidance_older_than: int,
    section_ids: tuple[str, ...],
    limit: int | None,
    today: dt.datetime | None,
    as_json: bool,
    catalog_dir: Path | None,
) -> None:
    """List what needs a human look, oldest first: entries never verified or verified long ago,
    facts without evidence, papers without a citation, deprecated or retired entries that a
    section still recommends, and section guidance and law timeline entries not reviewed
    recently."""
    catalog = load(catalog_dir)
    for section_id in section_ids:
        catalog.section(section_id)
    chosen = [r for r in catalog if not section_ids or any(s in section_ids for s in r.sections)]
    day = today.date() if today else dt.date.today()
    items = review_items(chosen, catalog.sections, day, older_than)
    shown = items[:limit] if limit else items
    sections = [s for sid, s in catalog.sections.items() if not section_ids or sid in section_ids]
    timeline = [] if section_ids else catalog.timeline
    guidance = stale_guidance(sections, timeline, day, guidance_older_than)
    if as_json:
        print_json(
            {
                "total": len(items),
                "items": [item.as_dict() for item in shown],
                "guidance": [item.as_dict() for item in guidance],
            }
        )
        return
    out = console()
    if guidance:
        table = Table(title="Guidance and timeline")
        for column in ("kind", "id", "reviewed", "why"):
            table.add_column(column, no_wrap=column != "why")
        for entry in guidance:
            table.add_row(Text(entry.kind), Text(entry.id), Text(entry.reviewed or "never"), Text(entry.reason))
        out.print(table)
        out.print(f"{len(guidance)} sections or timeline entries need review", markup=False)
    if not items:
        if not guidance:
            out.print("nothing to review: every entry is verified, sourced and current", markup=False)
        return
    table = Table()
    for column in ("id", "verified", "why"):
        table.add_column(column, no_wrap=column != "why")
    for item in shown:
        table.add_row(Text(item.id), Text(item.verified or "never"), Text("; ".join(item.reasons)))
    out.print(table)
    more = f" (showing {len(shown)})" if len(shown) < len(items) else ""
    out.print(f"{len(items)} of {len(chosen)} entries need review{more}", markup=False)
