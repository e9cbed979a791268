"""Where the bundled catalog lives."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_catalog() -> Path:
    """The catalog shipped in the wheel, or the repository's catalog in a source checkout."""
    packaged = Path(str(resources.files("fmcheatsheet"))) / "catalog"
    if (packaged / "phases.yaml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "catalog"
    if (checkout / "phases.yaml").is_file():
        return checkout
    raise FileNotFoundError("the bundled catalog is missing from this installation")
