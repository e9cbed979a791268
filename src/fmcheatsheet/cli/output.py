"""Printing for people (rich tables) and for programs (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from ..catalog import Catalog


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


def resource_table(catalog: Catalog | None, resources: Sequence[Listed], scores: list[float] | None = None) -> Table:
    table = Table(show_lines=False, expand=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("type", no_wrap=True)
    table.add_column("modalities")
    table.add_column("sections")
    table.add_column("released", no_wrap=True)
    if scores is not None:
        table.add_column("score", justify="right")
    for index, resource in enumerate(resources):
        # Text() keeps catalog strings literal: a name with [brackets] is not rich markup.
        row = [
            Text(resource.id),
            _name(resource),
            Text(resource.type),
            Text(", ".join(resource.modalities)),
            Text(", ".join(resource.sections)),
            Text(resource.released or ""),
        ]
        if scores is not None:
            row.append(Text(f"{scores[index]:.2f}"))
        table.add_row(*row)
    return table


def _name(resource: Listed) -> Text:
    """The name, followed by the status of a deprecated or retired resource, as the site's results mark it."""
    name = Text(resource.name)
    if resource.status != "active":
        name.append(f" ({resource.status})", style="yellow")
    return name
