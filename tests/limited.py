"""`fmcheatsheet` as a separate process with limits on its memory and time.

Each run is a process of its own, forked from a server process that has already started Python and
imported the package: the command's own work is what runs under the limits, without the 0.3 s that
starting the interpreter and importing took for each of them. The server is started on first use,
once per test process. This module imports nothing from pytest, so the server stays small.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import runpy
import sys
import tempfile
import time
from pathlib import Path

MEMORY = 1 << 30  # bytes of address space

_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["fmcheatsheet.cli", "fmcheatsheet.catalog", "fmcheatsheet.checks", "tests.limited"])


def _command(args: list[str], cwd: str, output: str) -> None:
    """In the new process: the limit, the folder, both streams into ``output``, then what
    `python -m fmcheatsheet ARGS` runs. Its exit code is the process's."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    os.chdir(cwd)
    written = os.open(output, os.O_WRONLY)
    os.dup2(written, 1)
    os.dup2(written, 2)
    sys.argv = ["fmcheatsheet", *args]
    runpy.run_module("fmcheatsheet", run_name="__main__")


def run_limited(*args: str, cwd: Path, timeout: float = 60) -> tuple[int, str, float]:
    """`fmcheatsheet ARGS` in its own process with 1 GiB of address space: its exit code, its
    output (both streams) and the seconds it took. One that runs past ``timeout`` is killed and fails."""
    with tempfile.NamedTemporaryFile("r", encoding="utf-8", errors="replace", suffix=".out") as output:
        started = time.monotonic()
        process = _FORKS.Process(target=_command, args=(list(args), str(cwd), output.name))
        process.start()
        process.join(timeout)
        seconds = time.monotonic() - started
        if process.exitcode is None:
            process.kill()
            process.join()
            raise AssertionError(f"fmcheatsheet {' '.join(args)} still running after {timeout} s")
        code = process.exitcode
        process.close()
        return code, output.read(), seconds
