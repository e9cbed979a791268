from __future__ import annotations

from pathlib import Path

import click

from ..options import catalog_option


@click.command("mcp")
@catalog_option
def mcp_command(catalog_dir: Path | None) -> None:
    """Run a Model Context Protocol server over stdio, so an AI assistant can search the catalog, read
    resources and guidance, make plans and estimates (read-only; needs `pip install 'fmcheatsheet[mcp]'`)."""
    from ...catalog import Catalog
    from ...mcp_server import run

    # Fail before the first request if the catalog is broken, with the usual message.
    Catalog.load(catalog_dir)
    run(catalog_dir)
