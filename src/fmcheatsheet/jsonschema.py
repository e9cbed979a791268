"""The JSON Schema of resource files, generated from the model and the catalog's vocabularies.

Editors use it to validate and complete resource files as they are typed
(``catalog/schema/resource.schema.json``); a test fails when the committed file
and this generator disagree.
"""

from __future__ import annotations

import json
from typing import Any

from .catalog import Catalog
from .licences import spdx_list
from .model import DAY_PATTERN, EVIDENCE_KEYS, MAX_TAG_LENGTH, RELEASED_PATTERN, TAG_PATTERN, Resource
from .urls import MAX_URL_LENGTH
from .vocab import LICENCE_SPECIAL, LINK_TYPES

SCHEMA_ID = "https://fmcheatsheet.org/schema/resource.schema.json"


def resource_schema(catalog: Catalog) -> dict[str, Any]:
    schema = Resource.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Foundation Model Development Cheatsheet resource"
    props = schema["properties"]
    props["sections"]["items"] = {"enum": list(catalog.sections)}
    props["released"] = _optional({"type": ["string", "integer"], "pattern": RELEASED_PATTERN}, props["released"])
    props["added"] = _optional({"type": "string", "pattern": DAY_PATTERN}, props["added"])
    props["verified"] = _optional({"type": "string", "pattern": DAY_PATTERN}, props["verified"])
    evidence_url = {"type": "string", "pattern": "^https://"}
    props["evidence"] = _optional(
        {
            "type": "object",
            "propertyNames": {"enum": list(EVIDENCE_KEYS)},
            "additionalProperties": {"anyOf": [evidence_url, {"type": "array", "items": evidence_url, "minItems": 1}]},
        },
        props["evidence"],
    )
    props["tags"]["items"] = {"type": "string", "pattern": TAG_PATTERN, "maxLength": MAX_TAG_LENGTH}
    for kind in LINK_TYPES:
        # maxLength applies to strings only, so it leaves the null branch of each link alone.
        schema["$defs"]["Links"]["properties"][kind]["maxLength"] = MAX_URL_LENGTH
    # Catalog LicenseRefs match the pattern; listing them would make every new licence a schema change.
    known = [*LICENCE_SPECIAL, *sorted(spdx_list().licenses)]
    props["licence"] = _optional(
        {"anyOf": [{"enum": known}, {"type": "string", "pattern": r"^[A-Za-z0-9.+:()\- ]+$"}]},
        props["licence"],
    )
    return schema


def _optional(body: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    return {"description": previous.get("description", ""), **body}


def schema_text(catalog: Catalog) -> str:
    return json.dumps(resource_schema(catalog), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
