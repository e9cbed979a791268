"""Static files shipped with the site, addressed by content hash so caches never serve stale ones."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Asset:
    name: str
    data: bytes

    @property
    def version(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:10]

    @property
    def path(self) -> str:
        return f"static/{self.name}"


@cache
def static_assets() -> dict[str, Asset]:
    folder = resources.files("fmcheatsheet").joinpath("static")
    found: dict[str, Asset] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            found[entry.name] = Asset(entry.name, entry.read_bytes())
    return found
