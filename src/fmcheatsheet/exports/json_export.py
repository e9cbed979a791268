from __future__ import annotations

import json

from ..catalog import Catalog
from ..model import Resource
from ..serialize import resource_dict


def to_json(catalog: Catalog, resources: list[Resource], _options: object = None) -> str:
    """A JSON array of resource objects, the same objects as `--json` prints."""
    return json.dumps([resource_dict(catalog, r) for r in resources], ensure_ascii=False, indent=2) + "\n"


def to_jsonl(catalog: Catalog, resources: list[Resource], _options: object = None) -> str:
    """One resource object per line."""
    return "".join(json.dumps(resource_dict(catalog, r), ensure_ascii=False) + "\n" for r in resources)
