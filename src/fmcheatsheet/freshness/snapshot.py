"""catalog/health.json: the latest link checks and fetched metadata, with the date of each."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import CatalogError
from ..fsutil import write_atomically
from ..jsonsource import JsonDocument, load_json_file
from ..load import describe_error
from ..yamlsource import SourceError
from .records import GithubFacts, HealthFile, LinkRecord, ResourceFacts

FILENAME = "health.json"
STALE_DAYS = 730  # no activity for two years
MAX_HEALTH_BYTES = 16 * 1024 * 1024
REGENERATE = "fix the value, or delete the file and run `fmcheatsheet check-links` and `enrich` again"


@dataclass(frozen=True)
class SnapshotProblem:
    line: int | None
    field: str
    message: str
    hint: str = REGENERATE


class SnapshotError(CatalogError):
    """health.json cannot be used; ``problems`` lists every reason, with its line."""

    def __init__(self, path: Path, problems: list[SnapshotProblem]) -> None:
        first = problems[0]
        where = f"{path}{f':{first.line}' if first.line else ''}"
        super().__init__(f"{where}: {first.field + ': ' if first.field else ''}{first.message}")
        self.path = path
        self.problems = problems


@dataclass
class Snapshot:
    """links: resource id -> link type -> check; metadata: resource id -> facts by source."""

    links: dict[str, dict[str, LinkRecord]] = field(default_factory=dict)
    metadata: dict[str, ResourceFacts] = field(default_factory=dict)

    @classmethod
    def load(cls, catalog_dir: Path) -> Snapshot:
        """The catalog's snapshot (empty when there is none); SnapshotError if the file is not valid."""
        path = catalog_dir / FILENAME
        if not path.exists() and not path.is_symlink():
            return cls()
        try:
            doc = load_json_file(path, MAX_HEALTH_BYTES, "health.json holds a few hundred kilobytes")
        except SourceError as exc:
            raise SnapshotError(path, [SnapshotProblem(exc.line, "", exc.message, exc.hint or REGENERATE)]) from None
        if not isinstance(doc.data, dict) or doc.data.get("version") != 1:
            raise SnapshotError(path, [SnapshotProblem(1, "", 'expected an object with "version": 1')])
        try:
            parsed = HealthFile.model_validate(doc.data)
        except ValidationError as exc:
            raise SnapshotError(path, [_problem(doc, error) for error in exc.errors()]) from None
        links = {rid: {str(kind): check for kind, check in checks.items()} for rid, checks in parsed.links.items()}
        return cls(links, dict(parsed.metadata))

    def save(self, catalog_dir: Path, keep: set[str] | None = None) -> Path:
        """Write the snapshot; entries of resources not in ``keep`` (when given) are dropped."""
        if keep is not None:
            self.links = {k: v for k, v in self.links.items() if k in keep}
            self.metadata = {k: v for k, v in self.metadata.items() if k in keep}
        data = {
            "version": 1,
            "links": {
                rid: {kind: _plain(check) for kind, check in checks.items()} for rid, checks in self.links.items()
            },
            "metadata": {rid: _plain(facts) for rid, facts in self.metadata.items()},
        }
        path = catalog_dir / FILENAME
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        return path

    def record_facts(self, resource_id: str, facts: ResourceFacts) -> None:
        """Merge newly fetched facts: a source fetched again replaces its old entry."""
        old = self.metadata.get(resource_id, ResourceFacts())
        fresh = {source: value for source, value in facts if value is not None}
        self.metadata[resource_id] = old.model_copy(update=fresh)

    # -- what the site and curators ask ------------------------------------------------

    def link_problems(self, resource_id: str) -> list[tuple[str, LinkRecord]]:
        return [(kind, check) for kind, check in sorted(self.links.get(resource_id, {}).items()) if check.is_problem]

    def repository(self, resource_id: str) -> GithubFacts | None:
        facts = self.metadata.get(resource_id)
        return facts.github if facts else None

    def is_archived(self, resource_id: str) -> bool:
        repo = self.repository(resource_id)
        return bool(repo and repo.archived)

    def is_stale(self, resource_id: str, today: dt.date | None = None) -> bool:
        repo = self.repository(resource_id)
        if repo is None or repo.pushed_at is None:
            return False
        last = dt.date.fromisoformat(repo.pushed_at)
        return ((today or dt.date.today()) - last).days > STALE_DAYS

    def is_broken(self, resource_id: str) -> bool:
        """Whether any of the resource's links needs attention (records.needs_attention)."""
        return any(check.is_problem for _, check in self.link_problems(resource_id))

    def last_verified(self, resource_id: str) -> str | None:
        dates = [c.checked for c in self.links.get(resource_id, {}).values() if c.status == "ok"]
        return max(dates, default=None)


def _plain(record: BaseModel) -> dict[str, object]:
    return record.model_dump(mode="json", exclude_none=True)


def _problem(doc: JsonDocument, error: object) -> SnapshotProblem:
    loc, field_name, message, hint = describe_error(HealthFile, error)
    return SnapshotProblem(doc.line_of(loc), field_name, message, hint or REGENERATE)
