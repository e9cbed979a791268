from __future__ import annotations

import threading
from pathlib import Path

import click

from ...catalog import read_catalog
from ...errors import CheatsheetError
from ...paths import bundled_catalog
from ...site import build_site
from ...site.output_folder import check_output_folder
from ...site.serve import Rebuilder, make_server
from ..options import catalog_option, load
from .build import force_option, output_option, site_config, site_options


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
@output_option
@force_option
@click.option("--no-watch", is_flag=True, help="Do not rebuild when catalog files change.")
@click.option(
    "--watch-interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.05, 60),
    metavar="SECONDS",
    help="How often the catalog's files are checked for changes.",
)
@site_options
@catalog_option
def serve(
    host: str,
    port: int,
    output: Path,
    force: bool,
    no_watch: bool,
    watch_interval: float,
    base_url: str | None,
    repo_url: str | None,
    catalog_dir: Path | None,
) -> None:
    """Build the site, serve it over HTTP and rebuild it when the catalog changes."""
    catalog = load(catalog_dir)
    check_output_folder(output, catalog_root=catalog.root, force=force)
    try:
        server = make_server(output, host, port)
    except OSError as exc:
        hint = f"; another server may be using it: choose another with --port (e.g. --port {port + 1})"
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from None
    url = f"http://{host}:{server.server_address[1]}/"
    config = site_config(base_url or url, repo_url, catalog_dir)
    result = build_site(catalog, output, config, force=force)
    click.echo(f"built {result.pages} pages into {output}")
    lock = threading.Lock()

    def rebuild() -> None:
        with lock:
            fresh, report = read_catalog(catalog_dir)
            if fresh is None or not report.ok():
                for problem in report.errors()[:10]:
                    click.echo(problem.format(), err=True)
                click.echo("catalog has errors; still serving the previous build", err=True)
                return
            try:
                # The folder now holds this server's own build, so it is replaced without --force.
                build_site(fresh, output, config)
            except (CheatsheetError, OSError) as exc:
                click.echo(f"rebuild failed: {exc}; still serving the previous build", err=True)
                return
            click.echo(f"rebuilt {len(fresh)} resources")

    if not no_watch:
        Rebuilder(catalog_dir or bundled_catalog(), rebuild, interval=watch_interval).start()
    click.echo(f"serving {output} at {url} (Ctrl-C to stop)", err=False)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
