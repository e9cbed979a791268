"""`make serve` checks its port before installing anything and names the fix; `make quick` skips the browser."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-C", str(ROOT), "--no-print-directory", *args], capture_output=True, text=True, timeout=60
    )


def test_a_busy_port_is_reported_at_once_with_the_fix() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = make("serve", f"PORT={port}", "HOST=127.0.0.1", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    assert time.monotonic() - started < 10  # nothing was installed first
    assert f"port {port} on 127.0.0.1 is busy" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "pip install" not in result.stdout


@pytest.mark.parametrize(
    ("variables", "message"),
    [(["PORT=eighty"], "is not a port number"), (["HOST=no-such-host.invalid"], "is not an address of this machine")],
)
def test_bad_port_or_host_values_are_explained(variables: list[str], message: str) -> None:
    result = make("serve", *variables, f"PYTHON={sys.executable}")
    assert result.returncode != 0 and message in result.stderr


def test_serve_passes_port_and_host_to_the_server() -> None:
    planned = make("-n", "serve", "PORT=8080", "HOST=0.0.0.0").stdout
    assert "check_port.py '0.0.0.0' '8080'" in planned
    assert "fmcheatsheet serve --host '0.0.0.0' --port '8080'" in planned
    assert "[dev]" not in planned  # serving installs the package alone, not the development tools


def test_quick_runs_lint_types_and_the_tests_that_need_no_browser() -> None:
    planned = make("-n", "quick").stdout
    assert "ruff check" in planned and "mypy" in planned
    assert '-m "not browser"' in planned
    full = make("-n", "test").stdout
    assert "not browser" not in full
