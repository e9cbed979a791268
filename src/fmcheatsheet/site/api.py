"""The static JSON API: the same objects as the CLI's `--json`."""

from __future__ import annotations

import json
from typing import Any

from ..catalog import Catalog
from ..serialize import resource_dict, sections_tree


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def api_files(catalog: Catalog) -> dict[str, bytes]:
    resources = [resource_dict(catalog, r) for r in catalog]
    files = {
        "api/resources.json": dumps(resources),
        "api/sections.json": dumps(sections_tree(catalog)),
    }
    for item in resources:
        files[f"api/resources/{item['id']}.json"] = dumps(item)
    return files
