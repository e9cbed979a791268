"""Printing for people (rich tables) and for programs (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Listed(Protocol):
    """What a resource table shows of a resource (a Resource, or a search's cached listing)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def modalities(self) -> Sequence[str]: ...
    @property
    def sections(self) -> Sequence[str]: ...
    @property
    def released(self) -> str | None: ...
    @property
    def status(self) -> str: ...


def console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    # NaN and Infinity are not JSON; a value that is one is a bug to report, never output to emit.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


# Dropped first to last when a terminal is too narrow for every column: squeezed columns wrap one or two
# letters a line, which reads worse than a table without them.
_DROPPABLE = ("sections", "modalities", "released", "type")
# Columns that may wrap, and the narrowest each may wrap to.
_WRAP_ROOM = {"name": 20, "modalities": 12, "sections": 20}
_CELL_PADDING = 3  # a space each side and the border


def resource_table(resources: Sequence[Listed], scores: list[float] | None = None, width: int | None = None) -> Table:
    """A row per resource; columns that do not fit in `width` characters are left out, least useful first."""
    cells: dict[str, list[Text]] = {
        "id": [Text(r.id) for r in resources],
        # Text() keeps catalog strings literal: a name with [brackets] is not rich markup.
        "name": [_name(r) for r in resources],
        "type": [Text(r.type) for r in resources],
        "modalities": [Text(", ".join(r.modalities)) for r in resources],
        "sections": [Text(", ".join(r.sections)) for r in resources],
        "released": [Text(r.released or "") for r in resources],
    }
    if scores is not None:
        cells["score"] = [Text(f"{score:.2f}") for score in scores]
    columns = list(cells)
    for column in _DROPPABLE:
        if width is None or _needed(cells, columns) <= width:
            break
        columns.remove(column)
    table = Table(show_lines=False, expand=False)
    for column in columns:
        table.add_column(
            column,
            style="bold" if column == "id" else "",
            no_wrap=column not in _WRAP_ROOM,
            overflow="fold" if column in _WRAP_ROOM else "ellipsis",
            justify="right" if column == "score" else "left",
        )
    for index in range(len(resources)):
        table.add_row(*(cells[column][index] for column in columns))
    return table


def _needed(cells: dict[str, list[Text]], columns: list[str]) -> int:
    """Characters the columns need, with each wrapping column squeezed to its narrowest."""

    def room(column: str) -> int:
        natural = max([len(column), *(cell.cell_len for cell in cells[column])])
        return min(natural, _WRAP_ROOM.get(column, natural)) + _CELL_PADDING

    return 1 + sum(room(column) for column in columns)


def _name(resource: Listed) -> Text:
    """The name, followed by the status of a deprecated or retired resource, as the site's results mark it."""
    name = Text(resource.name)
    if resource.status != "active":
        name.append(f" ({resource.status})", style="yellow")
    return name
