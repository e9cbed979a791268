"""The catalog as a SQLite database for SQL and Datasette, and the Datasette metadata that explains it.

Tables are normalised (one row per resource, link, section membership, evidence
URL, language, tag, question and modality) with foreign keys; ``resources_fts`` is an
FTS5 index over name, description, tags and readers' questions. The same catalog always
gives the same bytes: rows are inserted in a fixed order into a fresh file that is vacuumed.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalog import Catalog
from ..languages import language_name
from ..model import Resource
from ..vocab import COMMERCIAL_USE, LICENCE_CLASSES, STATUSES
from . import ExportOptions

SCHEMA = """
CREATE TABLE phases (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  overview TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE sections (
  id TEXT PRIMARY KEY,
  phase_id TEXT NOT NULL REFERENCES phases(id),
  title TEXT NOT NULL,
  scope TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE resources (
  number INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  released TEXT,
  released_year INTEGER,
  licence TEXT,
  licence_class TEXT NOT NULL,
  commercial_use TEXT NOT NULL,
  access TEXT,
  language_coverage TEXT,
  status TEXT NOT NULL,
  status_note TEXT,
  successor_id TEXT REFERENCES resources(id) DEFERRABLE INITIALLY DEFERRED,
  featured INTEGER NOT NULL,
  added TEXT,
  verified TEXT,
  citation_title TEXT,
  citation_authors TEXT,
  citation_venue TEXT,
  citation_year INTEGER
);
CREATE TABLE links (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  is_primary INTEGER NOT NULL,
  PRIMARY KEY (resource_id, kind)
);
CREATE TABLE resource_sections (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  section_id TEXT NOT NULL REFERENCES sections(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (resource_id, section_id)
);
CREATE TABLE evidence (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  field TEXT NOT NULL,
  url TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (resource_id, field, position)
);
CREATE TABLE languages (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (resource_id, code)
);
CREATE TABLE tags (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (resource_id, tag)
);
CREATE TABLE modalities (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  modality TEXT NOT NULL,
  PRIMARY KEY (resource_id, modality)
);
CREATE INDEX resource_sections_by_section ON resource_sections(section_id);
CREATE INDEX languages_by_code ON languages(code);
CREATE INDEX tags_by_tag ON tags(tag);
CREATE TABLE questions (
  resource_id TEXT NOT NULL REFERENCES resources(id),
  position INTEGER NOT NULL,
  question TEXT NOT NULL,
  PRIMARY KEY (resource_id, position)
);
CREATE VIRTUAL TABLE resources_fts USING fts5(name, description, tags, questions, tokenize='porter unicode61');
CREATE VIEW section_resources AS
  SELECT s.phase_id, rs.section_id, s.title AS section_title, r.id AS resource_id, r.name, r.type,
         r.licence, r.licence_class, r.commercial_use, r.access, r.status, r.released_year, r.verified
  FROM resource_sections rs
  JOIN sections s ON s.id = rs.section_id
  JOIN resources r ON r.id = rs.resource_id;
CREATE VIEW licence_classes_by_section AS
  SELECT section_id, section_title, licence_class, commercial_use, COUNT(*) AS resources
  FROM section_resources
  GROUP BY section_id, licence_class, commercial_use;
CREATE VIEW open_for_commercial_use AS
  SELECT * FROM section_resources WHERE commercial_use = 'yes' AND status = 'active';
CREATE VIEW to_verify AS
  SELECT id, name, type, verified, added FROM resources WHERE verified IS NULL ORDER BY id;
"""

TABLE_DESCRIPTIONS = {
    "resources": "One row per resource: what it is, its licence and commercial-use class, access, status and "
    "the paper to cite.",
    "links": "Every link of every resource; is_primary marks the main one.",
    "phases": "The seven phases of foundation-model development, in order.",
    "sections": "The sections of each phase, in order.",
    "resource_sections": "Which sections each resource belongs to (most relevant first).",
    "evidence": "Where each fact of a resource can be checked: one row per source URL.",
    "languages": "Languages a resource covers (ISO 639 codes).",
    "tags": "Keywords of each resource.",
    "questions": "Questions a reader would ask when the resource is a right answer, in the reader's words.",
    "modalities": "Data modalities each resource serves.",
    "section_resources": "Resources per section with their licence class, commercial use and status.",
    "licence_classes_by_section": "How many resources of each licence class each section holds.",
    "open_for_commercial_use": "Active resources whose licence allows commercial use, per section.",
    "to_verify": "Resources not yet verified against their sources.",
}


def to_sqlite(catalog: Catalog, resources: list[Resource], _options: ExportOptions | None = None) -> bytes:
    """The (filtered) catalog as the bytes of a SQLite database file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.db"
        connection = sqlite3.connect(path)
        try:
            _fill(connection, catalog, resources)
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def _fill(db: sqlite3.Connection, catalog: Catalog, resources: list[Resource]) -> None:
    db.executescript(SCHEMA)
    for position, phase in enumerate(catalog.phases):
        db.execute("INSERT INTO phases VALUES (?, ?, ?, ?)", (phase.id, phase.title, phase.overview, position))
    for position, (sid, section) in enumerate(catalog.sections.items()):
        phase_id = catalog.phase_of(sid).id
        row = (sid, phase_id, section.title, section.scope, position)
        db.execute("INSERT INTO sections VALUES (?, ?, ?, ?, ?)", row)
    included = {r.id for r in resources}
    for rowid, resource in enumerate(sorted(resources, key=lambda r: r.id), start=1):
        db.execute(
            "INSERT INTO resources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rowid, *_resource_row(catalog, resource, included)),
        )
        primary = resource.url
        for kind, url in resource.links.as_dict().items():
            db.execute("INSERT INTO links VALUES (?, ?, ?, ?)", (resource.id, kind, url, int(url == primary)))
        for position, sid in enumerate(resource.sections):
            db.execute("INSERT INTO resource_sections VALUES (?, ?, ?)", (resource.id, sid, position))
        for field, urls in resource.evidence.items():
            for position, url in enumerate(urls):
                db.execute("INSERT INTO evidence VALUES (?, ?, ?, ?)", (resource.id, field, url, position))
        for code in resource.languages.codes if resource.languages else []:
            db.execute("INSERT INTO languages VALUES (?, ?, ?)", (resource.id, code, language_name(code)))
        db.executemany("INSERT INTO tags VALUES (?, ?)", [(resource.id, tag) for tag in resource.tags])
        db.executemany(
            "INSERT INTO questions VALUES (?, ?, ?)",
            [(resource.id, position, question) for position, question in enumerate(resource.questions)],
        )
        db.executemany("INSERT INTO modalities VALUES (?, ?)", [(resource.id, m) for m in resource.modalities])
        # The FTS rowid is the resource's `number`, so a search joins back on it (stable across VACUUM).
        db.execute(
            "INSERT INTO resources_fts (rowid, name, description, tags, questions) VALUES (?, ?, ?, ?, ?)",
            (rowid, resource.name, resource.description, " ".join(resource.tags), " ".join(resource.questions)),
        )


def _resource_row(catalog: Catalog, resource: Resource, included: set[str]) -> tuple[Any, ...]:
    citation = resource.citation
    # A successor outside a filtered export would break the foreign key; the full catalog keeps them all.
    successor = resource.successor if resource.successor in included else None
    return (
        resource.id,
        resource.name,
        resource.description,
        resource.type,
        resource.url,
        resource.released,
        resource.released_year,
        resource.licence,
        catalog.licence_class(resource),
        catalog.commercial_use(resource),
        resource.access,
        resource.languages.coverage if resource.languages else None,
        resource.status,
        resource.status_note,
        successor,
        int(resource.featured),
        resource.added,
        resource.verified,
        citation.title if citation else None,
        "; ".join(citation.authors) if citation else None,
        citation.venue if citation else None,
        citation.year if citation else None,
    )


def to_datasette_metadata(catalog: Catalog, _resources: list[Resource], options: ExportOptions | None = None) -> str:
    """Datasette metadata for catalog.db: titles, descriptions, licence, source and useful facets."""
    options = options or ExportOptions()
    here = "exports/metadata.json"
    tables: dict[str, Any] = {name: {"description": text} for name, text in TABLE_DESCRIPTIONS.items()}
    tables["resources"].update(
        {
            "fts_table": "resources_fts",
            "fts_pk": "number",
            "facets": ["type", "licence_class", "commercial_use", "access", "status", "released_year"],
            "sortable_columns": ["name", "released", "added", "verified"],
            "label_column": "name",
            "columns": {
                "licence_class": "One of: " + ", ".join(LICENCE_CLASSES),
                "commercial_use": "; ".join(f"{k}: {v}" for k, v in COMMERCIAL_USE.items()),
                "status": "; ".join(f"{k}: {v}" for k, v in STATUSES.items()),
                "verified": "Day a person last checked the entry against its sources.",
            },
        }
    )
    tables["section_resources"]["facets"] = ["phase_id", "section_id", "commercial_use", "type"]
    tables["sections"]["label_column"] = "title"
    tables["phases"]["label_column"] = "title"
    metadata = {
        "title": "Foundation Model Development Cheatsheet",
        "description": (
            f"The catalog's {len(catalog)} resources for developing foundation models responsibly, by phase and "
            "section, with licences, commercial-use classes, sources and verification dates."
        ),
        "license": "CC-BY-4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "Foundation Model Development Cheatsheet",
        "source_url": options.url("", here),
        "about": f"catalog version {__version__}",
        "about_url": options.url("about/", here),
        "databases": {"catalog": {"tables": tables}},
    }
    return json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
