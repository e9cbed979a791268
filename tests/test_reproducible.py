"""Reproducible outputs: the site and the wheel are byte-identical however often they are built."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import build_wheel

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_site_builds_in_different_places_and_times_are_identical(tmp_path: Path) -> None:
    digests = []
    for index, zone in enumerate(("UTC", "Pacific/Kiritimati")):
        out = tmp_path / f"build-{index}" / "deep" / "site"
        env = {**os.environ, "TZ": zone, "FMCHEATSHEET_CACHE": "off"}
        subprocess.run(
            [sys.executable, "-m", "fmcheatsheet", "build", "-o", str(out)],
            check=True,
            env=env,
            capture_output=True,
            timeout=300,
        )
        digests.append(tree_digest(out))
        time.sleep(1.1)
    assert digests[0] == digests[1]


def test_the_wheel_is_reproducible_given_source_date_epoch(tmp_path: Path) -> None:
    hashes = []
    for index in range(2):
        out = tmp_path / f"dist-{index}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1764115200"}
        wheel = build_wheel(out, env)
        hashes.append(hashlib.sha256(wheel.read_bytes()).hexdigest())
        time.sleep(1.1)
    assert hashes[0] == hashes[1]
