"""The load cache is invisible: a cached load equals a fresh one, whatever changed."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import cache
from fmcheatsheet.catalog import read_catalog
from tests.factory import resource


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FMCHEATSHEET_CACHE_DIR", str(folder))
    return folder


def test_a_second_load_comes_from_the_cache(make_catalog: Callable[..., Path], private_cache: Path) -> None:
    root = make_catalog([resource("a"), resource("b")])
    first, _ = read_catalog(root)
    assert len(list(private_cache.glob("*.pickle"))) == 1
    second, _ = read_catalog(root)
    assert first is not None and second is not None
    assert list(second.resources) == ["a", "b"]


def _rename_keeping_size_and_time(path: Path) -> None:
    """Alpha becomes Omega, and the file's size and modification time stay as they were."""
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha", "Omega"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_an_edit_with_the_same_size_and_time_is_seen(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a", name="Alpha")])
    read_catalog(root)
    _rename_keeping_size_and_time(root / "resources" / "a.yaml")
    catalog, _ = read_catalog(root)
    assert catalog is not None
    assert catalog.get("a").name == "Omega"


def test_added_and_removed_files_are_seen(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a")])
    read_catalog(root)
    (root / "resources" / "notes.txt").write_text("stray", encoding="utf-8")
    _, report = read_catalog(root)
    assert any("not a .yaml file" in p.message for p in report.problems)
    (root / "resources" / "a.yaml").unlink()
    catalog, _ = read_catalog(root)
    assert catalog is not None and len(catalog) == 0


def test_the_date_is_part_of_the_key(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a", released="2030-01")])
    _, now = read_catalog(root, today=dt.date(2026, 1, 1))
    _, later = read_catalog(root, today=dt.date(2031, 1, 1))
    assert not now.ok() and later.ok()


def test_a_corrupt_cache_file_is_ignored(make_catalog: Callable[..., Path], private_cache: Path) -> None:
    root = make_catalog([resource("a")])
    read_catalog(root)
    for entry in private_cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    catalog, _ = read_catalog(root)
    assert catalog is not None and list(catalog.resources) == ["a"]


def test_a_cache_that_cannot_be_written_only_costs_speed(
    make_catalog: Callable[..., Path], private_cache: Path
) -> None:
    private_cache.write_text("a file where the cache folder should be", encoding="utf-8")
    root = make_catalog([resource("a")])
    for _ in range(2):
        catalog, _ = read_catalog(root)
        assert catalog is not None and list(catalog.resources) == ["a"]
    assert private_cache.is_file()


def test_caching_can_be_switched_off(make_catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FMCHEATSHEET_CACHE", "off")
    assert cache.cache_dir() is None
    catalog, _ = read_catalog(make_catalog([resource("a")]))
    assert catalog is not None


def _settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let every file look older than the file systems' timestamp granularity."""
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 2 * cache.SETTLED_AFTER_SECONDS)


def test_a_settled_catalog_is_not_read_again_to_find_its_key(
    make_catalog: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_catalog([resource("a")])
    _settle(monkeypatch)
    first = cache.catalog_key(root, dt.date(2026, 1, 1))
    assert len(list(private_cache.glob("*.key"))) == 1

    def unreadable(self: Path) -> bytes:
        raise AssertionError(f"read {self} although nothing changed")

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    assert cache.catalog_key(root, dt.date(2026, 1, 1)) == first


def test_files_written_within_the_last_seconds_are_always_read(
    make_catalog: Callable[..., Path], private_cache: Path
) -> None:
    root = make_catalog([resource("a")])
    cache.catalog_key(root, dt.date(2026, 1, 1))
    assert not list(private_cache.glob("*.key"))


def test_an_edit_that_restores_size_and_time_is_seen_after_the_key_was_remembered(
    make_catalog: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_catalog([resource("a", name="Alpha")])
    _settle(monkeypatch)
    read_catalog(root)
    read_catalog(root)
    assert list(private_cache.glob("*.key"))
    _rename_keeping_size_and_time(root / "resources" / "a.yaml")
    catalog, _ = read_catalog(root)
    assert catalog is not None
    assert catalog.get("a").name == "Omega"


def test_a_damaged_remembered_key_is_ignored(
    make_catalog: Callable[..., Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_catalog([resource("a")])
    _settle(monkeypatch)
    first = cache.catalog_key(root, dt.date(2026, 1, 1))
    for remembered in private_cache.glob("*.key"):
        remembered.write_text("../../etc/passwd", encoding="ascii")
    assert cache.catalog_key(root, dt.date(2026, 1, 1)) == first
