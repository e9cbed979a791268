"""The SQLite export: normalised tables that match the catalog, full-text search, foreign keys,
determinism, and Datasette serving it with its metadata."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.exports import FORMATS, ExportOptions
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def database(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "catalog.db"
    data = FORMATS["sqlite"].exporter()(catalog, list(catalog), ExportOptions())
    assert isinstance(data, bytes)
    path.write_bytes(data)
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    yield connection
    connection.close()


def count(db: sqlite3.Connection, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def test_rows_match_the_catalog(db: sqlite3.Connection, catalog: Catalog) -> None:
    resources = list(catalog)
    assert count(db, "SELECT COUNT(*) FROM resources") == len(resources)
    assert count(db, "SELECT COUNT(*) FROM phases") == len(catalog.phases)
    assert count(db, "SELECT COUNT(*) FROM sections") == len(catalog.sections)
    assert count(db, "SELECT COUNT(*) FROM links") == sum(len(r.links.as_dict()) for r in resources)
    assert count(db, "SELECT COUNT(*) FROM resource_sections") == sum(len(r.sections) for r in resources)
    assert count(db, "SELECT COUNT(*) FROM tags") == sum(len(r.tags) for r in resources)
    assert count(db, "SELECT COUNT(*) FROM evidence") == sum(len(u) for r in resources for u in r.evidence.values())
    languages = sum(len(r.languages.codes) for r in resources if r.languages)
    assert count(db, "SELECT COUNT(*) FROM languages") == languages
    assert count(db, "SELECT COUNT(*) FROM links WHERE is_primary = 1") == len(resources)


def test_each_resource_row_carries_its_derived_classes(db: sqlite3.Connection, catalog: Catalog) -> None:
    rows = db.execute("SELECT id, licence_class, commercial_use, status, url FROM resources").fetchall()
    for rid, licence_class, use, status, url in rows:
        resource = catalog.get(rid)
        assert (licence_class, use, status, url) == (
            catalog.licence_class(resource),
            catalog.commercial_use(resource),
            resource.status,
            resource.url,
        )


def test_foreign_keys_hold(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert count(db, "SELECT COUNT(*) FROM pragma_foreign_key_list('resource_sections')") == 2


def test_full_text_search_finds_resources_by_description_and_tags(db: sqlite3.Connection) -> None:
    found = db.execute(
        "SELECT r.id FROM resources_fts JOIN resources r ON r.number = resources_fts.rowid "
        "WHERE resources_fts MATCH 'minhash' ORDER BY rank"
    ).fetchall()
    ids = [row[0] for row in found]
    assert "datasketch" in ids and "text-dedup" in ids


def test_readers_questions_are_rows_and_searchable(db: sqlite3.Connection, catalog: Catalog) -> None:
    pile = catalog.get("the-pile")
    rows = db.execute("SELECT question FROM questions WHERE resource_id = 'the-pile' ORDER BY position")
    assert [row[0] for row in rows] == pile.questions
    # A word only its questions use finds the resource through the full-text index.
    said = re.findall(r"[a-z]+", f"{pile.name} {pile.description} {' '.join(pile.tags)}".lower())
    word = next(w for q in pile.questions for w in re.findall(r"[a-z]{5,}", q.lower()) if w not in said)
    found = db.execute(
        "SELECT r.id FROM resources_fts JOIN resources r ON r.number = resources_fts.rowid WHERE resources_fts MATCH ?",
        (f"questions: {word}",),
    ).fetchall()
    assert "the-pile" in [row[0] for row in found]


def test_views_answer_common_questions(db: sqlite3.Connection, catalog: Catalog) -> None:
    total = count(db, "SELECT SUM(resources) FROM licence_classes_by_section WHERE section_id = 'deduplication'")
    assert total == catalog.section_counts["deduplication"]
    commercial = {r[0] for r in db.execute("SELECT DISTINCT resource_id FROM open_for_commercial_use")}
    assert commercial == {r.id for r in catalog if catalog.commercial_use(r) == "yes" and r.status == "active"}
    assert count(db, "SELECT COUNT(*) FROM to_verify") == sum(1 for r in catalog if r.verified is None)


def test_the_same_catalog_gives_the_same_bytes(catalog: Catalog, database: Path) -> None:
    again = FORMATS["sqlite"].exporter()(catalog, list(catalog), ExportOptions())
    assert again == database.read_bytes()


def test_the_cli_writes_a_filtered_database(tmp_path: Path) -> None:
    out = tmp_path / "speech.db"
    result = run_cli("export", "sqlite", "-o", str(out), "--modality", "speech")
    assert result.code == 0, result.err
    with sqlite3.connect(out) as db:
        assert count(db, "SELECT COUNT(*) FROM resources") == len(Catalog.load().filter(modality="speech"))
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_datasette_serves_the_database_with_its_metadata(catalog: Catalog, database: Path) -> None:
    import anyio
    from datasette.app import Datasette

    metadata = json.loads(str(FORMATS["datasette"].exporter()(catalog, list(catalog), ExportOptions())))
    datasette = Datasette([str(database)], metadata=metadata)

    async def fetch() -> tuple[dict[str, Any], dict[str, Any], str]:
        home = await datasette.client.get("/catalog.json")
        table = await datasette.client.get("/catalog/resources.json?_search=minhash&_shape=objects")
        page = await datasette.client.get("/catalog/resources")
        return home.json(), table.json(), page.text

    home, table, page = anyio.run(fetch)
    assert {t["name"] for t in home["tables"]} >= {"resources", "links", "evidence", "resources_fts"}
    rows = table["rows"]
    assert any(row["id"] == "datasketch" for row in rows)
    # The facets come from the metadata file, not from the request.
    assert set(table["facet_results"]) >= {"type", "licence_class", "commercial_use", "status"}
    assert table["license"] == "CC-BY-4.0"
    assert "Foundation Model Development Cheatsheet" in page and "CC-BY-4.0" in page
