"""The built wheel carries the catalog and runs without a checkout or dev dependencies."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next(out.glob("fmcheatsheet-*.whl"))


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


def test_installed_cli_works_on_the_bundled_catalog(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True, timeout=600)
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
    dev_only = subprocess.run([str(venv / "bin" / "python"), "-c", "import pytest"], capture_output=True, timeout=60)
    assert dev_only.returncode != 0, "dev dependencies must not be installed with the wheel"
