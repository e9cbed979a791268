"""Search finds what a practitioner means: inflections, abbreviations, synonyms, typos, questions, names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.search import SearchIndex, bounded_edit_distance, query_words
from fmcheatsheet.textnorm import stem
from tests.conftest import run_cli
from tests.factory import resource


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def top(catalog: Catalog, query: str, n: int = 5, **filters: str) -> list[str]:
    return [hit.resource.id for hit in catalog.search(query, limit=n, **filters)]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["deduplicate", "deduplicated", "deduplication", "deduplicating"], True),
        (["evaluate", "evaluation", "evaluations", "evaluating"], True),
        (["document", "documents", "documentation", "documenting"], True),
        (["tokenizer", "tokenization", "tokenizers"], True),
        (["document", "docu"], False),
    ],
)
def test_inflections_share_a_stem(words: list[str], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_an_exact_name_ranks_first(catalog: Catalog) -> None:
    assert top(catalog, "The Pile", 1) == ["the-pile"]
    assert top(catalog, "lm evaluation harness", 1) == ["lm-evaluation-harness"]
    assert top(catalog, "GLOTLID", 1) == ["glotlid"]


def test_abbreviations_find_the_spelled_out_idea(catalog: Catalog) -> None:
    language_id = set(top(catalog, "LID", 8))
    assert {"glotlid", "fasttext-language-identification", "cld3"} & language_id
    assert "codecarbon" in top(catalog, "CO2", 10)
    assert "open-asr-leaderboard" in top(catalog, "ASR leaderboard", 3)


def test_synonyms_from_the_vocabulary(catalog: Catalog) -> None:
    assert "codecarbon" in top(catalog, "carbon footprint tracker", 5)
    assert "text-dedup" in top(catalog, "near duplicate removal", 5)


def test_typos_of_one_or_two_edits(catalog: Catalog) -> None:
    assert top(catalog, "deduplicaton", 3)[0] in {
        "text-dedup",
        "d4-document-deduplication",
        "deduplicate-text-datasets",
    }
    assert "jailbreakbench" in top(catalog, "jailbrek benchmark", 6)
    assert "common-crawl" in top(catalog, "comon crawl", 3)


def test_short_words_are_not_corrected(catalog: Catalog) -> None:
    index = catalog.search_index
    assert index.corrections("tokn") == [] or len("tokn") < 5  # only words of 5+ letters are corrected in search
    assert all(alt.weight == 1.0 or alt.terms != ("token",) for c in index.concepts("tokn ") for alt in c.alternatives)


def test_plain_language_questions(catalog: Catalog) -> None:
    assert "cerebras-model-lab" in top(catalog, "how do I estimate what training a 7B model will cost?", 5)
    assert query_words("how do I find datasets for african languages?") == ["datasets", "african", "languages"]


def test_the_word_being_typed_is_completed(catalog: Catalog) -> None:
    assert "text-dedup" in top(catalog, "dedu", 5)
    assert top(catalog, "dedu ", 5) == []  # a finished word is not a prefix


def test_filters_are_honoured(catalog: Catalog) -> None:
    hits = catalog.search("dataset", modality="speech", limit=20)
    assert hits and all("speech" in h.resource.modalities for h in hits)
    assert all(h.resource.type == "benchmark" for h in catalog.search("safety", type="benchmark", limit=20))


def test_name_outranks_tags_outranks_description() -> None:
    index = SearchIndex.build(
        [
            ("in-description", {"name": "Alpha", "tags": "", "description": "a tool for zebra data and more words"}),
            ("in-tags", {"name": "Beta", "tags": "zebra", "description": "a tool for data and more words here"}),
            ("in-name", {"name": "Zebra", "tags": "", "description": "a tool for data and more words here"}),
        ]
    )
    assert [doc for doc, _ in index.search("zebra")] == ["in-name", "in-tags", "in-description"]


def test_no_results_suggest_a_correction_and_sections(catalog: Catalog) -> None:
    assert catalog.search("tokn") == []
    assert catalog.suggest("tokn") == "token"
    assert [s.id for s in catalog.related_sections("carbon emissions of training")][:1] == ["estimating-impact"]


def test_cli_prints_suggestions_when_nothing_matches() -> None:
    result = run_cli("search", "tokn")
    assert result.code == 0
    assert "no strong match for 'tokn'" in result.out
    assert "did you mean: token" in result.out


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("speech", "speach", 1), ("jailbreak", "jailbrek", 1), ("langauge", "language", 1), ("abc", "xyz", 3)],
)
def test_edit_distance_counts_transpositions_as_one(a: str, b: str, distance: int) -> None:
    assert bounded_edit_distance(a, b, 2) == min(distance, 3)


def test_the_vocabulary_is_validated(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a")], raw={"vocabulary.yaml": "synonyms:\n  - [lid, LID]\n"})
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 1
    assert "vocabulary.yaml:2: synonyms: phrase 'LID' must be lowercase words" in result.out
    (root / "vocabulary.yaml").write_text("synonyms:\n  - [dedup]\n", encoding="utf-8")
    result = run_cli("validate", "--catalog", str(root))
    assert "vocabulary.yaml:2: synonyms: needs at least 2 values" in result.out


def test_a_phrase_may_belong_to_one_group_only(make_catalog: Callable[..., Path]) -> None:
    text = "synonyms:\n  - [lid, language identification]\n  - [langid, lid]\n"
    root = make_catalog([resource("a")], raw={"vocabulary.yaml": text})
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 1
    assert "phrase 'lid' is in group 1 and group 2" in result.out
