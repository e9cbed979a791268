"""The Python API: load, look up, filter and search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog, InvalidCatalog, Query, UnknownValue
from tests.factory import resource


@pytest.fixture
def catalog(make_catalog: Callable[..., Path]) -> Catalog:
    return Catalog.load(
        make_catalog(
            [
                resource("minhash-dedup", name="MinHash Dedup", tags=["minhash"], released="2021-03"),
                resource(
                    "speech-lid",
                    name="Speech LID",
                    sections=["data-cleaning"],
                    modalities=["speech"],
                    type="model",
                    released="2024-06",
                    languages={"coverage": "multilingual", "codes": ["sw", "hi"]},
                    access="gated",
                    featured=True,
                ),
                resource(
                    "vision-bench",
                    name="Vision Bench",
                    sections=["capabilities", "data-cleaning"],
                    modalities=["vision"],
                    type="benchmark",
                    released="2019",
                    licence="CC-BY-NC-4.0",
                ),
            ]
        )
    )


def test_filters_accept_singular_keywords_and_combine(catalog: Catalog) -> None:
    assert [r.id for r in catalog.filter(modality="speech")] == ["speech-lid"]
    assert [r.id for r in catalog.filter(section="data-cleaning", type="benchmark")] == ["vision-bench"]
    assert [r.id for r in catalog.filter(phase="model-evaluation")] == ["vision-bench"]
    assert [r.id for r in catalog.filter(licence_class="non-commercial")] == ["vision-bench"]
    assert [r.id for r in catalog.filter(coverage="multilingual", language="sw")] == ["speech-lid"]
    assert [r.id for r in catalog.filter(access="gated")] == ["speech-lid"]
    assert [r.id for r in catalog.filter(year_min=2020, year_max=2022)] == ["minhash-dedup"]
    assert [r.id for r in catalog.filter(Query(modalities=("speech", "vision")))] == ["speech-lid", "vision-bench"]


def test_unknown_filter_values_raise_with_suggestions(catalog: Catalog) -> None:
    with pytest.raises(UnknownValue) as caught:
        catalog.filter(section="data-cleanin")
    assert caught.value.suggestions[0] == "data-cleaning"


def test_lookups(catalog: Catalog) -> None:
    assert catalog.get("speech-lid").name == "Speech LID"
    with pytest.raises(UnknownValue, match="did you mean 'speech-lid'"):
        catalog.get("Speech LID")
    assert catalog.phases_of(catalog.get("vision-bench")) == ["data-preparation", "model-evaluation"]
    assert [r.id for r in catalog.in_section("data-cleaning")] == ["speech-lid", "vision-bench"]  # featured first
    assert catalog.section_counts == {"deduplication": 1, "data-cleaning": 2, "capabilities": 1}


def test_primary_link_rule(catalog: Catalog) -> None:
    item = resource("x", links={"paper": "2301.00001", "github": "https://github.com/a/b"})
    from fmcheatsheet.model import Resource

    parsed = Resource.model_validate(item)
    assert parsed.primary_link == "github"
    explicit = Resource.model_validate({**item, "primary": "paper"})
    assert explicit.url == "https://arxiv.org/abs/2301.00001"


def test_search_ranks_name_above_description(catalog: Catalog) -> None:
    hits = catalog.search("minhash")
    assert hits[0].resource.id == "minhash-dedup"
    assert [h.resource.id for h in catalog.search("test", modality="vision")] == ["vision-bench"]


def test_search_handles_inflections(catalog: Catalog) -> None:
    # "exercise" is in every description: a match, but too common to be a strong one.
    assert catalog.search_index.search("exercising")
    assert catalog.search("exercising") == []
    assert catalog.search("benches")[0].resource.id == "vision-bench"


def test_an_invalid_catalog_raises_with_the_full_report(make_catalog: Callable[..., Path]) -> None:
    path = make_catalog([resource("a", modalities=["img"]), resource("b", type="kit")])
    with pytest.raises(InvalidCatalog) as caught:
        Catalog.load(path)
    assert len(caught.value.report.errors()) == 2


def test_the_bundled_catalog_loads() -> None:
    catalog = Catalog.load()
    assert len(catalog.phases) == 7
    assert len(catalog.sections) == 22
