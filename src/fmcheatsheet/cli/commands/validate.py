from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ...catalog import read_catalog
from ..options import catalog_option, json_option
from ..output import print_json

EVIDENCE_WARNINGS_SHOWN = 10


@click.command()
@click.option("--strict", is_flag=True, help="Treat warnings (likely duplicates, style, missing evidence) as errors.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True, help="Date to check against.")
@json_option
@catalog_option
def validate(catalog_dir: Path | None, strict: bool, today: dt.datetime | None, as_json: bool) -> None:
    """Check every catalog file and report all problems at once (exit 1 if any error)."""
    _, report = read_catalog(catalog_dir, today.date() if today else None)
    ok = report.ok(strict)
    if as_json:
        print_json(
            {"ok": ok, "strict": strict, "files": report.files_read, "problems": [p.as_dict() for p in report.sorted()]}
        )
    else:
        evidence_shown = 0
        for problem in report.sorted():
            # Unsourced facts are a to-do list, not a defect of the edit at hand: show a few,
            # and point at the command that lists them all.
            if not strict and problem.topic == "evidence" and problem.severity == "warning":
                evidence_shown += 1
                if evidence_shown > EVIDENCE_WARNINGS_SHOWN:
                    continue
            click.echo(problem.format())
        if evidence_shown > EVIDENCE_WARNINGS_SHOWN:
            hidden = evidence_shown - EVIDENCE_WARNINGS_SHOWN
            click.echo(f"... and {hidden} more evidence warnings: `fmcheatsheet review` lists every entry to verify")
        click.echo(report.summary(strict))
    if not ok:
        raise SystemExit(1)
