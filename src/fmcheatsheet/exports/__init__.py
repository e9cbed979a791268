"""Export formats: each turns the catalog (or a filtered part of it) into the bytes or text of a file.

One registry (:data:`FORMATS`) names every format once: the `export` command's
choices, the files the site publishes and the download links on its pages all
read it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import Catalog
from ..fsutil import write_atomically
from ..model import Resource


@dataclass(frozen=True)
class ExportOptions:
    """Settings some formats need: where the site lives (links, feed ids)."""

    base_url: str = "http://127.0.0.1:8000/"


Exporter = Callable[[Catalog, list[Resource], ExportOptions], str | bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name on the command line, where the site publishes it, how it is labelled."""

    name: str
    label: str
    path: str
    function: str  # "module:function" inside this package, imported on use so the CLI starts fast
    binary: bool = False

    def exporter(self) -> Exporter:
        module, attribute = self.function.split(":")
        found: Exporter = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return found


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("pdf", "printable cheatsheet (PDF)", "exports/cheatsheet.pdf", "pdf_export:to_pdf", binary=True),
        ExportFormat("csv", "CSV", "exports/resources.csv", "csv_export:to_csv"),
        ExportFormat("json", "JSON", "exports/resources.json", "json_export:to_json"),
        ExportFormat("jsonl", "JSON Lines", "exports/resources.jsonl", "json_export:to_jsonl"),
        ExportFormat("markdown", "Markdown", "exports/cheatsheet.md", "markdown_export:to_markdown"),
        ExportFormat("bibtex", "BibTeX", "exports/cheatsheet.bib", "bibtex_export:to_bibtex"),
        ExportFormat("croissant", "Croissant", "exports/croissant.json", "croissant_export:to_croissant"),
        ExportFormat("sqlite", "SQLite", "exports/catalog.db", "sqlite_export:to_sqlite", binary=True),
        ExportFormat("datasette", "Datasette metadata", "exports/metadata.json", "sqlite_export:to_datasette_metadata"),
        ExportFormat("atom", "Atom feed", "feed.atom", "atom_export:to_atom"),
    )
}


def exporters() -> dict[str, Exporter]:
    """Format name -> exporter."""
    return {name: f.exporter() for name, f in FORMATS.items()}


__all__ = ["FORMATS", "ExportFormat", "ExportOptions", "Exporter", "exporters", "write_atomically"]
