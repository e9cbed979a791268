"""Every input has a size limit, and what stays within the limits costs a bounded amount to build and search."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fmcheatsheet import Catalog
from fmcheatsheet.exports import ExportOptions
from fmcheatsheet.exports.pdf_export import to_full_pdf
from fmcheatsheet.model import MAX_PHRASE_LENGTH, MAX_SYNONYM_GROUP
from fmcheatsheet.urls import MAX_URL_LENGTH
from fmcheatsheet.yamlsource import MAX_FILE_BYTES
from tests.conftest import run_cli
from tests.factory import resource


def test_the_pdf_stays_small_with_the_longest_urls_allowed(make_catalog: Callable[..., Path]) -> None:
    """Each wrapped line of a link carried the whole URL: the PDF grew with the square of its length."""
    longest = [
        resource(
            f"big-{i}",
            name=f"Big {i}",
            featured=True,
            links={"website": f"https://example.org/{i}" + "a" * (MAX_URL_LENGTH - 21)},
        )
        for i in range(5)
    ]
    assert all(len(r["links"]["website"]) == MAX_URL_LENGTH for r in longest)
    catalog = Catalog.load(make_catalog(longest))
    started = time.monotonic()
    pdf = to_full_pdf(catalog, list(catalog), ExportOptions())
    assert time.monotonic() - started < 20
    assert len(pdf) < 1_000_000


def test_one_character_more_than_the_url_limit_is_refused(make_catalog: Callable[..., Path]) -> None:
    url = "https://example.org/" + "a" * (MAX_URL_LENGTH - 19)
    root = make_catalog([resource("long", links={"website": url})])
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 1 and f"links are limited to {MAX_URL_LENGTH:,}" in result.out


def test_search_stays_fast_with_the_largest_vocabulary_a_file_can_hold(
    make_catalog: Callable[..., Path],
) -> None:
    """Synonym groups cost the square of their size; the group limit keeps the largest file cheap."""
    root = make_catalog([resource("dedup-tool", name="Dedup Tool", tags=["dedup"])])
    lines, size, group = ["synonyms:"], 10, 0
    while True:
        phrases = [f"g{group}w{i}" + "x" * (MAX_PHRASE_LENGTH - 10) for i in range(MAX_SYNONYM_GROUP)]
        if group == 0:
            phrases[0] = "dedup"
        line = "  - [" + ", ".join(phrases) + "]"
        if size + len(line) + 1 > MAX_FILE_BYTES:
            break
        lines.append(line)
        size += len(line) + 1
        group += 1
    (root / "vocabulary.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("validate", "--catalog", str(root)).code == 0
    started = time.monotonic()
    result = run_cli("search", "dedup", "--json", "--catalog", str(root))
    assert result.code == 0 and "dedup-tool" in result.out
    assert time.monotonic() - started < 20


def test_base_sixty_numbers_are_refused_cheaply(make_catalog: Callable[..., Path]) -> None:
    """Converting a 240 KB '1:59:59:...' took seconds per file, before it was refused anyway."""
    root = make_catalog([])
    for index in range(10):
        (root / "resources" / f"slow-{index}.yaml").write_text(
            f"id: slow-{index}\nreleased: 1" + ":59" * 80_000 + "\n", encoding="utf-8"
        )
    started = time.monotonic()
    result = run_cli("validate", "--catalog", str(root))
    assert result.code == 1 and "number is 240,001 characters long" in result.out
    assert time.monotonic() - started < 6
