"""One module per command."""

from __future__ import annotations

import click

from .add import add
from .build import build
from .duplicates import duplicates
from .export import export
from .fmt import fmt
from .list import list_resources
from .schema import schema
from .search import search
from .sections import sections
from .serve import serve
from .show import show
from .validate import validate

COMMANDS: list[click.Command] = [
    list_resources,
    show,
    search,
    sections,
    validate,
    export,
    schema,
    build,
    serve,
    fmt,
    add,
    duplicates,
]
