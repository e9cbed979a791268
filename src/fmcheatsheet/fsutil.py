"""Writing files so that a failure never leaves a partial or clobbered file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: str | bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    With ``overwrite=False`` an existing file is never replaced (FileExistsError),
    even if it appears between the check and the rename.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
        if overwrite:
            tmp.replace(path)
        else:
            # link() fails if the target exists, so no other writer can be clobbered.
            os.link(tmp, path)
            tmp.unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def is_within(path: Path, root: Path) -> bool:
    """True if ``path`` is ``root`` or lies under it (compare resolved paths to see through links)."""
    return path == root or root in path.parents
