"""A compiled cache of loaded catalogs that can never be stale.

The cache key is a hash of everything a load depends on: every byte of every
catalog file (and every name in its folders, so an added or removed file
counts), the package's own source and data (search rules and word vectors included), the date (release dates are checked
against it) and the working directory (problems name files relative to it). Any
change to any of these is a different key, so a hit is exactly what a fresh load
would produce. Only successful writes are visible (atomic rename); an unusable
cache is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from .fsutil import write_atomically

# Files up to this size are hashed whole: more than any catalog file may hold (health.json
# takes up to 16 MiB). A larger file is an error the load reports; its size and time stand in.
MAX_HASHED_BYTES = 32 * 1024 * 1024

CACHE_VERSION = b"1"
KEEP_ENTRIES = 8
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where cache files go; None when caching is switched off (FMCHEATSHEET_CACHE=off)."""
    if os.environ.get("FMCHEATSHEET_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    configured = os.environ.get("FMCHEATSHEET_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fmcheatsheet"


@cache
def _code_fingerprint() -> bytes:
    digest = hashlib.sha256(CACHE_VERSION)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml", ".bin") and "catalog" not in path.relative_to(PACKAGE).parts:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.digest()


def catalog_key(root: Path, today: dt.date) -> str:
    """A hash of all inputs of a load of ``root`` on ``today``."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(f"{today.isoformat()}\0{Path.cwd()}\0{root}\0{root.resolve()}\0".encode())
    _hash_tree(digest, root, depth=0)
    return digest.hexdigest()


def _hash_tree(digest: Any, folder: Path, depth: int) -> None:

    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        digest.update(f"unreadable:{folder}:{exc.errno}\0".encode())
        return
    for entry in entries:
        kind = "l" if entry.is_symlink() else "d" if entry.is_dir() else "f"
        digest.update(f"{kind}:".encode() + os.fsencode(entry.name) + b"\0")
        if kind == "l":
            digest.update(str(Path(entry.path).readlink()).encode(errors="surrogateescape"))
        if entry.is_dir() and depth == 0:
            _hash_tree(digest, Path(entry.path), depth + 1)
        elif entry.is_file():
            try:
                info = entry.stat()
                digest.update(str(info.st_size).encode())
                if info.st_size <= MAX_HASHED_BYTES:
                    digest.update(Path(entry.path).read_bytes())
                else:
                    digest.update(str(info.st_mtime_ns).encode())
            except OSError as exc:
                digest.update(f"unreadable:{exc.errno}".encode())


def load(key: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(key: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        write_atomically(folder / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder)
    except OSError:
        pass  # a read-only or full disk only costs speed


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        old.unlink(missing_ok=True)
