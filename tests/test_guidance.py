"""Section guidance and the law and standards timeline: how they are checked, formatted, reviewed,
planned and shown.

Small catalogs written for each test show the rules; the last tests hold the bundled catalog to
them (every section reviewed, release sections as checklists, legal duties linked both ways).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.canonical import format_text
from fmcheatsheet.catalog import read_catalog
from fmcheatsheet.evidence import stale_guidance
from fmcheatsheet.model import MAX_CITED
from fmcheatsheet.plan import make_plan, plan_markdown
from tests.conftest import Run
from tests.factory import SECTIONS, resource
from tests.sitehelpers import build

REGULATION = dedent(
    """\
    entries:
      - id: eu-marking
        title: Machine-readable marking of generated content
        jurisdiction: European Union
        instrument: Regulation (EU) 2024/1689, Art. 50(2)
        kind: law
        applies: 2026-08-02
        applies_to: Providers of systems that generate synthetic content.
        summary: Outputs must be marked in a machine-readable format and be detectable as generated.
        source: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
        milestones:
          - date: 2026-12-02
            text: Deadline for systems already on the market before the date above.
        resources: [text-dedup]
        reviewed: 2026-11-01
      - id: marking-code
        title: Code of practice on marking generated content
        jurisdiction: European Union
        instrument: Code of Practice on marking and labelling of AI-generated content
        kind: code-of-practice
        applies: 2026-06-10
        applies_to: Providers and deployers who sign it.
        summary: A voluntary way to show that marking and labelling meet the law's requirements.
        source: https://digital-strategy.ec.europa.eu/en/policies/ai-code-practice
        implements: [eu-marking]
        reviewed: 2025-01-01
    """
)


def guided_sections(**practice: object) -> dict[str, dict[str, object]]:
    """The factory's sections, with one practice (built from ``practice``) in deduplication."""
    body = {
        "title": "Mark what the model generates",
        "text": "Embed a machine-readable mark in every generated output and test that it survives.",
        "resources": ["text-dedup"],
        **practice,
    }
    dedup = {**SECTIONS["deduplication"], "reviewed": "2026-11-01", "practices": [body]}
    return {**SECTIONS, "deduplication": dedup}


def validate(cli: Callable[..., Run], catalog: Path) -> Run:
    return cli("validate", "--catalog", str(catalog), cwd=catalog.parent)


# -- what the loader accepts and refuses ----------------------------------------------------


def test_a_practice_names_the_law_that_requires_it_and_the_catalog_links_both_ways(
    make_catalog: Callable[..., Path],
) -> None:
    root = make_catalog(
        sections=guided_sections(required_by=["eu-marking"]),
        raw={"regulation.yaml": REGULATION},
    )
    catalog = Catalog.load(root)
    assert [e.id for e in catalog.timeline] == ["marking-code", "eu-marking"]  # by date
    [(section, practice)] = catalog.practices_for("eu-marking")
    assert (section.id, practice.anchor) == ("deduplication", "mark-what-the-model-generates")
    # A code of practice is met by the practices of the law it implements.
    assert catalog.practices_for("marking-code") == catalog.practices_for("eu-marking")


@pytest.mark.parametrize(
    ("practice", "location", "message"),
    [
        ({"required_by": ["eu-markng"]}, ":11: practices.required_by", "did you mean 'eu-marking'?"),
        ({"required_by": ["marking-code"]}, ":11: practices.required_by", "is code-of-practice, not a law"),
        ({"resources": ["text-dedup", "nowhere"]}, ":10: practices.resources", "unknown resource id 'nowhere'"),
        (
            {"steps": [{"text": "Every image carries signed metadata.", "resources": ["nowhere"]}]},
            ":13: practices.steps.resources",
            "unknown resource id 'nowhere'",
        ),
    ],
)
def test_guidance_that_cites_what_does_not_exist_is_refused_with_file_and_line(
    make_catalog: Callable[..., Path],
    cli: Callable[..., Run],
    practice: dict[str, object],
    location: str,
    message: str,
) -> None:
    root = make_catalog(sections=guided_sections(**practice), raw={"regulation.yaml": REGULATION})
    result = validate(cli, root)
    assert result.code == 1
    assert f"sections/deduplication.yaml{location}" in result.out + result.err
    assert message in result.out + result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        ("resources: [text-dedup]", "resources: [nowhere]", ":14: entries.resources", "unknown resource id"),
        ("applies: 2026-08-02", "applies: 2026-02-30", ":7: entries.applies", "does not exist"),
        ("kind: law\n", "kind: treaty\n", ":6: entries.kind", "unknown kind 'treaty'"),
        ("- date: 2026-12-02", "- date: 2026-01-02", ":12: entries.milestones.date", "comes before 2026-08-02"),
        ("reviewed: 2026-11-01", "reviewed: 2099-01-01", ":15: entries.reviewed", "is in the future"),
        ("source: https://eur-lex", "source: http://eur-lex", ":10: entries.source", "must use https"),
        ("implements: [eu-marking]", "implements: [nothing]", ":25: entries.implements", "does not exist"),
        ("  - id: marking-code", "  - id: eu-marking", ":16: entries.id", "listed twice"),
    ],
)
def test_a_malformed_timeline_is_refused_with_file_line_and_field(
    make_catalog: Callable[..., Path], cli: Callable[..., Run], old: str, new: str, location: str, message: str
) -> None:
    assert old in REGULATION
    root = make_catalog(raw={"regulation.yaml": REGULATION.replace(old, new, 1)})
    result = validate(cli, root)
    assert result.code == 1
    assert f"regulation.yaml{location}" in result.out + result.err
    assert message in result.out + result.err
    assert "Traceback" not in result.err


def test_a_practice_citing_too_many_resources_is_a_warning_that_strict_refuses(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    many = [resource(f"tool-{n}") for n in range(MAX_CITED + 1)]
    root = make_catalog(many, sections=guided_sections(resources=[r["id"] for r in many]))
    assert validate(cli, root).code == 0
    strict = cli("validate", "--strict", "--catalog", str(root), cwd=root.parent)
    assert strict.code == 1
    assert f"cites {MAX_CITED + 1} resources" in strict.out + strict.err


def test_section_evidence_takes_claims_as_keys_but_only_public_https_pages(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    sections = guided_sections()
    sections["deduplication"]["evidence"] = {"global deduplication": "http://example.org/fineweb"}
    result = validate(cli, make_catalog(sections=sections))
    assert result.code == 1
    assert "evidence URL must use https" in result.out + result.err


# -- the canonical form ---------------------------------------------------------------------


def test_the_timeline_has_one_canonical_form_that_keeps_comments() -> None:
    shuffled = "# The law.\n" + REGULATION.replace(
        "    title: Machine-readable marking of generated content\n", ""
    ).replace("    kind: law\n", "    kind: law\n    title: Machine-readable marking of generated content\n")
    formatted = format_text(shuffled, "regulation")
    assert formatted.startswith("# The law.\nentries:\n  - id: eu-marking\n    title: Machine-readable marking")
    assert format_text(formatted, "regulation") == formatted


# -- review, plan and pages -----------------------------------------------------------------


def test_review_lists_guidance_and_timeline_entries_not_reviewed_for_six_months(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_catalog(sections=guided_sections(), raw={"regulation.yaml": REGULATION})
    result = cli("review", "--json", "--today", "2026-11-29", "--catalog", str(root), cwd=root.parent)
    guidance = {(item["kind"], item["id"]): item["reason"] for item in json.loads(result.out)["guidance"]}
    assert guidance == {
        ("section", "data-cleaning"): "never reviewed",
        ("section", "capabilities"): "never reviewed",
        ("timeline", "marking-code"): "reviewed 697 days ago",
    }


def test_stale_guidance_puts_never_reviewed_first_then_the_oldest() -> None:
    catalog = Catalog.load()
    later = dt.date(2027, 8, 1)
    items = stale_guidance(catalog.sections.values(), catalog.timeline, later, older_than_days=180)
    assert len(items) == len(catalog.sections) + len(catalog.timeline)
    assert [i.reviewed for i in items] == sorted(i.reviewed or "" for i in items)


def test_the_plan_turns_steps_into_checkboxes_with_their_tools_and_laws(make_catalog: Callable[..., Path]) -> None:
    step = {"text": "Every image carries signed metadata.", "resources": ["text-dedup"], "required_by": ["eu-marking"]}
    steps = [step]
    root = make_catalog(sections=guided_sections(steps=steps), raw={"regulation.yaml": REGULATION})
    plan = make_plan(Catalog.load(root), ["text"], stages=["pretraining"])
    text = plan_markdown(plan)
    assert "- **Mark what the model generates** Embed a machine-readable mark" in text
    assert (
        "  - [ ] Every image carries signed metadata. With: [Text Dedup](https://github.com/example/text-dedup). "
        "*Required by: Machine-readable marking of generated content (European Union, from 2026-08-02).*"
    ) in text
    assert plan.steps() == 1  # one step; the other sections have no practices


def test_pages_show_review_dates_steps_legal_duties_and_the_timeline(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    steps = [{"text": "Every image carries signed metadata.", "resources": ["text-dedup"]}]
    sections = guided_sections(required_by=["eu-marking"], steps=steps)
    sections["deduplication"]["evidence"] = {"the law": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"}
    site = build(Catalog.load(make_catalog(sections=sections, raw={"regulation.yaml": REGULATION})), tmp_path / "s")
    section = (site / "sections" / "deduplication" / "index.html").read_text(encoding="utf-8")
    assert 'Guidance reviewed on <time datetime="2026-11-01">1 November 2026</time>' in section
    assert '<li id="mark-what-the-model-generates">' in section
    assert '<a href="../../timeline/#eu-marking">Machine-readable marking of generated content</a>' in section
    assert "Every image carries signed metadata." in section
    assert '<h2 id="sources">Sources for this guidance</h2>' in section
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert timeline.index('id="marking-code"') < timeline.index('id="eu-marking"')
    assert '<a href="../sections/deduplication/#mark-what-the-model-generates">' in timeline
    assert "2 December 2026" in timeline


# -- the bundled catalog --------------------------------------------------------------------

RELEASE_SECTIONS = ("license-selection", "model-documentation", "usage-monitoring", "reproducibility")
# What the release checklists must let a team tick off, and a phrase that shows each is there.
RELEASE_ITEMS = {
    "model card contents": "Intended uses, out-of-scope uses",
    "evaluation report contents": "task configs, prompts, few-shot examples",
    "energy and compute": "GPU-hours, kWh",
    "training-data summary": "public summary of training content",
    "weights format": "safetensors",
    "weights integrity": "checksum",
    "environment": "container image is published with its digest",
    "seeds": "Random seeds",
    "acceptable-use policy": "acceptable-use policy lists intended and prohibited uses",
    "flaw and incident reporting": "how to report flaws and harms",
    "changelog": "changelog entry",
    "machine-readable licence": "licence identifier is set in the hub metadata",
}


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return Catalog.load()


def test_every_section_of_the_bundled_catalog_is_reviewed_and_sourced(bundled: Catalog) -> None:
    assert [sid for sid, s in bundled.sections.items() if s.reviewed is None] == []
    # A section that says the law requires something names the pages that say so.
    legal = [sid for sid, s in bundled.sections.items() if any(p.obligations for p in s.practices)]
    unsourced = [sid for sid in legal if not bundled.sections[sid].evidence]
    assert unsourced == []


def test_every_practice_and_step_cites_a_handful_of_resources(bundled: Catalog) -> None:
    too_many = [
        (sid, p.title)
        for sid, s in bundled.sections.items()
        for p in s.practices
        for cited in (p.resources, *(step.resources for step in p.steps))
        if len(cited) > MAX_CITED
    ]
    assert too_many == []


def test_release_sections_are_checklists_that_cover_a_release(bundled: Catalog) -> None:
    steps = {sid: [step.text for p in bundled.sections[sid].practices for step in p.steps] for sid in RELEASE_SECTIONS}
    assert all(len(texts) >= 2 for texts in steps.values()), steps
    everything = " ".join(" ".join(" ".join(t.split()) for t in texts) for texts in steps.values())
    missing = [item for item, phrase in RELEASE_ITEMS.items() if phrase not in everything]
    assert missing == []


def test_the_release_plan_uses_the_section_steps(bundled: Catalog) -> None:
    plan = make_plan(bundled, ["text"], stages=["release"], release="open-weights")
    text = plan_markdown(plan)
    for sid in RELEASE_SECTIONS:
        for practice in bundled.sections[sid].practices:
            for step in practice.steps:
                assert f"  - [ ] {step.text}" in text
    assert "*Required by: AI Act: public summary of training content (European Union, from 2025-08-02)" in text


def test_every_law_in_the_timeline_is_met_by_a_practice_and_every_entry_by_something(bundled: Catalog) -> None:
    laws_without_practice = [e.id for e in bundled.timeline if e.is_law and not bundled.practices_for(e.id)]
    assert laws_without_practice == []
    unhelped = [e.id for e in bundled.timeline if not bundled.practices_for(e.id) and not e.resources]
    assert unhelped == []


def test_the_bundled_timeline_is_clean_and_sourced(bundled: Catalog) -> None:
    _, report = read_catalog()
    assert [p.format() for p in report.problems if Path(p.path).name == "regulation.yaml"] == []
    assert len(bundled.timeline) >= 15
    jurisdictions = {e.jurisdiction for e in bundled.timeline}
    assert {"European Union", "California, United States", "South Korea", "China"} <= jurisdictions


def test_every_cited_resource_lists_the_section_that_cites_it(bundled: Catalog) -> None:
    missing = sorted(
        (rid, sid)
        for sid, section in bundled.sections.items()
        for practice in section.practices
        for rid in practice.cited
        if sid not in bundled.resources[rid].sections
    )
    assert missing == []
