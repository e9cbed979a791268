from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.paths import bundled_catalog
from tests.browser import chromium
from tests.factory import write_catalog
from tests.sitehelpers import build, serving

ROOT = Path(__file__).resolve().parents[1]

# Keep the load cache of test runs (and their subprocesses) out of the user's cache. The process
# that makes the folder (the first to import this file; test workers inherit it) removes it at exit.
if "FMCHEATSHEET_CACHE_DIR" not in os.environ:
    os.environ["FMCHEATSHEET_CACHE_DIR"] = tempfile.mkdtemp(prefix="fmcheatsheet-test-cache-")
    atexit.register(shutil.rmtree, os.environ["FMCHEATSHEET_CACHE_DIR"], ignore_errors=True)


@dataclass
class Run:
    code: int
    out: str
    err: str


@contextlib.contextmanager
def working_directory(path: Path | None) -> Iterator[None]:
    """contextlib.chdir, which Python 3.10 lacks."""
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, process: bool = False) -> Run:
    """Run the `fmcheatsheet` command line: in this process (fast), or as a real subprocess
    (``process=True``) where a test is about the process itself (its start, its exit, its streams)."""
    if process:
        proc = subprocess.run(
            [sys.executable, "-m", "fmcheatsheet", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=120,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)
    from click.testing import CliRunner

    from fmcheatsheet.cli.main import cli as command

    changed = {k: v for k, v in env.items() if os.environ.get(k) != v} if env is not None else None
    removed = [k for k in os.environ if env is not None and k not in env]
    runner = CliRunner()
    with working_directory(cwd):
        result = runner.invoke(
            command, list(args), prog_name="fmcheatsheet", env={**(changed or {}), **dict.fromkeys(removed)}
        )
    return Run(result.exit_code, result.stdout, result.stderr)


def build_wheel(out: Path, env: dict[str, str] | None = None) -> Path:
    """Build the project's wheel into ``out`` with the installed backend: nothing is downloaded."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    return next(out.glob("fmcheatsheet-*.whl"))


# Wheels are reproducible given this time stamp (tests/test_reproducible.py builds a second one).
WHEEL_EPOCH = "1764115200"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per test process."""
    return build_wheel(tmp_path_factory.mktemp("dist"), {**os.environ, "SOURCE_DATE_EPOCH": WHEEL_EPOCH})


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


@pytest.fixture
def make_catalog(tmp_path: Path) -> Callable[..., Path]:
    def make(*args: object, **kwargs: object) -> Path:
        return write_catalog(tmp_path, *args, **kwargs)  # type: ignore[arg-type]

    return make


# The bundled catalog, its site served on 127.0.0.1 and a browser. The bundled site is built once
# per run and shared (no test writes into it); a module that defines its own `catalog`
# fixture gets a site of that catalog instead.
@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@contextlib.contextmanager
def untraced(config: pytest.Config) -> Iterator[None]:
    """Coverage paused, for work that repeats code paths other tests already trace many times
    (tracing doubles the time of CPU-bound code); what the work checks is unchanged."""
    plugin = config.pluginmanager.get_plugin("_cov")
    controller = getattr(plugin, "cov_controller", None)
    if controller is None or not controller.started:
        yield
        return
    controller.pause()
    try:
        yield
    finally:
        controller.resume()


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Held by one test process at a time (the others wait for it)."""
    import fcntl

    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """Built once per run: the first test process that needs it builds it; the others, in the same
    run folder, wait for that build and read it. Coverage is paused for it: every line of the build
    is traced by the small sites of tests/test_site_build.py and others (the per-file missing lines
    are the same), while tracing the 830-entry build doubled its time and the others waited for it."""
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the folder every worker's own folder is in
    site = run / "bundled-site"
    with exclusive(run / "bundled-site.lock"):
        if not site.exists():  # a build appears in one step, complete
            catalog = Catalog.load()
            with untraced(pytestconfig):
                build(catalog, site)
    return site


@pytest.fixture(scope="session")
def bundled_base(bundled_site: Path) -> Iterator[str]:
    with serving(bundled_site) as url:
        yield url


@pytest.fixture(scope="module")
def base(request: pytest.FixtureRequest, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if catalog.root == bundled_catalog():
        yield request.getfixturevalue("bundled_base")
        return
    site = build(catalog, tmp_path_factory.mktemp("site") / "site")
    with serving(site) as url:
        yield url


# Per module, not per session: Playwright's sync API holds an event loop on this thread while a
# browser is open, which modules that run asyncio themselves (the MCP client, Datasette) cannot share.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched
