"""Ranked search that answers a practitioner's question.

Reading a query (:meth:`SearchIndex.read`):

- Question scaffolding ("how do I", "is there a way to") and filler words are
  dropped; the rules are in ``data/query.yaml``.
- The rest becomes *concepts*: a word, or a phrase from ``catalog/vocabulary.yaml``,
  together with its alternatives: synonyms and abbreviations, the field's term for
  a reader's phrase ("leaked into" -> contamination), spelling corrections (one
  edit in words of 5-7 letters, two in longer ones) and, for the word being typed,
  completions. A phrase reads past articles and possessives: "in a model's pretraining
  data" and "in my training data" read like "in the pretraining data" (the word lists
  are in ``data/query.yaml``); a reader's phrase keeps the synonyms of its own words.
  The reader's own thing ("my chatbot", "our own model": ``owners`` in ``data/query.yaml``)
  is context, not the resource sought: its matches in a resource's name weigh what a
  match in the description would (Chatbot Arena is no answer to "how do I evaluate my
  chatbot for harmful outputs"), its other matches as usual. So is what the sought resource
  is for: up to two words after a purpose phrase that follows the topic ("a code model" in
  "source code to train a code model"), and data the reader has, after a task and its
  object ("train a reward model from human preference data": ``data_had``).
  Every text is reduced to stemmed terms first, so inflections match,
  except acronyms: a word a resource's name writes in capitals whose stem is another
  word (TIES, ROOTS) is indexed as written wherever the resource uses it, wherever
  another field writes it in capitals, and in tags; it matches only the same word in
  a query ("ties", never "tie"). An acronym a name glues to another word by case ("LID" in
  GlotLID and OpenLID, "RLHF" in OpenRLHF) is a word of that name too, matched only by the
  same word or a synonym of the vocabulary ("language identification"): never through a
  stem, a completion, a correction or the word vectors.
- The first word or phrase that says what kind of resource is wanted sets the
  *intent*: a task ("remove", "detect") favours tools, libraries, models and guides
  and puts datasets behind;
  "benchmark" favours benchmarks; "dataset" favours datasets; a training verb right
  after the topic ("speech ... to train a recognizer") asks for data to train on.
- A query that names no modality, nor a word that implies one ("jailbreak benchmark", "red team
  an LLM"; "speakers" and "CLIP" imply one: ``text_models``), is about text: it puts resources whose
  name or tags name another modality they carry behind.
- A query naming the modality of the data it wants ("a text corpus", or code as data: "source
  code", "code data": ``modality_phrases``) puts resources lacking it, or carrying another, behind;
  code is a kind of text that resources tagged for it carry (``modality_tags``).
- A query asking for many languages ("multilingual", "non-English", "African languages":
  ``multilingual``) puts resources covering English alone or one language behind.

What a description says a resource is not ("robustness to image degradation, not adversarial
attacks", "rather than a test suite": ``negations`` in ``data/query.yaml``, see :func:`negated`)
gives it no word match and no part of its meaning vector; those words still count in their
rarity, since the resource writes them.

Ranking: a resource scores, per concept, the best of its alternatives: the weight
of the field the terms appear in (name above tags above description above section
titles) times their rarity (a phrase is as rare as the resources having all its
words), discounted for synonyms, corrections and completions. The sum is divided
by what a match of the query's three weightiest concepts in the tags would score,
and shrinks with the share of that rarity left unmatched, so scores of different
queries are comparable. A *semantic* part adds the cosine between the query's and
the resource's static word vectors (:mod:`fmcheatsheet.semantic`), so a question
finds resources that share its meaning but not its words. A resource's vector leans on
what it is and is for: the words after its description's first sentence (licence,
access, caveats) weigh less. It shrinks with the share
of the query's weight carried by words that neither the catalog uses nor the word
vectors know ("hello" in "hello world"): the vector of the rest would otherwise
speak for the whole query. A query word also
matches, more weakly, the catalog's words nearest to it in meaning (its only way in
when the catalog never uses it). Resources
of the favoured types gain, and a query that spells a resource's name (or names
it and asks nothing else) ranks that resource first; a name followed by another in
brackets is either ("MMLU" for "MMLU (Measuring ...)", "BBQ" for "Bias Benchmark for
QA (BBQ)"), where the bracket holds an acronym written in capitals.

Results scoring at least ``STRONG_MATCH`` are *strong matches*; a query that spells a
resource's name has as strong matches only that resource and the resources whose text
says the name (``mentions``): "the pile" finds the Pile and its datasheet, not Pile of
Law. Below the floor a
result is noise, and readers are shown the closest sections and a suggestion
instead. A resource that matches only through words of its own name that none of
its other fields use is a strong match only if it matches ``NAME_ONLY_COVERAGE`` of
the query or the query names it ("taylor swift tour dates" is not about MS-Swift).
A query word that at most ``OWN_WORD_MAX_RESOURCES`` resources use counts once for each
of them in that decision (in a catalog of at least ``OWN_WORD_MIN_RESOURCES``): as a word
match, while its closeness in meaning is taken without that word (RewardBench's "Ties
subset" makes it no answer to "how to tie a tie", nor does one more resource that says "tie"). Pseudo-relevance feedback
then reorders the best ``PRF_POOL``: the average vector of the best ``PRF_DOCS``
joins the query's (after the floor is decided, since the best few of a nonsense
query would confirm themselves). Last, among the best ``DIVERSITY_POOL`` a resource
with ``FAMILY_KEEP`` members of its family above it ("Llama Guard 3" below "Llama
Guard" and "Llama Guard 4") moves down, so a different resource can take its place.

The site's JavaScript (``static/search.js``) implements the same steps with the
constants and word lists from :func:`params`, and a test runs it under Node on
fixtures this module generates to check that both read and rank queries alike.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from . import semantic
from .semantic import Vector, WordVectors, dot, normalise
from .textnorm import (
    acronyms,
    bounded_edit_distance,
    capitalised,
    gaps,
    glued_words,
    joined,
    stem,
    terms,
    tokens,
    written,
)

# A resource's `questions` are a reader's words for the need it serves ("strip names and phone
# numbers out of my text" where the description says "PII redaction"). In the word match they weigh
# 1.5 times a description, in the meaning vector 0.7 times: swept from 0.5 to 2.0 on the readable
# sets, the one setting that raises them all and keeps the 210 queries where they were (see
# benchmarks/README.md). A tag is a curator's word for what the resource is, so it weighs more than the
# same word in a description: 3.75 with length normalisation at 0.45 came out of a joint search of field
# weights and ranking constants on the readable sets, and raised the unread sets too (README, 2026-12-01).
FIELD_WEIGHTS = {"name": 6.0, "tags": 3.75, "description": 1.0, "languages": 1.0, "sections": 0.5, "questions": 1.5}
# How much each field says about a resource's meaning: names are often made-up words. A tag is
# one idea: the words of a compound tag ("world-model") each weigh the tags' weight divided by
# the square root of their number, so one word of it ("world") says less than a tag of its own.
SEMANTIC_FIELD_WEIGHTS = {
    "name": 0.5,
    "tags": 4.0,
    "description": 1.0,
    "languages": 0.5,
    "sections": 0.5,
    "questions": 0.7,
}
# A description's first sentence says what the resource is and is for; the later ones add traits
# (licence, access, caveats), whose words weigh this much in the meaning vector.
LATER_SENTENCES_WEIGHT = 0.7
# Scores are in units of "every concept matched in the tags".
REFERENCE_WEIGHT = FIELD_WEIGHTS["tags"]
REFERENCE_CONCEPTS = 3
EXACT_NAME_BONUS = 10.0
# A question that names a resource ("how do I use datatrove") ranks it first too.
NAMED_BONUS = 5.0
SYNONYM_WEIGHT = 0.9
READER_WEIGHT = 0.9
PART_WEIGHT = 0.5
TYPO_WEIGHT = 0.7
# A word's neighbours in meaning (see fmcheatsheet.semantic) count this much times their cosine.
NEIGHBOUR_WEIGHT = 0.6
PREFIX_WEIGHT = 0.6
ACCUMULATE = 0.25
# A resource matching only part of the query keeps this share of its score (then more with
# the square of the share of the query's rarity it matches).
COVERAGE_FLOOR = 0.35
LENGTH_NORM = 0.45
# Shorter words are not completed: "tie" is a word, not the start of "ties".
MIN_PREFIX = 4
# A word the catalog never uses weighs like one found in this many resources: rare, but
# not the rarest, since readers' everyday words ("once", "chatbot") land here too.
UNKNOWN_DF = 5
# How much closeness in meaning counts against the word match (measured on every query set: 0.5
# and 0.6 cost one set each, 0.52 to 0.575 hold or raise all of them).
SEMANTIC_WEIGHT = 0.55
SEMANTIC_BASELINE = 0.0
# Each readers' question of a resource has a meaning vector of its own, so a query close to one
# of them is close to that need even where the resource's other fields pull its own vector
# elsewhere. The closest question adds this weight per unit of closeness above the baseline
# (swept on the readable sets: 0.2 above 0.4 raises the question and held-out sets and keeps the
# 210 queries; see benchmarks/README.md).
QUESTION_WEIGHT = 0.2
QUESTION_BASELINE = 0.4
# Only the best resources so far are compared with every question: the lift is small, so it can
# only reorder the first results, and comparing all of them tripled a query's time. The best 50
# give the same figures on every readable set; 100 leave room.
QUESTION_POOL = 100
INTENT_BOOST = 0.5
# What an intent disfavours is multiplied by this: for "how do I do instruction tuning on my own
# data", instruction datasets named for the task ranked above the tools that do it. 0.7 to 0.8
# raise the diagnostic set and move no other set's recall@5; 0.6 gives some of it back.
INTENT_DISCOUNT = 0.7
# The order shown (never the strength that decides a strong match) favours what the sections'
# best practices recommend: each practice citing a resource, up to RECOMMENDED_CAP of them, adds
# RECOMMENDED_BOOST / RECOMMENDED_CAP to its score's multiplier. Curators cite the resources a reader
# should reach first, which a reader's words alone often cannot tell from a narrower neighbour. The
# lift is a tie-breaker: swept on the readable sets, 0.05 over 2 raises or keeps every set, the two
# unread ones included; 0.1 and more cost them (see benchmarks/README.md).
RECOMMENDED_BOOST = 0.05
RECOMMENDED_CAP = 2
# Pseudo-relevance feedback: how many of the best resources, and how much their average vector counts.
PRF_DOCS = 3
PRF_WEIGHT = 1.0
PRF_POOL = 50
# The relevance floor. Measured on every query set: 0.305 to 0.31 keep every recall@5 and MRR and
# leave "how to tie a tie" (0.3000 for RewardBench's "Ties subset") below it; 0.32 costs heldout3.
STRONG_MATCH = 0.305
# A resource that matches only through words of its name (none of its other fields use
# them) is a strong match only if it matches at least this share of the query (its
# coverage), or the query names it: "taylor swift tour dates" is not about MS-Swift.
NAME_ONLY_COVERAGE = 0.5
# Variety among the best: within the best DIVERSITY_POOL, a resource with FAMILY_KEEP members of
# its family (same first two words of the name, version numbers aside: "Llama Guard 3", "Llama
# Guard 4") ranked above it keeps FAMILY_DISCOUNT of its score, so another resource on the same
# need can take its place.
# A query word few resources use counts once for each when deciding a strong match (see
# SearchIndex._own_words_once); in a catalog smaller than this, such a word is not rare. A word
# one other resource also uses is still as good as its own: a rule that held only for words of one
# resource broke as soon as a second description used the word in passing.
OWN_WORD_MIN_RESOURCES = 100
OWN_WORD_MAX_RESOURCES = 2
DIVERSITY_POOL = 15
# The reader's own thing ("my chatbot", "our fine-tuned model": up to CONTEXT_SPAN words after
# "my", "our" or "your") is the context of the question, not the resource sought: where it matches
# a resource's name, the name weighs what the description would, while other fields count as usual.
CONTEXT_NAME_WEIGHT = FIELD_WEIGHTS["description"] / FIELD_WEIGHTS["name"]
CONTEXT_SPAN = 2
FAMILY_KEEP = 2
# The parts of a word a name glues together by case ("GlotLID": glot, lid) are words of the name
# too, matched only by the same word typed (or a synonym of the vocabulary): never through a
# stem, a completion, a correction or the word vectors. Their weight: the name's times this.
GLUED_WEIGHT = 1.0
FAMILY_DISCOUNT = 0.7
# A query that names the modality of the data it wants ("a text corpus", "speech datasets": see
# ``modality_words`` in data/query.yaml): resources lacking that modality, or carrying another (text
# aside, which nearly every resource has), keep this share of their score.
MODALITY_KEEP = 0.8
# A query that names no modality, nor a word that implies one ("jailbreak benchmark", "red team an
# LLM": see ``text_models`` in data/query.yaml), is about text: a resource whose name or tags name
# another modality it carries (an audio jailbreak benchmark, tagged "speech-llm") keeps this share of
# its score in the order shown. Multimodal tools that also handle text are not touched. Whether it is
# a strong match is left alone: the query never said "text", and a reader filtering for speech still
# finds it.
TEXT_MODEL_KEEP = 0.7
# A query that asks for many languages ("multilingual", "non-English", "African languages": see
# ``multilingual`` in data/query.yaml): a resource whose language coverage is English alone or one
# language keeps this share of its score in the order shown, as a resource lacking a modality asked
# for does (MODALITY_KEEP). Whether it is a strong match is left alone.
LANGUAGES_KEEP = 0.8
# Language coverages that answer no query asking for many languages (see LANGUAGES_KEEP).
FEW_LANGUAGES = frozenset({"english-only", "monolingual"})
# Data the reader has: after a task verb and its object, a phrase opened by "on", "with" or "from"
# (``data_had`` in data/query.yaml) whose word for data comes within this many words of it is context.
DATA_HAD_SPAN = 5
# What a description says a resource is not ends after this many words of the topic (see negated()).
NEGATION_SPAN = 3
RULES_FILE = Path(__file__).resolve().parent / "data" / "query.yaml"
RANKINGS_KEPT = 16
# Query words whose nearest indexed words (the typo candidates) are kept: finding them measures
# the edit distance to every indexed word of about the same length.
NEAREST_KEPT = 4096

# Per resource: its strength (decides a strong match), its score in the order shown, its
# coverage of the query; and each way of matching with the resources it matched.
Ranking = tuple[dict[str, float], dict[str, float], dict[str, float], list[tuple["Alternative", dict[str, float]]]]

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Intent:
    """What kind of resource a reader is after, and the resource types that serve it.

    ``first``: only a phrase that opens the query (after its scaffolding) signals it:
    "remove duplicates" asks for a task, "code to train a model" does not.
    ``purpose``: only a phrase right after a word of the topic signals it: "speech to
    train a recognizer" asks for something to train on, "how to train" and "I need to
    train" (scaffolding or filler before it) ask how to do it.
    ``disfavour``: types that do not serve it, put behind: a task asks for a way to do it,
    not for data made with it.
    """

    name: str
    favour: tuple[str, ...]
    first: bool = False
    purpose: bool = False
    disfavour: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryRules:
    """How queries are read: ``data/query.yaml``, parsed."""

    scaffolding: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    """Words a phrase reads past: "in a training set" is "in the training set"."""
    possessives: frozenset[str] = frozenset()
    """Words that may stand where a phrase has an article: "in my training data"."""
    owners: frozenset[str] = frozenset()
    """Words that mark what follows as the reader's own ("my chatbot"): context, not the topic."""
    modifiers: frozenset[str] = frozenset()
    """Words that, joined by a hyphen, make the word before a description ("LLaVA-style")."""
    intents: tuple[tuple[Intent, tuple[str, ...]], ...] = ()
    """Each intent with the phrases that signal it."""
    light_verbs: tuple[tuple[str, ...], ...] = ()
    """Verbs that say only "do" ("perform", "carry out"): right after question scaffolding, before
    the topic, they are dropped and signal the intent named ``light_intent``."""
    light_intent: str = ""
    modality_words: tuple[tuple[str, str], ...] = ()
    """Words that name a modality of data ("speech", "images"), each with the catalog's modality."""
    modality_nouns: frozenset[str] = frozenset()
    """Words for data that a modality word may qualify ("corpus", "dataset", "captions")."""
    modality_phrases: tuple[tuple[tuple[str, ...], str], ...] = ()
    """Phrases that name a modality of data without its word ("source code": code), each with the modality."""
    modality_tags: tuple[tuple[str, frozenset[str]], ...] = ()
    """Kinds of text that a resource carries when it has one of their tags ("code": the tag "code")."""
    text_models_unless: frozenset[str] = frozenset()
    """Words that, besides the modality words, say a query is about more than text ("multimodal", "speakers")."""
    multilingual: tuple[tuple[str, ...], ...] = ()
    """Words and phrases that ask for many languages ("multilingual", "non english", "languages")."""
    multilingual_unless: tuple[tuple[str, ...], ...] = ()
    """Phrases in which those words ask for no natural language ("programming languages")."""
    data_had: frozenset[str] = frozenset()
    """Words that open a phrase naming data the reader has ("from human preference data"), after a task."""
    data_had_intent: str = ""
    negations: tuple[tuple[str, ...], ...] = ()
    """Words that open what a description says a resource is not ("not", "rather than"): see :func:`negated`."""
    negations_unless: tuple[tuple[str, ...], ...] = ()
    """Phrases opened by a negation that negate nothing ("not only")."""
    negations_until: frozenset[str] = frozenset()
    """Words that open a new clause, ending a negated span ("but", "and")."""
    negation_breaks: str = ""
    """Punctuation that ends a negated span."""

    @cached_property
    def modality_of(self) -> dict[str, str]:
        """``modality_words`` as a mapping: word -> the catalog's modality."""
        return dict(self.modality_words)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> QueryRules:
        light = data.get("light_verbs") or {}
        text_models = data.get("text_models") or {}
        multilingual = data.get("multilingual") or {}
        data_had = data.get("data_had") or {}
        negations = data.get("negations") or {}
        return cls(
            scaffolding=tuple(data.get("scaffolding", ())),
            stopwords=frozenset(str(data.get("stopwords", "")).split()),
            articles=frozenset(str(data.get("articles", "")).split()),
            possessives=frozenset(str(data.get("possessives", "")).split()),
            owners=frozenset(str(data.get("owners", "")).split()),
            modifiers=frozenset(str(data.get("modifiers", "")).split()),
            intents=tuple(
                (
                    Intent(
                        rule["name"],
                        tuple(rule["favour"]),
                        bool(rule.get("first", False)),
                        bool(rule.get("purpose", False)),
                        tuple(rule.get("disfavour", ())),
                    ),
                    tuple(str(p) for p in rule["when"]),
                )
                for rule in data.get("intents", ())
            ),
            light_verbs=tuple(tuple(str(p).split()) for p in light.get("when", ())),
            light_intent=str(light.get("intent", "")),
            modality_words=tuple(sorted((str(k), str(v)) for k, v in (data.get("modality_words") or {}).items())),
            modality_nouns=frozenset(str(data.get("modality_nouns", "")).split()),
            modality_phrases=tuple(
                (tuple(str(p).split()), str(m))
                for m, phrases in sorted((data.get("modality_phrases") or {}).items())
                for p in phrases
            ),
            modality_tags=tuple(
                (str(kind), frozenset(str(t) for t in tags))
                for kind, tags in sorted((data.get("modality_tags") or {}).items())
            ),
            text_models_unless=frozenset(str(text_models.get("unless", "")).split()),
            multilingual=tuple(tuple(str(p).split()) for p in multilingual.get("when", ())),
            multilingual_unless=tuple(tuple(str(p).split()) for p in multilingual.get("unless", ())),
            data_had=frozenset(str(data_had.get("when", "")).split()),
            data_had_intent=str(data_had.get("intent", "")),
            negations=tuple(tuple(str(p).split()) for p in negations.get("when", ())),
            negations_unless=tuple(tuple(str(p).split()) for p in negations.get("unless", ())),
            negations_until=frozenset(str(negations.get("until", "")).split()),
            negation_breaks=str(negations.get("breaks", "")),
        )

    def as_data(self) -> dict[str, Any]:
        return {
            "scaffolding": list(self.scaffolding),
            "stopwords": sorted(self.stopwords),
            "articles": sorted(self.articles),
            "possessives": sorted(self.possessives),
            "owners": sorted(self.owners),
            "modifiers": sorted(self.modifiers),
            "intents": [
                {
                    "name": i.name,
                    "favour": list(i.favour),
                    "disfavour": list(i.disfavour),
                    "first": i.first,
                    "purpose": i.purpose,
                    "when": list(w),
                }
                for i, w in self.intents
            ],
            "light_verbs": {"intent": self.light_intent, "when": [" ".join(p) for p in self.light_verbs]},
            "modality_words": dict(self.modality_words),
            "modality_nouns": sorted(self.modality_nouns),
            "modality_phrases": [[" ".join(p), m] for p, m in self.modality_phrases],
            "modality_tags": {kind: sorted(tags) for kind, tags in self.modality_tags},
            "multilingual": {
                "when": [" ".join(p) for p in self.multilingual],
                "unless": [" ".join(p) for p in self.multilingual_unless],
            },
            "text_models": {
                "unless": sorted(self.text_models_unless),
            },
            "data_had": {"intent": self.data_had_intent, "when": sorted(self.data_had)},
            "negations": {
                "when": [" ".join(p) for p in self.negations],
                "unless": [" ".join(p) for p in self.negations_unless],
                "until": sorted(self.negations_until),
                "breaks": self.negation_breaks,
            },
        }


@cache
def bundled_rules() -> QueryRules:
    import yaml  # only when an index is built: a cached index carries its rules

    return QueryRules.from_data(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


def params() -> dict[str, Any]:
    """The ranking constants, shared with the site through search.json."""
    return {
        "field_weights": FIELD_WEIGHTS,
        "former_name_words": list(FORMER_NAME_WORDS),
        "semantic_field_weights": SEMANTIC_FIELD_WEIGHTS,
        "later_sentences_weight": LATER_SENTENCES_WEIGHT,
        "reference_weight": REFERENCE_WEIGHT,
        "reference_concepts": REFERENCE_CONCEPTS,
        "exact_name_bonus": EXACT_NAME_BONUS,
        "named_bonus": NAMED_BONUS,
        "synonym_weight": SYNONYM_WEIGHT,
        "reader_weight": READER_WEIGHT,
        "part_weight": PART_WEIGHT,
        "typo_weight": TYPO_WEIGHT,
        "neighbour_weight": NEIGHBOUR_WEIGHT,
        "prefix_weight": PREFIX_WEIGHT,
        "accumulate": ACCUMULATE,
        "coverage_floor": COVERAGE_FLOOR,
        "length_norm": LENGTH_NORM,
        "min_prefix": MIN_PREFIX,
        "unknown_df": UNKNOWN_DF,
        "semantic_weight": SEMANTIC_WEIGHT,
        "semantic_baseline": SEMANTIC_BASELINE,
        "question_weight": QUESTION_WEIGHT,
        "question_baseline": QUESTION_BASELINE,
        "question_pool": QUESTION_POOL,
        "intent_boost": INTENT_BOOST,
        "intent_discount": INTENT_DISCOUNT,
        "recommended_boost": RECOMMENDED_BOOST,
        "recommended_cap": RECOMMENDED_CAP,
        "prf_docs": PRF_DOCS,
        "prf_weight": PRF_WEIGHT,
        "prf_pool": PRF_POOL,
        "strong_match": STRONG_MATCH,
        "name_only_coverage": NAME_ONLY_COVERAGE,
        "own_word_min_resources": OWN_WORD_MIN_RESOURCES,
        "own_word_max_resources": OWN_WORD_MAX_RESOURCES,
        "diversity_pool": DIVERSITY_POOL,
        "family_keep": FAMILY_KEEP,
        "family_discount": FAMILY_DISCOUNT,
        "context_name_weight": CONTEXT_NAME_WEIGHT,
        "context_span": CONTEXT_SPAN,
        "glued_weight": GLUED_WEIGHT,
        "modality_keep": MODALITY_KEEP,
        "text_model_keep": TEXT_MODEL_KEEP,
        "languages_keep": LANGUAGES_KEEP,
        "few_languages": sorted(FEW_LANGUAGES),
        "data_had_span": DATA_HAD_SPAN,
        "negation_span": NEGATION_SPAN,
    }


@dataclass(frozen=True)
class Alternative:
    """One way a concept can be matched: all of ``terms`` present, worth ``weight``."""

    terms: tuple[str, ...]
    weight: float
    idf_cap: float | None = None


@dataclass(frozen=True)
class Concept:
    text: str
    alternatives: tuple[Alternative, ...]
    reader: bool = False
    """A reader's phrase: it weighs what the field's term weighs, however rarely its own words meet."""
    context: bool = False
    """The reader's own thing ("my chatbot"): its matches in a resource's name weigh less."""


@dataclass(frozen=True)
class Reading:
    """What a query asks: its concepts, its intent, and the stems that carry its meaning."""

    concepts: tuple[Concept, ...]
    intent: Intent | None
    dropped: tuple[str, ...]
    meaning: tuple[tuple[str, float], ...]
    unknown: float = 0.0
    """The share of the query's weight carried by words the catalog neither uses nor has a meaning for."""
    modality: str | None = None
    """The modality of the data the query names ("a text corpus": text), if it names one."""
    text_model: bool = False
    """Whether the query is about text: it names no other modality, nor a word that implies one."""
    multilingual: bool = False
    """Whether the query asks for many languages ("multilingual", "non-English", "African languages")."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "concepts": [
                {
                    "text": c.text,
                    "reader": c.reader,
                    "context": c.context,
                    "alternatives": [[list(a.terms), a.weight, a.idf_cap] for a in c.alternatives],
                }
                for c in self.concepts
            ],
            "intent": self.intent.name if self.intent else None,
            "favour": list(self.intent.favour) if self.intent else [],
            "dropped": list(self.dropped),
            "meaning": [[t, w] for t, w in self.meaning],
            "unknown": self.unknown,
            "modality": self.modality,
            "text_model": self.text_model,
            "multilingual": self.multilingual,
        }


# What a phrase of the query is, when the scanner finds one: dropped scaffolding, a
# synonym phrase, or a reader's phrase that stands for a term of the field.
_SCAFFOLD, _SYNONYM, _READER = 0, 1, 2
# How a phrase of the vocabulary reads each word of a query: a word it must match; a word it
# reads past (an article, the "s" of a possessive); a word it may read past, inside it, where
# the phrase has an article ("my", the possessor in "a model's", "the models'").
_WORD, _SKIP, _MAY_SKIP = 0, 1, 2
# A plural possessive ("the models' data") reads like a singular one ("the model's data").
_PLURAL_POSSESSIVE = re.compile(r"(?<=[A-Za-z]s)['\u2019](?![A-Za-z0-9])")


@dataclass
class SearchIndex:
    """Per-term postings (term -> resource -> best field weight), the vocabulary and the word vectors."""

    postings: dict[str, dict[str, float]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    modalities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    few_languages: frozenset[str] = frozenset()
    """Resources whose language coverage is English alone or one language (``FEW_LANGUAGES``)."""
    document_count: int = 0
    synonyms: dict[Phrase, tuple[Phrase, ...]] = field(default_factory=dict)
    readers: dict[Phrase, Phrase] = field(default_factory=dict)
    rules: QueryRules = field(default_factory=QueryRules)
    surface: dict[str, str] = field(default_factory=dict)
    vectors: WordVectors | None = field(default=None, repr=False)
    doc_vectors: dict[str, Vector] = field(default_factory=dict, repr=False)
    centre: Vector | None = field(default=None, repr=False)
    question_vectors: dict[str, tuple[Vector, ...]] = field(default_factory=dict, repr=False)
    """Per resource, the meaning vector of each of its readers' questions (see :meth:`_question_vector`)."""
    sections: list[tuple[str, tuple[str, ...], Vector | None]] = field(default_factory=list)
    recommended: dict[str, int] = field(default_factory=dict)
    """Per resource, how many of the sections' best practices cite it (only those citing it at all)."""
    _phrases: dict[Phrase, tuple[int, Phrase]] = field(default_factory=dict, repr=False)
    """Scaffolding, synonym and reader phrases, without their articles (see :meth:`_roles`)."""
    _phrase_prefixes: frozenset[Phrase] = frozenset()
    _triggers: dict[Phrase, Intent] = field(default_factory=dict, repr=False)
    _max_trigger: int = 1
    _verbs_as_written: frozenset[str] = frozenset()
    _light_intent: Intent | None = None
    _kind_words: frozenset[str] = frozenset()
    _idf: dict[str, float] = field(default_factory=dict)
    _buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    _by_name: dict[str, list[str]] = field(default_factory=dict)
    _by_name_words: dict[Phrase, list[str]] = field(default_factory=dict)
    _mentions: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per name (run together), the resources whose text says it (see :func:`mentions`)."""
    _max_name: int = 1
    _context_postings: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    """Per term, the resources whose name gives it its best weight, valued as a context word's
    match (see ``CONTEXT_NAME_WEIGHT``): the name's weight discounted, or another field's."""
    _negated: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per term, the resources that write it only where they say what they are not (see :func:`negated`):
    counted in its rarity, never matched."""
    _name_only: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per resource, the terms of its name that none of its other fields use."""
    _family: dict[str, str] = field(default_factory=dict)
    """Per resource, its family (see :func:`family`), when its name has one."""
    _named_modalities: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per resource, the modalities other than text that it carries and its name or tags name ("audio-jailbreak")."""
    _own_words: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    """Terms few resources use (and the word vectors know): per term, each such resource and the
    term's weight in its vector."""
    _scales: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)
    """Per resource with an own word: the length of the weighted sum behind its meaning vector, and
    of that sum at length one less the catalog's average (so the sum can be recovered from its vector)."""
    acronyms: frozenset[str] = frozenset()
    """Words that some resource's name writes in capitals and whose stem is another word (see :func:`acronym_term`)."""
    glued: frozenset[str] = frozenset()
    """Parts of words that some resource's name glues together by case ("glot", "lid"; see :func:`glued_term`)."""
    _sorted_words: list[str] = field(default_factory=list)
    _scored_cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _phrase_cache: dict[Phrase, float] = field(default_factory=dict, repr=False)
    _ranking_cache: dict[str, Ranking] = field(default_factory=dict, repr=False)
    _reading_cache: dict[str, Reading] = field(default_factory=dict, repr=False)
    _nearest_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _doc_tuples: dict[str, tuple[float, ...]] | None = field(default=None, repr=False)
    """The resources' meaning vectors as tuples, made on the first ranking: the same numbers as
    ``doc_vectors`` (which stay arrays, to pickle as one block), whose products Python reads faster."""

    @classmethod
    def build(
        cls,
        documents: Iterable[tuple[str, dict[str, str]]],
        synonym_groups: Sequence[Sequence[str]] = (),
        *,
        reader_phrases: Mapping[str, Sequence[str]] | None = None,
        types: Mapping[str, str] | None = None,
        modalities: Mapping[str, Sequence[str]] | None = None,
        coverage: Mapping[str, str | None] | None = None,
        sections: Sequence[tuple[str, str]] = (),
        questions: Mapping[str, Sequence[str]] | None = None,
        recommended: Mapping[str, int] | None = None,
        rules: QueryRules | None = None,
        vectors: WordVectors | None = None,
    ) -> SearchIndex:
        index = cls(rules=rules if rules is not None else bundled_rules(), vectors=vectors)
        index.types = dict(types or {})
        index.recommended = {d: n for d, n in (recommended or {}).items() if n > 0}
        index.modalities = {d: tuple(m) for d, m in (modalities or {}).items()}
        index.few_languages = frozenset(d for d, c in (coverage or {}).items() if c in FEW_LANGUAGES)
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        context: dict[str, dict[str, float]] = defaultdict(dict)
        documents = list(documents)
        # A resource tagged with a kind of text (code) carries that kind too, for queries naming it.
        for doc_id, texts in documents:
            tags = set(texts.get("tags", "").split())
            kinds = tuple(kind for kind, named in index.rules.modality_tags if tags & named)
            if kinds:
                index.modalities[doc_id] = (*index.modalities.get(doc_id, ("text",)), *kinds)
        documents_by_id = dict(documents)
        # A description's words, less what it says the resource is not (see negated()).
        described = {doc_id: tokens(fields.get("description", "")) for doc_id, fields in documents}
        kept = {
            doc_id: [not no for no in negated(text.get("description", ""), index.rules)] for doc_id, text in documents
        }
        tokenized = [
            (
                doc_id,
                {
                    name: [w for w, keep in zip(described[doc_id], kept[doc_id], strict=True) if keep]
                    if name == "description"
                    else tokens(text)
                    for name, text in fields.items()
                },
            )
            for doc_id, fields in documents
        ]
        # Word by word, how many words its tag has ("world" in "world-model": 2).
        tag_sizes = {
            doc_id: [len(tokens(tag)) for tag in fields.get("tags", "").split() for _ in tokens(tag)]
            for doc_id, fields in documents
        }
        average = _average_lengths(tokenized)

        def field_weight(field_name: str, size: int) -> float:
            # A match in a short field says more than one in a long field (BM25's length normalisation).
            return FIELD_WEIGHTS[field_name] / (1 - LENGTH_NORM + LENGTH_NORM * size / average[field_name])

        index.acronyms = frozenset().union(*(acronyms(fields.get("name", "")) for _, fields in documents))
        written = {doc_id: _acronyms_written(fields, index.acronyms) for doc_id, fields in documents}
        for doc_id, fields in tokenized:
            index.document_count += 1
            index.names[doc_id] = "".join(fields.get("name", []))
            name_terms: set[str] = set()
            other_terms: set[str] = set()
            name_values: dict[str, float] = {}
            other_values: dict[str, float] = {}
            for field_name, words in fields.items():
                weight = field_weight(field_name, len(words))
                field_terms = _terms_of(words, written[doc_id][field_name])
                for word in words:
                    index.surface[word] = stem(word)
                if field_name == "name":
                    name_terms = set(field_terms)
                else:
                    other_terms.update(field_terms)
                values = name_values if field_name == "name" else other_values
                for term, tf in Counter(field_terms).items():
                    value = _saturated(weight, tf)
                    if value > postings[term].get(doc_id, 0.0):
                        postings[term][doc_id] = value
                    if value > values.get(term, 0.0):
                        values[term] = value
            name_tokens = fields.get("name", [])
            glued_found = glued_words(documents_by_id[doc_id].get("name", ""))
            # The acronyms glued into a name ("LID" in "GlotLID"), each a word of the name.
            glued = {p.lower() for parts in glued_found for p in parts if p.isupper()}
            glued -= set(name_tokens) | index.rules.stopwords
            if glued:
                # As a word of the name used once would weigh.
                value = _saturated(GLUED_WEIGHT * field_weight("name", len(name_tokens)), 1)
                for part in sorted(glued):
                    postings[glued_term(part)][doc_id] = value
                    name_values[glued_term(part)] = value
                    name_terms.add(glued_term(part))
                index.glued |= glued
            for term, value in name_values.items():
                other = other_values.get(term, 0.0)
                if value > other:
                    context[term][doc_id] = max(other, CONTEXT_NAME_WEIGHT * value)
            if name_terms - other_terms:
                index._name_only[doc_id] = frozenset(name_terms - other_terms)
            said = [*fields.get("name", []), *fields.get("tags", [])]
            named_modalities = index._modalities_named(said) & set(index.modalities.get(doc_id, ()))
            if named_modalities:
                index._named_modalities[doc_id] = frozenset(named_modalities)
            found_family = family(fields.get("name", []))
            if found_family:
                index._family[doc_id] = found_family
        index.postings = dict(postings)
        index._context_postings = dict(context)
        for word, term in index.surface.items():
            if term not in index.postings:
                # Used only as an acronym ("halie"): its completions and corrections are the acronym.
                index.surface[word] = acronym_term(word)
        count = index.document_count
        # A word a resource writes only where it says it is not that is still a word it uses: it
        # counts in the word's rarity (a negation does not make "adversarial" rarer), never as a match.
        negated_in: dict[str, set[str]] = defaultdict(set)
        for doc_id in documents_by_id:
            words = [w for w, keep in zip(described[doc_id], kept[doc_id], strict=True) if not keep]
            for term in _terms_of(words, written[doc_id]["description"]) if words else ():
                if term in index.postings and doc_id not in index.postings[term]:
                    negated_in[term].add(doc_id)
        index._negated = {t: frozenset(d) for t, d in sorted(negated_in.items())}
        index._idf = {t: rarity(count, len(p) + len(index._negated.get(t, ()))) for t, p in index.postings.items()}
        index._set_vocabulary(synonym_groups, reader_phrases or {})
        # Corrections and completions work on the words as written, not on stems:
        # a misspelt word often stems differently from the word it should be.
        index.surface = dict(sorted(index.surface.items()))
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in index.surface:
            if word.isalpha():
                buckets[(word[0], len(word))].append(word)
        index._buckets = dict(buckets)
        index._sorted_words = list(index.surface)
        by_name: dict[str, list[str]] = defaultdict(list)
        for doc_id, name in index.names.items():
            by_name[name].append(doc_id)
        for doc_id, written_name in ((d, f.get("name", "")) for d, f in documents):
            for alias in name_aliases(written_name):
                if doc_id not in by_name[alias]:
                    by_name[alias].append(doc_id)
        index._by_name = dict(by_name)
        index._mentions = mentions(tokenized, {d: f.get("name", "") for d, f in documents})
        by_words: dict[Phrase, list[str]] = defaultdict(list)
        for doc_id, fields in tokenized:
            name_words = tuple(fields.get("name", []))
            if name_words and not all(w in index.rules.stopwords for w in name_words):
                by_words[name_words].append(doc_id)
        index._by_name_words = dict(by_words)
        index._max_name = max((len(k) for k in by_words), default=1)
        if vectors is not None:
            raw: dict[str, Vector] = {}
            lengths: dict[str, float] = {}
            for doc_id, fields in tokenized:
                first = len(tokens(first_sentence(documents_by_id[doc_id].get("description", ""))))
                # The words of the first sentence that the meaning vector keeps.
                lead = sum(kept[doc_id][:first])
                weighted = index._document_weights(fields, tag_sizes[doc_id], written[doc_id], lead)
                total = vectors.total(weighted)
                found = None if total is None else normalise(total)
                if found is None or total is None:
                    continue
                raw[doc_id] = found
                own = [(t, w) for t, w in weighted if len(index.postings[t]) <= OWN_WORD_MAX_RESOURCES and t in vectors]
                if own and index.document_count >= OWN_WORD_MIN_RESOURCES:
                    lengths[doc_id] = semantic.length(total)
                    for t, w in own:
                        index._own_words.setdefault(t, {})[doc_id] = w
            index.centre = _mean(list(raw.values()))
            for doc_id, vector in raw.items():
                centred = index._centred(vector)
                if centred is not None:
                    index.doc_vectors[doc_id] = centred
                    if doc_id in lengths:
                        apart = semantic.length([v - c for v, c in zip(vector, index.centre or (), strict=True)])
                        index._scales[doc_id] = (lengths[doc_id], apart)
        for section_id, text in sections:
            section_terms = tuple(sorted({stem(w) for w in tokens(text)}))
            section_vector = None
            if vectors is not None:
                section_vector = index._centred(vectors.embed((t, index.idf(t)) for t in section_terms))
            index.sections.append((section_id, section_terms, section_vector))
        if vectors is not None:
            for doc_id, asked in (questions or {}).items():
                meanings = tuple(v for v in map(index._question_vector, asked) if v is not None)
                if meanings:
                    index.question_vectors[doc_id] = meanings
        return index

    def _question_vector(self, question: str) -> Vector | None:
        """A readers' question's meaning: its words other than scaffolding, each weighed by its rarity."""
        if self.vectors is None:
            return None
        terms = sorted({stem(w) for w in tokens(question) if w not in self.rules.stopwords})
        return self._centred(self.vectors.embed((t, self.idf(t)) for t in terms))

    def _centred(self, vector: Vector | None) -> Vector | None:
        """A text's vector less the catalog's average one, at length one.

        Averaged word vectors all lean the same way (every text uses common words),
        so raw cosines are high for any pair; taking the catalog's mean away leaves
        what sets a text apart (the "common component removal" of SIF embeddings).
        """
        if vector is None or self.centre is None:
            return vector
        return normalise([v - c for v, c in zip(vector, self.centre, strict=True)])

    def _document_weights(
        self,
        fields: dict[str, list[str]],
        tag_sizes: Sequence[int],
        written: Mapping[str, frozenset[str]],
        lead: int,
    ) -> list[tuple[str, float]]:
        """Each term of a resource with its weight in the resource's meaning vector, in term order.

        ``lead`` is the number of words of the description's first sentence: the words after it
        weigh ``LATER_SENTENCES_WEIGHT`` of the description's weight.
        """
        weights: dict[str, float] = {}
        for field_name, words in fields.items():
            for i, term in enumerate(_terms_of(words, written[field_name])):
                field_weight = SEMANTIC_FIELD_WEIGHTS[field_name]
                if field_name == "tags":
                    # A tag is one idea: the words of a compound tag share its weight.
                    field_weight /= math.sqrt(tag_sizes[i])
                if field_name == "description" and i >= lead:
                    field_weight *= LATER_SENTENCES_WEIGHT
                if field_weight > weights.get(term, 0.0):
                    weights[term] = field_weight
        return [(t, weights[t] * self.idf(t)) for t in sorted(weights)]

    def _set_vocabulary(self, groups: Sequence[Sequence[str]], readers: Mapping[str, Sequence[str]]) -> None:
        table: dict[Phrase, set[Phrase]] = defaultdict(set)
        skeletons: dict[Phrase, Phrase] = {}  # each phrase's stems without its articles
        for text in [p for group in groups for p in group] + [p for spoken in readers.values() for p in spoken]:
            skeletons.setdefault(tuple(terms(text)), self._skeleton(tokens(text)))
        for group in groups:
            equivalent = {tuple(terms(phrase)) for phrase in group}
            equivalent.discard(())
            for phrase in equivalent:
                table[phrase].update(equivalent - {phrase})
        self.synonyms = {k: tuple(sorted(v)) for k, v in sorted(table.items())}
        self.readers = {}
        for field_term, spoken in readers.items():
            target = tuple(terms(field_term))
            for text in spoken:
                key = tuple(terms(text))
                if key and target:
                    self.readers[key] = target
        found: dict[Phrase, tuple[int, Phrase]] = {}
        for text in self.rules.scaffolding:
            key = self._skeleton(tokens(text))
            if key:
                found[key] = (_SCAFFOLD, ())
        # Phrases that differ only in their articles are one phrase: the first in order stands.
        for key in self.synonyms:
            if len(key) > 1:
                found.setdefault(skeletons[key], (_SYNONYM, key))
        for key in sorted(self.readers):
            found.setdefault(skeletons[key], (_READER, self.readers[key]))
        found.pop((), None)
        self._phrases = dict(sorted(found.items()))
        self._phrase_prefixes = frozenset(k[:n] for k in found for n in range(1, len(k) + 1))
        triggers: dict[Phrase, Intent] = {}
        for intent, signals in self.rules.intents:
            for signal in signals:
                key = tuple(terms(signal))
                if key:
                    triggers.setdefault(key, intent)
        self._triggers = triggers
        # Single words that name a kind of resource ("paper", "benchmark"), not a task.
        self._kind_words = frozenset(
            k[0] for k, intent in triggers.items() if len(k) == 1 and not intent.first and not intent.purpose
        )
        self._max_trigger = max((len(k) for k in triggers), default=1)
        # The one-word signals of the intents read only at the query's opening, as written: tasks.
        self._verbs_as_written = frozenset(
            signal for intent, signals in self.rules.intents if intent.first for signal in signals if " " not in signal
        )
        self._light_intent = next((i for i, _ in self.rules.intents if i.name == self.rules.light_intent), None)

    # -- reading a query ---------------------------------------------------------

    def idf(self, term: str) -> float:
        """Rarity of a term across resources (BM25's idf); unknown terms are the rarest."""
        known = self._idf.get(term)
        if known is not None:
            return known
        return rarity(self.document_count, 0)

    def weight(self, term: str) -> float:
        """How much a query term counts: its rarity, with words the catalog never uses as if rare (UNKNOWN_DF)."""
        known = self._idf.get(term)
        if known is not None:
            return known
        return rarity(self.document_count, min(UNKNOWN_DF, self.document_count))

    def concepts(self, text: str) -> list[Concept]:
        """The concepts of a query, each with its alternatives."""
        return list(self.read(text).concepts)

    def read(self, text: str) -> Reading:
        """What the query asks: scaffolding dropped, concepts with their alternatives, intent, meaning.

        Kept for the last few queries (a reading is immutable): ranking a query, its closest
        sections and its suggestion each read it.
        """
        found = self._reading_cache.get(text)
        if found is None:
            found = self._read(text)
            _keep(self._reading_cache, text, found, RANKINGS_KEPT)
        return found

    def _read(self, text: str) -> Reading:
        read_text = _PLURAL_POSSESSIVE.sub(" s", text)
        words = tokens(read_text)
        stems = [stem(w) for w in words]
        roles = self._roles(words)
        owned = self._owned(read_text, words)
        concepts: list[Concept] = []
        starts: list[int] = []  # where each concept starts
        dropped: list[str] = []
        meaning: dict[str, float] = {}
        opening: int | None = None
        topic = [False] * len(stems)  # whether each word is part of a concept (not scaffolding or filler)
        weights: list[tuple[float, bool]] = []  # each content word's weight, and whether the search knows it
        scaffolded = False  # whether question scaffolding has been dropped
        light: Intent | None = None  # the intent a light verb after the scaffolding signals
        position = 0
        while position < len(stems):
            if scaffolded and opening is None and light is None:
                length = self._light_verb(words, position)
                if length:
                    # "how do I do instruction tuning": a way to do what follows, as "how do I fine-tune".
                    dropped.extend(words[position : position + length])
                    light = self._light_intent
                    position += length
                    continue
            match = self._phrase_at(stems, roles, position)
            if match is not None:
                length, (kind, target) = match
                phrase_words = words[position : position + length]
                if kind == _SCAFFOLD:
                    dropped.extend(phrase_words)
                    scaffolded = True
                else:
                    opening = position if opening is None else opening
                    topic[position : position + length] = [True] * length
                    phrase = target if kind == _SYNONYM else tuple(stems[position : position + length])
                    concept = self._phrase_concept(" ".join(phrase_words), phrase, kind, target)
                    if owned[position] or phrase_words[0] in self.rules.owners:
                        concept = replace(concept, context=True)
                    concepts.append(concept)
                    starts.append(position)
                    for term in self._content(phrase_words) + (list(target) if kind == _READER else []):
                        self._add_meaning(meaning, term)
                    weights += [(self.weight(term), True) for term in self._content(phrase_words)]
                position += length
                continue
            word = words[position]
            if word in self.rules.stopwords:
                dropped.append(word)
                position += 1
                continue
            opening = position if opening is None else opening
            topic[position] = True
            # The word still being typed (no space or punctuation after it) may be unfinished.
            typing = position == len(stems) - 1 and text[-1:].isalnum()
            concept = self._word_concept(word, stems[position], typing)
            if owned[position]:
                concept = replace(concept, context=True)
            concepts.append(concept)
            starts.append(position)
            meaning_term = self._meaning_term(word, stems[position])
            self._add_meaning(meaning, meaning_term)
            weights.append((self.weight(stems[position]), self._known(word, stems[position], meaning_term)))
            position += 1
        if not concepts and dropped:
            # Nothing but filler: search the words as written.
            for i, word in enumerate(words):
                typing = i == len(words) - 1 and text[-1:].isalnum()
                concepts.append(self._word_concept(word, stems[i], typing))
                self._add_meaning(meaning, stems[i])
                weights.append((self.weight(stems[i]), self._known(word, stems[i], stems[i])))
            dropped = []
        intent = light if light is not None and concepts else self._intent(words, stems, opening, topic)
        # When the query asks for something to train on, what it will train is context.
        purposed = self._purposed(words, stems, topic) if intent is not None and intent.purpose else []
        if any(purposed):
            # (Only concepts of the query's own words: a query of filler alone has no topic.)
            concepts = [replace(c, context=True) if purposed[at] else c for c, at in zip(concepts, starts, strict=True)]
        # When it asks how to do something, the data it will do it with is context too.
        had = self._data_had(words, opening) if intent is not None and intent.name == self.rules.data_had_intent else []
        if any(had):
            concepts = [replace(c, context=True) if had[at] else c for c, at in zip(concepts, starts, strict=True)]
        total = _plain_sum([w for w, _ in weights])
        unknown = _plain_sum([w for w, known in weights if not known]) / total if total > 0 else 0.0
        return Reading(
            concepts=tuple(concepts),
            intent=intent,
            dropped=tuple(dropped),
            meaning=tuple(sorted(meaning.items())),
            unknown=unknown,
            modality=self._modality(words, [c.text for c in concepts]),
            text_model=self._text_model(words),
            multilingual=self._multilingual(words),
        )

    def _data_had(self, words: Sequence[str], opening: int | None) -> list[bool]:
        """Whether each word names data the reader has, not data sought: context.

        After a task verb and its object (two words from the query's opening on), a phrase opened by a
        word of ``data_had`` ("on", "with", "from") up to a word for data (``modality_nouns``) within
        ``DATA_HAD_SPAN`` words: "human preference data" in "train a reward model from human preference
        data", "a scraped image dataset" in "remove NSFW images from a scraped image dataset".
        """
        out = [False] * len(words)
        if opening is None:
            return out
        rules = self.rules
        for position in range(opening + 2, len(words)):
            if words[position] not in rules.data_had:
                continue
            for end in range(position + 1, min(len(words), position + 1 + DATA_HAD_SPAN)):
                if words[end] in rules.modality_nouns:
                    out[position + 1 : end + 1] = [True] * (end - position)
                    return out
        return out

    def _modalities_named(self, words: Iterable[str]) -> set[str]:
        """The modalities other than text that ``words`` name ("audio", "images")."""
        named = self.rules.modality_of
        return {named[w] for w in words if named.get(w, "text") != "text"}

    def _text_model(self, words: Sequence[str]) -> bool:
        """Whether a query is about text: it says no word of another modality ("speech", "vision") and
        none that implies one ("speakers", "CLIP": ``text_models`` in data/query.yaml).

        "jailbreak benchmark" and "red team an LLM" are; "a vision language model", "an LLM that
        listens to audio" and "speaker verification data" are not.
        """
        rules = self.rules
        return not self._modalities_named(words) and not any(w in rules.text_models_unless for w in words)

    def _multilingual(self, words: Sequence[str]) -> bool:
        """Whether a query asks for many languages: it says one of ``multilingual`` in data/query.yaml
        ("multilingual", "cross-lingual", "non-English", "languages") outside a phrase of its ``unless``.

        "a multilingual web corpus" and "datasets for African languages" do; "a code model for many
        programming languages" does not.
        """
        rules = self.rules
        covered = [False] * len(words)
        for phrase in rules.multilingual_unless:
            for at in range(len(words) - len(phrase) + 1):
                if _occurs(phrase, words, at=at):
                    covered[at : at + len(phrase)] = [True] * len(phrase)
        return any(
            _occurs(phrase, words, at=at) and not any(covered[at : at + len(phrase)])
            for phrase in rules.multilingual
            for at in range(len(words) - len(phrase) + 1)
        )

    def _modality(self, words: Sequence[str], concepts: Sequence[str]) -> str | None:
        """The modality of the data a query names: a modality word right before a word for data, or a
        phrase of ``modality_phrases`` ("source code", "code data": text).

        "a multilingual web text corpus": text; "hate speech datasets" names none, since "hate
        speech" is one concept of the vocabulary, not the word "speech" on its own.
        """
        named = self.rules.modality_of
        for i in range(len(words) - 1):
            if words[i] in named and words[i + 1] in self.rules.modality_nouns and words[i] in concepts:
                return named[words[i]]
        for phrase, modality in self.rules.modality_phrases:
            if _occurs(phrase, words):
                return modality
        return None

    def _light_verb(self, words: Sequence[str], position: int) -> int:
        """How many words a light verb at ``position`` spans ("do": 1, "carry out": 2), or 0."""
        if self._light_intent is None:
            return 0
        for verb in self.rules.light_verbs:
            if _occurs(verb, words, at=position):
                return len(verb)
        return 0

    def _roles(self, words: Sequence[str]) -> list[int]:
        """How a phrase reads each word (``_WORD``, ``_SKIP``, ``_MAY_SKIP``).

        Articles are read past, and so is the "s" of a possessive (after a word that is not
        filler: "what's" is no possessive); the possessor and a possessive determiner may be
        read past: "in a model's pretraining data" and "in my training data" read like "in the
        pretraining data" and "in the training data".
        """
        rules = self.rules
        roles = [_SKIP if w in rules.articles else _MAY_SKIP if w in rules.possessives else _WORD for w in words]
        for i in range(1, len(words)):
            if words[i] == "s" and roles[i - 1] == _WORD and words[i - 1] not in rules.stopwords:
                roles[i] = _SKIP
                roles[i - 1] = _MAY_SKIP
        return roles

    def _owned(self, text: str, words: Sequence[str]) -> list[bool]:
        """Whether each word of ``text`` is context rather than the resource sought.

        The reader's own thing: up to ``CONTEXT_SPAN`` words after "my", "our" or "your" ("my
        chatbot", "our own model"), unless filler comes first ("my take on ..."); and a word
        joined to a modifier ("LLaVA-style", "GPT-like": ``modifiers`` in ``data/query.yaml``).
        """
        rules = self.rules
        owned = [False] * len(words)
        for i, word in enumerate(words):
            if word not in rules.owners:
                continue
            for j in range(i + 1, min(len(words), i + 1 + CONTEXT_SPAN)):
                if words[j] in rules.stopwords:
                    break
                owned[j] = True
        # A word joined to "-style", "-like" or "-based" describes what is sought ("a LLaVA-style model").
        hyphens = joined(text)
        for i in range(len(words) - 1):
            if hyphens[i] and words[i + 1] in rules.modifiers:
                owned[i] = True
        return owned

    def _purposed(self, words: Sequence[str], stems: Sequence[str], topic: Sequence[bool]) -> list[bool]:
        """Whether each word is what the sought resource is for: context, not the resource.

        Up to ``CONTEXT_SPAN`` words (articles aside) after a purpose phrase that follows a word of
        the topic: "a code model" in "source code to train a code model", "a video model" in
        "captions for training a video model". Read only when such a phrase sets the intent (the
        query asks for something to train on): in "a library for training a tokenizer" the
        library is sought, and the tokenizer may well be in its name.
        """
        out = [False] * len(words)
        for position in range(1, len(stems)):
            if not topic[position - 1]:
                continue
            for length in range(min(self._max_trigger, len(stems) - position), 0, -1):
                found = self._triggers.get(tuple(stems[position : position + length]))
                if found is None or not found.purpose:
                    continue
                taken = 0
                for j in range(position + length, len(words)):
                    if words[j] in self.rules.articles:
                        continue
                    if words[j] in self.rules.stopwords or taken == CONTEXT_SPAN:
                        break
                    out[j] = True
                    taken += 1
                break
        return out

    def _skeleton(self, words: list[str]) -> Phrase:
        """A phrase's stems without the words every phrase reads past."""
        return tuple(stem(w) for w, role in zip(words, self._roles(words), strict=True) if role != _SKIP)

    def _phrase_at(self, stems: list[str], roles: list[int], position: int) -> tuple[int, tuple[int, Phrase]] | None:
        """The phrase starting at ``position`` that spans the most words, and their number.

        It reads past articles and possessives inside it (see :meth:`_roles`); of two that end
        at one word, the one matching more words wins, then the first in order.
        """
        if roles[position] == _SKIP:
            return None
        best: tuple[tuple[int, int], Phrase] | None = None  # (where it ends, words matched), phrase
        stack: list[tuple[int, Phrase]] = [(position, ())]
        while stack:
            at, key = stack.pop()
            if at == len(stems):
                continue
            if roles[at] != _SKIP:
                longer = (*key, stems[at])
                if longer in self._phrase_prefixes:
                    rank = (at + 1, len(longer))
                    if longer in self._phrases and (
                        best is None or rank > best[0] or (rank == best[0] and longer < best[1])
                    ):
                        best = (rank, longer)
                    stack.append((at + 1, longer))
            if roles[at] != _WORD and key:
                stack.append((at + 1, key))
        if best is None:
            return None
        return best[0][0] - position, self._phrases[best[1]]

    def _phrase_concept(self, text: str, phrase: Phrase, kind: int, target: Phrase) -> Concept:
        own = tuple(self._content(text.split()))
        if kind == _SYNONYM:
            cap = self._idf_cap(phrase)
            alternatives = [Alternative(phrase, 1.0)]
            alternatives += self._glued([Alternative(s, SYNONYM_WEIGHT, cap) for s in self.synonyms[phrase]])
        else:
            # A reader's phrase: its own words still count, and it also means the field's term.
            alternatives = [Alternative(own, 1.0)] if own else []
            # Its own words mean what their synonyms mean ("my chatbot": a chat model).
            own_cap = self._idf_cap(own) if own in self.synonyms else None
            alternatives += self._glued([Alternative(s, SYNONYM_WEIGHT, own_cap) for s in self.synonyms.get(own, ())])
            alternatives += self._glued([Alternative(target, READER_WEIGHT)])
            alternatives += self._glued(
                [Alternative(s, READER_WEIGHT * SYNONYM_WEIGHT) for s in self.synonyms.get(target, ())]
            )
        if len(own) > 1:
            # Each word of a phrase alone is a weaker match ("harmful" for "harmful outputs").
            alternatives += [Alternative((t,), PART_WEIGHT, self._idf_cap(own)) for t in own]
        return Concept(text, tuple(_dedupe(alternatives)), reader=kind == _READER)

    def _glued(self, alternatives: list[Alternative]) -> list[Alternative]:
        """Synonyms, each followed by the same word glued into a name, where it is one ("lid")."""
        if not self.glued:
            return alternatives
        out = []
        for alternative in alternatives:
            out.append(alternative)
            if len(alternative.terms) == 1 and alternative.terms[0] in self.glued:
                out.append(replace(alternative, terms=(glued_term(alternative.terms[0]),)))
        return out

    def _content(self, words: Sequence[str]) -> list[str]:
        return [stem(w) for w in words if w not in self.rules.stopwords]

    def _meaning_term(self, word: str, term: str) -> str:
        """The stem whose vector stands for a word: a misspelt word borrows its correction's."""
        vectors = self.vectors
        if vectors is None or term in vectors or term in self.postings or len(word) < 5:
            return term
        fixed = self.corrections(word, limit=1)
        return fixed[0] if fixed else term

    def _known(self, word: str, term: str, meaning_term: str) -> bool:
        """Whether the catalog uses a query word, or the word vectors give it (or its correction) a meaning."""
        return (
            term in self.postings
            or word in self.acronyms
            or word in self.glued
            or (self.vectors is not None and meaning_term in self.vectors)
        )

    def _add_meaning(self, meaning: dict[str, float], term: str) -> None:
        if self.vectors is not None and term in self.vectors:
            meaning[term] = self.weight(term)

    def _intent(self, words: list[str], stems: list[str], opening: int | None, topic: list[bool]) -> Intent | None:
        """The intent of the first phrase that signals one (the longest, where several start at one word).

        ``opening`` is the position of the query's first content word; ``topic`` says which
        words belong to its concepts.
        """
        for position in range(len(stems)):
            for length in range(min(self._max_trigger, len(stems) - position), 0, -1):
                found = self._triggers.get(tuple(stems[position : position + length]))
                if found is None or (found.first and position != opening):
                    continue
                if found.purpose and not (position > 0 and topic[position - 1]):
                    continue
                # "deduplicated corpora", "transcribed speech": a participle describes, it asks for no task.
                if length == 1 and words[position].endswith("ed"):
                    continue
                # "collections of video clips", "labels for toxic text": a plural noun that shares a
                # task's stem names things, not the task ("process" is a task as written).
                if (
                    length == 1
                    and found.first
                    and words[position].endswith("s")
                    and words[position] not in self._verbs_as_written
                ):
                    continue
                return found
        return None

    def _word_concept(self, word: str, term: str, is_last: bool) -> Concept:
        alternatives = [Alternative((term,), 1.0)]
        if word in self.acronyms:
            # The word as written in a name ("ties" finds TIES-Merging; "tie" does not).
            alternatives.append(Alternative((acronym_term(word),), 1.0))
        cap = self._idf_cap((term,))
        if word in self.glued:
            # The same word glued into a name ("lid" in GlotLID), never a stem of it.
            alternatives.append(Alternative((glued_term(word),), 1.0, cap))
        alternatives += self._glued([Alternative(s, SYNONYM_WEIGHT, cap) for s in self.synonyms.get((term,), ())])
        known = term in self.postings or word in self.acronyms or word in self.glued
        if not known and len(word) >= 5:
            for fixed in self.corrections(word):
                alternatives.append(Alternative((fixed,), TYPO_WEIGHT))
                fixed_cap = self._idf_cap((fixed,))
                alternatives += [
                    Alternative(s, TYPO_WEIGHT * SYNONYM_WEIGHT, fixed_cap) for s in self.synonyms.get((fixed,), ())
                ]
        if self.vectors is not None:
            # Words nearest in meaning: for a word the catalog never uses, its only way in;
            # for one it uses, the forms the stemmer does not join ("transparent" and
            # "transparency", "recognizer" and "recognition") and close synonyms.
            alternatives += [
                Alternative((near,), NEIGHBOUR_WEIGHT * similarity, cap)
                for near, similarity in self.vectors.neighbours.get(term, ())
                if near in self.postings
            ]
        if is_last and len(word) >= MIN_PREFIX:
            alternatives += [Alternative((t,), PREFIX_WEIGHT) for t in self.completions(word) if t != term]
        return Concept(word, tuple(_dedupe(alternatives)))

    def _idf_cap(self, phrase: tuple[str, ...]) -> float | None:
        """A synonym may not weigh more than the words the user typed: a rare
        synonym of a common word ("eval" for "benchmark") would otherwise outrank it.

        Typed words weigh their rarity; a typed phrase the rarity of the resources
        having all its words (as its own match does), so a filler word in it ("text
        to speech") does not make its synonyms ("tts") weigh next to nothing.
        """
        if not all(t in self.postings for t in phrase):
            return None
        return self.idf(phrase[0]) if len(phrase) == 1 else self._phrase_idf(phrase, None)

    def _reference(self, concept: Concept) -> float:
        """What matching a concept in the tags is worth: the rarity of its best way of matching."""
        # A reader's own words may rarely meet in the catalog; their phrase weighs what its meaning weighs.
        own = tuple(self._content(concept.text.split())) if concept.reader else None
        rarities = [
            a.weight * self._alternative_idf(a)
            for a in concept.alternatives
            if all(t in self.postings for t in a.terms) and a.terms != own
        ]
        rarity = max(rarities) if rarities else self.weight("")
        return REFERENCE_WEIGHT * rarity

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Stems of indexed words within the allowed edit distance of ``word``, nearest and most common first."""
        stems: list[str] = []
        for candidate in self._nearest_words(word):
            term = self.surface[candidate]
            if term not in stems:
                stems.append(term)
        return stems[:limit]

    def _nearest_words(self, word: str) -> list[str]:
        """Indexed words within one edit (words up to 7 letters) or two (longer words) of ``word``.

        Only words of letters that start with the same letter are considered: typos
        rarely hit the first letter, numbers are not misspelt, and it keeps this fast.
        """
        known = self._nearest_cache.get(word)
        if known is None:
            known = tuple(self._find_nearest_words(word))
            _keep(self._nearest_cache, word, known, NEAREST_KEPT)
        return list(known)

    def _find_nearest_words(self, word: str) -> list[str]:
        budget = 1 if len(word) <= 7 else 2
        found: list[tuple[int, int, str]] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            for candidate in self._buckets.get((word[0], length), ()):
                distance = bounded_edit_distance(word, candidate, budget)
                if distance <= budget:
                    found.append((distance, -len(self.postings[self.surface[candidate]]), candidate))
        found.sort()
        return [candidate for _, _, candidate in found]

    def completions(self, prefix: str, limit: int = 8) -> list[str]:
        """Stems of indexed words starting with ``prefix`` (the word being typed), most common first."""
        start = bisect.bisect_left(self._sorted_words, prefix)
        found: set[str] = set()
        for candidate in self._sorted_words[start:]:
            if not candidate.startswith(prefix):
                break
            found.add(self.surface[candidate])
        return sorted(found, key=lambda t: (-len(self.postings[t]), t))[:limit]

    # -- ranking -----------------------------------------------------------------

    def query_vector(self, reading: Reading) -> Vector | None:
        if self.vectors is None:
            return None
        return self._centred(self.vectors.embed(reading.meaning))

    def _ranking(self, text: str) -> Ranking | None:
        """Every resource's strength (whether it is a strong match), its place in the order, its
        coverage of the query and the ways it matched; kept for the last few queries, since a
        caller often asks for the best few and for the count of strong matches of one query."""
        if text in self._ranking_cache:
            return self._ranking_cache[text]
        reading = self.read(text)
        concepts = reading.concepts
        if not concepts:
            return None
        scores: dict[str, float] = {}
        matched: dict[str, float] = {}
        ways: list[tuple[Alternative, dict[str, float]]] = []
        references = [self._reference(concept) for concept in concepts]
        # A long question is scored against its few weightiest concepts, so that a
        # resource answering its topic is not diluted by every other word it uses.
        total_reference = _plain_sum(sorted(references, reverse=True)[:REFERENCE_CONCEPTS])
        for concept, reference in zip(concepts, references, strict=True):
            pairs = [(a, self._alternative_scores(a, concept.context)) for a in concept.alternatives]
            found = [m for _, m in pairs if m]
            if not found:
                continue
            ways += [(a, m) for a, m in pairs if m]
            # With one way of matching, best == total and value + ACCUMULATE * 0.0 == value.
            combined = found[0] if len(found) == 1 else _combine(found)
            get = scores.get
            for doc_id, value in combined.items():
                scores[doc_id] = get(doc_id, 0.0) + value
                matched[doc_id] = matched.get(doc_id, 0.0) + reference
        lexical: dict[str, float] = {}
        coverages: dict[str, float] = {}
        for doc_id, score in scores.items():
            coverage = min(1.0, matched[doc_id] / total_reference)
            coverages[doc_id] = coverage
            lexical[doc_id] = score / total_reference * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage * coverage)
        query_vector = self.query_vector(reading)
        strength = self._blend(lexical, query_vector, reading, text)
        order = strength
        if query_vector is not None and PRF_DOCS:
            # Pseudo-relevance feedback: the best few resources say what the query is
            # about better than its words do, so their average vector joins the query's
            # to reorder the best PRF_POOL. Whether a resource is a strong match is
            # decided before it, since the best few of a nonsense query would confirm themselves.
            best = heapq.nsmallest(PRF_POOL, strength.items(), key=lambda item: (-item[1], item[0]))
            centre = _mean([self.doc_vectors[d] for d, _ in best[:PRF_DOCS] if d in self.doc_vectors])
            if centre is not None:
                expanded = normalise([q + PRF_WEIGHT * c for q, c in zip(query_vector, centre, strict=True)])
                pool = [d for d, _ in best]
                order = {**strength, **self._blend(lexical, expanded, reading, text, pool)}
        if reading.modality is not None:
            order = self._of_modality(order, reading.modality)
        elif reading.text_model:
            order = self._of_text_model(order)
        if reading.multilingual:
            order = self._of_many_languages(order)
        order = self._diversify(self._recommended_first(order))
        if query_vector is not None:
            strength = self._own_words_once(strength, lexical, query_vector, reading, text)
        if reading.modality is not None:
            strength = self._of_modality(strength, reading.modality)
        ranking = (strength, order, coverages, ways)
        _keep(self._ranking_cache, text, ranking, RANKINGS_KEPT)
        return ranking

    def _own_words_once(
        self,
        strength: dict[str, float],
        lexical: dict[str, float],
        query_vector: Vector,
        reading: Reading,
        text: str,
    ) -> dict[str, float]:
        """Strengths in which a query word that few resources use counts once for each of them.

        The word already counts as a word match; closeness in meaning then speaks only for
        the rest of the resource ("Ties subset" makes RewardBench no answer to "how to tie
        a tie", while a benchmark about hazardous knowledge still is one). Only whether a
        resource is a strong match changes, not the order.
        """
        assert self.vectors is not None
        owners: dict[str, list[str]] = {}
        for term, _ in reading.meaning:
            for doc_id in self._own_words.get(term, {}):
                if doc_id in self._scales:
                    owners.setdefault(doc_id, []).append(term)
        if not owners:
            return strength
        rest: dict[str, Vector | None] = {}
        for doc_id, owned in sorted(owners.items()):
            # The sum behind the resource's vector, recovered from it: length x (average + apart x vector).
            length, apart = self._scales[doc_id]
            centre = self.centre or ()
            total = [length * (m + apart * x) for m, x in zip(centre, self.doc_vectors[doc_id], strict=True)]
            for term in owned:
                weight = self._own_words[term][doc_id]
                vector = self.vectors.vector(term)
                assert vector is not None
                total = [t - weight * v for t, v in zip(total, vector, strict=True)]
            rest[doc_id] = self._centred(normalise(total))
        return {**strength, **self._blend(lexical, query_vector, reading, text, sorted(rest), rest)}

    def _of_modality(self, scores: dict[str, float], modality: str) -> dict[str, float]:
        """Scores in which a resource lacking ``modality``, or carrying another (text aside), keeps ``MODALITY_KEEP``.

        A resource without ``modality`` is no answer to data of it, and neither is one that
        carries another as well: a speech corpus, transcripts and all, for "a text corpus". Kinds
        of text (``modality_tags``: code) are text: a code corpus is an answer to "a text corpus",
        and a web corpus that holds some code is no answer to "a code dataset".
        """
        allowed = {modality, "text", *(kind for kind, _ in self.rules.modality_tags)}
        changed = {
            doc_id: score * MODALITY_KEEP
            for doc_id, score in scores.items()
            if (found := self.modalities.get(doc_id)) is not None
            and (modality not in found or any(m not in allowed for m in found))
        }
        return {**scores, **changed} if changed else scores

    def _of_many_languages(self, scores: dict[str, float]) -> dict[str, float]:
        """Scores in which a resource covering English alone or one language keeps ``LANGUAGES_KEEP``.

        An English benchmark is no answer to "a multilingual ASR benchmark"; a resource whose
        coverage is not recorded, or that works on any language, is not discounted.
        """
        changed = {d: scores[d] * LANGUAGES_KEEP for d in self.few_languages if d in scores}
        return {**scores, **changed} if changed else scores

    def _of_text_model(self, scores: dict[str, float]) -> dict[str, float]:
        """Scores in which a resource whose name or tags name another modality it carries keeps ``TEXT_MODEL_KEEP``.

        For a query about a model of text ("red team an LLM"): an audio jailbreak benchmark
        (tagged "audio-jailbreak", "speech-llm") is about another kind of model, while a red-teaming
        tool that handles images and speech as well as text is not discounted.
        """
        changed = {doc_id: scores[doc_id] * TEXT_MODEL_KEEP for doc_id in self._named_modalities if doc_id in scores}
        return {**scores, **changed} if changed else scores

    def _recommended_first(self, order: dict[str, float]) -> dict[str, float]:
        """The order with each resource the best practices cite lifted (see ``RECOMMENDED_BOOST``)."""
        if not self.recommended or not RECOMMENDED_BOOST:
            return order
        step = RECOMMENDED_BOOST / RECOMMENDED_CAP
        cited = self.recommended
        return {d: s * (1 + step * min(cited[d], RECOMMENDED_CAP)) if d in cited else s for d, s in order.items()}

    def _diversify(self, order: dict[str, float]) -> dict[str, float]:
        """Within the best ``DIVERSITY_POOL``, a resource with ``FAMILY_KEEP`` of its family above it moves down.

        "Llama Guard 3" below "Llama Guard" and "Llama Guard 4" keeps ``FAMILY_DISCOUNT``
        of its score, so a different resource on the same need can take its place; two of
        a family still stand side by side ("The Stack" and "The Stack v2").
        """
        if not self._family:
            return order
        best = heapq.nsmallest(DIVERSITY_POOL, order.items(), key=lambda item: (-item[1], item[0]))
        seen: Counter[str] = Counter()
        changed: dict[str, float] = {}
        for doc_id, score in best:
            key = self._family.get(doc_id)
            if key is None:
                continue
            if seen[key] >= FAMILY_KEEP:
                changed[doc_id] = score * FAMILY_DISCOUNT
            seen[key] += 1
        return {**order, **changed} if changed else order

    def search(
        self, text: str, allowed: set[str] | None = None, limit: int | None = 20, *, strong: bool = False
    ) -> list[tuple[str, float]]:
        """Resources by score, best first; with ``strong``, only those at or above ``STRONG_MATCH``."""
        ranking = self._ranking(text)
        if ranking is None:
            return []
        strength, order, coverages, ways = ranking
        floor = STRONG_MATCH if strong else 0.0
        unexplained: set[str] = set()
        said: frozenset[str] | None = None
        if strong:
            # A query that is a resource's name asks for it, and for what says that name: "the pile"
            # finds the Pile and its datasheet, not Pile of Law, which shares one of its words.
            key = compact(text)
            exact = self._by_name.get(key)
            if exact:
                said = frozenset(exact) | self._mentions.get(key, frozenset())
            named = self._named(text)
            unexplained = {
                doc_id
                for doc_id, score in strength.items()
                if round(score, 6) >= floor
                and coverages.get(doc_id, 0.0) < NAME_ONLY_COVERAGE
                and doc_id not in named
                and self._only_by_name(doc_id, ways)
            }
        ranked = [
            (doc_id, score)
            for doc_id, score in order.items()
            if score > 0
            and (allowed is None or doc_id in allowed)
            and (not strong or (round(strength.get(doc_id, 0.0), 6) >= floor and doc_id not in unexplained))
            and (said is None or doc_id in said)
        ]
        if limit is not None and len(ranked) > limit:
            # Only the best need rounding and sorting. Rounding moves a score by at
            # most 5e-7, so everything within 1e-6 of the limit-th raw score stays
            # in, ties included, and the result equals a full sort.
            cutoff = heapq.nlargest(limit, (score for _, score in ranked))[-1] - 1e-6
            ranked = [item for item in ranked if item[1] >= cutoff]
        rounded = [(doc_id, round(score, 6)) for doc_id, score in ranked]
        rounded.sort(key=lambda item: (-item[1], item[0]))
        return rounded if limit is None else rounded[:limit]

    def _only_by_name(self, doc_id: str, ways: list[tuple[Alternative, dict[str, float]]]) -> bool:
        """Whether every way the resource matches the query goes through a word only its name uses."""
        own = self._name_only.get(doc_id)
        if not own:
            return False
        return not any(doc_id in found and not any(t in own for t in a.terms) for a, found in ways)

    def _blend(
        self,
        lexical: dict[str, float],
        query_vector: Vector | None,
        reading: Reading,
        text: str,
        only: list[str] | None = None,
        vectors: Mapping[str, Vector | None] | None = None,
    ) -> dict[str, float]:
        """Word match plus closeness in meaning, the intent's favour and an exact name's bonus.

        For every resource, or for ``only`` these (each then has a score, 0.0 included),
        with the meaning vectors in ``vectors`` instead of the resources' own.
        """
        if self._doc_tuples is None:
            self._doc_tuples = {d: tuple(v) for d, v in self.doc_vectors.items()}
        candidates: list[tuple[str, Vector]]
        if only is None:
            final = dict(lexical)
            candidates = list(self._doc_tuples.items())
        elif vectors is not None:
            final = {d: lexical.get(d, 0.0) for d in only}
            candidates = [(d, v) for d in only if (v := vectors.get(d)) is not None]
        else:
            final = {d: lexical.get(d, 0.0) for d in only}
            candidates = [(d, self._doc_tuples[d]) for d in only if d in self._doc_tuples]
        if query_vector is not None:
            # Closeness in meaning speaks only for the words that have a meaning here: a query
            # half made of words the catalog neither uses nor knows ("hello world") keeps half of it.
            scale = SEMANTIC_WEIGHT / (1 - SEMANTIC_BASELINE) * (1 - reading.unknown)
            query = tuple(query_vector)
            for doc_id, vector in candidates:
                closeness = dot(query, vector) - SEMANTIC_BASELINE
                if closeness > 0:
                    final[doc_id] = final.get(doc_id, 0.0) + scale * closeness
        favour = reading.intent.favour if reading.intent else ()
        disfavour = reading.intent.disfavour if reading.intent else ()
        if favour or disfavour:
            for doc_id, score in final.items():
                kind = self.types.get(doc_id)
                if kind in favour:
                    final[doc_id] = score * (1 + INTENT_BOOST)
                elif kind in disfavour:
                    final[doc_id] = score * INTENT_DISCOUNT
        for doc_id, bonus in self._named(text).items():
            if only is None or doc_id in final:
                final[doc_id] = final.get(doc_id, 0.0) + bonus
        if query_vector is not None and self.question_vectors:
            self._add_question_closeness(final, tuple(query_vector), reading, only)
        return final

    def _add_question_closeness(
        self, final: dict[str, float], query: tuple[float, ...], reading: Reading, only: list[str] | None
    ) -> None:
        """Adds to the best resources (or to ``only`` these) the weighted closeness of their readers'
        question nearest the query."""
        # Left as arrays: only the pool's few hundred products are taken, fewer than a conversion costs.
        asked = self.question_vectors
        if only is None:
            only = [d for d, _ in heapq.nsmallest(QUESTION_POOL, final.items(), key=lambda item: (-item[1], item[0]))]
        lift = QUESTION_WEIGHT * (1 - reading.unknown)
        for doc_id in [d for d in only if d in asked]:
            nearest = max(dot(query, vector) for vector in asked[doc_id])
            if nearest > QUESTION_BASELINE:
                final[doc_id] = final.get(doc_id, 0.0) + lift * (nearest - QUESTION_BASELINE)

    def _named(self, text: str) -> dict[str, float]:
        """Resources the query names: all of it (EXACT_NAME_BONUS), or all it asks about (NAMED_BONUS).

        A question names a resource when the resource's name is a run of its words and
        the rest is scaffolding, filler or the kind of resource wanted ("how do I use
        datatrove", "is there a paper about the pile"); "search the C4 corpus" names no
        resource, it asks for one that searches C4.
        """
        found = dict.fromkeys(self._by_name.get(compact(text), []), EXACT_NAME_BONUS)
        words = tokens(text)
        kinds = self._kind_words
        asked = [i for i, w in enumerate(words) if w not in self.rules.stopwords and stem(w) not in kinds]
        for start in range(len(words)):
            for length in range(1, min(self._max_name, len(words) - start) + 1):
                named = self._by_name_words.get(tuple(words[start : start + length]))
                if named and all(start <= i < start + length for i in asked):
                    for doc_id in named:
                        found.setdefault(doc_id, NAMED_BONUS)
        return found

    def _alternative_scores(self, alternative: Alternative, context: bool = False) -> dict[str, float]:
        """resource -> score for resources containing every term of the alternative.

        For a ``context`` concept (the reader's own thing), a match in a resource's name
        weighs less (see ``CONTEXT_NAME_WEIGHT``). The result may be a shared dict from
        the index: callers must not change it.
        """
        postings = []
        for term in alternative.terms:
            found = self.postings.get(term)
            if found is None:
                return {}
            if context and term in self._context_postings:
                found = {**found, **self._context_postings[term]}
            postings.append(found)
        weight = alternative.weight
        if context and len(postings) == 1:
            idf = self._term_idf(alternative.terms[0], alternative.idf_cap)
            return {d: weight * (v * idf) for d, v in postings[0].items()}
        if len(postings) == 1:
            term = alternative.terms[0]
            idf = self._term_idf(term, alternative.idf_cap)
            if idf == self.idf(term):
                scored = self._scored(term)
                return scored if weight == 1.0 else {d: weight * v for d, v in scored.items()}
            return {d: weight * (v * idf) for d, v in postings[0].items()}
        smallest = min(postings, key=len)
        common = set(smallest).intersection(*postings)
        # A phrase is as rare as the resources that have all its words, which says
        # more than its words' rarities do ("open source ai" against "open", "source", "ai").
        idf = self._phrase_idf(alternative.terms, alternative.idf_cap)
        out: dict[str, float] = {}
        count = len(postings)
        for doc_id in smallest:
            if doc_id in common:
                total = 0.0
                for p in postings:
                    total += p[doc_id]
                out[doc_id] = weight * (total / count) * idf
        return out

    def _alternative_idf(self, alternative: Alternative) -> float:
        if len(alternative.terms) == 1:
            return self._term_idf(alternative.terms[0], alternative.idf_cap)
        return self._phrase_idf(alternative.terms, alternative.idf_cap)

    def _phrase_idf(self, phrase: tuple[str, ...], cap: float | None) -> float:
        """The rarity of the resources having every word of ``phrase`` (all of them known), at most ``cap``."""
        found = self._phrase_cache.get(phrase)
        if found is None:
            # Every resource that writes the words counts, where it negates them too (see _negated).
            writers = [set(self.postings[t]).union(self._negated.get(t, ())) for t in phrase]
            smallest = min(writers, key=len)
            found = rarity(self.document_count, sum(1 for d in smallest if all(d in w for w in writers)))
            self._phrase_cache[phrase] = found
        return found if cap is None else min(found, cap)

    def _scored(self, term: str) -> dict[str, float]:
        """Field weight times idf, per resource, for one term (computed once)."""
        found = self._scored_cache.get(term)
        if found is None:
            idf = self.idf(term)
            found = {d: v * idf for d, v in self.postings[term].items()}
            self._scored_cache[term] = found
        return found

    def _term_idf(self, term: str, cap: float | None) -> float:
        idf = self.idf(term)
        return idf if cap is None else min(idf, cap)

    def closest_sections(self, text: str, limit: int = 3) -> list[str]:
        """Ids of the sections nearest to the query: shared words first, then closeness in meaning."""
        reading = self.read(text)
        # The words as the reader wrote them (each concept's first alternative), not their synonyms.
        wanted = {t for c in reading.concepts for t in c.alternatives[0].terms}
        query_vector = self.query_vector(reading)
        scored = []
        for section_id, section_terms, vector in self.sections:
            shared = sum(1 for t in section_terms if t in wanted)
            closeness = dot(query_vector, vector) if query_vector is not None and vector is not None else 0.0
            if shared or closeness > SEMANTIC_BASELINE:
                scored.append((-shared, -round(closeness, 6), section_id))
        scored.sort()
        return [section_id for _, _, section_id in scored[:limit]]

    def suggest(self, text: str) -> str | None:
        """A corrected query with strong matches, when some words are unknown and close to known ones."""
        changed = False
        fixed_words = []
        for word in query_words(text, self.rules.stopwords):
            term = stem(word)
            # A word the catalog knows, or a real word it does not use ("bread"), is not a typo.
            known = (
                term in self.postings
                or word in self.acronyms
                or word in self.glued
                or (term,) in self.synonyms
                or (self.vectors is not None and term in self.vectors)
            )
            if known or len(word) < 4:
                fixed_words.append(word)
                continue
            candidates = self._nearest_words(word)
            if candidates:
                fixed_words.append(candidates[0])
                changed = True
            else:
                fixed_words.append(word)
        if not changed:
            return None
        fixed = " ".join(fixed_words)
        # Only a correction that finds something is worth offering.
        return fixed if self.search(fixed, limit=1, strong=True) else None


def _saturated(weight: float, tf: int) -> float:
    """A field's weight for a term used ``tf`` times: repeats saturate (BM25's term frequency)."""
    return weight * tf / (tf + 0.5)


def _keep(cache: dict[str, Any], key: str, value: Any, size: int) -> None:
    """Remember ``value`` under ``key``, forgetting the oldest entry when ``size`` are kept."""
    if len(cache) >= size:
        cache.pop(next(iter(cache)))
    cache[key] = value


def family(name_words: Sequence[str]) -> str | None:
    """The family a name belongs to: its first two words that are no version number.

    "Llama Guard 3" and "Llama Guard 4 (12B)" are both "llama guard", "OLMo 3" is "olmo"
    (a one-word family: only "OLMo" and its versions), "Llama 3" is not a Llama Guard.
    """
    words = [w for w in name_words if not any("0" <= ch <= "9" for ch in w)]
    return " ".join(words[:2]) if words else None


_ALIASED = re.compile(r"(.*[^\s(])\s*\(([^()]+)\)\s*")
# A bracket opening with one of these words lists names the resource went by before ("Arena
# (formerly LMArena, Chatbot Arena)"): each is a name of it too, so a reader who knows only the
# old name still finds it first.
FORMER_NAME_WORDS = ("formerly", "previously")
_FORMER_NAMES_SPLIT = re.compile(r",|\band\b|\bor\b")


def name_aliases(name: str) -> list[str]:
    """Other names a name gives itself (run together, as :func:`compact` does): "MMLU (Measuring
    Massive Multitask Language Understanding)" is also "MMLU", "Bias Benchmark for QA (BBQ)" also
    "BBQ" (an acronym in brackets, written in capitals), "Arena (formerly LMArena, Chatbot Arena)"
    also each former name, while "(Anthropic)" qualifies a name.
    """
    return [a for a in (compact(text) for text in alias_texts(name)) if a]


def alias_texts(name: str) -> list[str]:
    """The other names a name gives itself, as written (see :func:`name_aliases`)."""
    found = _ALIASED.fullmatch(name)
    if found is None:
        return []
    before, inside = found.group(1), found.group(2)
    texts = [before]
    opening, _, rest = inside.strip().partition(" ")
    if opening.lower() in FORMER_NAME_WORDS:
        return texts + _FORMER_NAMES_SPLIT.split(rest)
    words = tokens(inside)
    caps = capitalised(inside)
    if words and all(w in caps or w.isdigit() for w in words):
        texts.append(inside)
    return texts


def mentions(
    documents: Sequence[tuple[str, Mapping[str, Sequence[str]]]], names: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Per name (run together, as :func:`compact` does, aliases included), the resources whose words
    say it: its words in a row in any field of ``documents`` (id -> field -> words)."""
    # By first word and length, so that each word of a text is compared once per length of name.
    forms: dict[str, dict[int, set[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(set))
    for name in names.values():
        for text in (name, *alias_texts(name)):
            form = tuple(tokens(text))
            if form:
                forms[form[0]][len(form)].add(form)
    found: dict[str, set[str]] = defaultdict(set)
    for doc_id, fields in documents:
        for said in fields.values():
            for i, word in enumerate(said):
                for size, named in forms.get(word, {}).items():
                    run = tuple(said[i : i + size])
                    if run in named:
                        found["".join(run)].add(doc_id)
    return {key: frozenset(ids) for key, ids in sorted(found.items())}


def _occurs(phrase: Sequence[str], words: Sequence[str], at: int | None = None) -> bool:
    """Whether ``phrase`` is a run of ``words``: starting at ``at``, or anywhere."""
    starts = range(len(words) - len(phrase) + 1) if at is None else (at,)
    return any(tuple(words[i : i + len(phrase)]) == tuple(phrase) for i in starts)


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z0-9])")


def first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence: a full stop, "!" or "?" before a capital or a digit."""
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def negated(text: str, rules: QueryRules, span: int = NEGATION_SPAN) -> list[bool]:
    """Per word of ``text`` (see :func:`tokens`), whether the text says the resource is not it.

    A negation of ``rules`` ("not", "no", "rather than") negates the words after it up to the
    end of its clause: a punctuation mark of ``negation_breaks``, a word that opens a new clause
    ("but", "and"), or ``span`` words of the topic (filler is not counted, and words joined by
    hyphens count as one: "not an OSI open-source licence" negates "OSI", "open-source" and
    "licence"). A phrase of ``negations_unless`` ("not only") negates nothing; nor does a
    negation joined by a hyphen to the next word ("no-code"), or one written with a capital
    inside a sentence: it is part of a name ("the Do Not Train registry").
    """
    words = tokens(text)
    out = [False] * len(words)
    if not rules.negations:
        return out
    between = gaps(text)
    cased = written(text)
    breaks = set(rules.negation_breaks)
    longest = max(len(p) for p in rules.negations)

    def clause_ends(position: int) -> bool:
        return any(ch in breaks for ch in between[position])

    i = 0
    while i < len(words):
        found = 0
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            if phrase in rules.negations and not any(clause_ends(k) for k in range(i + 1, i + size)):
                found = size
                break
        if not found or any(_occurs(p, words, at=i) for p in rules.negations_unless):
            i += 1
            continue
        after = i + found
        capital = cased[i][:1].isupper() and i > 0 and not any(ch in ".!?:" for ch in between[i])
        if capital or (after < len(words) and between[after] == "-"):
            i = after
            continue
        counted = 0
        j = after
        while j < len(words) and counted < span and not clause_ends(j) and words[j] not in rules.negations_until:
            out[j] = True
            if words[j] not in rules.stopwords and not (j + 1 < len(words) and between[j + 1] == "-"):
                counted += 1
            j += 1
        i = j
    return out


def acronym_term(word: str) -> str:
    """The term of a word a resource's name writes in capitals: the word itself, in capitals.

    Stems are lowercase, so no stem of another word meets it: "tie" (and "tied")
    stem to "tie", but only "ties" finds TIES-Merging.
    """
    return word.upper()


def glued_term(word: str) -> str:
    """The term of a part of a word a name glues together ("lid" in GlotLID): the part, marked.

    No stem, completion or correction of a query word meets it: only the same word does.
    """
    return "+" + word


def _acronyms_written(fields: Mapping[str, str], known: frozenset[str]) -> dict[str, frozenset[str]]:
    """Per field of a resource, the acronyms (words some name writes in capitals) it uses as such.

    Every field of a resource whose name writes the acronym ("TIES-Merging", tagged
    "ties"); elsewhere a field that writes it in capitals too ("merges with TIES"), or
    a tag, since tags are written in lowercase ("ties"). "Ties subset" stays the word.
    """
    own = acronyms(fields.get("name", ""))
    out = {}
    for name, text in fields.items():
        used = set(own)
        if known:
            used.update(w for w in (tokens(text) if name == "tags" else capitalised(text)) if w in known)
        out[name] = frozenset(used)
    return out


def _terms_of(words: Sequence[str], acronym_words: frozenset[str]) -> list[str]:
    """Index terms of a field's words: stems, but acronyms as written."""
    if not acronym_words:
        return [stem(w) for w in words]
    return [acronym_term(w) if w in acronym_words else stem(w) for w in words]


def _combine(found: list[dict[str, float]]) -> dict[str, float]:
    """One concept's score per resource from the scores of its alternatives.

    The best way of matching counts fully; other ways of saying the same thing (a
    synonym in the tags, the full phrase in the description) add a little, so
    resources that are really about the concept rise.
    """
    best = dict(found[0])
    total = dict(found[0])  # 0.0 + value == value
    for scores in found[1:]:
        for doc_id, value in scores.items():
            so_far = total.get(doc_id)
            if so_far is None:
                total[doc_id] = value
                best[doc_id] = value
            else:
                total[doc_id] = so_far + value
                if value > best[doc_id]:
                    best[doc_id] = value
    return {doc_id: value + ACCUMULATE * (total[doc_id] - value) for doc_id, value in best.items()}


def _plain_sum(values: list[float]) -> float:
    """Left to right, as the site adds (sum() compensates rounding on newer Pythons)."""
    total = 0.0
    for value in values:
        total += value
    return total


def rarity(count: int, found: int) -> float:
    """BM25's idf of a term found in ``found`` of ``count`` resources."""
    return math.log(1 + (count - found + 0.5) / (found + 0.5))


def _mean(vectors: list[Vector]) -> Vector | None:
    if not vectors:
        return None
    total = list(vectors[0])
    for vector in vectors[1:]:
        total = [t + v for t, v in zip(total, vector, strict=True)]
    return [t / len(vectors) for t in total]


def _average_lengths(tokenized: list[tuple[str, dict[str, list[str]]]]) -> dict[str, float]:
    totals: dict[str, int] = defaultdict(int)
    for _, fields in tokenized:
        for name, words in fields.items():
            totals[name] += len(words)
    count = max(1, len(tokenized))
    return {name: max(1.0, totals[name] / count) for name in FIELD_WEIGHTS}


def query_words(text: str, stopwords: frozenset[str] | None = None) -> list[str]:
    """The words of a query without filler words (unless nothing else is left)."""
    words = tokens(text)
    drop = bundled_rules().stopwords if stopwords is None else stopwords
    kept = [w for w in words if w not in drop]
    return kept or words


def compact(text: str) -> str:
    """Text reduced to its words run together: how exact-name matches are compared."""
    return "".join(tokens(text))


def _dedupe(alternatives: list[Alternative]) -> list[Alternative]:
    best: dict[tuple[str, ...], Alternative] = {}
    for alternative in alternatives:
        if alternative.terms not in best or best[alternative.terms].weight < alternative.weight:
            best[alternative.terms] = alternative
    return list(best.values())
