"""Search finds what a practitioner means: inflections, abbreviations, synonyms, typos, questions, names."""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog, search, semantic
from fmcheatsheet.query import Query
from fmcheatsheet.search import INTENT_BOOST, INTENT_DISCOUNT, STRONG_MATCH, SearchIndex, name_aliases, query_words
from fmcheatsheet.textnorm import acronyms, bounded_edit_distance, capitalised, glued_words, stem, terms
from tests.conftest import run_cli, untraced
from tests.factory import resource


@pytest.fixture(scope="module")
def catalog(pytestconfig: pytest.Config) -> Catalog:
    """The bundled catalog, its search index built with coverage paused: building an index is
    traced by this module's small catalogs, and tracing the 830-entry build tripled its time."""
    loaded = Catalog.load()
    with untraced(pytestconfig):
        assert loaded.search_index.document_count == len(loaded)
    return loaded


def top(catalog: Catalog, query: str, n: int = 5, **filters: str) -> list[str]:
    return [hit.resource.id for hit in catalog.search(query, Query.of(**filters), limit=n)]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["deduplicate", "deduplicated", "deduplication", "deduplicating"], True),
        (["evaluate", "evaluation", "evaluations", "evaluating"], True),
        (["document", "documents", "documentation", "documenting"], True),
        (["tokenizer", "tokenization", "tokenizers"], True),
        (["document", "docu"], False),
        (["clips", "clip"], False),  # video clips are not CLIP, the image-text model
    ],
)
def test_inflections_share_a_stem(words: list[str], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_a_clip_model_is_not_found_through_video_clips(catalog: Catalog) -> None:
    # Video and audio datasets say "clips" everywhere; a reader asking about CLIP wants CLIP's tools.
    found = top(catalog, "how do I train a CLIP model from scratch?", 4)
    assert found[0] == "openclip" and set(found) <= {"openclip", "openai-clip", "clip-benchmark", "clip-retrieval"}
    assert {"panda-70m", "webvid-10m", "internvid"} <= set(top(catalog, "video clips with captions"))


@pytest.mark.parametrize(
    "words",
    [
        ["licence", "license", "licensed", "licences", "licensing"],
        ["modelling", "modeling", "model"],
        ["behaviour", "behavior", "behaviours"],
        ["centre", "center", "centres"],
        ["analyse", "analyze", "analysed", "analyzing"],
        ["catalogue", "catalog"],
        ["programme", "program", "programming"],
    ],
)
def test_british_and_american_spellings_share_a_stem(words: list[str]) -> None:
    # The catalog writes British English; many readers type American.
    assert len({stem(w) for w in words}) == 1


def test_the_query_rules_file_reads_into_the_rules_an_index_carries() -> None:
    from fmcheatsheet.search import bundled_rules

    rules = bundled_rules.__wrapped__()  # read afresh: the package reads data/query.yaml once per process
    assert rules == bundled_rules()
    assert "the" in rules.stopwords and "my" in rules.owners and rules.intents
    data = rules.as_data()  # what search.json gives the site
    assert data["stopwords"] == sorted(rules.stopwords) and data["owners"] == sorted(rules.owners)
    assert [i["name"] for i in data["intents"]] == [i.name for i, _ in rules.intents]
    assert data["light_verbs"]["intent"] in [i.name for i, _ in rules.intents] and "do" in data["light_verbs"]["when"]
    assert data["modality_words"]["speech"] == "speech" and "corpus" in data["modality_nouns"]


def test_a_spelling_the_catalog_does_not_use_still_matches_its_tags(catalog: Catalog) -> None:
    # The Stack is tagged "permissive-licence"; the query says "licenses". The licences
    # themselves (MIT, Apache-2.0, ...) rank above it, so it is asked within the top 10.
    assert "the-stack" in catalog.search_index.postings[stem("licenses")]
    assert "the-stack" in top(catalog, "source code under permissive licenses", 10)


def test_an_exact_name_ranks_first(catalog: Catalog) -> None:
    assert top(catalog, "The Pile", 1) == ["the-pile"]
    assert top(catalog, "lm evaluation harness", 1) == ["lm-evaluation-harness"]
    assert top(catalog, "GLOTLID", 1) == ["glotlid"]


def test_a_name_in_brackets_is_another_name_of_the_resource(catalog: Catalog) -> None:
    # "MMLU (Measuring ...)" is also "MMLU"; "Bias Benchmark for QA (BBQ)" is also "BBQ": an
    # acronym in brackets written in capitals. "(Anthropic)" says who made it: no name.
    assert name_aliases("MMLU (Measuring Massive Multitask Language Understanding)") == ["mmlu"]
    assert name_aliases("Bias Benchmark for QA (BBQ)") == ["biasbenchmarkforqa", "bbq"]
    assert name_aliases("Alignment auditing agents (Anthropic)") == ["alignmentauditingagents"]
    assert name_aliases("GlotLID") == []
    # A bracket that lists former names makes each of them a name of the resource.
    assert name_aliases("Arena (formerly LMArena, Chatbot Arena)") == ["arena", "lmarena", "chatbotarena"]
    # Typed alone, such a name ranks its resource first, ahead of those that contain it.
    assert top(catalog, "MMLU", 1) == ["mmlu"]


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


def test_a_readers_question_reaches_a_resource_its_description_words_differently() -> None:
    # The description speaks the field's language ("PII redaction"); the reader asks in their own
    # words. The resource's questions carry those words, so it is found, and first.
    documents = [
        (
            "redactor",
            {
                "name": "Redactor",
                "tags": "pii",
                "description": "Library for PII redaction in text corpora before training.",
                "questions": "how do I strip people's names and phone numbers out of my text?",
            },
        ),
        ("phonebook", {"name": "Phonebook", "tags": "", "description": "Dataset of spoken phone numbers in English."}),
        ("namer", {"name": "Namer", "tags": "", "description": "Benchmark for naming things in text."}),
    ]
    query = "strip phone numbers from my text"
    assert [doc for doc, _ in SearchIndex.build(documents).search(query)][:1] == ["redactor"]
    without = [(doc, {k: v for k, v in fields.items() if k != "questions"}) for doc, fields in documents]
    assert [doc for doc, _ in SearchIndex.build(without).search(query)][:1] != ["redactor"]


READERS_QUESTIONS = {
    "tracker": ["how much carbon does training my model emit?", "which licence lets me sell what I build?"],
    "ledger": ["where can I download a corpus of invoices?"],
}
TRACKER_AND_LEDGER = [
    ("tracker", {"name": "Tracker", "tags": "", "description": "A library that logs runs of jobs on clusters."}),
    ("ledger", {"name": "Ledger", "tags": "", "description": "A library that logs runs of jobs in tables."}),
]


def test_a_query_close_to_one_readers_question_lifts_its_resource() -> None:
    # Each readers' question has a meaning vector of its own: the resource whose nearest question
    # is close to the query gains, however far its other questions are; the other does not.
    vectors = semantic.bundled()
    plain = SearchIndex.build(TRACKER_AND_LEDGER, vectors=vectors)
    asked = SearchIndex.build(TRACKER_AND_LEDGER, questions=READERS_QUESTIONS, vectors=vectors)
    query = "estimate the emissions of a training run"
    before, after = dict(plain.search(query, limit=None)), dict(asked.search(query, limit=None))
    assert after["tracker"] > before["tracker"]
    assert after["ledger"] == before["ledger"]
    assert [doc for doc, _ in asked.search(query)][:1] == ["tracker"]


def test_readers_questions_lift_only_the_best_resources_so_far(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "QUESTION_POOL", 1)
    questions = {doc: ["how much carbon does training my model emit?"] for doc, _ in TRACKER_AND_LEDGER}
    index = SearchIndex.build(TRACKER_AND_LEDGER, questions=questions, vectors=semantic.bundled())
    query = "how much carbon does training my model emit?"
    scores = {"tracker": 0.2, "ledger": 0.5}
    vector = index.query_vector(index.read(query))
    assert vector is not None
    index._add_question_closeness(scores, tuple(vector), index.read(query), None)
    assert scores["tracker"] == 0.2 and scores["ledger"] > 0.5


TWINS = [
    ("first", {"name": "Alpha", "tags": "", "description": "Benchmark of zebra questions for language models."}),
    ("second", {"name": "Beta", "tags": "", "description": "Benchmark of zebra questions for language models."}),
]


def test_what_the_best_practices_recommend_comes_first_among_equals() -> None:
    # Two resources match a query equally; the one a section's best practices cite is shown
    # first, and by how much depends on how many practices cite it, up to a cap.
    plain = SearchIndex.build(TWINS)
    assert [doc for doc, _ in plain.search("zebra benchmark")] == ["first", "second"]
    cited = SearchIndex.build(TWINS, recommended={"second": 1})
    ranked = dict(cited.search("zebra benchmark"))
    assert list(ranked) == ["second", "first"]
    step = search.RECOMMENDED_BOOST / search.RECOMMENDED_CAP
    assert ranked["second"] == pytest.approx(ranked["first"] * (1 + step), abs=1e-6)
    many = dict(SearchIndex.build(TWINS, recommended={"second": 50}).search("zebra benchmark"))
    assert many["second"] == pytest.approx(many["first"] * (1 + search.RECOMMENDED_BOOST), abs=1e-6)


def test_a_recommendation_orders_matches_but_never_makes_one() -> None:
    # The relevance floor is decided before the lift: a weak match stays weak however often it is cited.
    documents = [*TWINS, ("cited", {"name": "Gamma", "tags": "", "description": "A guide to zebra crossings."})]
    plain = SearchIndex.build(documents)
    cited = SearchIndex.build(documents, recommended={"cited": 6})
    for query in ("zebra benchmark", "zebra crossings", "zebra"):
        with_lift, without = cited._ranking(query), plain._ranking(query)
        assert with_lift and without and with_lift[0] == without[0]  # the strengths that decide a strong match
        assert {d for d, _ in cited.search(query, strong=True)} == {d for d, _ in plain.search(query, strong=True)}


def test_the_catalog_counts_every_practice_citing_a_resource(catalog: Catalog) -> None:
    counted = catalog.practice_citations()
    for section in catalog.sections.values():
        for practice in section.practices:
            assert all(counted[rid] >= 1 for rid in practice.cited)
    cited_anywhere = {rid for s in catalog.sections.values() for p in s.practices for rid in p.cited}
    assert set(counted) == cited_anywhere
    assert catalog.search_index.recommended == counted


def test_every_resource_carries_questions_in_a_readers_words(catalog: Catalog) -> None:
    # Three per resource, as CURATION.md asks, none naming the resource it answers for.
    assert all(len(r.questions) == 3 for r in catalog)
    named = [r.id for r in catalog for q in r.questions if re.search(rf"\b{re.escape(r.name)}\b", q, re.IGNORECASE)]
    assert named == []


def test_no_results_suggest_a_correction_and_sections(catalog: Catalog) -> None:
    assert catalog.search("tokn") == []
    assert catalog.suggest("tokn") == "token"
    assert [s.id for s in catalog.related_sections("carbon emissions of training")][:1] == ["estimating-impact"]


def test_cli_prints_suggestions_when_nothing_matches(catalog: Catalog) -> None:
    # The module's catalog stored its index (built untraced) in the run's cache, which the command reads.
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


# -- reading questions -----------------------------------------------------------


def test_question_scaffolding_and_filler_are_dropped(catalog: Catalog) -> None:
    reading = catalog.search_index.read("How do I detect the language of each document?")
    assert reading.dropped[:3] == ("how", "do", "i")
    assert [c.text for c in reading.concepts] == ["detect the language", "document"]


def test_filler_verbs_are_filler_in_every_form(catalog: Catalog) -> None:
    # "let" and "make" carry no topic, and neither do "letting" and "makes": a form the catalog never uses
    # would otherwise weigh like a rare topic word and sink every match.
    reading = catalog.search_index.read("letting a small draft model propose the next tokens makes decoding faster")
    assert {"letting", "makes"} <= set(reading.dropped)
    assert "draft" in [c.text for c in reading.concepts]
    # "Where did its data come from": "come" asks nothing, like "go"; "inside" is "in".
    reading = catalog.search_index.read("what is inside the pile and where did its data come from")
    assert {"inside", "come"} <= set(reading.dropped)


def test_a_reader_who_describes_semantic_duplicates_reaches_semantic_deduplication() -> None:
    index = Catalog.load().search_index
    reading = index.read("remove documents that say the same thing in different words")
    assert ("semantic", "deduplic") in [a.terms for c in reading.concepts for a in c.alternatives]


def test_the_easiest_way_to_is_scaffolding_however_it_is_written(catalog: Catalog) -> None:
    # Like "the best way to" and "a good way to": the verb after it opens the query and asks for a task.
    for opening in ("what's the easiest way to", "whats the easiest way to", "easiest way to"):
        reading = catalog.search_index.read(f"{opening} train a reward model")
        assert "easiest" in reading.dropped
        assert reading.concepts[0].text == "train"
        assert reading.intent is not None and reading.intent.name == "task"


def test_a_reading_is_written_out_as_plain_data_for_the_sites_conformance_check(catalog: Catalog) -> None:
    reading = catalog.search_index.read("Which benchmark tests detecting the language of a document?")
    written = reading.as_dict()
    assert json.loads(json.dumps(written)) == written
    assert written["dropped"] == list(reading.dropped) and written["dropped"][0] == "which"
    assert [c["text"] for c in written["concepts"]] == [c.text for c in reading.concepts]
    first = reading.concepts[0].alternatives[0]
    assert written["concepts"][0]["alternatives"][0] == [list(first.terms), first.weight, first.idf_cap]
    assert reading.intent is not None
    assert (written["intent"], written["favour"]) == (reading.intent.name, list(reading.intent.favour))
    assert written["meaning"] == [[t, w] for t, w in reading.meaning] and written["meaning"]
    assert written["unknown"] == reading.unknown


def test_prepositions_and_hedges_carry_no_topic(catalog: Catalog) -> None:
    reading = catalog.search_index.read("can I estimate emissions before training, across a certain kind of cluster?")
    assert [c.text for c in reading.concepts] == ["estimate", "emissions", "training", "cluster"]


def test_a_readers_phrase_means_the_fields_term(catalog: Catalog) -> None:
    concept = catalog.search_index.read("benchmark questions leaked into my training data").concepts[2]
    assert concept.text == "leaked into" and concept.reader
    assert ("contamin",) in [a.terms for a in concept.alternatives]
    assert {"llm-decontaminator", "llmsanitize"} & set(top(catalog, "how do I know if test questions leaked into"))


def test_a_readers_phrase_keeps_the_synonyms_of_its_own_words(catalog: Catalog) -> None:
    # "my chatbot" means an LLM, and its word "chatbot" still means a chat model or assistant.
    concept = catalog.search_index.read("evaluate my chatbot").concepts[1]
    assert concept.reader and concept.text == "my chatbot"
    assert ("chat", "model") in [a.terms for a in concept.alternatives]


def test_the_readers_own_thing_is_context(catalog: Catalog) -> None:
    # Up to two words after "my", "our" or "your" are the reader's own thing, unless filler comes first.
    reading = catalog.search_index.read("evaluate our own chatbot, my take on llava")
    assert [(c.text, c.context) for c in reading.concepts] == [
        ("evaluate", False),
        ("own", True),
        ("chatbot", True),
        ("take", True),
        ("llava", False),
    ]
    assert catalog.search_index.read("evaluate my chatbot").concepts[1].context


def test_the_readers_own_thing_weighs_less_in_names(catalog: Catalog) -> None:
    # "my chatbot" is what the reader has, not what they seek: Chatbot Arena's former name no longer
    # puts it among the answers for harmful outputs, while a chatbot without "my" weighs as a name
    # does, and so does its name.
    assert "lmarena" not in top(catalog, "how do I evaluate my chatbot for harmful outputs?")
    scores = {
        query: dict(catalog.search_index.search(query, limit=None))["lmarena"]
        for query in (
            "how do I evaluate a chatbot for harmful outputs?",
            "how do I evaluate my chatbot for harmful outputs?",
        )
    }
    assert (
        scores["how do I evaluate a chatbot for harmful outputs?"]
        > scores["how do I evaluate my chatbot for harmful outputs?"]
    )
    assert top(catalog, "chatbot arena", 1) == ["lmarena"]
    # Its other fields still count as usual: with nothing else asked, it stays among the answers.
    assert "lmarena" in top(catalog, "evaluate my chatbot", 2)


def test_a_word_joined_to_style_or_like_describes_what_is_sought(catalog: Catalog) -> None:
    # "a LLaVA-style model" asks for something like LLaVA, not for resources named LLaVA;
    # "like" as a word of its own ("corpora like C4") leaves the word before it alone.
    index = catalog.search_index
    assert [(c.text, c.context) for c in index.read("LLaVA-style model").concepts][:2] == [
        ("llava", True),
        ("style", False),
    ]
    assert not any(c.context for c in index.read("corpora like C4").concepts)
    assert "the-cauldron" in top(
        catalog, "what data should I use for visual instruction tuning of a LLaVA-style model?", n=10
    )


def test_what_the_sought_resource_is_for_is_context(catalog: Catalog) -> None:
    # After a purpose phrase that follows the topic ("source code to train ..."), up to two words
    # say what the reader will make with it, not what they seek: their matches in names weigh less.
    index = catalog.search_index
    reading = index.read("source code to train a code model")
    assert [(c.text, c.context) for c in reading.concepts] == [
        ("source code", False),
        ("train", False),
        ("code", True),
        ("model", True),
    ]
    # "how to train a chatbot" asks how to train one: no topic before the training verb; a
    # library for training a tokenizer is software, and the tokenizer may be in its name.
    assert not any(c.context for c in index.read("how to train a chatbot").concepts)
    assert not any(c.context for c in index.read("a library for training a tokenizer").concepts)


def test_image_text_pairs_are_captioned_images_and_alt_text(catalog: Catalog) -> None:
    # The catalog's tag is "image-text"; readers ask for image-caption pairs or alt text.
    concept = catalog.search_index.read("image and caption pairs").concepts[0]
    assert {("imag", "text", "pair"), ("alt", "text")} <= {a.terms for a in concept.alternatives}
    assert "coyo-700m" in top(catalog, "image-caption pairs to train a CLIP model")


def test_over_is_filler_like_other_prepositions(catalog: Catalog) -> None:
    reading = catalog.search_index.read("a benchmark that stays fresh over time")
    assert "over" in reading.dropped


@pytest.mark.parametrize(
    "query",
    [
        "in the pretraining data",
        "in a model's pretraining data",
        "in the model’s pretraining data",
        "in the models' pretraining data",
        "in my model's pretraining data",
        "in pretraining data",
    ],
)
def test_a_readers_phrase_reads_past_articles_and_possessives(catalog: Catalog, query: str) -> None:
    # "a model's" stands where the phrase "in the pretraining data" has "the": the reader asks the same.
    concepts = catalog.search_index.read(query).concepts
    assert len(concepts) == 1 and concepts[0].reader
    assert ("membership", "inferenc") in [a.terms for a in concepts[0].alternatives]


def test_what_s_and_it_s_are_no_possessives(catalog: Catalog) -> None:
    # After a filler word the "s" is "is": "what's the best way to" stays scaffolding, and a
    # phrase does not read past "it" as if it owned what follows.
    reading = catalog.search_index.read("what's the best way to deduplicate")
    assert reading.dropped == ("what", "s", "the", "best", "way", "to")
    assert catalog.search_index._roles(["it", "s", "a", "model", "s", "data"]) == [0, 0, 1, 2, 1, 0]


def test_a_question_with_a_possessive_finds_what_its_phrase_finds(catalog: Catalog) -> None:
    found = set(top(catalog, "was this paragraph in a model's training data?"))
    assert found & {"min-k-prob", "min-k-plus-plus", "mimir", "llm-dataset-inference"}


@pytest.mark.parametrize(
    ("query", "intent"),
    [
        ("how do I remove near-duplicate documents from my corpus?", "task"),
        ("deduplicate a pretraining corpus", "task"),
        ("is there a benchmark for truthful answers?", "benchmark"),
        ("where can I find speech datasets for Indian languages?", "data"),
        ("what data can I train a text-to-speech model on?", "data-first"),
        # A participle describes rather than asks: "deduplicated corpora" wants data.
        ("deduplicated corpora of web text", "data"),
        # So does a plural noun that shares a task's stem: "collections" are things, not collecting.
        ("collections of video clips with captions to train a text-to-video model", "data-purpose"),
        ("labels for toxic comments dataset", "data"),
        ("process a whole Common Crawl dump", "task"),
        # A verb only asks for a task at the start: here the reader wants code, a dataset, and
        # a training verb right after the topic says it is wanted to train on.
        ("permissively licensed code to train a model", "data-purpose"),
        ("I need transcribed speech in many languages to train a speech recognizer", "data-purpose"),
        ("video clips with captions for training a video model", "data-purpose"),
        # After scaffolding or filler, the same verb says what the reader wants to do.
        ("how to train a tokenizer", "task"),
        ("what do I need to train a model on a single GPU", "task"),
        ("how much compute do I need to train a model of a given size?", None),
        ("models released with their data", None),
        # "Model" alone is everywhere ("train a model"); asked for by kind, it wants models.
        ("which models are fully open, with their data released?", "model"),
        ("what model can I run on a phone?", "model"),
        # "What counts as" asks for a definition, which standards give.
        ("what counts as open source AI?", "rules"),
        ("which systems qualify as general-purpose AI models?", "rules"),
        # A verb that says only "do", after the scaffolding, asks for a way to do what follows;
        # opening a query without scaffolding it asks a yes-or-no question.
        ("how do I do instruction tuning on my own data", "task"),
        ("is there a way to carry out red teaming", "task"),
        ("how can I perform data deduplication", "task"),
        ("do LLMs memorise their training data", "data"),
        # A pipeline for data is software, though the query opens with "data".
        ("data processing pipeline for video and audio", "software"),
        ("a data pipeline for speech", "software"),
        ("tensor and pipeline parallelism explained", None),
    ],
)
def test_intent_is_read_from_the_first_signal(catalog: Catalog, query: str, intent: str | None) -> None:
    found = catalog.search_index.read(query).intent
    assert (found.name if found else None) == intent


def test_a_task_favours_tools_over_the_corpora_made_with_them(catalog: Catalog) -> None:
    types = [catalog.get(rid).type for rid in top(catalog, "how do I remove near-duplicate documents from my corpus?")]
    assert types[0] in {"library", "tool", "model"}
    assert types.count("dataset") <= 1


def test_a_task_puts_datasets_named_for_it_behind_the_tools_that_do_it(catalog: Catalog) -> None:
    # Self-Instruct and Infinity-Instruct are named for instruction tuning; the reader wants a trainer.
    types = [catalog.get(rid).type for rid in top(catalog, "how do I do instruction tuning on my own data")]
    assert types[:2] == ["library", "library"]
    assert types.count("dataset") <= 1


def test_the_discount_for_what_an_intent_disfavours_applies_to_those_types_alone() -> None:
    index = SearchIndex.build(
        [
            ("trainer", {"name": "Tuner", "tags": "sft", "description": "Library for instruction tuning."}),
            ("data", {"name": "Instruct Mix", "tags": "sft", "description": "Instruction tuning data."}),
        ],
        [],
        types={"trainer": "library", "data": "dataset"},
    )
    plain = dict(index.search("instruction tuning"))
    task = dict(index.search("how do I do instruction tuning"))
    assert task["data"] == pytest.approx(plain["data"] * INTENT_DISCOUNT, rel=1e-4)
    assert task["trainer"] == pytest.approx(plain["trainer"] * (1 + INTENT_BOOST), rel=1e-4)


def test_a_data_pipeline_asks_for_software_not_the_datasets_it_names(catalog: Catalog) -> None:
    types = [catalog.get(rid).type for rid in top(catalog, "data processing pipeline for video and audio")]
    assert types[0] in {"library", "tool"}
    assert "dataset" not in types[:3]


def test_a_light_verb_after_the_scaffolding_is_dropped_and_asks_for_a_way_to_do_it() -> None:
    # "how do I do instruction tuning" asks what "how do I fine-tune" asks: tools, not the data.
    index = SearchIndex.build(
        [
            ("sft-data", {"name": "Chat mix", "tags": "instruction-tuning", "description": "Instruction tuning data."}),
            ("trainer", {"name": "Trainer", "tags": "instruction-tuning", "description": "Instruction tuning data."}),
        ],
        types={"sft-data": "dataset", "trainer": "library"},
    )
    reading = index.read("how do I do instruction tuning")
    assert reading.intent is not None and reading.intent.name == "task"
    assert reading.dropped == ("how", "do", "i", "do")
    assert next(d for d, _ in index.search("how do I do instruction tuning")) == "trainer"
    assert index.read("how do I perform instruction tuning").dropped[-1] == "perform"
    # Without scaffolding before it, "perform" is a word of the topic.
    assert "perform" in [c.text for c in index.read("perform instruction tuning").concepts]


def modality_index() -> SearchIndex:
    text = "A large multilingual corpus of web pages."
    return SearchIndex.build(
        [
            ("speech-corpus", {"name": "Voices", "tags": "multilingual corpus", "description": text + " Transcribed."}),
            ("text-corpus", {"name": "Pages", "tags": "multilingual", "description": text}),
        ],
        types={"speech-corpus": "dataset", "text-corpus": "dataset"},
        modalities={"speech-corpus": ("speech", "text"), "text-corpus": ("text",)},
    )


def test_data_of_a_named_modality_prefers_resources_of_that_modality_alone() -> None:
    # A speech corpus comes with transcripts (text too), but it is no answer to "a text corpus".
    index = modality_index()
    assert next(d for d, _ in index.search("multilingual corpus")) == "speech-corpus"
    assert index.read("multilingual text corpus").modality == "text"
    assert next(d for d, _ in index.search("multilingual text corpus")) == "text-corpus"
    assert index.read("multilingual speech datasets").modality == "speech"
    # Only a modality word right before a word for data names one.
    assert index.read("text of multilingual corpora").modality is None


def test_a_modality_inside_a_phrase_of_the_vocabulary_is_a_topic(catalog: Catalog) -> None:
    assert catalog.search_index.read("hate speech datasets").modality is None
    assert catalog.search_index.read("speech datasets for african languages").modality == "speech"


def code_index() -> SearchIndex:
    return SearchIndex.build(
        [
            (
                "images",
                {
                    "name": "Open Pictures",
                    "tags": "permissive-license",
                    "description": "Permissively licensed images with captions, a dataset.",
                },
            ),
            (
                "web",
                {
                    "name": "Open Pages",
                    "tags": "permissive-license web-crawl",
                    "description": "Permissively licensed web pages, books and some source code, a dataset.",
                },
            ),
            (
                "code",
                {
                    "name": "Repos",
                    "tags": "code",
                    "description": "Source code in many programming languages, a dataset.",
                },
            ),
        ],
        types={"images": "dataset", "web": "dataset", "code": "dataset"},
        modalities={"images": ("vision", "text"), "web": ("text",), "code": ("text",)},
    )


def test_code_named_as_data_is_a_kind_of_text() -> None:
    # "source code", "code data" and "programming languages" name code as data, a kind of text that
    # resources tagged "code" carry: neither a permissively licensed image set nor a web corpus holding
    # some code answers them. The bare word "code" (as in "training code") names no modality, and a
    # "code model" is a model of text.
    index = code_index()
    assert index.read("permissively licensed source code dataset").modality == "code"
    assert index.read("openly licensed code data").modality == "code"
    assert index.read("datasets of programming languages").modality == "code"
    assert index.read("training code for a licensed model").modality is None
    assert index.read("evaluate a code model").text_model
    assert index.modalities["code"] == ("text", "code")
    assert {d for d, _ in index.search("permissively licensed dataset")} >= {"web", "images"}
    assert next(d for d, _ in index.search("permissively licensed source code dataset")) == "code"
    assert index._of_modality({"web": 1.0, "code": 1.0}, "code") == {"web": 0.8, "code": 1.0}
    # A code corpus is still text: a text corpus of code is not put behind.
    assert index.read("a text dataset").modality == "text"
    assert index._of_modality({"code": 1.0, "images": 1.0}, "text") == {"code": 1.0, "images": 0.8}


def text_model_index() -> SearchIndex:
    return SearchIndex.build(
        [
            (
                "audio-attacks",
                {"name": "EarBreak", "tags": "audio-jailbreak speech-llm red-teaming", "description": "Attacks."},
            ),
            ("scanner", {"name": "Probe", "tags": "red-teaming llm-security", "description": "Jailbreak attacks."}),
        ],
        types={"audio-attacks": "benchmark", "scanner": "tool"},
        # The scanner handles images and speech too, but says so in neither its name nor its tags.
        modalities={"audio-attacks": ("speech", "text"), "scanner": ("text", "vision", "speech")},
    )


def test_a_query_naming_no_modality_is_about_text() -> None:
    # Nothing in "jailbreak red-teaming" says images or speech: a benchmark tagged "audio-jailbreak" and
    # "speech-llm" is about another kind of model, while the multimodal scanner, whose name and tags
    # name no modality, is not discounted.
    index = text_model_index()
    assert index.read("jailbreak red-teaming").text_model
    assert next(d for d, _ in index.search("jailbreak red-teaming")) == "scanner"
    assert next(d for d, _ in index.search("red team an LLM jailbreak")) == "scanner"
    assert next(d for d, _ in index.search("jailbreak a chat model with red teaming")) == "scanner"
    # A query that names another modality, or says a word that implies one, is not about text alone.
    assert not index.read("jailbreak an LLM with audio").text_model
    assert not index.read("red team a vision language model").text_model
    assert not index.read("jailbreak attacks on speakers' voice assistants").text_model
    assert next(d for d, _ in index.search("jailbreak red-teaming with spoken prompts")) == "audio-attacks"


def test_a_query_that_is_a_name_finds_the_resource_and_what_says_its_name() -> None:
    index = SearchIndex.build(
        [
            ("the-pile", {"name": "The Pile", "tags": "pretraining", "description": "An 800 GB English text corpus."}),
            ("pile-of-law", {"name": "Pile of Law", "tags": "legal", "description": "A legal text corpus."}),
            ("datasheet", {"name": "Datasheet for the Pile", "tags": "documentation", "description": "Its origins."}),
            ("mmlu", {"name": "MMLU (Massive Multitask Language Understanding)", "description": "Exam questions."}),
            ("mmlu-pro", {"name": "MMLU-Pro", "description": "Harder MMLU questions with ten options."}),
            ("gpqa", {"name": "GPQA", "description": "Hard multiple-choice exam questions in science."}),
        ],
        types={"the-pile": "dataset", "pile-of-law": "dataset", "datasheet": "paper"},
    )
    # Pile of Law shares a word of the name, not the name, and is no strong match; the datasheet says it.
    assert "pile-of-law" in [d for d, _ in index.search("the pile")]
    assert [d for d, _ in index.search("the pile", strong=True)] == ["the-pile", "datasheet"]
    assert next(d for d, _ in index.search("pile of law", strong=True)) == "pile-of-law"
    # A name's alias counts as its name.
    assert {d for d, _ in index.search("MMLU", strong=True)} == {"mmlu", "mmlu-pro"}
    # A query that is not a name is not narrowed.
    assert [d for d, _ in index.search("pile corpus", strong=True)] == ["the-pile", "pile-of-law"]


def test_a_query_asking_for_many_languages_puts_english_and_single_language_resources_behind() -> None:
    # Two equal speech benchmarks: for a multilingual need, the English one comes second; a resource
    # whose coverage is not recorded is not discounted, and "programming languages" ask for none.
    described = "Speech recognition benchmark with read audiobooks and word error rates."
    index = SearchIndex.build(
        [
            ("audiobooks-en", {"name": "Books A", "tags": "asr", "description": described}),
            ("audiobooks-many", {"name": "Books B", "tags": "asr", "description": described}),
            ("audiobooks-unknown", {"name": "Books C", "tags": "asr", "description": described}),
            ("dedup", {"name": "Dedup", "tags": "minhash", "description": "Removes near-duplicate web pages."}),
            ("cards", {"name": "Cards", "tags": "documentation", "description": "Templates for model cards."}),
        ],
        types=dict.fromkeys(["audiobooks-en", "audiobooks-many", "audiobooks-unknown"], "benchmark"),
        coverage={"audiobooks-en": "english-only", "audiobooks-many": "multilingual", "audiobooks-unknown": None},
    )
    assert [d for d, _ in index.search("ASR benchmark")] == ["audiobooks-en", "audiobooks-many", "audiobooks-unknown"]
    assert index.read("multilingual ASR benchmark").multilingual
    assert index.read("ASR benchmark for non-English languages").multilingual
    assert [d for d, _ in index.search("multilingual ASR benchmark")][-1] == "audiobooks-en"
    # The discount is in the order only: the English benchmark is still a strong match.
    assert "audiobooks-en" in [d for d, _ in index.search("multilingual ASR benchmark", strong=True)]
    assert not index.read("a code model for many programming languages").multilingual


def test_a_vlm_tag_names_the_vision_modality() -> None:
    # "VLM" is a vision-language model: of two equal safety benchmarks, the one tagged "vlm" is about
    # another kind of model than the chatbot a reader asks about (or any model, when the query names
    # none), while a query that says "VLM" is not about text alone; "VLM datasets" ask for images.
    described = "Harmful prompts that trick assistants into unsafe answers."
    index = SearchIndex.build(
        [
            ("attacks-mm", {"name": "MM-Attacks", "tags": "vlm safety", "description": described}),
            ("probe", {"name": "Probe", "tags": "safety", "description": described}),
        ],
        types={"attacks-mm": "benchmark", "probe": "benchmark"},
        modalities={"attacks-mm": ("vision", "text"), "probe": ("text",)},
    )
    assert [d for d, _ in index.search("harmful prompts that trick my chatbot")] == ["probe", "attacks-mm"]
    assert [d for d, _ in index.search("harmful prompts that trick assistants")] == ["probe", "attacks-mm"]
    assert next(d for d, _ in index.search("harmful prompts that trick a VLM")) == "attacks-mm"
    assert index.read("vlm datasets").modality == "vision"


def test_the_data_a_reader_has_is_context_when_they_ask_how_to_do_something(catalog: Catalog) -> None:
    # After the task and its object, "from human preference data" is what the reader has, not what
    # they seek: its matches in names weigh what the description's would, as "my chatbot" does.
    def context(query: str) -> list[str]:
        return [c.text for c in catalog.search_index.read(query).concepts if c.context]

    assert context("train a reward model from human preference data") == ["human", "preference data"]
    assert context("remove NSFW images from a scraped image dataset") == ["scraped", "image", "dataset"]
    # Asking for data, the data is the topic (what it is for is context); without a word for data
    # the phrase names no data.
    assert context("human preference data for training a reward model") == ["reward model"]
    assert context("train a reward model with DPO") == []


def test_a_named_resource_still_ranks_first_in_a_question(catalog: Catalog) -> None:
    assert top(catalog, "how do I use datatrove", 1) == ["datatrove"]
    assert top(catalog, "is there a paper about The Pile", 1) == ["the-pile"]


def test_a_word_also_matches_the_forms_its_stem_does_not_join(catalog: Catalog) -> None:
    # "transparent" and "transparency" stem apart; the word vectors say they are one idea.
    assert stem("transparent") != stem("transparency")
    concept = catalog.search_index.read("transparent").concepts[0]
    assert ("transparency",) in [a.terms for a in concept.alternatives]
    assert top(catalog, "how transparent are the big foundation model developers?", 1) == [
        "foundation-model-transparency-index"
    ]


# -- acronyms in names ------------------------------------------------------------------


def test_a_word_a_name_writes_in_capitals_is_an_acronym_when_its_stem_is_another_word() -> None:
    assert capitalised("TIES-Merging: Resolving Interference (GPT4, Ties)") == {"ties", "gpt4"}
    assert acronyms("TIES-Merging: Resolving Interference") == {"ties"}
    # BLOOM and GPT stem to themselves: matched through their stem, they are already matched as written.
    assert acronyms("BLOOM and GPT") == frozenset()


def acronym_index() -> SearchIndex:
    return SearchIndex.build(
        [
            ("ties-merging", {"name": "TIES-Merging", "tags": "model-merging ties", "description": "Merges models."}),
            ("merger", {"name": "Merger", "tags": "model-merging ties", "description": "Merges with TIES or DARE."}),
            ("knots", {"name": "Knot guide", "tags": "knots", "description": "How to tie a tie, and other knots."}),
            ("votes", {"name": "Votes", "tags": "ranking", "description": "Pairs of answers with Ties kept."}),
            ("other", {"name": "Other", "tags": "misc", "description": "Something else entirely here."}),
        ]
    )


def test_an_acronym_in_a_name_matches_only_the_same_word_not_its_stem() -> None:
    # TIES is not the plural of "tie": "tie" finds the knots and the tied votes, never the
    # merge method nor a resource that writes its name in capitals or carries it as a tag.
    index = acronym_index()
    assert {d for d, _ in index.search("tie")} == {"knots", "votes"}
    assert [d for d, _ in index.search("ties")][:2] == ["ties-merging", "merger"]
    for query in ("TIES", "ties merging", "ties-merging", "TIES-Merging"):
        assert next(d for d, _ in index.search(query)) == "ties-merging", query


def test_the_acronym_rule_on_the_catalog(catalog: Catalog) -> None:
    index = catalog.search_index
    assert "ties-merging" not in [d for d, _ in index.search("how to tie a tie", limit=None, strong=True)]
    assert "mergekit" not in [d for d, _ in index.search("how to tie a tie", limit=None, strong=True)]
    for query in ("ties merging", "ties-merging"):
        assert top(catalog, query, 1) == ["ties-merging"], query
    # The bare acronym is also a tag of MergeKit, which implements the method: the two lead.
    assert set(top(catalog, "TIES", 2)) == {"ties-merging", "mergekit"}


# -- acronyms glued into names --------------------------------------------------------


def test_a_name_glues_words_by_case() -> None:
    assert glued_words("GlotLID and OpenRLHF") == [("Glot", "LID"), ("Open", "RLHF")]
    # Numbers are no part; a part of fewer than three letters is no word ("LLaVA", "LangID").
    assert glued_words("Qwen3Guard") == [("Qwen", "Guard")]
    assert glued_words("LLaVA FUN-LangID lighteval GPT4") == []


def glued_index() -> SearchIndex:
    return SearchIndex.build(
        [
            ("glotlid", {"name": "GlotLID", "tags": "multilingual", "description": "Tells which of 2,000 tongues."}),
            ("lid-tool", {"name": "Lid tool", "tags": "kitchen", "description": "Opens a jar's lid."}),
            ("openllm", {"name": "OpenThoughts", "tags": "reasoning", "description": "Reasoning traces."}),
            ("other", {"name": "Other", "tags": "misc", "description": "Something else entirely here."}),
        ],
        [["lid", "language identification"]],
    )


def test_an_acronym_glued_into_a_name_is_a_word_of_the_name() -> None:
    # "LID" in GlotLID is a word of its name: "lid" and its synonym find it there.
    index = glued_index()
    assert "glotlid" in {d for d, _ in index.search("lid")}
    assert next(d for d, _ in index.search("language identification")) == "glotlid"
    assert "glotlid" in {d for d, _ in index.search("LID")}
    # Only the same word: never through a stem, a completion or a correction; a glued word in
    # lowercase ("Thoughts") is no acronym and stays part of its name.
    assert "glotlid" not in {d for d, _ in index.search("lids")}
    assert "glotlid" not in {d for d, _ in index.search("li")}
    assert index.search("thoughts") == []


def test_the_glued_acronym_rule_on_the_catalog(catalog: Catalog) -> None:
    # GlotLID and OpenLID are language identifiers as much as those spelling "LID" apart.
    found = top(catalog, "LID")
    assert "glotlid" in found and "openlid" in found


def test_a_synonym_of_a_phrase_weighs_what_the_phrase_weighs(catalog: Catalog) -> None:
    # "text to speech" holds the filler word "to": its synonym "tts" is capped at the
    # rarity of the resources having the whole phrase, not at the average of its words.
    index = catalog.search_index
    concept = index.read("text to speech data").concepts[0]
    tts = next(a for a in concept.alternatives if a.terms == ("tts",))
    assert tts.idf_cap == index._phrase_idf(("text", "to", "speech"), None)
    assert tts.idf_cap > (index.idf("text") + index.idf("to") + index.idf("speech")) / 3


def test_meaning_reaches_resources_that_share_no_word_with_the_query(catalog: Catalog) -> None:
    query = "hide names and addresses in records"
    pii = catalog.get("bigcode-pii-dataset")
    asked = {stem(w) for w in query_words(query)}
    assert asked == {"hide", "nam", "address", "record"}
    said = f"{pii.name} {' '.join(pii.tags)} {pii.description} {' '.join(pii.questions)}"
    assert not asked & set(terms(said))
    assert "bigcode-pii-dataset" in top(catalog, query, 5)
    # Without the word vectors the same query does not find it among its strong matches.
    words_alone = catalog.build_search_index(None)
    assert "bigcode-pii-dataset" not in [d for d, _ in words_alone.search(query, limit=20, strong=True)]


# -- the relevance floor -----------------------------------------------------------


def test_nonsense_has_no_strong_match_but_gets_the_closest_sections(catalog: Catalog) -> None:
    found = catalog.search_results("banana bread recipe")
    assert found.hits == [] and found.count == 0
    assert found.sections, "the closest sections are offered instead"
    assert found.suggestion is None, "no correction that finds nothing"
    assert catalog.search_index.search("banana bread recipe"), "weak matches exist below the floor"


def test_a_word_only_a_name_uses_matches_strongly_only_when_the_query_is_about_it(catalog: Catalog) -> None:
    # "swift" appears only in MS-Swift's name: a query about something else that shares the
    # word is no strong match, the name itself or most of the query still is.
    index = catalog.search_index
    assert index.search("taylor swift tour dates", limit=None, strong=True) == []
    assert [d for d, _ in index.search("swift", limit=1, strong=True)] == ["ms-swift"]
    assert "ms-swift" in [d for d, _ in index.search("swift lora", limit=5, strong=True)]


def test_the_count_is_the_number_of_strong_matches(catalog: Catalog) -> None:
    found = catalog.search_results("deduplicate web text", limit=3)
    every = catalog.search_index.search("deduplicate web text", limit=None)
    assert len(found.hits) == 3
    assert 3 < found.count < len(every) / 4
    assert all(h.score >= STRONG_MATCH for h in found.hits)


def test_cli_counts_strong_matches_and_points_to_sections_when_there_are_none(catalog: Catalog) -> None:
    # As above: the command reads the index the module's catalog built, whichever test process runs it.
    found = run_cli("search", "how do I detect the language of each document?", "--limit", "3")
    assert found.code == 0
    said = " ".join(found.out.split())  # the terminal may wrap the line
    assert re.match(
        r"\d+ strong matches for 'how do I detect the language of each document\?', the first 3 shown", said
    )
    nothing = run_cli("search", "hello", "world")
    assert nothing.code == 0
    assert nothing.out.startswith("no strong match for 'hello world'")
    assert "closest sections: " in nothing.out


def test_a_repeated_search_answers_from_the_cache_exactly_as_a_fresh_one(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    minhash = resource(
        "minhash-lsh", description="MinHash with locality-sensitive hashing to find near duplicates at scale."
    )
    root = make_catalog([resource("text-dedup"), minhash])
    env = {"FMCHEATSHEET_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("search", "near duplicates", "--catalog", str(root), env=env)
    again = run_cli("search", "near duplicates", "--catalog", str(root), env=env)
    uncached = run_cli("search", "near duplicates", "--catalog", str(root), env={"FMCHEATSHEET_CACHE": "off"})
    assert first.out == again.out == uncached.out
    assert "minhash-lsh" in first.out
    # An edited catalog is a different cache key: the answer follows the edit.
    (root / "resources" / "minhash-lsh.yaml").unlink()
    assert "minhash-lsh" not in run_cli("search", "near duplicates", "--catalog", str(root), env=env).out


def test_an_invalid_catalog_is_reported_even_after_a_cached_search(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_catalog([resource("a")])
    env = {"FMCHEATSHEET_CACHE_DIR": str(tmp_path / "cache")}
    assert run_cli("search", "test", "--catalog", str(root), env=env).code == 0
    (root / "resources" / "a.yaml").write_text("id: a\nname: [broken\n", encoding="utf-8")
    broken = run_cli("search", "test", "--catalog", str(root), env=env)
    assert broken.code == 1
    assert "Traceback" not in broken.out + broken.err


# -- the vocabulary and the word vectors ---------------------------------------------


def test_a_readers_phrase_may_not_also_be_a_synonym(make_catalog: Callable[..., Path]) -> None:
    text = "synonyms:\n  - [dedup, deduplication]\nphrases:\n  dedup: [remove duplicates, deduplication]\n"
    root = make_catalog([resource("a")], raw={"vocabulary.yaml": text})
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 1
    assert "phrase 'deduplication' is both a synonym and a reader's phrase for 'dedup'" in result.out


def test_the_word_vectors_ship_with_their_provenance() -> None:
    vectors = semantic.bundled()
    assert vectors is not None
    assert "all-MiniLM-L6-v2" in vectors.provenance["model"]
    assert vectors.provenance["weights_sha256"] in (Path(semantic.__file__).parent / "data" / "NOTICE.md").read_text()
    assert len(vectors.rows) == 9000 and vectors.dims == 256 and vectors.bits == 4
    assert semantic.TABLE.stat().st_size < 1_500_000, "the site loads this file: it must stay under 1.5 MB"


def test_four_bit_rows_decode_to_their_values(tmp_path: Path) -> None:
    header = json.dumps({"dims": 4, "bits": 4, "scales": [0.5, 1.0, 2.0, 1.0], "terms": ["a", "b"]}).encode()
    # Row "a": values 1, -2, 3, -7; row "b": 0, 7, -1, 2; stored as value + 8, low half first.
    rows = bytes([(1 + 8) | ((-2 + 8) << 4), (3 + 8) | ((-7 + 8) << 4), 8 | (15 << 4), 7 | (10 << 4)])
    path = tmp_path / "table.bin"
    path.write_bytes(struct.pack("<I", len(header)) + header + rows)
    table = semantic.WordVectors.read(path)
    assert table.vector("a") == (0.5, -2.0, 6.0, -7.0)
    assert table.vector("b") == (0.0, 7.0, -2.0, 2.0)
    assert table.vector("c") is None
    embedded = table.embed([("a", 1.0), ("b", 1.0)])
    assert embedded is not None and math.isclose(math.fsum(v * v for v in embedded), 1.0)


def test_a_truncated_table_is_refused(tmp_path: Path) -> None:
    header = json.dumps({"dims": 4, "bits": 4, "scales": [1, 1, 1, 1], "terms": ["a"]}).encode()
    path = tmp_path / "table.bin"
    path.write_bytes(struct.pack("<I", len(header)) + header + b"\x00")
    with pytest.raises(ValueError, match="do not hold 1 terms"):
        semantic.WordVectors.read(path)


def _closeness_in_meaning(docs: list[tuple[str, dict[str, str]]], query_text: str) -> dict[str, float]:
    """How close each resource's meaning vector is to the query's, by resource id."""
    vectors = semantic.bundled()
    assert vectors is not None
    index = SearchIndex.build(docs, vectors=vectors)
    query = index.query_vector(index.read(query_text))
    assert query is not None
    return {doc_id: semantic.dot(query, index.doc_vectors[doc_id]) for doc_id, _ in docs}


def test_one_word_of_a_compound_tag_says_less_about_meaning_than_a_tag_of_its_own() -> None:
    # "world-model" is one idea: its words share the tag's weight in the resource's
    # vector, so "robotics", a tag of its own, leans that resource more than it leans one
    # tagged "world" and "model" separately (where each word is a whole tag).
    docs = [
        ("compound", {"name": "Encoder", "tags": "world-model robotics", "description": "A video encoder."}),
        ("separate", {"name": "Encoder", "tags": "world model robotics", "description": "A video encoder."}),
        ("other", {"name": "Gamma", "tags": "speech audio", "description": "Recordings of read speech."}),
        ("more", {"name": "Delta", "tags": "licence law", "description": "Terms for using weights."}),
    ]
    closeness = _closeness_in_meaning(docs, "robotics")
    assert closeness["compound"] > closeness["separate"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("A speech corpus. Released under CC0.", "A speech corpus"),
        (
            "Scores text for toxicity, e.g. insults; used in RealToxicityPrompts.",
            "Scores text for toxicity, e.g. insults; used in RealToxicityPrompts.",
        ),
        ("Version 2.0 of the suite! 3 tasks were added.", "Version 2.0 of the suite"),
        ("One sentence only", "One sentence only"),
    ],
)
def test_a_descriptions_first_sentence_ends_at_a_stop_before_a_capital_or_a_digit(text: str, first: str) -> None:
    from fmcheatsheet.search import first_sentence

    assert first_sentence(text) == first


def test_what_a_resource_is_for_outweighs_the_traits_its_later_sentences_add() -> None:
    # Descriptions say what a resource is and is for first, then its licence, access and
    # caveats: words after the first sentence weigh LATER_SENTENCES_WEIGHT in the meaning
    # vector, so a corpus that mentions its consent terms last leans towards them less than
    # one whose first sentence is about them.
    docs = [
        (
            "later",
            {"name": "Alpha", "tags": "asr", "description": "Read speech in many languages. Collected with consent."},
        ),
        (
            "first",
            {"name": "Beta", "tags": "asr", "description": "Read speech in many languages collected with consent."},
        ),
        ("other", {"name": "Gamma", "tags": "vision", "description": "Photos of street scenes."}),
        ("more", {"name": "Delta", "tags": "law", "description": "Terms for using weights."}),
    ]
    closeness = _closeness_in_meaning(docs, "consent")
    assert closeness["later"] < closeness["first"]


def test_words_with_no_meaning_here_shrink_the_meaning_part_in_proportion(catalog: Catalog) -> None:
    # "qwzx" is neither a word of the catalog nor one the word vectors know: it keeps its
    # share of the query's weight, and closeness in meaning speaks only for the rest, so a
    # query half made of such words ("hello world") is not carried by its other half.
    index = catalog.search_index
    assert index.read("world model").unknown == 0.0
    assert index.read("wrold model").unknown == 0.0, "a misspelt word borrows its correction's meaning"
    reading = index.read("qwzx world model")
    share = index.weight("qwzx") / (index.weight("qwzx") + index.weight("world") + index.weight("model"))
    assert reading.unknown == pytest.approx(share)
    plain = index.read("world model")
    query = index.query_vector(plain)
    assert query is not None and index.query_vector(reading) == query, "the unknown word adds no meaning"
    full = index._blend({}, query, plain, "world model")
    shrunk = index._blend({}, query, reading, "qwzx world model")
    assert full["v-jepa-2"] > 0
    assert shrunk["v-jepa-2"] == pytest.approx((1 - share) * full["v-jepa-2"])


def test_asking_again_about_a_query_gives_what_a_fresh_index_gives(
    catalog: Catalog, pytestconfig: pytest.Config
) -> None:
    from fmcheatsheet.search import RANKINGS_KEPT

    with untraced(pytestconfig):  # building an index is traced by every other test here; asking is the subject
        index = catalog.build_search_index(catalog.search_index.vectors)
    queries = ["deduplicate web text", "hello world", "how do i evaluate my chatbot for harmful outputs"]
    queries += [f"speech corpus {n}" for n in range(RANKINGS_KEPT + 2)]  # older readings are dropped
    for query in queries:
        index.search(query, limit=3)
    fresh = catalog.search_index  # the same words and vectors; its remembered rankings are cleared below
    for query in reversed(queries):
        for options in ({"limit": 3}, {"limit": None, "strong": True}, {"allowed": {"the-pile", "datatrove"}}):
            fresh._ranking_cache.clear()  # nothing remembered: worked out from scratch
            fresh._reading_cache.clear()
            assert index.search(query, **options) == fresh.search(query, **options), (query, options)


# -- variety among the best --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Llama Guard 3", "llama guard"),
        ("Llama Guard 4", "llama guard"),
        ("Llama Guard 3 Vision", "llama guard"),
        ("Llama 3", "llama"),
        ("OLMo 3", "olmo"),
        ("The Stack v2", "the stack"),
        ("2024", None),
    ],
)
def test_a_family_is_the_first_two_words_of_a_name_that_are_no_version(name: str, key: str | None) -> None:
    from fmcheatsheet.search import family
    from fmcheatsheet.textnorm import tokens

    assert family(tokens(name)) == key


def family_index() -> SearchIndex:
    flags = "Flags unsafe prompts."
    guards = [
        (f"guard-{v}", {"name": f"Shield Guard {v}", "tags": "safety-classifier", "description": flags})
        for v in ("1", "2", "3")
    ]
    wild = {"name": "WildCheck", "tags": "safety-classifier", "description": "Flags unsafe prompts and refusals."}
    other = {"name": "Other", "tags": "speech", "description": "Recordings of read speech."}
    return SearchIndex.build([*guards, ("wild", wild), ("other", other)])


def test_a_third_member_of_a_family_among_the_best_moves_down() -> None:
    # Three versions of one classifier would fill the top: the third keeps FAMILY_DISCOUNT of
    # its score, so a different classifier for the same need ranks above it; two of a family
    # still stand side by side.
    from fmcheatsheet.search import FAMILY_DISCOUNT

    index = family_index()
    ranked = index.search("unsafe prompts safety classifier")
    order = [d for d, _ in ranked]
    assert order[:2] == ["guard-1", "guard-2"]
    assert order.index("wild") < order.index("guard-3")
    lexical_equal = index.search("shield guard")
    scores = dict(lexical_equal)
    assert scores["guard-3"] == pytest.approx(scores["guard-2"] * FAMILY_DISCOUNT, rel=1e-5)


def test_the_family_rule_on_the_catalog(catalog: Catalog) -> None:
    # "Llama Guard 3" and "Llama Guard 4" below "Llama Guard 3 Vision" make way for a
    # different image classifier.
    found = top(catalog, "safety classifier for images", 5)
    assert sum(1 for d in found if d.startswith("llama-guard")) <= 2
    assert {"shieldgemma-2", "llavaguard"} & set(found)


# -- a word only one resource uses counts once -------------------------------------


def test_a_word_only_one_resource_uses_does_not_also_speak_through_its_meaning(catalog: Catalog) -> None:
    # RewardBench is one of two resources that use "tie" (its "Ties subset"): the word match
    # counts, but its meaning vector, pulled towards "tie" by that same word, does not count
    # it again, so it is no strong match for "tie" nor for "how to tie a tie". It still
    # ranks first among the weak matches: the order is unchanged.
    index = catalog.search_index
    assert "rewardbench" in index._own_words["tie"]
    for query in ("tie", "how to tie a tie"):
        assert index.search(query, limit=None, strong=True) == [], query
        assert index.search(query, limit=1)[0][0] == "rewardbench", query
    # WMDP alone says "hazardous", but the rest of it (biosecurity, dangerous capabilities)
    # is still close in meaning to the question: it stays a strong match.
    assert index._own_words["hazardou"].keys() == {"wmdp"}
    query = "is there a benchmark for hazardous knowledge like bioweapons?"
    assert "wmdp" in [d for d, _ in index.search(query, limit=5, strong=True)]


def test_a_word_a_second_resource_says_in_passing_is_still_rare() -> None:
    # One more description that uses "tie" ("labels that tie data to use cases") must not turn
    # a reward benchmark's "Ties subset" into an answer to "how to tie a tie" again.
    from fmcheatsheet.search import OWN_WORD_MAX_RESOURCES, OWN_WORD_MIN_RESOURCES

    assert OWN_WORD_MAX_RESOURCES >= 2
    vectors = semantic.bundled()
    docs = [
        ("reward", {"name": "Judge Bench", "tags": "reward-model", "description": "Scores reward models: Ties set."}),
        ("labels", {"name": "Data Labels", "tags": "documentation", "description": "Labels that tie data to uses."}),
    ]
    filler = [
        (f"f{i}", {"name": f"Filler {i}", "tags": "misc", "description": "Nothing here."})
        for i in range(OWN_WORD_MIN_RESOURCES)
    ]
    index = SearchIndex.build(docs + filler, vectors=vectors)
    assert set(index._own_words["tie"]) == {"reward", "labels"}
    # A word three resources use is no longer anyone's own.
    third = ("knots", {"name": "Knot Guide", "tags": "misc", "description": "How to tie knots."})
    assert "tie" not in SearchIndex.build([*docs, third, *filler], vectors=vectors)._own_words


def test_in_a_small_catalog_a_word_one_resource_uses_is_not_rare() -> None:
    # With a handful of resources most words are used by one of them: the rule needs a
    # catalog of OWN_WORD_MIN_RESOURCES, below which meaning counts as before.
    from fmcheatsheet.search import OWN_WORD_MIN_RESOURCES

    vectors = semantic.bundled()
    docs = [
        (f"r{i}", {"name": f"Tool {i}", "tags": "speech", "description": f"Reads speech number {i}."}) for i in range(3)
    ]
    docs.append(("dedup", {"name": "Hasher", "tags": "dedup", "description": "Finds near duplicates at scale."}))
    small = SearchIndex.build(docs, vectors=vectors)
    assert small._own_words == {}
    filler = [
        (f"f{i}", {"name": f"Filler {i}", "tags": "misc", "description": "Nothing here."})
        for i in range(OWN_WORD_MIN_RESOURCES)
    ]
    large = SearchIndex.build(docs + filler, vectors=vectors)
    assert large._own_words["near"] == {"dedup": large._own_words["near"]["dedup"]}


def _negated_words(text: str) -> list[str]:
    from fmcheatsheet.search import bundled_rules, negated
    from fmcheatsheet.textnorm import tokens

    return [w for w, no in zip(tokens(text), negated(text, bundled_rules()), strict=True) if no]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Up to the end of the clause: a comma, a semicolon, a full stop.
        ("to test robustness to image degradation, not adversarial attacks; the code", ["adversarial", "attacks"]),
        ("A leaderboard rather than a test suite.", ["a", "test", "suite"]),
        ("Blocks crawlers instead of asking them, and logs", ["asking", "them"]),
        # "and" or "but" opening a new clause ends it too.
        ("Has had no commits since 2022 and reads power without a GPU but slowly", ["a", "gpu"]),
        # At most three words of the topic (filler aside; hyphenated words count as one).
        ("It is not an OSI open-source licence for models in general", ["an", "osi", "open", "source", "licence"]),
        # No negation: "not only X but also Y", "not-for-profit", "no-code", "non-commercial",
        # a name ("the Do Not Train registry"), and "no" (a statement about the topic).
        ("Not only text but also images", []),
        ("A not-for-profit lab's no-code tool for non-commercial use", []),
        ("Spawning's Do Not Train registry", []),
        ("Shows that no current spoken-language model does well", []),
        # A sentence opening with a negation is one.
        ("Fast. Not for production use", ["for", "production", "use"]),
    ],
)
def test_what_a_description_says_a_resource_is_not(text: str, words: list[str]) -> None:
    assert _negated_words(text) == words


def test_what_a_resource_is_not_is_no_match_and_no_part_of_its_meaning() -> None:
    vectors = semantic.bundled()
    filler = [
        (f"f{i}", {"name": f"Filler {i}", "tags": "misc", "description": "Plain text about gardening tools."})
        for i in range(8)
    ]

    def build(description: str) -> SearchIndex:
        about = {"name": "Blurbench", "tags": "robustness image-classification", "description": description}
        attacks = {"name": "Attackbench", "tags": "robustness", "description": "Tests against adversarial attacks"}
        return SearchIndex.build([("corruptions", about), ("attacks", attacks), *filler], vectors=vectors)

    def closeness(index: SearchIndex) -> float:
        query = index.query_vector(index.read("adversarial attacks"))
        assert query is not None
        return semantic.dot(query, index.doc_vectors["corruptions"])

    index = build("Tests image classifiers on blur and noise, not adversarial attacks.")
    # The negated words give no word match...
    assert "corruptions" not in index.postings["adversarial"]
    assert [d for d, _ in index.search("adversarial attacks", limit=None, strong=True)] == ["attacks"]
    # ...while the resource still counts among those that write them, for the word's rarity.
    assert index._negated["adversarial"] == frozenset({"corruptions"})
    assert index.idf("adversarial") == index.idf(stem("tests")) < index.idf("blur")
    # ...and leave its meaning vector: as close to them as if the clause were not written,
    # farther than if it said the opposite.
    unsaid = closeness(build("Tests image classifiers on blur and noise."))
    said = closeness(build("Tests image classifiers on blur and noise, and adversarial attacks."))
    assert closeness(index) == pytest.approx(unsaid, abs=0.05)
    assert closeness(index) < said - 0.05


def test_robustness_to_jailbreaks_is_not_a_benchmark_of_image_corruptions(catalog: Catalog) -> None:
    # ImageNet-C says it tests "robustness to everyday image degradation, not adversarial
    # attacks": that clause no longer matches "adversarial testing", the vocabulary's synonym of
    # jailbreak, so it leaves the top five and JailbreakBench enters it.
    found = top(catalog, "how do I evaluate robustness to jailbreaks?")
    assert "imagenet-c" not in found
    assert "jailbreakbench" in found
