"""Static files shipped with the site, addressed by content hash so caches never serve stale ones."""

from __future__ import annotations

import hashlib
import re
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
            data = entry.read_bytes()
            found[entry.name] = Asset(entry.name, _without_comments(data) if entry.name.endswith(".css") else data)
    return found


def _without_comments(css: bytes) -> bytes:
    """The stylesheet as served: its comments explain it to its editors, not to browsers, and every
    page's first view pays for them (the site's CSS has no comment-like text inside strings)."""
    return re.sub(rb"/\*.*?\*/\s*", b"", css, flags=re.S)
