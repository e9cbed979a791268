"""Settings of a site build that do not come from the catalog."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class SiteConfig:
    """Where the site is published and where its source lives.

    ``base_url`` makes sitemap and canonical URLs absolute. ``repo_url`` (a GitHub
    repository) makes "suggest an edit" link to the resource's file; without it
    those links lead to the contribution guide instead.
    """

    base_url: str = DEFAULT_BASE_URL
    repo_url: str | None = None
    branch: str = "main"
    title: str = "Foundation Model Development Cheatsheet"

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if self.repo_url is not None:
            object.__setattr__(self, "repo_url", self.repo_url.rstrip("/").removesuffix(".git"))

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def edit_url(self, relative_file: str) -> str | None:
        """The repository's web editor for a catalog file, when the repository is known."""
        if not self.repo_url:
            return None
        return f"{self.repo_url}/edit/{self.branch}/{relative_file}"


def detect_repo_url(start: Path) -> str | None:
    """The GitHub web URL of the checkout's `origin` remote, if there is one."""
    configured = os.environ.get("FMCHEATSHEET_REPO_URL")
    if configured:
        return configured
    try:
        out = subprocess.run(
            ["git", "-C", str(start), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    remote = out.stdout.strip()
    match = re.match(r"^(?:git@github\.com:|https://github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?$", remote)
    return f"https://github.com/{match.group(1)}" if match else None
