"""catalog/health.json: the latest link checks and fetched metadata, with the date of each."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fsutil import write_atomically

FILENAME = "health.json"
STALE_DAYS = 730  # no activity for two years


class SnapshotError(Exception):
    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Snapshot:
    """links: resource id -> link type -> check; metadata: resource id -> source -> facts."""

    links: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    metadata: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def load(cls, catalog_dir: Path) -> Snapshot:
        path = catalog_dir / FILENAME
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SnapshotError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SnapshotError(path, None, f"cannot read: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != 1:
            raise SnapshotError(path, 1, 'expected an object with "version": 1')
        links, metadata = data.get("links", {}), data.get("metadata", {})
        if not isinstance(links, dict) or not isinstance(metadata, dict):
            raise SnapshotError(path, 1, '"links" and "metadata" must be objects')
        return cls(links, metadata)

    def save(self, catalog_dir: Path, keep: set[str] | None = None) -> Path:
        """Write the snapshot; entries of resources not in ``keep`` (when given) are dropped."""
        if keep is not None:
            self.links = {k: v for k, v in self.links.items() if k in keep}
            self.metadata = {k: v for k, v in self.metadata.items() if k in keep}
        data = {"version": 1, "links": self.links, "metadata": self.metadata}
        path = catalog_dir / FILENAME
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        return path

    # -- what the site and curators ask ------------------------------------------------

    def link_problems(self, resource_id: str) -> list[dict[str, Any]]:
        return [
            {"kind": kind, **check}
            for kind, check in sorted(self.links.get(resource_id, {}).items())
            if check.get("status") in ("broken", "error", "blocked", "timeout")
        ]

    def repository(self, resource_id: str) -> dict[str, Any] | None:
        return self.metadata.get(resource_id, {}).get("github")

    def is_archived(self, resource_id: str) -> bool:
        repo = self.repository(resource_id)
        return bool(repo and repo.get("archived"))

    def is_stale(self, resource_id: str, today: dt.date | None = None) -> bool:
        repo = self.repository(resource_id)
        pushed = repo.get("pushed_at") if repo else None
        if not pushed:
            return False
        last = dt.date.fromisoformat(str(pushed)[:10])
        return ((today or dt.date.today()) - last).days > STALE_DAYS

    def is_broken(self, resource_id: str) -> bool:
        return any(p["status"] == "broken" for p in self.link_problems(resource_id))

    def last_verified(self, resource_id: str) -> str | None:
        dates = [c.get("checked") for c in self.links.get(resource_id, {}).values() if c.get("status") == "ok"]
        return max((d for d in dates if d), default=None)
