"""Running the site's JavaScript modules under Node's test runner, against fixtures Python writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

JS_TESTS = Path(__file__).parent / "js"


def require_node() -> str:
    """In CI a missing Node is a failure (make test installs Debian's nodejs); elsewhere the test is skipped."""
    node = shutil.which("node")
    if node:
        return node
    if os.environ.get("CI"):
        pytest.fail("node not found (install Debian's nodejs package)")
    pytest.skip("node not found (install Debian's nodejs package)")


def run_node_test(test_file: str, fixtures: Any, tmp_path: Path, modules: tuple[str, ...]) -> None:
    """Copy the named static modules next to each other, write the fixtures, run one node test file."""
    node = require_node()
    static = resources.files("fmcheatsheet").joinpath("static")
    folder = tmp_path / "static"
    folder.mkdir()
    for name in modules:
        # Named .mjs, a copy is an ES module to every Node version, whatever a package.json says.
        (folder / name.replace(".js", ".mjs")).write_bytes(static.joinpath(name).read_bytes())
    fixture_file = tmp_path / "fixtures.json"
    fixture_file.write_text(json.dumps(fixtures, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "STATIC_DIR": str(folder), "FIXTURES": str(fixture_file)}
    done = subprocess.run(
        [node, "--test", str(JS_TESTS / test_file)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
