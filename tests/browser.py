"""Launching Debian's Chromium through Playwright for the browser tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("FMCHEATSHEET_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """In CI a missing browser is a failure; on a developer machine the browser tests are skipped."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Settled:
    """Waits until a tab's page has loaded, its start-up work is done and nothing is being fetched.

    A page whose script fetches data at start (browse, compare, estimate, licences, plan, suggest)
    reports on ``<html data-ready>`` (static/ready.js): "no" while it works, "yes" when done, "error"
    if it failed, which fails the wait at once. A load waits for that mark and for the requests in
    flight to finish; a wait after typing or clicking, which no mark reports, also waits for a short
    quiet spell after the last request (Playwright's "networkidle" waits a fixed half second).
    """

    QUIET_MS = 100

    def __init__(self, tab: object) -> None:
        self.tab = tab
        self.in_flight: set[object] = set()
        # Playwright wraps handlers, so they are plain functions rather than bound builtins.
        tab.on("request", lambda request: self.in_flight.add(request))  # type: ignore[attr-defined]
        tab.on("requestfinished", lambda request: self.in_flight.discard(request))  # type: ignore[attr-defined]
        tab.on("requestfailed", lambda request: self.in_flight.discard(request))  # type: ignore[attr-defined]

    def goto(self, url: str) -> None:
        self.tab.goto(url)  # type: ignore[attr-defined]
        self.wait(quiet_ms=0)

    def ready(self) -> bool:
        """Whether the page's start-up work is done (an AssertionError if it failed)."""
        mark = self.tab.evaluate("document.documentElement.dataset.ready")  # type: ignore[attr-defined]
        if mark == "error":
            raise AssertionError(f"the page's start-up work failed: {self.tab.url}")  # type: ignore[attr-defined]
        return bool(mark != "no")

    def wait(self, timeout_ms: int = 10_000, quiet_ms: int = QUIET_MS) -> None:
        quiet = 0
        for _ in range(timeout_ms // 20):
            if not self.in_flight and quiet >= quiet_ms and self.ready():
                return
            self.tab.wait_for_timeout(20)  # type: ignore[attr-defined]
            quiet = 0 if self.in_flight else quiet + 20
        raise AssertionError(f"page still fetching or starting after {timeout_ms} ms: {self.in_flight}")


def watched(tab: Any) -> Any:
    """``tab`` with its script errors (console errors, uncaught exceptions) collected in ``tab.errors``
    and one :class:`Settled` for all its page loads in ``tab.settled``."""
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.settled = Settled(tab)
    return tab


def blank(tab: Any) -> None:
    """A shared tab left as a new one would be: what the site saved in the browser gone, on a blank page."""
    if tab.url.startswith("http"):
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    tab.goto("about:blank")
