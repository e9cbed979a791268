"""Who made the catalog: the authors of its commits, read from the repository's history at build time."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path


def git_authors(folder: Path) -> list[tuple[str, int]]:
    """(author name, commits), most commits first; empty when the folder is not in a git checkout.

    Names only: an address in a commit is not something to republish on a web page.
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "log", "--format=%aN"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    counts = Counter(line.strip() for line in done.stdout.splitlines() if line.strip())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
