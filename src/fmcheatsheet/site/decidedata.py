"""licences.json and compare.json: the data the licence-check and comparison pages compute with."""

from __future__ import annotations

import json
from typing import Any

from ..catalog import Catalog
from ..compare import MAX_COMPARED, MIN_COMPARED, ROWS, cell_values, link_health
from ..freshness.snapshot import Snapshot
from ..licence_check import browser_data
from ..serialize import resource_dict


def licences_json(catalog: Catalog) -> bytes:
    return _dumps(browser_data(catalog))


def compare_json(catalog: Catalog, health: Snapshot) -> bytes:
    data = {
        "min": MIN_COMPARED,
        "max": MAX_COMPARED,
        "rows": [list(row) for row in ROWS],
        "resources": {
            r.id: {
                "name": r.name,
                "url": r.url,
                "cells": cell_values(catalog, resource_dict(catalog, r), link_health(health, r.id)),
            }
            for r in catalog
        },
    }
    return _dumps(data)


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
