"""Options shared by several commands, and turning them into library calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..query import Query

if TYPE_CHECKING:
    from ..catalog import Catalog

F = TypeVar("F", bound=Callable[..., Any])


def catalog_option(func: F) -> F:
    return click.option(
        "--catalog",
        "catalog_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar="FMCHEATSHEET_CATALOG",
        help="Catalog directory (default: the bundled catalog).",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")(func)


def filter_options(func: F) -> F:
    """The facet filters shared by list, search and export; each may be repeated."""
    options = [
        click.option("--phase", "phases", multiple=True, metavar="P", help="Phase id (repeatable)."),
        click.option("--section", "sections", multiple=True, metavar="S", help="Section id (repeatable)."),
        click.option("--modality", "modalities", multiple=True, metavar="M", help="Modality (repeatable)."),
        click.option("--type", "types", multiple=True, metavar="T", help="Resource type (repeatable)."),
        click.option(
            "--licence-class",
            "licence_classes",
            multiple=True,
            metavar="C",
            help="Licence class: permissive, copyleft, non-commercial, ... (repeatable).",
        ),
        click.option(
            "--coverage",
            "coverages",
            multiple=True,
            metavar="C",
            help="Language coverage: english-only, monolingual, multilingual, language-agnostic.",
        ),
        click.option("--language", "languages", multiple=True, metavar="CODE", help="ISO 639 code (repeatable)."),
        click.option("--access", "access", multiple=True, metavar="A", help="open, gated, api-only or paid."),
        click.option(
            "--status", "statuses", multiple=True, metavar="S", help="active, deprecated or retired (repeatable)."
        ),
        click.option(
            "--commercial-use",
            "commercial_uses",
            multiple=True,
            metavar="C",
            help="yes, conditions, no or unknown: what the licence and access allow (repeatable).",
        ),
        click.option("--since", "year_min", type=int, metavar="YEAR", help="Released in or after YEAR."),
        click.option("--until", "year_max", type=int, metavar="YEAR", help="Released in or before YEAR."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


FILTER_KEYS = (
    "phases",
    "sections",
    "modalities",
    "types",
    "licence_classes",
    "coverages",
    "languages",
    "access",
    "statuses",
    "commercial_uses",
    "year_min",
    "year_max",
)


def query_from(kwargs: dict[str, Any]) -> Query:
    """Take the filter options out of a command's keyword arguments."""
    return Query.of(**{key: kwargs.pop(key) for key in FILTER_KEYS if key in kwargs})


def load(catalog_dir: Path | None) -> Catalog:
    from ..catalog import Catalog  # here: commands that answer from a cache never import the models

    return Catalog.load(catalog_dir)
