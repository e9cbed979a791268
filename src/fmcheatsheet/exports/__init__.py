"""Export formats: each turns the catalog (or a filtered part of it) into the bytes or text of a file."""

from __future__ import annotations

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


def exporters() -> dict[str, Exporter]:
    """Format name -> exporter; imported on use so the CLI starts fast."""
    from .atom_export import to_atom
    from .bibtex_export import to_bibtex
    from .croissant_export import to_croissant
    from .csv_export import to_csv
    from .json_export import to_json, to_jsonl
    from .markdown_export import to_markdown
    from .pdf_export import to_pdf

    return {
        "json": to_json,
        "jsonl": to_jsonl,
        "csv": to_csv,
        "markdown": to_markdown,
        "bibtex": to_bibtex,
        "croissant": to_croissant,
        "atom": to_atom,
        "pdf": to_pdf,
    }


FORMATS = ("json", "jsonl", "csv", "markdown", "bibtex", "croissant", "atom", "pdf")
SUFFIXES = {
    "json": "json",
    "jsonl": "jsonl",
    "csv": "csv",
    "markdown": "md",
    "bibtex": "bib",
    "croissant": "croissant.json",
    "atom": "atom",
    "pdf": "pdf",
}

__all__ = ["FORMATS", "SUFFIXES", "ExportOptions", "Exporter", "exporters", "write_atomically"]
