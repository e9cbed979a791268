from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ...site import SiteConfig, build_site
from ...site.config import configured_base_url, detect_repo_url
from ..options import catalog_option, load

F = TypeVar("F", bound=Callable[..., Any])


def site_options(func: F) -> F:
    func = click.option(
        "--repo-url", envvar="FMCHEATSHEET_REPO_URL", help="GitHub repository for 'suggest an edit' links."
    )(func)
    func = click.option(
        "--base-url",
        envvar="FMCHEATSHEET_BASE_URL",
        default=None,
        help="Public URL of the site, for canonical links, previews and the sitemap (default: "
        "[tool.fmcheatsheet] base-url in the repository's pyproject.toml, else relative links).",
    )(func)
    return func


def site_config(base_url: str | None, repo_url: str | None, catalog_dir: Path | None) -> SiteConfig:
    start = catalog_dir or Path.cwd()
    repo = repo_url or detect_repo_url(start)
    return SiteConfig(base_url=base_url or configured_base_url(start), repo_url=repo)


def output_option(func: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("site"),
        show_default=True,
        help="Folder to write the site into: a new or empty folder, or a previous build (replaced as a whole).",
    )(func)


def force_option(func: F) -> F:
    return click.option(
        "--force",
        is_flag=True,
        help="Replace the output folder even if it holds files no build wrote (never the catalog or the "
        "current folder).",
    )(func)


@click.command()
@output_option
@force_option
@site_options
@catalog_option
def build(output: Path, force: bool, base_url: str | None, repo_url: str | None, catalog_dir: Path | None) -> None:
    """Build the static website from the catalog."""
    started = time.perf_counter()
    catalog = load(catalog_dir)
    config = site_config(base_url, repo_url, catalog_dir)
    if config.base_url is None:
        click.echo(
            "no public address given (--base-url, FMCHEATSHEET_BASE_URL or [tool.fmcheatsheet] base-url in "
            "pyproject.toml): links are relative, and the site has no sitemap or canonical URLs",
            err=True,
        )
    else:
        click.echo(f"public address: {config.base_url}", err=True)
    result = build_site(catalog, output, config, force=force)
    click.echo(
        f"built {result.pages} pages ({result.files} files, {result.bytes / 1e6:.1f} MB) "
        f"into {output} in {time.perf_counter() - started:.1f} s"
    )
