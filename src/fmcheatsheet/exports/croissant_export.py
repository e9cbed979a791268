"""The catalog described as a dataset in MLCommons Croissant 1.0 (JSON-LD)."""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..catalog import Catalog
from ..model import Resource
from . import ExportOptions
from .csv_export import COLUMNS, to_csv

# The Croissant 1.0 JSON-LD context (https://mlcommons.org/croissant/).
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
CSV_NAME = "resources.csv"
FIELD_DOCS = {
    "id": "Stable identifier of the resource (lowercase kebab-case).",
    "name": "The resource's own name.",
    "description": "What it is, when to use it and its caveats, in the catalog's words.",
    "type": "Kind of resource (dataset, library, benchmark, ...).",
    "sections": "Sections of the cheatsheet it belongs to, separated by '; '.",
    "phases": "Phases of development it helps with, separated by '; '.",
    "modalities": "Data modalities it serves, separated by '; '.",
    "url": "Its main link.",
    "released": "First public release (YYYY or YYYY-MM).",
    "licence": "SPDX licence expression or proprietary / various / unknown.",
    "licence_class": "Licence class (permissive, copyleft, non-commercial, ...).",
    "commercial_use": "What the licence and access terms allow commercially: yes, conditions, no or unknown.",
    "status": "active, deprecated (no longer recommended) or retired (shut down or withdrawn).",
    "status_note": "What happened to a deprecated or retired resource, and when.",
    "successor": "Id of the resource to use instead of a deprecated or retired one.",
    "citation.authors": "Authors of the resource's paper ('Family, Given'), separated by '; '.",
    "citation.title": "Title of the resource's paper.",
    "citation.venue": "Where the paper was published.",
    "citation.year": "Year the paper was published.",
    "added": "Date the entry joined the catalog.",
    "verified": "Date a person last checked the entry against its sources.",
    "evidence": "Where each fact can be checked: 'field: URL ...' items separated by '; '.",
}


def to_croissant(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> str:
    """Croissant metadata for the CSV export of the same resources (published beside it)."""
    options = options or ExportOptions()
    here = "exports/croissant.json"
    base = options.url("", here)
    csv_bytes = to_csv(catalog, resources).encode("utf-8")
    latest = max((r.added for r in resources if r.added), default=None)
    fields = [
        {
            "@type": "cr:Field",
            "@id": f"resources/{column.replace('.', '_')}",
            "name": column.replace(".", "_"),
            "description": FIELD_DOCS.get(column, f"The resource's {column.replace('.', ' ')}."),
            "dataType": _data_type(column),
            "source": {"fileObject": {"@id": CSV_NAME}, "extract": {"column": column}},
        }
        for column in COLUMNS
    ]
    metadata = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "foundation-model-development-cheatsheet",
        "description": (
            "A curated catalog of tools and resources for developing foundation models responsibly, organised by "
            "phase of development, with descriptions, links, licences and language coverage for each resource."
        ),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "url": base,
        "citeAs": (
            "@misc{fmcheatsheet, title = {The Foundation Model Development Cheatsheet: catalog}, "
            f"url = {{{base}}}, version = {{{__version__}}}}}"
        ),
        "version": __version__,
        "keywords": ["foundation models", "responsible AI", "catalog", "datasets", "benchmarks", "tools"],
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": CSV_NAME,
                "name": CSV_NAME,
                "description": "One row per resource.",
                "contentUrl": options.url(f"exports/{CSV_NAME}", here),
                "encodingFormat": "text/csv",
                "sha256": hashlib.sha256(csv_bytes).hexdigest(),
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "resources",
                "name": "resources",
                "description": "The resources of the catalog.",
                "key": {"@id": "resources/id"},
                "field": fields,
            }
        ],
    }
    if latest:
        metadata["datePublished"] = latest
    return json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"


def _data_type(column: str) -> str:
    if column == "featured":
        return "sc:Boolean"
    if column == "citation.year":
        return "sc:Integer"
    if column == "url" or column.startswith("links."):
        return "sc:URL"
    return "sc:Text"
