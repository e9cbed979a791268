"""The browse page's rules in the browser are the catalog's: the same filters, counts, page size and
download formats.

Python answers each case with the catalog's own query (`Catalog.filter`), its CSV cell rules and its
BibTeX entries; tests/js/browse.test.mjs runs static/browse-core.js on the same search.json rows
under Node and must give the same answers.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from fmcheatsheet import Catalog, Query
from fmcheatsheet.citation import bibtex_entry, has_citation
from fmcheatsheet.exports.csv_export import _cell
from fmcheatsheet.site.searchdata import EXPORT_COLUMNS, FACETS, search_index
from tests.conftest import untraced
from tests.nodejs import run_node_test

# Address parameter -> Query field, for the facets the page offers.
QUERY_FIELD = {
    "phase": "phases",
    "section": "sections",
    "modality": "modalities",
    "type": "types",
    "licence": "licence_classes",
    "use": "commercial_uses",
    "coverage": "coverages",
}
QUERIES = [
    "?sort=name",
    "?modality=speech",
    "?modality=speech&modality=vision&section=data-cleaning",
    "?phase=model-evaluation&type=benchmark&licence=permissive",
    "?use=no&retired=show",
    "?coverage=multilingual&from=2022&to=2024",
    "?from=2025",
    "?type=dataset&use=yes&use=conditions&hide=problems",
    "?section=deduplication&type=library",
]


def python_rows(catalog: Catalog, query: str) -> list[str]:
    params = parse_qs(query.lstrip("?"))
    facets = {QUERY_FIELD[k]: tuple(v) for k, v in params.items() if k in QUERY_FIELD}
    years = {"year_min": int(params["from"][0])} if "from" in params else {}
    if "to" in params:
        years["year_max"] = int(params["to"][0])
    found = catalog.filter(Query.of(**facets, **years))
    if "retired" not in params:
        found = [r for r in found if r.status != "retired"]
    # The test's health snapshot is empty, so hiding "archived and broken" hides nothing.
    ordered = sorted(found, key=lambda r: (r.status == "retired", r.name.lower()))
    return [r.id for r in ordered]


def python_counts(catalog: Catalog, query: str, index: dict[str, Any]) -> dict[str, dict[str, int]]:
    """For each facet: how many resources pass every other filter and have that value."""
    fields = index["fields"]
    docs = {row[0]: dict(zip(fields, row, strict=True)) for row in index["docs"]}
    params = parse_qs(query.lstrip("?"))
    counts: dict[str, dict[str, int]] = {}
    for name, field, _ in FACETS:
        others = "&".join(f"{k}={v}" for k, values in params.items() if k != name for v in values)
        tally: dict[str, int] = {}
        for rid in python_rows(catalog, f"?{others}"):
            have = docs[rid][field]
            for value in have if isinstance(have, list) else [have]:
                tally[value] = tally.get(value, 0) + 1
        counts[name] = tally
    return counts


def python_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in EXPORT_COLUMNS])
    return buffer.getvalue()


def test_browse_rules_in_the_browser_match_the_catalog(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    # The expected rows, counts and files, computed with coverage paused: the library code they run on
    # the bundled catalog is traced by the query, export and search data tests.
    with untraced(pytestconfig):
        catalog = Catalog.load()
        index = search_index(catalog)
        docs = {row[0]: dict(zip(index["fields"], row, strict=True)) for row in index["docs"]}
        cases = [
            {"query": q, "ids": python_rows(catalog, q), "active": q.count("&") + 1 - ("sort=" in q)} for q in QUERIES
        ]
        assert all(case["ids"] for case in cases[:4]), "cases that select nothing prove little"
        counts = [{"query": q, "expected": python_counts(catalog, q, index)} for q in QUERIES[1:4]]
        shown = [docs[rid] for rid in python_rows(catalog, "?section=deduplication")]
        entries = {r.id: bibtex_entry(r) for r in catalog if has_citation(r)}
        cited = [entries[row["id"]] for row in shown if row["id"] in entries]
        fixtures = {
            "index": index,
            "cases": cases,
            "counts": counts,
            "csv": {"query": "?section=deduplication", "expected": python_csv(shown)},
            "json": {"expected": [{c: row[c] for c in EXPORT_COLUMNS} for row in shown]},
            "bibtex": {"expected": "\n\n".join(cited) + "\n"},
            "entries": entries,
        }
        assert cited and len(shown) > 10
    run_node_test("browse.test.mjs", fixtures, tmp_path, ("browse-core.js",))
