"""plan.json and estimator.json: the data the checklist and estimator pages compute with."""

from __future__ import annotations

import json

from .. import estimator
from ..catalog import Catalog
from ..languages import language_codes, language_name
from ..plan import PER_SECTION, REGIONS, RELEASES, STAGES, WEIGHTS
from ..vocab import LICENSED_TYPES


def plan_json(catalog: Catalog) -> bytes:
    data = {
        "stages": STAGES,
        "releases": RELEASES,
        "regions": {tag: sorted(codes) for tag, codes in REGIONS.items()},
        "per_section": PER_SECTION,
        "weights": WEIGHTS,
        # A licence check of a plan looks at its data, models and tools, not its guides and papers.
        "licensed_types": sorted(LICENSED_TYPES),
        "phases": [{"id": p.id, "title": p.title, "sections": list(p.sections)} for p in catalog.phases],
        "sections": {
            sid: {
                "title": section.title,
                "practices": [
                    {
                        "anchor": p.anchor,
                        "title": p.title,
                        "text": p.text,
                        "required_by": p.required_by,
                        "steps": [
                            {"text": step.text, "resources": step.resources, "required_by": step.required_by}
                            for step in p.steps
                        ],
                    }
                    for p in section.practices
                ],
                "members": [r.id for r in catalog.in_section(sid) if r.status == "active"],
                "highlights": [r.id for r in catalog.highlights(sid, len(catalog))],
            }
            for sid, section in catalog.sections.items()
        },
        "languages": plan_languages(catalog),
        "obligations": {
            entry.id: {"title": entry.title, "jurisdiction": entry.jurisdiction, "applies": entry.applies}
            for entry in catalog.timeline
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def estimator_json() -> bytes:
    # The browser gets every constant and table from here, never from a copy in the script.
    return json.dumps(estimator.browser_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def plan_languages(catalog: Catalog) -> dict[str, str]:
    """code -> name of every two-letter ISO 639-1 language, every language the catalog's resources name
    and every language of the plan's regions, so the plan page takes "Swahili" as well as "sw"."""
    codes = {code for r in catalog if r.languages for code in r.languages.codes}
    codes |= {code for region in REGIONS.values() for code in region}
    codes |= {code for code in language_codes() if len(code) == 2}
    return {code: language_name(code) for code in sorted(codes)}
