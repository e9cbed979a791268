"""The bundled catalog itself: clean under --strict, every section populated, no duplicates."""

from __future__ import annotations

from collections import Counter

from fmcheatsheet import Catalog
from fmcheatsheet.catalog import read_catalog
from fmcheatsheet.checks import find_duplicates, fold_name
from fmcheatsheet.urls import normalize_url

MIN_PER_SECTION = 10
MIN_RESOURCES = 450


def test_validates_cleanly_under_strict_apart_from_evidence_still_to_record() -> None:
    # Evidence rules fail under --strict; until every entry is verified, only the rest must be clean.
    _, report = read_catalog()
    others = [p for p in report.problems if p.topic != "evidence"]
    assert others == [], "\n".join(p.format() for p in others)


def test_every_verified_entry_sources_its_facts() -> None:
    _, report = read_catalog()
    catalog = Catalog.load()
    verified = {f"{r.id}.yaml" for r in catalog if r.verified}
    unsourced = [p for p in report.problems if p.topic == "evidence" and p.path.rsplit("/", 1)[-1] in verified]
    assert unsourced == [], "\n".join(p.format() for p in unsourced)


def test_every_section_has_enough_resources() -> None:
    catalog = Catalog.load()
    thin = {sid: n for sid, n in catalog.section_counts.items() if n < MIN_PER_SECTION}
    assert thin == {}


def test_catalog_size() -> None:
    assert len(Catalog.load()) >= MIN_RESOURCES


def test_no_two_entries_share_a_primary_url_or_a_name() -> None:
    catalog = Catalog.load()
    urls = Counter(normalize_url(r.url) for r in catalog)
    assert [u for u, n in urls.items() if n > 1] == []
    names = Counter(fold_name(r.name) for r in catalog)
    assert [n for n, k in names.items() if k > 1] == []
    assert find_duplicates(catalog.resources) == []


def test_every_phase_has_non_text_resources_and_language_work_has_multilingual_ones() -> None:
    catalog = Catalog.load()
    language_phases = {"data-sources", "data-preparation", "data-documentation", "model-evaluation"}
    for phase in catalog.phases:
        in_phase = [r for r in catalog if phase.id in catalog.phases_of(r)]
        assert sum(1 for r in in_phase if set(r.modalities) - {"text"}) >= 10, phase.id
        if phase.id in language_phases:
            multilingual = [r for r in in_phase if r.languages and r.languages.coverage == "multilingual"]
            assert len(multilingual) >= 5, phase.id
