"""The load cache is invisible: a cached load equals a fresh one, whatever changed."""

from __future__ import annotations

import datetime as dt
import os
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


def test_an_edit_with_the_same_size_and_time_is_seen(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a", name="Alpha")])
    read_catalog(root)
    path = root / "resources" / "a.yaml"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha", "Omega"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
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
