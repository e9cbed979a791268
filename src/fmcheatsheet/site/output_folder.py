"""The folder a site is written into: only a new folder, an empty one or a previous build.

A build marks its folder with MARKER. Before anything is replaced the folder is
checked: a folder that holds other files is somebody's work, so it is refused
unless the caller forces it, and the catalog, the current folder, the home folder
and the file system root are refused even then.

Replacing a previous build is atomic: the new site is written beside it and the
two folders are exchanged in one rename, so a reader (or `serve`) sees either the
old site or the new one, never a missing or half-written folder, and a failed
build leaves the last good site in place.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import CatalogError

MARKER = ".fmcheatsheet-build"
MARKER_TEXT = (
    b"This folder holds a website built by `fmcheatsheet build`.\n"
    b"The next build or `fmcheatsheet serve` replaces the whole folder: keep nothing else here.\n"
)


class UnsafeOutputFolder(CatalogError):
    """The output folder holds something a build must not replace."""


def check_output_folder(out: Path, *, catalog_root: Path | None = None, force: bool = False) -> None:
    """Raise UnsafeOutputFolder unless writing a site into ``out`` can lose nothing.

    ``force`` allows replacing a folder that holds other files, but never the
    catalog, a folder that contains it or the working folder, the home folder or
    the file system root.
    """
    target = out.resolve()
    shown = str(out)
    if target.exists() and not target.is_dir():
        raise UnsafeOutputFolder(f"cannot write the site into '{shown}': it is a file, not a folder")
    protected = _protected_reason(target, catalog_root)
    if protected:
        raise UnsafeOutputFolder(f"refusing to replace '{shown}': {protected}; choose a new folder such as 'site'")
    if not target.exists() or force or holds_a_build(target) or not any(target.iterdir()):
        return
    raise UnsafeOutputFolder(
        f"refusing to replace '{shown}': it already holds files that no build wrote there (no {MARKER} file); "
        "choose a new or empty folder, or pass --force to replace it and everything in it"
    )


def holds_a_build(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def _protected_reason(target: Path, catalog_root: Path | None) -> str | None:
    if target == Path(target.anchor):
        return "it is the root of the file system"
    if target == Path.home().resolve():
        return "it is your home folder"
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        return "it is the current folder or contains it"
    if catalog_root is not None:
        catalog = catalog_root.resolve()
        if target == catalog or target in catalog.parents:
            return f"it holds the catalog ({catalog_root})"
    return None


def replace_folder(
    out: Path, files: dict[str, bytes], *, catalog_root: Path | None = None, force: bool = False
) -> None:
    """Make ``out`` hold exactly ``files`` (plus the marker), atomically."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (staging / MARKER).write_bytes(MARKER_TEXT)
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        staging.chmod(0o755)
        # Checked again just before the swap: the folder may have changed during the build.
        check_output_folder(out, catalog_root=catalog_root, force=force)
        if not out.exists():
            staging.rename(out)
            return
        if exchange(staging, out):
            shutil.rmtree(staging, ignore_errors=True)  # now the previous build
            return
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
        out.rename(retired / out.name)
        staging.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not supported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange; the caller falls back to two renames
    raise OSError(code, os.strerror(code), str(second))
