"""One module per command, imported only when that command runs (keeps start-up fast)."""

from __future__ import annotations

import importlib

import click

# command name -> (module, attribute), in the order `--help` lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("list", "list_resources"),
    "show": ("show", "show"),
    "search": ("search", "search"),
    "sections": ("sections", "sections"),
    "validate": ("validate", "validate"),
    "export": ("export", "export"),
    "schema": ("schema", "schema"),
    "build": ("build", "build"),
    "serve": ("serve", "serve"),
    "fmt": ("fmt", "fmt"),
    "add": ("add", "add"),
    "duplicates": ("duplicates", "duplicates"),
    "licences": ("licences", "licences_command"),
    "compare": ("compare", "compare_command"),
    "review": ("review", "review"),
    "estimate": ("estimate", "estimate_command"),
    "plan": ("plan", "plan"),
    "stats": ("stats", "stats_command"),
    "check-links": ("freshness", "check_links_command"),
    "enrich": ("freshness", "enrich_command"),
    "mcp": ("mcp", "mcp_command"),
}


def load_command(name: str) -> click.Command | None:
    found = COMMANDS.get(name)
    if found is None:
        return None
    module = importlib.import_module(f"{__name__}.{found[0]}")
    command: click.Command = getattr(module, found[1])
    return command
