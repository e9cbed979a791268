from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ... import searchcache
from ..options import FILTER_KEYS, catalog_option, filter_options, json_option, load, query_from
from ..output import Listed, console, print_json, resource_table


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Most results.")
@filter_options
@json_option
@catalog_option
def search(query: tuple[str, ...], limit: int, catalog_dir: Path | None, as_json: bool, **filters: Any) -> None:
    """Search resources by name, tags and description, and by meaning; best match first.

    Only strong matches are listed; when there are none, the closest sections and a
    corrected query are suggested instead. Questions work: "how do I detect the
    language of each document?".
    """
    text = " ".join(query)
    if not as_json and not any(filters.get(key) for key in FILTER_KEYS):
        # A repeated search of an unchanged catalog answers from the cache, without loading it.
        snapshot = searchcache.load(catalog_dir)
        if snapshot is not None:
            index = snapshot.index
            ranked = index.search(text, limit=None, strong=True)
            sections = [(snapshot.section_titles[s], s) for s in index.closest_sections(text)] if not ranked else []
            suggestion = index.suggest(text) if not ranked else None
            listed = [snapshot.listings[doc_id] for doc_id, _ in ranked[:limit]]
            report(text, len(ranked), listed, [score for _, score in ranked[:limit]], suggestion, sections)
            return
    catalog = load(catalog_dir)
    found = catalog.search_results(text, query_from(filters), limit=limit)
    if as_json:
        from ...serialize import resource_dict

        print_json([resource_dict(catalog, h.resource) | {"score": h.score} for h in found.hits])
        return
    sections = [(s.title, s.id) for s in found.sections]
    hits = found.hits
    report(text, found.count, [h.resource for h in hits], [h.score for h in hits], found.suggestion, sections)


def report(
    text: str,
    count: int,
    listed: Sequence[Listed],
    scores: list[float],
    suggestion: str | None,
    sections: list[tuple[str, str]],
) -> None:
    out = console()
    if not listed:
        out.print(f"no strong match for '{text}'", markup=False)
        if suggestion:
            out.print(f"did you mean: {suggestion}", markup=False)
        if sections:
            out.print("closest sections: " + ", ".join(f"{title} ({sid})" for title, sid in sections), markup=False)
        return
    noun = "strong match" if count == 1 else "strong matches"
    shown = f", the first {len(listed)} shown" if count > len(listed) else ""
    out.print(f"{count} {noun} for '{text}'{shown}", markup=False)
    out.print(resource_table(listed, scores, width=out.width))
