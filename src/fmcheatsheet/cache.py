"""A compiled cache of loaded catalogs that can never be stale.

The cache key is a hash of everything a load depends on: every byte of every
catalog file (and every name in its folders, so an added or removed file
counts), the package's own source and data (search rules and word vectors included), the date (release dates are checked
against it) and the working directory (problems name files relative to it). Any
change to any of these is a different key, so a hit is exactly what a fresh load
would produce. Only successful writes are visible (atomic rename); an unusable
cache is ignored.

Hashing every byte costs more than the search it guards, so the key is remembered
under a second, cheap key made of the same names with each file's size, inode and
modification and change times instead of its bytes. Any write to a file moves its
change time, which no program can set back, so a changed file is a different cheap
key. The cheap key is only remembered once every file is older than the timestamp
granularity of any file system (files written in the last two seconds could change
again within the same tick), so a remembered key is never stale either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .fsutil import write_atomically

# Files up to this size are hashed whole: more than any catalog file may hold (health.json
# takes up to 16 MiB). A larger file is an error the load reports; its size and time stand in.
MAX_HASHED_BYTES = 32 * 1024 * 1024

CACHE_VERSION = b"1"
KEEP_ENTRIES = 8
KEEP_REMEMBERED_KEYS = 64
SETTLED_AFTER_SECONDS = 2.0
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


def _package_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in (".py", ".json", ".yaml", ".bin") and "catalog" not in path.relative_to(PACKAGE).parts
    ]


@cache
def _code_fingerprint() -> bytes:
    digest = hashlib.sha256(CACHE_VERSION)
    for path in _package_files():
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.digest()


def _inputs(root: Path, today: dt.date) -> bytes:
    return f"{today.isoformat()}\0{Path.cwd()}\0{root}\0{root.resolve()}\0".encode()


def catalog_key(root: Path, today: dt.date) -> str:
    """A hash of all inputs of a load of ``root`` on ``today``."""
    started = time.time()
    cheap, newest = _stat_key(root, today)
    remembered = _recall(cheap)
    if remembered is not None:
        return remembered
    key = _content_key(root, today)
    if newest < started - SETTLED_AFTER_SECONDS:
        _remember(cheap, key)
    return key


def _content_key(root: Path, today: dt.date) -> str:
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(_inputs(root, today))
    for token, entry in _tree(root, depth=0):
        digest.update(token)
        if entry is None or not entry.is_file():
            continue
        try:
            info = entry.stat()
            digest.update(str(info.st_size).encode())
            if info.st_size <= MAX_HASHED_BYTES:
                digest.update(Path(entry.path).read_bytes())
            else:
                digest.update(str(info.st_mtime_ns).encode())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def _stat_key(root: Path, today: dt.date) -> tuple[str, float]:
    """The cheap key, and the newest modification or change time among its files."""
    digest = hashlib.sha256(CACHE_VERSION + b"stat\0" + _inputs(root, today))
    newest = 0.0
    stats: list[os.stat_result | OSError] = []
    for path in _package_files():
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        try:
            stats.append(path.stat())
        except OSError as exc:
            stats.append(exc)
    for token, entry in _tree(root, depth=0):
        digest.update(token)
        if entry is not None:
            try:
                stats.append(entry.stat())
            except OSError as exc:
                stats.append(exc)
    for info in stats:
        if isinstance(info, OSError):
            digest.update(f"unreadable:{info.errno}\0".encode())
            newest = float("inf")  # never remember a key that rests on a file it could not read
            continue
        digest.update(f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}\0".encode())
        newest = max(newest, info.st_mtime, info.st_ctime)
    return digest.hexdigest(), newest


def _tree(folder: Path, depth: int) -> Iterator[tuple[bytes, os.DirEntry[str] | None]]:
    """Each name under ``folder`` (and one level of sub-folders) as a token, with its entry."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield f"unreadable:{folder}:{exc.errno}\0".encode(), None
        return
    for entry in entries:
        kind = "l" if entry.is_symlink() else "d" if entry.is_dir() else "f"
        token = f"{kind}:".encode() + os.fsencode(entry.name) + b"\0"
        if kind == "l":
            token += str(Path(entry.path).readlink()).encode(errors="surrogateescape")
        yield token, entry
        if entry.is_dir() and depth == 0:
            yield from _tree(Path(entry.path), depth + 1)


def _recall(cheap: str) -> str | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        key = (folder / f"{cheap}.key").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return key if len(key) == 64 and all(c in "0123456789abcdef" for c in key) else None


def _remember(cheap: str, key: str) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        write_atomically(folder / f"{cheap}.key", key)
        _prune(folder, "*.key", KEEP_REMEMBERED_KEYS)
    except OSError:
        pass  # a read-only or full disk only costs speed


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
        _prune(folder, "*.pickle", KEEP_ENTRIES)
    except OSError:
        pass  # a read-only or full disk only costs speed


def _prune(folder: Path, pattern: str, keep: int) -> None:
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)
