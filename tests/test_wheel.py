"""The built wheel carries the catalog and runs without a checkout or dev dependencies."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_wheel_contains_catalog_schema_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = sorted((ROOT / "catalog" / "resources").glob("*.yaml"))
    assert "fmcheatsheet/catalog/phases.yaml" in names
    assert "fmcheatsheet/catalog/licences.yaml" in names
    assert "fmcheatsheet/catalog/schema/resource.schema.json" in names
    assert "fmcheatsheet/data/spdx.json" in names
    assert "fmcheatsheet/data/iso639.json" in names
    for path in resources:
        assert f"fmcheatsheet/catalog/resources/{path.name}" in names
    for path in (ROOT / "catalog" / "sections").glob("*.yaml"):
        assert f"fmcheatsheet/catalog/sections/{path.name}" in names


def runtime_requirements(wheel: Path) -> list[str]:
    """The wheel's unconditional dependencies (not those of an extra such as dev)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode("utf-8").splitlines()
    return [
        line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]


def test_the_wheel_requires_no_development_tool(wheel: Path) -> None:
    names = {
        re.split(r"[ <>=!~;\[]", requirement, maxsplit=1)[0].lower() for requirement in runtime_requirements(wheel)
    }
    assert names and not names & {"pytest", "ruff", "mypy", "playwright", "hypothesis", "build"}


def test_installed_cli_works_on_the_bundled_catalog(wheel: Path, tmp_path: Path) -> None:
    # A fresh environment holding only the wheel; its dependencies are borrowed from this one, so
    # nothing is downloaded, and the checkout is nowhere on its path.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-index", "--no-deps", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True, timeout=600)
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    (Path(site_packages) / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run(
        [python, "-c", "import fmcheatsheet; print(fmcheatsheet.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.startswith(site_packages), where.stdout + where.stderr  # the wheel, not the checkout
    # Run from an empty folder so nothing can be found through the checkout.
    cli = str(venv / "bin" / "fmcheatsheet")
    sections = subprocess.run([cli, "sections", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert sections.returncode == 0, sections.stderr
    assert len(json.loads(sections.stdout)) == 7
    validate = subprocess.run([cli, "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert validate.returncode == 0, validate.stdout
    listed = subprocess.run([cli, "list", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    count = len(list((ROOT / "catalog" / "resources").glob("*.yaml")))
    assert len(json.loads(listed.stdout)) == count
