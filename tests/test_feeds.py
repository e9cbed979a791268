"""Following what changes: dated changes on entries, and Atom feeds for the catalog, each phase and each section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.catalog import read_catalog
from fmcheatsheet.exports import ExportOptions
from fmcheatsheet.exports.atom_export import feed_items, scoped_feeds, to_atom
from tests.factory import resource
from tests.sitehelpers import build

BASE = "https://cheatsheet.example.org/"


def history_catalog(make_catalog: Callable[..., Path]) -> Catalog:
    return Catalog.load(
        make_catalog(
            [
                resource("fresh-tool", added="2026-10-01"),
                resource(
                    "fixed-tool",
                    added="2025-01-15",
                    changes=[
                        {"date": "2025-06-01", "fields": ["links"], "note": "Repository moved to a new owner."},
                        {"date": "2026-11-20", "fields": ["licence", "released"]},
                    ],
                ),
                resource(
                    "old-tool",
                    added="2024-03-01",
                    sections=["capabilities"],
                    status="deprecated",
                    status_note="No longer maintained since 2025.",
                    successor="fresh-tool",
                    changes=[{"date": "2026-02-01", "fields": ["status", "successor"]}],
                ),
                resource(
                    "gone-tool",
                    added="2024-01-01",
                    sections=["capabilities"],
                    status="retired",
                    status_note="Shut down in 2025.",
                    verified="2026-05-05",
                ),
            ]
        )
    )


def test_each_change_becomes_an_item_of_its_kind_newest_first(make_catalog: Callable[..., Path]) -> None:
    items = feed_items(list(history_catalog(make_catalog)))
    assert [(i.day, i.kind, i.resource.id, i.fields) for i in items] == [
        ("2026-11-20", "updated", "fixed-tool", ("licence", "released")),
        ("2026-10-01", "added", "fresh-tool", ()),
        ("2026-05-05", "retired", "gone-tool", ()),
        ("2026-02-01", "deprecated", "old-tool", ("status", "successor")),
        ("2025-06-01", "updated", "fixed-tool", ("links",)),
        ("2025-01-15", "added", "fixed-tool", ()),
        ("2024-03-01", "added", "old-tool", ()),
        ("2024-01-01", "added", "gone-tool", ()),
    ]


def parsed(text: str) -> Any:
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_the_whole_feed_is_valid_atom_and_labels_every_item(make_catalog: Callable[..., Path]) -> None:
    catalog = history_catalog(make_catalog)
    feed = parsed(to_atom(catalog, list(catalog), ExportOptions(base_url=BASE)))
    entries = {e.title: e for e in feed.entries}
    updated = entries["Updated: Fixed Tool (licence, released)"]
    assert [t.term for t in updated.tags if t.scheme] == ["updated"]
    assert updated.summary == "Changed: licence, released."
    assert entries["Updated: Fixed Tool (links)"].summary == "Repository moved to a new owner."
    deprecated = entries["Deprecated: Old Tool"]
    assert deprecated.summary == "No longer maintained since 2025. Use instead: Fresh Tool."
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_each_phase_and_section_has_its_own_feed(make_catalog: Callable[..., Path]) -> None:
    catalog = history_catalog(make_catalog)
    feeds = scoped_feeds(catalog, ExportOptions(base_url=BASE))
    assert set(feeds) == {
        "feeds/phases/data-preparation.atom",
        "feeds/phases/model-evaluation.atom",
        "feeds/sections/deduplication.atom",
        "feeds/sections/data-cleaning.atom",
        "feeds/sections/capabilities.atom",
    }
    capabilities = parsed(feeds["feeds/sections/capabilities.atom"])
    assert {e.link for e in capabilities.entries} == {f"{BASE}resources/old-tool/", f"{BASE}resources/gone-tool/"}
    assert capabilities.feed.title.endswith("Capabilities evaluation")
    assert capabilities.feed.links[0].href == f"{BASE}feeds/sections/capabilities.atom"
    empty = parsed(feeds["feeds/sections/data-cleaning.atom"])
    assert empty.entries == [] and empty.feed.updated == "1970-01-01T00:00:00Z"


def test_feeds_are_the_same_for_the_same_catalog(make_catalog: Callable[..., Path]) -> None:
    catalog = history_catalog(make_catalog)
    options = ExportOptions(base_url=BASE)
    assert scoped_feeds(catalog, options) == scoped_feeds(catalog, options)


def test_pages_link_the_feed_that_follows_them(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    site = build(history_catalog(make_catalog), tmp_path / "site", base_url=BASE)
    section = (site / "sections" / "capabilities" / "index.html").read_text(encoding="utf-8")
    feed_link = '<link rel="alternate" type="application/atom+xml" title="Changes in Capabilities evaluation"'
    assert feed_link in section and 'href="../../feeds/sections/capabilities.atom"' in section
    assert ">Follow changes to this section</a>" in section
    phase = (site / "phases" / "model-evaluation" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/phases/model-evaluation.atom"' in phase
    page = (site / "resources" / "old-tool" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/sections/capabilities.atom">Follow changes to Capabilities evaluation</a>' in page
    parsed((site / "feeds" / "sections" / "capabilities.atom").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ([{"date": "2025-06-01", "fields": ["licens"]}], "'licens' is not a field (hint: did you mean 'licence'?"),
        ([{"date": "2025-06-01", "fields": []}], "needs at least one value"),
        (
            [{"date": "2026-01-01", "fields": ["links"]}, {"date": "2025-01-01", "fields": ["name"]}],
            "not in date order",
        ),
        ([{"date": "2024-01-01", "fields": ["links"]}], "comes before the entry was added (2025-01-15)"),
        ([{"date": "2031-01-01", "fields": ["links"]}], "change date '2031-01-01' is in the future"),
        ([{"date": "2025-06-01", "fields": ["links"], "when": "x"}], "unknown key 'when'"),
    ],
)
def test_malformed_changes_are_refused_with_their_line(
    make_catalog: Callable[..., Path], changes: list[dict[str, Any]], fragment: str
) -> None:
    _, report = read_catalog(make_catalog([resource(changes=changes)]))
    errors = [p.format() for p in report.errors()]
    assert len(errors) == 1 and fragment in errors[0], errors
    assert "text-dedup.yaml:" in errors[0] and "changes" in errors[0]
