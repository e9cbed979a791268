"""The site's search (static/search.js) reads and ranks queries exactly as the library does.

Python writes fixtures: for the benchmark queries and for queries generated from the
catalog's own words (keywords, typos, half-typed words, questions), the reading of
each query, the top 10 with scores, the number of strong matches, the closest
sections and the suggestion, with the word vectors and without them (the site's
fallback until they load), plus the stem of every word. Node runs
tests/js/search_conformance.test.mjs on them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from fmcheatsheet import Catalog, semantic
from fmcheatsheet.search import SearchIndex, bundled_rules, negated
from fmcheatsheet.site.searchdata import search_index_bytes
from fmcheatsheet.textnorm import stem, tokens
from tests.conftest import untraced

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks" / "search"
JS_TEST = ROOT / "tests" / "js" / "search_conformance.test.mjs"
EDGE_WORDS = [
    "anonymise", "anonymization", "supervised", "supervision", "precise", "documents", "documentation", "bias",
    "process", "glass", "ness", "a", "abc", "2024", "tokenizers", "deduplicating", "optimisers", "exercises",
    "licence", "licensing", "modelling", "behaviours", "centres", "dialogue", "dialog", "analyzed", "clips", "clip",
]  # fmt: skip
# Texts whose negations are read alike by both engines, besides every description of the catalog.
EDGE_TEXTS = [
    "Robustness to everyday image degradation, not adversarial attacks; the code is Apache-2.0.",
    "A leaderboard rather than a test suite, and not an OSI open-source licence.",
    "Not only text but also images. A not-for-profit lab's no-code tool for non-commercial use.",
    "Spawning's Do Not Train registry. Not for training, nor for evaluation (instead of MMLU).",
    "without", "not", "rather than", "Fine-tune without writing code but with a GUI",
]  # fmt: skip


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: `make test` installs Debian's nodejs")
        pytest.skip("node is not installed (`make test` installs it)")
    return found


# Acronyms in names (TIES, ROOTS, HALIE): the word as written, its stem, its start, a phrase.
ACRONYM_QUERIES = ["ties", "tie", "TIES-Merging", "how to tie a tie", "root", "roots corpus", "hali", "halie", "flores"]
# Acronyms glued into names (GlotLID, OpenRLHF, ArabicMMLU): the word, its plural, its start, a synonym.
# Names with another name in brackets: the name before it, an acronym in it, a qualifier.
ALIAS_QUERIES = ["MMLU", "mmlu", "BBQ", "bias benchmark for qa", "anthropic", "AIR 2024", "nllb lid"]
GLUED_QUERIES = ["lid", "LID", "lids", "li", "language identification", "rlhf", "rlhf trainer", "mmlu", "clip"]


# Families of resources (Llama Guard, ShieldGemma, SWE-bench, LLaVA): several members among the best.
FAMILY_QUERIES = ["llama guard", "safety classifier for images", "swe-bench", "llava", "shieldgemma", "olmo", "qwen"]
# Articles and possessives inside the vocabulary's phrases (curly and plural apostrophes too).
POSSESSIVE_QUERIES = [
    "was it in a model's pretraining data",
    "in the models' training data",
    "in my model’s training data",
    "in training data",
    "llm as judge",
    "what's the best way to find the model's data",
    "the model's",
    "it's a model's",
]
# The reader's own thing ("my chatbot", "our own model"): context, whose matches in names weigh less.
CONTEXT_QUERIES = [
    "source code to train a code model",
    "video clips with captions for training a video model",
    "how to train a chatbot",
    "a library for training a tokenizer",
    "captions to fine tune the model on",
    "how do I evaluate my chatbot for harmful outputs?",
    "chatbot arena",
    "evaluate our own chatbot",
    "red team my llm automatically",
    "my take on chatbot",
    "your llava model",
    "a LLaVA-style model",
    "gpt-like chatbot, llava like",
    "Ünï-based-style x-",
]
# Words only one resource uses ("Ties subset" in RewardBench, "hazardous" in WMDP), alone and with others.
# A light verb after scaffolding asks for a way to do what follows; opening a query it asks nothing.
LIGHT_VERB_QUERIES = [
    "how do I do instruction tuning on my own data",
    "how can I perform deduplication",
    "is there a way to carry out red teaming",
    "do LLMs memorise their training data",
    "how do I do",
]
# Data of a named modality ("a text corpus"); "hate speech" is a topic, not a modality.
MODALITY_QUERIES = [
    "a multilingual web text corpus",
    "speech datasets for african languages",
    "hate speech datasets",
    "video captions for training",
    "image dataset",
    "permissively licensed source code dataset",
    "openly licensed code data for a code model",
    "datasets in many programming languages",
    "VLM training code",
]
# A model of text named without "text" ("an LLM", "a chat model"), unless another modality is named.
TEXT_MODEL_QUERIES = [
    "red team an LLM",
    "how do I red team an LLM before release",
    "jailbreak a chat model",
    "benchmark for vision language models",
    "jailbreak an LLM with audio",
    "speech llm",
]
# Scaffolding however it is written.
SCAFFOLD_QUERIES = ["what's the easiest way to train a reward model", "easiest way to dedup"]
# Data the reader has, after a task and its object, is context.
DATA_HAD_QUERIES = [
    "train a reward model from human preference data",
    "remove NSFW images from a scraped image dataset",
    "how do I do instruction tuning on my own data",
    "fine-tune llama on a dataset",
]
OWN_WORD_QUERIES = ["tie", "bow tie", "tie knots", "hazardous knowledge", "hazardous", "tie reward model"]


def benchmark_queries() -> list[str]:
    queries = [q["query"] for name in ("queries", "questions", "heldout") for q in _load(name)["queries"]]
    extra = ACRONYM_QUERIES + GLUED_QUERIES + ALIAS_QUERIES + FAMILY_QUERIES + OWN_WORD_QUERIES
    extra += POSSESSIVE_QUERIES + CONTEXT_QUERIES + LIGHT_VERB_QUERIES + MODALITY_QUERIES + TEXT_MODEL_QUERIES
    extra += SCAFFOLD_QUERIES + DATA_HAD_QUERIES
    return queries + list(_load("nonsense")["queries"]) + extra


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((BENCHMARKS / f"{name}.yaml").read_text(encoding="utf-8"))
    return loaded


def generated_queries(catalog: Catalog, count: int = 200) -> list[str]:
    """Queries made from the catalog's words: keywords, typos, half-typed words and questions."""
    rng = random.Random(19)
    words = sorted({w for r in catalog for w in tokens(f"{r.name} {' '.join(r.tags)} {r.description}") if len(w) > 2})
    openings = ["how do i", "is there a way to", "where can i find", "which", "what should i use to", ""]
    out = []
    for i in range(count):
        picked = rng.sample(words, rng.randint(1, 4))
        kind = i % 5
        if kind == 1:  # a typo: two letters swapped
            word = picked[0]
            if len(word) > 4:
                at = rng.randrange(1, len(word) - 2)
                picked[0] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif kind == 2:  # still typing
            picked[-1] = picked[-1][: max(3, len(picked[-1]) // 2)]
        elif kind == 3:
            picked.insert(0, rng.choice(openings))
        text = " ".join(p for p in picked if p)
        out.append(text + ("?" if kind == 3 else ""))
    return out


def cases(index: SearchIndex, queries: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "query": query,
            "reading": index.read(query).as_dict(),
            "ranked": [[doc_id, score] for doc_id, score in index.search(query, limit=10)],
            "strong": len(index.search(query, limit=None, strong=True)),
            "sections": index.closest_sections(query),
            "suggestion": index.suggest(query),
        }
        for query in queries
    ]


@pytest.fixture(scope="module")
def fixtures(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    catalog = Catalog.load()
    folder = tmp_path_factory.mktemp("conformance")
    (folder / "search.json").write_bytes(search_index_bytes(catalog))
    queries = benchmark_queries() + generated_queries(catalog)
    vectors = semantic.bundled()
    assert vectors is not None, "the package ships its word vectors"
    words = sorted(catalog.search_index.surface) + EDGE_WORDS
    # Hundreds of rankings: the search's code paths are traced by tests/test_search.py.
    with untraced(request.config):
        modes = [
            {
                "name": "with word vectors",
                "vectors": str(semantic.TABLE),
                "cases": cases(catalog.search_index, queries),
            },
            {"name": "words alone", "vectors": None, "cases": cases(catalog.build_search_index(None), queries)},
        ]
    texts = [r.description for r in catalog] + EDGE_TEXTS
    data = {
        "search_json": str(folder / "search.json"),
        "texts": texts,
        "negated": [negated(text, bundled_rules()) for text in texts],
        "modes": modes,
        "words": words,
        "stems": [stem(w) for w in words],
    }
    path = folder / "fixtures.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_site_reads_and_ranks_queries_exactly_as_the_library(fixtures: Path) -> None:
    result = subprocess.run(
        [node(), "--test", str(JS_TEST)],
        env={**os.environ, "SEARCH_FIXTURES": str(fixtures)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_the_fixtures_cover_questions_typos_and_queries_with_no_answer(fixtures: Path) -> None:
    data = json.loads(fixtures.read_text(encoding="utf-8"))
    with_vectors = data["modes"][0]["cases"]
    assert len(with_vectors) > 500
    assert any(c["reading"]["dropped"] for c in with_vectors), "question scaffolding is dropped somewhere"
    assert any(c["reading"]["intent"] for c in with_vectors)
    assert any(c["strong"] == 0 and c["sections"] for c in with_vectors), "a query with no strong match"
    assert any(c["suggestion"] for c in with_vectors), "a misspelt query gets a suggestion"
