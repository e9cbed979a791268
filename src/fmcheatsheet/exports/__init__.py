"""Export formats: each turns (catalog, resources) into the bytes or text of a file."""

from __future__ import annotations

from collections.abc import Callable

from ..catalog import Catalog
from ..fsutil import write_atomically
from ..model import Resource
from .csv_export import to_csv
from .json_export import to_json

Exporter = Callable[[Catalog, list[Resource]], str | bytes]

EXPORTERS: dict[str, Exporter] = {
    "json": to_json,
    "csv": to_csv,
}

__all__ = ["EXPORTERS", "Exporter", "write_atomically"]
