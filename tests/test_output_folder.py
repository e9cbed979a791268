"""`build -o DIR` and `serve -o DIR` never destroy files a build did not write, and swap sites atomically."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet.site import output_folder
from fmcheatsheet.site.output_folder import MARKER, UnsafeOutputFolder, check_output_folder, replace_folder
from tests.conftest import run_cli
from tests.factory import resource


@pytest.fixture
def catalog(make_catalog: Callable[..., Path]) -> Path:
    return make_catalog([resource("alpha", name="Alpha Tool")])


def test_a_new_folder_is_built_and_marked(catalog: Path, tmp_path: Path) -> None:
    result = run_cli("build", "--catalog", str(catalog), "-o", str(tmp_path / "site"))
    assert result.code == 0, result.err
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / MARKER).is_file()


def test_a_previous_build_is_replaced(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("build", "--catalog", str(catalog), "-o", str(out)).code == 0
    (catalog / "resources" / "alpha.yaml").write_text(
        (catalog / "resources" / "alpha.yaml").read_text(encoding="utf-8").replace("Alpha Tool", "Gamma Tool"),
        encoding="utf-8",
    )
    assert run_cli("build", "--catalog", str(catalog), "-o", str(out)).code == 0
    assert "Gamma Tool" in (out / "resources" / "alpha" / "index.html").read_text(encoding="utf-8")


def test_an_empty_folder_is_used(catalog: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("build", "--catalog", str(catalog), "-o", str(tmp_path / "empty")).code == 0
    assert (tmp_path / "empty" / "index.html").is_file()


def test_a_folder_with_other_files_is_refused_and_left_alone(catalog: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / ".git").mkdir(parents=True)
    (docs / "notes.md").write_text("mine\n", encoding="utf-8")
    (docs / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    for command in (["build"], ["serve", "--port", "0"]):
        result = run_cli(*command, "--catalog", str(catalog), "-o", str(docs))
        assert result.code == 1, (command, result.out, result.err)
        assert "--force" in result.err and MARKER in result.err and "Traceback" not in result.err
    assert (docs / "notes.md").read_text(encoding="utf-8") == "mine\n"
    assert (docs / ".git" / "HEAD").is_file()
    assert not (docs / "index.html").exists()


def test_force_replaces_a_folder_of_other_files(catalog: Path, tmp_path: Path) -> None:
    old = tmp_path / "old-site"
    old.mkdir()
    (old / "index.html").write_text("an older site from another tool", encoding="utf-8")
    result = run_cli("build", "--catalog", str(catalog), "-o", str(old), "--force")
    assert result.code == 0, result.err
    assert "Alpha Tool" in (old / "index.html").read_text(encoding="utf-8")


def test_the_catalog_and_the_working_folder_are_refused_even_with_force(catalog: Path, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "important.py").write_text("keep = True\n", encoding="utf-8")
    before = sorted(p.name for p in (catalog / "resources").iterdir())
    for target in ("catalog", ".", str(tmp_path)):
        result = run_cli("build", "--catalog", "catalog", "-o", target, "--force", cwd=tmp_path)
        assert result.code == 1, (target, result.out)
        assert "refusing to replace" in result.err, result.err
    assert sorted(p.name for p in (catalog / "resources").iterdir()) == before
    assert (tmp_path / "src" / "important.py").read_text(encoding="utf-8") == "keep = True\n"


def test_a_file_is_never_replaced_by_a_site(catalog: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("a file", encoding="utf-8")
    result = run_cli("build", "--catalog", str(catalog), "-o", str(target), "--force")
    assert result.code != 0 and "is a file" in result.err
    assert target.read_text(encoding="utf-8") == "a file"
    with pytest.raises(UnsafeOutputFolder, match="is a file"):
        check_output_folder(target, force=True)


def test_a_marker_that_is_a_link_does_not_make_a_folder_a_build(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (tmp_path / "elsewhere").write_text("x", encoding="utf-8")
    (folder / MARKER).symlink_to(tmp_path / "elsewhere")
    (folder / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(UnsafeOutputFolder):
        check_output_folder(folder)


def test_a_failed_write_leaves_the_last_good_site_and_no_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    replace_folder(out, {"index.html": b"good"})
    with pytest.raises(OSError):
        # "a" as a file and as a folder cannot both be written: the build fails half-way.
        replace_folder(out, {"a": b"x", "a/b.html": b"y", "index.html": b"new"})
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_site_folder_exists_at_every_moment_of_a_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each rename a swap makes leaves a complete site at the path: no gap for a reader to fall into."""
    out = tmp_path / "site"
    replace_folder(out, {"index.html": b"first"})
    seen: list[bool] = []
    real_rename, real_exchange = Path.rename, output_folder.exchange

    def watched_rename(self: Path, target: str | os.PathLike[str]) -> Path:
        moved = real_rename(self, target)
        seen.append((out / "index.html").is_file())
        return moved

    def watched_exchange(first: Path, second: Path) -> bool:
        done = real_exchange(first, second)
        seen.append((out / "index.html").is_file())
        return done

    monkeypatch.setattr(Path, "rename", watched_rename)
    monkeypatch.setattr(output_folder, "exchange", watched_exchange)
    replace_folder(out, {"index.html": b"second"})
    assert seen and all(seen)
    assert (out / "index.html").read_bytes() == b"second"


def test_readers_never_miss_a_file_during_many_rebuilds(tmp_path: Path) -> None:
    out = tmp_path / "site"
    replace_folder(out, {"index.html": b"0", "search.json": b"{}"})
    missing: list[str] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            for name in ("index.html", "search.json"):
                try:
                    (out / name).read_bytes()
                except OSError as exc:
                    missing.append(f"{name}: {exc}")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for number in range(1, 60):
            replace_folder(out, {"index.html": str(number).encode(), "search.json": b"{}"})
    finally:
        done.set()
        thread.join()
    assert missing == []
