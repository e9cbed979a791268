from __future__ import annotations

import csv
import io

from ..catalog import Catalog
from ..model import Resource
from ..serialize import resource_dict
from ..vocab import LINK_TYPES

LIST_SEPARATOR = "; "
COLUMNS = (
    "id",
    "name",
    "description",
    "type",
    "sections",
    "phases",
    "modalities",
    "url",
    *(f"links.{kind}" for kind in LINK_TYPES),
    "released",
    "licence",
    "licence_class",
    "commercial_use",
    "languages.coverage",
    "languages.codes",
    "access",
    "tags",
    "questions",
    "featured",
    "status",
    "status_note",
    "successor",
    "citation.authors",
    "citation.title",
    "citation.venue",
    "citation.year",
    "added",
    "verified",
    "evidence",
)


def to_csv(catalog: Catalog, resources: list[Resource], _options: object = None) -> str:
    """One row per resource; list fields joined with '; '; cells that would start a formula begin with "'"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for resource in resources:
        data = resource_dict(catalog, resource)
        languages = data["languages"] or {}
        citation = data["citation"] or {}
        flat = {
            **{k: v for k, v in data.items() if k not in ("links", "languages", "citation", "evidence")},
            **{f"links.{kind}": url for kind, url in data["links"].items()},
            **{f"citation.{key}": value for key, value in citation.items()},
            "languages.coverage": languages.get("coverage"),
            "languages.codes": languages.get("codes", []),
            # One cell: "licence: URL; released: URL URL" keeps the CSV one row per resource.
            "evidence": [f"{name}: {' '.join(urls)}" for name, urls in data["evidence"].items()],
        }
        writer.writerow([_cell(flat.get(column)) for column in COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _inert(LIST_SEPARATOR.join(str(v) for v in value))
    return _inert(str(value))


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before what would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
