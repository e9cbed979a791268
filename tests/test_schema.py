"""The JSON Schema for editors is generated from the model and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from fmcheatsheet import Catalog
from fmcheatsheet.jsonschema import resource_schema, schema_text
from fmcheatsheet.yamlsource import load_yaml_file

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "catalog" / "schema" / "resource.schema.json"


def test_committed_schema_matches_the_model() -> None:
    expected = schema_text(Catalog.load())
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, "run `make schema` and commit the result"


def test_every_bundled_resource_is_valid_under_the_json_schema() -> None:
    catalog = Catalog.load()
    validator = jsonschema.Draft202012Validator(resource_schema(catalog))
    for path in sorted((ROOT / "catalog" / "resources").glob("*.yaml")):
        # Editors read YAML 1.2, where an unquoted date is text, as our loader does.
        errors = list(validator.iter_errors(load_yaml_file(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    bad = {
        "id": "Bad_Id",
        "name": "x",
        "description": "short",
        "type": "toolkit",
        "sections": ["nowhere"],
        "modalities": ["image"],
        "links": {"huggingFace": "https://huggingface.co/x"},
    }
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    for fragment in ("Bad_Id", "toolkit", "nowhere", "image", "huggingFace"):
        assert fragment in messages
