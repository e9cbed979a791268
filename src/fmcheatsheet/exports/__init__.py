"""Export formats: each turns the catalog (or a filtered part of it) into the bytes or text of a file.

One registry (:data:`FORMATS`) names every format once: the `export` command's
choices, the files the site publishes and the download links on its pages all
read it.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import Catalog
from ..fsutil import write_atomically
from ..model import Resource


@dataclass(frozen=True)
class ExportOptions:
    """Settings some formats need: where the site lives (links, feed ids).

    Without a public address (the empty default) links are relative to where the file is published
    on the site, so no output ever points at an address that only works on one machine.
    """

    base_url: str = ""

    def __post_init__(self) -> None:
        if self.base_url and not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")

    def url(self, path: str, published_at: str = "") -> str:
        """The address of a site path (folders end in '/') from a file published at ``published_at``."""
        if self.base_url:
            return self.base_url + path
        folder = posixpath.dirname(published_at) or "."
        found = posixpath.relpath(path.rstrip("/") or ".", folder)
        if path.endswith("/") or not path:
            return "./" if found == "." else found + "/"
        return found

    def identifier(self, path: str) -> str:
        """A permanent identifier (feed and entry ids must be absolute): the public URL, else a URN."""
        return self.base_url + path if self.base_url else "urn:fmcheatsheet:" + (path or "catalog")


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
        ExportFormat(
            "pdf-full", "full reference (PDF)", "exports/cheatsheet-full.pdf", "pdf_export:to_full_pdf", binary=True
        ),
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
