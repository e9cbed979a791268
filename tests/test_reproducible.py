"""Reproducible outputs: the site and the wheel are byte-identical however often they are built."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import WHEEL_EPOCH, build_wheel
from tests.sitehelpers import BASE_URL, TEST_REPO

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_site_builds_in_different_places_times_and_processes_are_identical(
    bundled_site: Path, tmp_path: Path
) -> None:
    # The run's shared build ran in a test process, in this time zone, reading through the load
    # cache; this one runs later, as the command, elsewhere, on the other side of the date line.
    out = tmp_path / "elsewhere" / "deep" / "site"
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "FMCHEATSHEET_CACHE": "off"}
    command = ["build", "-o", str(out), "--base-url", BASE_URL, "--repo-url", TEST_REPO]
    subprocess.run(
        [sys.executable, "-m", "fmcheatsheet", *command],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert tree_digest(out) == tree_digest(bundled_site)


def test_the_wheel_is_reproducible_given_source_date_epoch(wheel: Path, tmp_path: Path) -> None:
    # The session's wheel was built earlier, elsewhere, with the same SOURCE_DATE_EPOCH.
    again = build_wheel(tmp_path / "dist", {**os.environ, "SOURCE_DATE_EPOCH": WHEEL_EPOCH})
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(wheel.read_bytes()).hexdigest()
