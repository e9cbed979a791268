"""Evidence on every claim: sources per fact, verification dates, status and successors,
citations, and the commercial-use class derived from the licence."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog, licence_check
from fmcheatsheet.catalog import read_catalog
from fmcheatsheet.evidence import RECHECK_AGE, RECHECK_AGE_OTHERS, commercial_use, parse_age, review_items
from fmcheatsheet.vocab import RESOURCE_TYPES
from tests.conftest import Run
from tests.factory import SECTIONS, resource

LICENCE_PAGE = "https://github.com/example/text-dedup/blob/main/LICENSE"
ARXIV = "https://arxiv.org/abs/2309.10818"
TODAY = dt.date(2026, 11, 29)


def verified(rid: str = "text-dedup", **overrides: Any) -> dict[str, Any]:
    """A resource whose every stated fact has a source."""
    data = resource(
        rid,
        access="open",
        verified="2026-11-20",
        evidence={"licence": LICENCE_PAGE, "released": ARXIV, "access": [LICENCE_PAGE]},
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def problems(root: Path, severity: str | None = None) -> list[str]:
    """Problems of resource files, as `catalog/resources/<id>.yaml:line: ...` messages."""
    _, report = read_catalog(root, TODAY)
    found = [p for p in report.problems if "/resources/" in p.path and severity in (None, p.severity)]
    return ["catalog/" + p.format().split("/catalog/", 1)[-1] for p in found]


def errors(root: Path) -> list[str]:
    return problems(root, "error")


# -- the schema -------------------------------------------------------------------


def test_a_verified_entry_with_sources_for_every_fact_is_clean(make_catalog: Callable[..., Path]) -> None:
    assert problems(make_catalog([verified()])) == []


def test_an_entry_never_verified_warns_and_fails_under_strict(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(verified=None)])
    _, report = read_catalog(root, TODAY)
    assert report.ok() and not report.ok(strict=True)
    [message] = problems(root)
    assert message.startswith("catalog/resources/text-dedup.yaml:1: verified: warning: entry has never been")


def test_each_stated_fact_without_a_source_is_named(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(evidence={"licence": LICENCE_PAGE})])
    [message] = problems(root)
    assert "evidence: warning: no evidence for released, access" in message


def test_facts_not_stated_need_no_source(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(released=None, access=None, evidence={"licence": LICENCE_PAGE})])
    assert problems(root) == []


def test_an_evidence_key_that_is_not_a_field_is_an_error_with_a_suggestion(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(evidence={"license": LICENCE_PAGE})])
    [message] = errors(root)
    assert "evidence.license: evidence names 'license', which is not a field" in message
    assert "did you mean 'licence'?" in message


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://example.org/licence", "must use https"),
        ("https://wiki.corp.internal/licence", "private or local host"),
        ("https://10.0.0.1/licence", "private or local host"),
        ("https://example.org/licence?utm_source=x", "tracking parameters (utm_source)"),
        ("ftp://example.org/licence", "scheme 'ftp:' is not allowed"),
        ("licence.html", "relative"),
    ],
)
def test_evidence_urls_follow_the_link_rules(make_catalog: Callable[..., Path], url: str, fragment: str) -> None:
    root = make_catalog([verified(evidence={"licence": [LICENCE_PAGE, url]})])
    [message] = errors(root)
    assert message.startswith("catalog/resources/text-dedup.yaml:")
    assert "evidence.licence" in message and fragment in message


def test_an_empty_evidence_list_is_an_error(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(evidence={"licence": []})]))
    assert "evidence lists no URL" in message


def test_a_verified_date_in_the_future_is_an_error(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(verified="2027-01-01")]))
    assert "verified: verified date '2027-01-01' is in the future" in message


def test_a_retired_entry_needs_a_note(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(status="retired")]))
    assert "status_note: a retired entry needs a status_note" in message


def test_an_active_entry_cannot_have_a_successor(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified("old", successor="new"), verified("new")]))
    assert "successor: successor is set but status is active" in message


def test_an_unknown_status_gets_the_allowed_values(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(status="archived")]))
    assert "unknown status 'archived'" in message and "active, deprecated, retired" in message


def test_a_successor_must_exist(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(status="deprecated", successor="nowhere")])
    [message] = errors(root)
    assert "successor: unknown resource id 'nowhere'" in message


def test_successors_must_not_form_a_cycle(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog(
        [
            verified("first", status="deprecated", successor="second"),
            verified("second", status="deprecated", successor="third"),
            verified("third", status="deprecated", successor="first"),
        ]
    )
    [message] = errors(root)
    assert "successors form a cycle: first -> second -> third -> first" in message


def test_an_entry_is_not_its_own_successor(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(status="deprecated", successor="text-dedup")]))
    assert "cannot be its own successor" in message


def test_a_paper_without_a_citation_warns(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([verified(links={"github": "https://github.com/example/x", "paper": ARXIV})])
    [message] = problems(root)
    assert "citation: warning: paper link without a citation" in message


CITATION = {"authors": ["Shen, Zhiqiang", "Tao, Tianhua", "others"], "title": "SlimPajama-DC", "year": 2023}


def test_a_citation_needs_a_paper_link(make_catalog: Callable[..., Path]) -> None:
    [message] = errors(make_catalog([verified(citation=CITATION)]))
    assert "citation: citation is set but there is no paper link" in message


@pytest.mark.parametrize(
    ("authors", "fragment"),
    [
        (["Shen, Zhiqiang and Tao, Tianhua"], "contains 'and'"),
        (["others", "Shen, Zhiqiang"], "'others' must come last"),
        (["Shen, Zhiqiang, Jr, X"], "more than one comma"),
        (["Shen, {Zhiqiang}"], "braces or backslashes"),
        (["Shen, Zhiqiang", "Shen, Zhiqiang"], "listed twice"),
        ([], "needs at least one value"),
    ],
)
def test_citation_authors_are_plain_names_one_per_item(
    make_catalog: Callable[..., Path], authors: list[str], fragment: str
) -> None:
    links = {"github": "https://github.com/example/x", "paper": ARXIV}
    [message] = errors(make_catalog([verified(links=links, citation={**CITATION, "authors": authors})]))
    assert "citation.authors" in message and fragment in message


def test_a_citation_year_cannot_be_in_the_future(make_catalog: Callable[..., Path]) -> None:
    links = {"github": "https://github.com/example/x", "paper": ARXIV}
    [message] = errors(make_catalog([verified(links=links, citation={**CITATION, "year": 2031})]))
    assert "citation.year: year 2031 is not between 1950 and 2026" in message


# -- commercial use ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("licence_class", "access", "expected"),
    [
        ("permissive", "open", "yes"),
        ("permissive", None, "yes"),
        ("permissive", "gated", "conditions"),
        ("permissive", "paid", "conditions"),
        ("copyleft", "open", "conditions"),
        ("responsible-use", "gated", "conditions"),
        ("no-derivatives", "open", "conditions"),
        ("proprietary", "api-only", "conditions"),
        ("non-commercial", "open", "no"),
        ("non-commercial", "paid", "no"),
        ("various", "open", "unknown"),
        ("other", "open", "unknown"),
        ("unknown", "open", "unknown"),
    ],
)
def test_commercial_use_follows_from_the_licence_class_and_access(
    licence_class: str, access: str | None, expected: str
) -> None:
    assert commercial_use(licence_class, access) == expected


RESEARCH_ONLY = "licences:\n  - id: LicenseRef-Research\n    name: Research only\n    class: non-commercial\n"


def test_commercial_use_is_derived_from_the_catalog_licences(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog(
        [
            verified("a", licence="CC-BY-NC-4.0"),
            verified("b", licence="MIT"),
            verified("c", licence="LicenseRef-Research", evidence={}, released=None, access=None),
            verified("d", licence=None, evidence={}, released=None, access=None),
        ],
        raw={"licences.yaml": RESEARCH_ONLY},
    )
    catalog = Catalog.load(root)
    assert {r.id: catalog.commercial_use(r) for r in catalog} == {"a": "no", "b": "yes", "c": "no", "d": "unknown"}
    assert [r.id for r in catalog.filter(commercial_use="no")] == ["a", "c"]


def test_a_collection_of_differently_licensed_parts_gets_no_commercial_verdict(
    make_catalog: Callable[..., Path],
) -> None:
    # Some parts may be non-commercial: the resource page and the licence checker must both say "check".
    root = make_catalog([verified("mixed", licence="various")])
    catalog = Catalog.load(root)
    resource = catalog.resources["mixed"]
    assert catalog.commercial_use(resource) == "unknown"
    assert licence_check.check(catalog, ["mixed"], commercial=True)["commercial_use"] == "unknown"


# -- review ---------------------------------------------------------------------------


def test_parse_age_reads_days_months_and_years() -> None:
    assert (parse_age("90d"), parse_age("12m"), parse_age("1y")) == (90, 360, 365)
    for bad in ("12", "0m", "m12", "1w"):
        with pytest.raises(ValueError, match="is not an age"):
            parse_age(bad)


def review_catalog(make_catalog: Callable[..., Path]) -> Path:
    reviewed = {sid: {**body, "reviewed": "2026-11-01"} for sid, body in SECTIONS.items()}
    sections = {
        **reviewed,
        "deduplication": {
            **reviewed["deduplication"],
            "practices": [
                {
                    "title": "Deduplicate",
                    "text": "Remove repeated documents before training.",
                    "resources": ["gone", "fresh"],
                }
            ],
        },
    }
    return make_catalog(
        [
            verified("fresh"),
            verified("stale", verified="2024-01-10"),
            verified("never", verified=None),
            verified("gone", status="retired", status_note="Shut down in 2025.", successor="fresh"),
            verified("unsourced", evidence={"licence": LICENCE_PAGE}),
        ],
        sections=sections,
    )


def test_review_lists_what_needs_a_look_oldest_first(make_catalog: Callable[..., Path]) -> None:
    catalog = Catalog.load(review_catalog(make_catalog))
    items = review_items(catalog, catalog.sections, TODAY, older_than_days=365)
    assert [(i.id, i.reasons) for i in items] == [
        ("never", ("never verified",)),
        ("stale", ("verified 1054 days ago",)),
        ("gone", ("retired but cited by deduplication",)),
        ("unsourced", ("no evidence for released, access",)),
    ]


def test_review_rechecks_resources_that_keep_changing_sooner(make_catalog: Callable[..., Path]) -> None:
    # Verified 100 days before TODAY: past a leaderboard's three months, within a paper's year.
    root = make_catalog(
        [
            verified("arena", type="leaderboard", verified="2026-08-21"),
            verified("study", type="paper", verified="2026-08-21"),
        ]
    )
    catalog = Catalog.load(root)
    by_type = review_items(catalog, catalog.sections, TODAY)
    assert [(i.id, i.reasons) for i in by_type] == [
        ("arena", ("verified 100 days ago; a leaderboard is re-checked every 3 months",))
    ]
    assert review_items(catalog, catalog.sections, TODAY, older_than_days=365) == []


def test_every_recheck_age_names_a_resource_type_and_reads_as_an_age() -> None:
    assert set(RECHECK_AGE) <= set(RESOURCE_TYPES)
    assert all(parse_age(age) for age in [*RECHECK_AGE.values(), RECHECK_AGE_OTHERS])


def test_review_command_prints_json_and_narrows_by_section(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = review_catalog(make_catalog)
    result = cli("review", "--catalog", str(root), "--today", "2026-11-29", "--older-than", "2y", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["total"] == 4
    assert data["items"][0] == {
        "id": "never",
        "name": "Never",
        "verified": None,
        "reasons": ["never verified"],
        "missing_evidence": [],
        "cited_by": [],
    }
    assert [i["id"] for i in data["items"]].count("stale") == 1
    table = cli("review", "--catalog", str(root), "--section", "capabilities", "--today", "2026-11-29")
    assert "nothing to review" in table.out


def test_review_refuses_a_malformed_age_and_an_unknown_section(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = review_catalog(make_catalog)
    bad_age = cli("review", "--catalog", str(root), "--older-than", "a year")
    assert bad_age.code == 2 and "is not an age such as 90d" in bad_age.err
    bad_section = cli("review", "--catalog", str(root), "--section", "dedup")
    assert bad_section.code == 1 and "did you mean" in bad_section.err and "Traceback" not in bad_section.err


def test_validate_shows_a_few_evidence_warnings_and_points_at_review(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_catalog([verified(f"entry-{n:02d}", verified=None) for n in range(14)])
    result = cli("validate", "--catalog", str(root))
    assert result.code == 0
    assert result.out.count("never been verified") == 10
    assert "... and 4 more evidence warnings: `fmcheatsheet review`" in result.out
    strict = cli("validate", "--catalog", str(root), "--strict")
    assert strict.code == 1 and strict.out.count("never been verified") == 14


# -- show, filters and exports ----------------------------------------------------------


def test_show_prints_status_citation_and_sources(make_catalog: Callable[..., Path], cli: Callable[..., Run]) -> None:
    links = {"github": "https://github.com/example/old", "paper": ARXIV}
    root = make_catalog(
        [
            verified(
                "old",
                links=links,
                citation=CITATION,
                status="deprecated",
                status_note="No longer maintained since 2024.",
                successor="new",
            ),
            verified("new", verified=None),
        ]
    )
    old = cli("show", "old", "--catalog", str(root)).out
    for fragment in ("deprecated", "No longer maintained since 2024.", "successor", "new", "Shen, Zhiqiang; Tao"):
        assert fragment in old
    assert LICENCE_PAGE in old and "commercial_use  yes" in old
    assert "not yet verified" in cli("show", "new", "--catalog", str(root)).out
    data = json.loads(cli("show", "old", "--catalog", str(root), "--json").out)
    assert data["evidence"]["access"] == [LICENCE_PAGE]
    assert data["citation"] == CITATION and data["commercial_use"] == "yes" and data["status"] == "deprecated"


def test_list_filters_by_status_and_commercial_use(make_catalog: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = make_catalog(
        [
            verified("kept"),
            verified("gone", status="retired", status_note="Withdrawn by its authors in 2025."),
            verified("nc", licence="CC-BY-NC-4.0"),
        ]
    )
    retired = json.loads(cli("list", "--catalog", str(root), "--status", "retired", "--json").out)
    assert [r["id"] for r in retired] == ["gone"]
    free = json.loads(cli("list", "--catalog", str(root), "--commercial-use", "yes", "--json").out)
    assert sorted(r["id"] for r in free) == ["gone", "kept"]
    bad = cli("list", "--catalog", str(root), "--commercial-use", "maybe")
    assert bad.code == 1 and "unknown commercial use 'maybe'" in bad.err


def trust_catalog(make_catalog: Callable[..., Path]) -> Catalog:
    links = {"github": "https://github.com/example/old", "paper": ARXIV}
    citation = {**CITATION, "venue": "Proceedings of the Conference on Language Modeling"}
    return Catalog.load(
        make_catalog(
            [
                verified(
                    "old-tool",
                    name="Old Tool",
                    links=links,
                    citation=citation,
                    status="retired",
                    status_note="Shut down by its makers in March 2025.",
                    successor="new-tool",
                    evidence={
                        "licence": LICENCE_PAGE,
                        "released": ARXIV,
                        "access": LICENCE_PAGE,
                        "status": "https://example.org/blog/shutdown",
                    },
                ),
                verified("new-tool", name="New Tool", added="2026-11-01"),
                verified("unchecked", verified=None, licence="CC-BY-NC-4.0"),
            ]
        )
    )


def test_exports_carry_evidence_status_citation_and_commercial_use(make_catalog: Callable[..., Path]) -> None:
    import csv
    import io

    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    from fmcheatsheet.exports import ExportOptions, exporters

    catalog = trust_catalog(make_catalog)
    options = ExportOptions(base_url="https://cheatsheet.example.org/")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(str(exporters()["csv"](catalog, list(catalog), options))))}
    assert rows["old-tool"]["status"] == "retired" and rows["old-tool"]["successor"] == "new-tool"
    assert rows["old-tool"]["evidence"].startswith(f"licence: {LICENCE_PAGE}; released: {ARXIV}")
    assert rows["old-tool"]["citation.authors"] == "Shen, Zhiqiang; Tao, Tianhua; others"
    assert (rows["new-tool"]["commercial_use"], rows["unchecked"]["commercial_use"]) == ("yes", "no")
    assert rows["unchecked"]["verified"] == ""
    line = json.loads(str(exporters()["jsonl"](catalog, [catalog.get("old-tool")], options)))
    assert line["citation"]["venue"] == "Proceedings of the Conference on Language Modeling"
    croissant = json.loads(str(exporters()["croissant"](catalog, list(catalog), options)))
    names = {f["name"] for f in croissant["recordSet"][0]["field"]}
    assert {"commercial_use", "status", "successor", "verified", "evidence", "citation_authors"} <= names

    library = bibtexparser.parse_string(
        str(exporters()["bibtex"](catalog, list(catalog), options)),
        append_middleware=[SeparateCoAuthors(), SplitNameParts()],
    )
    [entry] = library.entries
    assert entry.entry_type == "inproceedings"
    assert entry.fields_dict["title"].value == "{SlimPajama-DC}"
    assert entry.fields_dict["booktitle"].value == "Proceedings of the Conference on Language Modeling"
    authors = entry.fields_dict["author"].value
    assert [(a.last, a.first) for a in authors[:2]] == [(["Shen"], ["Zhiqiang"]), (["Tao"], ["Tianhua"])]


def test_the_feed_announces_a_retirement_as_its_own_entry(make_catalog: Callable[..., Path]) -> None:
    import xml.etree.ElementTree as ET

    from fmcheatsheet.exports import ExportOptions, exporters

    catalog = trust_catalog(make_catalog)
    feed = ET.fromstring(str(exporters()["atom"](catalog, list(catalog), ExportOptions(base_url="https://x.org/"))))
    ns = "{http://www.w3.org/2005/Atom}"
    kinds = {
        entry.findtext(f"{ns}title"): [c.get("term") for c in entry.findall(f"{ns}category") if c.get("scheme")]
        for entry in feed.findall(f"{ns}entry")
    }
    assert kinds["Retired: Old Tool"] == ["retired"] and kinds["Old Tool"] == ["added"]
    retired = next(e for e in feed.findall(f"{ns}entry") if e.findtext(f"{ns}title") == "Retired: Old Tool")
    assert retired.findtext(f"{ns}summary") == "Shut down by its makers in March 2025. Use instead: New Tool."
    assert len({e.findtext(f"{ns}id") for e in feed.findall(f"{ns}entry")}) == len(feed.findall(f"{ns}entry"))


def test_resource_pages_show_sources_verification_status_and_commercial_use(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.sitehelpers import build

    site = build(trust_catalog(make_catalog), tmp_path / "site")
    old = (site / "resources" / "old-tool" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Retired.</strong> Shut down by its makers in March 2025." in old
    assert 'Use instead: <a href="../new-tool/">New Tool</a>' in old
    assert f'<a class="source" href="{LICENCE_PAGE}"' in old and "for the licence</span>" in old
    assert 'href="https://example.org/blog/shutdown"' in old
    assert "Allowed</span>" in old and 'href="https://spdx.org/licenses/Apache-2.0.html"' in old
    assert '<time datetime="2026-11-20">2026-11</time>: checked against the sources linked here' in old
    unchecked = (site / "resources" / "unchecked" / "index.html").read_text(encoding="utf-8")
    assert "Not yet verified against its sources" in unchecked and "Not allowed</span>" in unchecked
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="commercial-use"' in about and "Allowed, with conditions" in about
    browse = (site / "browse" / "index.html").read_text(encoding="utf-8")
    assert 'name="use" value="conditions"' in browse and 'name="retired" value="show"' in browse
    # Without JavaScript retired entries are still listed, after all the others.
    assert browse.index(">New Tool<") < browse.index(">Unchecked<") < browse.index(">Old Tool<")
    recent = (site / "index.html").read_text(encoding="utf-8").split('id="recent-title"', 1)[1]
    assert ">New Tool<" in recent and ">Old Tool<" not in recent


def test_the_facts_report_counts_what_is_known_per_section(
    make_catalog: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    from fmcheatsheet.quality import quality_report

    root = make_catalog(
        [
            verified("sourced-2025", released="2025-03", type="dataset", languages={"coverage": "english-only"}),
            verified("bare", verified=None, released=None, licence=None, access=None, evidence={}, type="benchmark"),
            verified("guide-2026", type="guide", released="2026-02", licence=None, evidence={"access": LICENCE_PAGE}),
        ]
    )
    report = quality_report(Catalog.load(root))
    total = report["total"]
    assert (total["entries"], total["verified"], total["recent"]) == (3, 2, 2)
    # Guides need no licence; datasets and benchmarks do, and need languages when they hold text.
    assert (total["licensable"], total["licence_known"]) == (2, 1)
    assert (total["needs_languages"], total["languages_known"]) == (2, 1)
    assert total["by_year"] == {"2025": 1, "2026": 1, "unknown": 1}
    assert total["shares"]["release_known"] == 0.667
    [dedup] = [s for s in report["sections"] if s["id"] == "deduplication"]
    assert dedup["entries"] == 3
    printed = cli("stats", "--facts", "--catalog", str(root))
    assert printed.code == 0 and "deduplication" in printed.out and "25+" in printed.out
