from __future__ import annotations

import asyncio
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ...catalog import Catalog
from ...errors import CatalogError
from ...fetch import Client
from ...freshness.enrich import Apis, enrich
from ...freshness.links import Settings, check_links
from ...freshness.records import needs_attention
from ...freshness.snapshot import Snapshot
from ...freshness.suggestions import suggestions
from ...paths import bundled_catalog
from ..options import catalog_option, load
from ..output import console, error_console, print_json


def _ids(catalog_ids: list[str], only: str | None) -> list[str]:
    if not only:
        return catalog_ids
    wanted = [part.strip() for part in only.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in catalog_ids]
    if unknown:
        raise CatalogError(f"unknown resource id '{unknown[0]}' in --only")
    return wanted


def _open(catalog_dir: Path | None) -> tuple[Path, Catalog, Snapshot]:
    """The catalog folder, the catalog and its health snapshot."""
    root = catalog_dir or bundled_catalog()
    catalog = load(root)
    return root, catalog, Snapshot.load(root)


@click.command("check-links")
@click.option("--concurrency", default=64, show_default=True, type=click.IntRange(1, 512), help="Requests at once.")
@click.option("--per-host", default=8, show_default=True, type=click.IntRange(1, 64), help="Requests at once per host.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Seconds per request.")
@click.option("--deadline", default=600.0, show_default=True, type=click.FloatRange(1), help="Seconds for the run.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 5), help="Retries of transient errors.")
@click.option("--only", help="Comma-separated resource ids to check.")
@click.option("--allow-private", is_flag=True, help="Allow private, loopback and link-local addresses.")
@click.option("--no-write", is_flag=True, help="Do not update catalog/health.json.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@catalog_option
def check_links_command(
    concurrency: int,
    per_host: int,
    timeout: float,
    deadline: float,
    retries: int,
    only: str | None,
    allow_private: bool,
    no_write: bool,
    as_json: bool,
    catalog_dir: Path | None,
) -> None:
    """Check every link of every resource; exit 1 if any is broken."""
    root, catalog, snapshot = _open(catalog_dir)
    ids = _ids(list(catalog.resources), only)
    links = [(rid, kind, url) for rid in ids for kind, url in catalog.get(rid).links.as_dict().items()]
    settings = Settings(concurrency, per_host, timeout, deadline, retries, allow_private)
    show_progress = sys.stderr.isatty() and not as_json
    with Progress(
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=error_console(),
        disable=not show_progress,
    ) as bar:
        task = bar.add_task("links", total=len(links))
        results = asyncio.run(check_links(links, settings, progress=lambda _: bar.advance(task)))
    for result in results:
        snapshot.links.setdefault(result.resource, {})[result.kind] = result.record()
    if not no_write:
        snapshot.save(root, keep=set(catalog.resources))
    counts = Counter(r.status for r in results)
    broken = [r for r in results if needs_attention(r.status)]
    if as_json:
        print_json({"summary": dict(sorted(counts.items())), "links": [asdict(r) for r in results]})
    else:
        out = console()
        summary = Table(title=f"{len(results)} links")
        summary.add_column("status")
        summary.add_column("links", justify="right")
        for status, count in sorted(counts.items()):
            summary.add_row(status, str(count))
        out.print(summary)
        problems = [r for r in results if r.status not in ("ok",) or r.permanent]
        if problems:
            table = Table(title="to look at")
            for column in ("resource", "link", "status", "detail"):
                table.add_column(column)
            for r in problems:
                detail = f"moved permanently to {r.permanent}" if r.permanent and r.status == "ok" else r.message
                table.add_row(Text(r.resource), Text(f"{r.kind}: {r.url}"), r.status, Text(detail))
            out.print(table)
    if broken:
        raise SystemExit(1)


@click.command("enrich")
@click.option("--only", help="Comma-separated resource ids.")
@click.option("--suggest", is_flag=True, help="List mismatches between the catalog and the fetched facts.")
@click.option("--offline", is_flag=True, help="With --suggest: use the existing snapshot, fetch nothing.")
@click.option("--github-api", help="GitHub API base URL (or FMCHEATSHEET_GITHUB_API).")
@click.option("--hf-api", help="Hugging Face base URL (or FMCHEATSHEET_HF_API).")
@click.option("--arxiv-api", help="arXiv API base URL (or FMCHEATSHEET_ARXIV_API).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1), help="Seconds per request.")
@click.option("--deadline", default=900.0, show_default=True, type=click.FloatRange(1), help="Seconds for the run.")
@click.option("--allow-private", is_flag=True, help="Allow private and loopback addresses (for local mirrors).")
@click.option("--no-write", is_flag=True, help="Do not update catalog/health.json.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@catalog_option
def enrich_command(
    only: str | None,
    suggest: bool,
    offline: bool,
    github_api: str | None,
    hf_api: str | None,
    arxiv_api: str | None,
    timeout: float,
    deadline: float,
    allow_private: bool,
    no_write: bool,
    as_json: bool,
    catalog_dir: Path | None,
) -> None:
    """Fetch stars, activity, licences, downloads and paper dates into catalog/health.json."""
    root, catalog, snapshot = _open(catalog_dir)
    problems: list[str] = []
    fetched = 0
    if not offline:
        apis = Apis.from_environment(github=github_api, huggingface=hf_api, arxiv=arxiv_api)
        client = Client(timeout=timeout, allow_private=allow_private)
        report = asyncio.run(enrich(catalog, _ids(list(catalog.resources), only), apis, client, deadline))
        for rid, facts in report.metadata.items():
            snapshot.record_facts(rid, facts)
        problems, fetched = report.problems, report.fetched
        if not no_write:
            snapshot.save(root, keep=set(catalog.resources))
    found = suggestions(catalog, snapshot) if suggest else []
    if as_json:
        print_json({"fetched": fetched, "problems": problems, "suggestions": [asdict(s) for s in found]})
        return
    out = console()
    if not offline:
        out.print(f"fetched {fetched} records; {len(problems)} problems", markup=False)
    for problem in problems:
        out.print(Text(f"- {problem}"))
    if suggest:
        table = Table(title=f"{len(found)} suggestions (nothing was changed)")
        for column in ("resource", "field", "catalog", "suggested", "why"):
            table.add_column(column)
        for s in found:
            table.add_row(Text(s.resource), s.field, Text(s.current), Text(s.suggested), Text(s.reason))
        out.print(table)


__all__ = ["check_links_command", "enrich_command"]
