"""Duplicate detection: disguised names are caught, and its cost grows with the catalog, not with its square."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet.checks import duplicate_pairs, find_duplicates, fold_name
from fmcheatsheet.model import Resource
from tests.conftest import run_cli
from tests.factory import resource


@pytest.mark.parametrize(
    "disguised",
    [
        "\u0410friSpeech-200",  # Cyrillic А
        "Afr\u0456Speech-200",  # Cyrillic і
        "ＡｆｒｉＳｐｅｅｃｈ-200",  # fullwidth
        "𝐀𝐟𝐫𝐢𝐒𝐩𝐞𝐞𝐜𝐡-200",  # mathematical bold
        "The AfriSpeech 200",
        "Àfrìspéech-200",
    ],
)
def test_names_that_look_alike_fold_to_the_same_key(disguised: str) -> None:
    assert fold_name(disguised) == fold_name("AfriSpeech-200") == "afrispeech200"


def test_a_homoglyph_copy_of_a_name_is_a_likely_duplicate(make_catalog: Callable[..., Path]) -> None:
    # Names that sort between "afri..." and "fri...", as a real catalog has: the copy is not a neighbour
    # of the original when the look-alike letter is simply dropped.
    between = [resource(f"filler-{w}", name=f"{w.title()} Toolkit") for w in ("beta", "corpus", "delta", "echo")]
    root = make_catalog(
        [
            resource("afrispeech-200", name="AfriSpeech-200", links={"website": "https://a.example.org/"}),
            resource("evil", name="\u0410friSpeech-200", links={"website": "https://b.example.org/"}),
            *between,
        ]
    )
    result = run_cli("validate", "--strict", "--catalog", str(root))
    assert result.code == 1 and "likely duplicate of 'afrispeech-200' (near-identical names)" in result.out


def shared_url_catalog(count: int) -> dict[str, Resource]:
    return {
        f"copy-{i:04d}": Resource.model_validate(
            resource(f"copy-{i:04d}", name=f"Copy {i:04d}", links={"website": "https://example.org/same"})
        )
        for i in range(count)
    }


def test_many_resources_sharing_a_url_are_reported_once_each_in_linear_time() -> None:
    resources = shared_url_catalog(3000)
    started = time.monotonic()
    pairs = find_duplicates(resources)
    scored = duplicate_pairs(resources)
    assert time.monotonic() - started < 5
    same_url = [p for p in pairs if p.reason.startswith("same main link")]
    assert len(same_url) == 2999 and {p.first for p in same_url} == {"copy-0000"}
    assert {p.second for p in same_url} == set(resources) - {"copy-0000"}
    assert len([p for p in scored if "same main link" in p.reason]) == 2999


def test_validating_thousands_of_files_that_share_a_url_stays_fast(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource(f"copy-{i:04d}", links={"website": "https://example.org/same"}) for i in range(1500)])
    started = time.monotonic()
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 0, result.out
    assert time.monotonic() - started < 30


def test_one_rule_decides_for_validate_duplicates_and_add(make_catalog: Callable[..., Path]) -> None:
    """Two benchmarks from one repository are not duplicates; a resource whose main link is another's is."""
    from fmcheatsheet import Catalog
    from fmcheatsheet.contribute import likely_duplicates, validate_new

    shared = "https://github.com/example/evals"
    root = make_catalog(
        [
            resource("bench-a", name="Bench Alpha", links={"website": "https://a.example.org/", "github": shared}),
            resource("bench-b", name="Bench Omega", links={"website": "https://b.example.org/", "github": shared}),
        ]
    )
    catalog = Catalog.load(root)
    [pair] = duplicate_pairs(catalog.resources)
    assert (pair.first, pair.second, pair.score, pair.likely) == ("bench-a", "bench-b", 0.6, False)
    assert find_duplicates(catalog.resources) == []
    assert "likely duplicate" not in run_cli("validate", "--catalog", str(root)).out

    def suggested(rid: str, links: dict[str, str]) -> list[str]:
        data = resource(rid, name=f"Entirely {rid.title()}", links=links)
        return [d.reason for d in likely_duplicates(catalog, validate_new(catalog, data))]

    assert suggested("bench-c", {"website": "https://c.example.org/", "github": shared}) == []
    assert suggested("the-repo", {"github": shared}) == [
        "same main link github.com/example/evals",
        "same main link github.com/example/evals",
    ]
    assert suggested("copy", {"website": "https://a.example.org/"}) == ["same main link a.example.org"]


def test_a_similarity_floor_only_skips_pairs_that_are_certainly_below_it() -> None:
    from fmcheatsheet import Catalog
    from fmcheatsheet.checks import NAME_SIMILAR, name_similarity

    names = sorted({fold_name(r.name) for r in Catalog.load()})
    pairs = list(itertools.pairwise(names)) + list(zip(names, names[7:], strict=False))
    for a, b in pairs:
        exact = name_similarity(a, b)
        assert name_similarity(a, b, at_least=NAME_SIMILAR) == (exact if exact >= NAME_SIMILAR else 0.0), (a, b)
    assert any(name_similarity(a, b) >= NAME_SIMILAR for a, b in pairs)
