"""Build small catalogs in a temporary directory for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PHASES: list[dict[str, Any]] = [
    {
        "id": "data-preparation",
        "title": "Data preparation",
        "overview": "Cleaning, filtering and deduplicating data before training.",
        "sections": ["deduplication", "data-cleaning"],
    },
    {
        "id": "model-evaluation",
        "title": "Model evaluation",
        "overview": "Measuring what a model can do and what harm it might cause.",
        "sections": ["capabilities"],
    },
]

SECTIONS: dict[str, dict[str, Any]] = {
    "deduplication": {"title": "Data deduplication", "scope": "Finding and removing repeated documents."},
    "data-cleaning": {"title": "Data cleaning", "scope": "Removing low-quality and unwanted content."},
    "capabilities": {"title": "Capabilities evaluation", "scope": "Benchmarks that measure what models can do."},
}


# The terms of the licences test resources use, so a small catalog is as complete as the real one.
LICENCES: list[dict[str, Any]] = [
    {"id": spdx, "name": spdx, "url": f"https://spdx.org/licenses/{spdx}.html", "conditions": conditions}
    for spdx, conditions in (
        ("Apache-2.0", ["attribution"]),
        ("MIT", ["attribution"]),
        ("CC-BY-4.0", ["attribution"]),
        ("CC-BY-NC-4.0", ["attribution", "non-commercial"]),
    )
]


def resource(rid: str = "text-dedup", **overrides: Any) -> dict[str, Any]:
    """A valid resource; keyword arguments replace or add fields (None removes one)."""
    data: dict[str, Any] = {
        "id": rid,
        "name": rid.replace("-", " ").title(),
        "description": f"A test resource called {rid} that exists to exercise the catalog tooling in tests.",
        "type": "library",
        "sections": ["deduplication"],
        "modalities": ["text"],
        "links": {"github": f"https://github.com/example/{rid}"},
        "released": "2023-05",
        "licence": "Apache-2.0",
        "added": "2025-01-15",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_catalog(
    root: Path,
    resources: list[dict[str, Any]] | None = None,
    *,
    phases: list[dict[str, Any]] | None = None,
    sections: dict[str, dict[str, Any]] | None = None,
    raw: dict[str, str] | None = None,
) -> Path:
    """Write a catalog directory under ``root`` and return it.

    ``raw`` maps relative paths to exact file contents, for malformed files.
    """
    catalog = root / "catalog"
    (catalog / "resources").mkdir(parents=True, exist_ok=True)
    (catalog / "sections").mkdir(exist_ok=True)
    dump(catalog / "phases.yaml", {"phases": phases if phases is not None else PHASES})
    dump(catalog / "licences.yaml", {"licences": LICENCES})
    for sid, body in (sections if sections is not None else SECTIONS).items():
        dump(catalog / "sections" / f"{sid}.yaml", {"id": sid, **body})
    for data in resources if resources is not None else [resource()]:
        dump(catalog / "resources" / f"{data['id']}.yaml", data)
    for relative, text in (raw or {}).items():
        path = catalog / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return catalog


def dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
