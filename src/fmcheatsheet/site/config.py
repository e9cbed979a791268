"""Settings of a site build that do not come from the catalog."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteConfig:
    """Where the site is published and where its source lives.

    ``base_url`` (the public address) makes canonical and preview URLs absolute and gives
    the site a sitemap; without it every link is relative and no page names an address.
    ``repo_url`` (a GitHub repository) makes "suggest an edit" link to the resource's file;
    without it those links lead to the contribution guide instead.
    """

    base_url: str | None = None
    repo_url: str | None = None
    branch: str = "main"
    title: str = "Foundation Model Development Cheatsheet"

    def __post_init__(self) -> None:
        if self.base_url is not None and not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if self.repo_url is not None:
            object.__setattr__(self, "repo_url", self.repo_url.rstrip("/").removesuffix(".git"))

    def absolute(self, path: str) -> str | None:
        return self.base_url + path if self.base_url else None

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


def configured_base_url(start: Path) -> str | None:
    """The public address in the repository's pyproject.toml (``[tool.fmcheatsheet] base-url``), if set.

    Looked for in ``start`` and the folders above it, so a build from the catalog folder or
    any folder of the checkout finds it.
    """
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError:  # Python 3.10 has no TOML reader
        return None

    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return None
            value = data.get("tool", {}).get("fmcheatsheet", {}).get("base-url")
            return value if isinstance(value, str) and value.strip() else None
    return None
