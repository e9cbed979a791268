"""Plain-data views of catalog objects: the shape of `--json`, the JSON API and exports."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog
from .languages import language_name
from .model import Resource


def resource_dict(catalog: Catalog, resource: Resource) -> dict[str, Any]:
    """A resource as JSON-ready data: every field, plus derived phases, url and licence class."""
    data: dict[str, Any] = {
        "id": resource.id,
        "name": resource.name,
        "description": resource.description,
        "type": resource.type,
        "sections": list(resource.sections),
        "phases": catalog.phases_of(resource),
        "modalities": list(resource.modalities),
        "url": resource.url,
        "primary": resource.primary_link,
        "links": resource.links.as_dict(),
        "released": resource.released,
        "licence": resource.licence,
        "licence_class": catalog.licence_class(resource),
        "commercial_use": catalog.commercial_use(resource),
        "languages": None,
        "access": resource.access,
        "tags": list(resource.tags),
        "questions": list(resource.questions),
        "featured": resource.featured,
        "status": resource.status,
        "status_note": resource.status_note,
        "successor": resource.successor,
        "citation": resource.citation.model_dump(exclude_none=True) if resource.citation else None,
        "added": resource.added,
        "verified": resource.verified,
        "evidence": {name: list(urls) for name, urls in resource.evidence.items()},
    }
    if resource.languages is not None:
        data["languages"] = {
            "coverage": resource.languages.coverage,
            "codes": list(resource.languages.codes),
            "names": [language_name(code) for code in resource.languages.codes],
        }
    return data


def section_dict(catalog: Catalog, section_id: str) -> dict[str, Any]:
    section = catalog.section(section_id)
    return {
        "id": section.id,
        "title": section.title,
        "phase": catalog.phase_of(section.id).id,
        "scope": section.scope,
        "introduction": section.introduction,
        "practices": [p.model_dump() for p in section.practices],
        "missing": section.missing,
        "reviewed": section.reviewed,
        "evidence": section.evidence,
        "resource_count": catalog.section_counts[section.id],
    }


def sections_tree(catalog: Catalog) -> list[dict[str, Any]]:
    """Phases in order, each with its overview and its sections."""
    return [
        {
            "id": phase.id,
            "title": phase.title,
            "overview": phase.overview,
            "sections": [section_dict(catalog, sid) for sid in phase.sections],
        }
        for phase in catalog.phases
    ]
