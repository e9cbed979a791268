"""Every page type at the widths people use, looked at as a person would: no script fails, nothing
scrolls sideways, no word breaks across lines, short labels stay on one line, the header stays small
on a phone, and on a phone a search shows its first result on the first screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import blank, watched
from tests.sitehelpers import PAGES

pytestmark = pytest.mark.browser

WIDTHS = [360, 390, 768, 1024, 1440]

# Words (split at spaces, hyphens and slashes, where lines may break) whose letters land on
# different lines. Strings longer than a narrow line (URLs, identifiers) may break where they
# must, so they are left out, as are code and text nobody sees.
BROKEN_WORDS = """
() => {
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const unseen = "pre, code, script, style, noscript, svg, select, textarea, datalist, .visually-hidden";
    if (!el || el.closest(unseen)) continue;
    if (!el.getClientRects().length) continue;
    for (const token of node.data.matchAll(/\\S+/g)) {
      if (token[0].length > 22) continue;
      for (const m of token[0].matchAll(/[^\\-\\u2010-\\u2014\\/]{2,}/g)) {
        const start = token.index + m.index;
        range.setStart(node, start);
        range.setEnd(node, start + m[0].length);
        const boxes = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        const tops = new Set(boxes.map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(`"${m[0]}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
      }
    }
  }
  return broken.slice(0, 10);
}
"""

# Labels that must fit on one line: the lines their text occupies, counted from the boxes of
# their text (icons and padding aside); boxes that overlap vertically share a line.
WRAPPED_LABELS = """
() => Array.from(document.querySelectorAll(
  ".nav-list a, .count, .badge, .brand, button, .icon-button, .kind, .breadcrumbs a, .pagination a, .sort > span"
)).filter((el) => el.getClientRects().length && el.textContent.trim()).filter((el) => {
  const rects = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || node.parentElement.closest("select, .visually-hidden")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    rects.push(...Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0));
  }
  rects.sort((a, b) => a.top - b.top);
  let lines = 0;
  let bottom = -Infinity;
  for (const r of rects) {
    if (r.top >= bottom - 2) lines += 1;
    bottom = Math.max(bottom, r.bottom);
  }
  return lines > 1;
}).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`).slice(0, 10)
"""


# Both scans and the sideways scroll, measured in one call at the tab's current width.
LAYOUT = f"""
() => ({{
  width: window.innerWidth,
  scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  broken: ({BROKEN_WORDS.strip()})(),
  wrapped: ({WRAPPED_LABELS.strip()})(),
}})
"""

# Phones and larger screens differ in more than width (touch, the mobile viewport), so each
# group gets its own browser context, shared by the module's tests; inside a group each page loads
# once and is then resized, as when a window is resized or a tablet turned.
DEVICES = {"phone": [w for w in WIDTHS if w < 600], "screen": [w for w in WIDTHS if w >= 600]}


def device_tab(browser: Any, device: str) -> Iterator[Any]:
    """One tab of the device class for the module; script errors are collected in ``errors``."""
    mobile = device == "phone"
    context = browser.new_context(
        viewport={"width": DEVICES[device][0], "height": 800}, is_mobile=mobile, has_touch=mobile
    )
    yield watched(context.new_page())
    context.close()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    yield from device_tab(browser, "phone")


@pytest.fixture(scope="module")
def screen(browser: Any) -> Iterator[Any]:
    yield from device_tab(browser, "screen")


def resized(tab: Any, width: int, height: int) -> Any:
    """The shared tab at this size, on a blank page with nothing a previous test left in the browser."""
    blank(tab)
    tab.set_viewport_size({"width": width, "height": height})
    tab.errors.clear()
    return tab


def layout_problems(tab: Any, width: int) -> dict[str, object]:
    found = tab.evaluate(LAYOUT)
    problems: dict[str, object] = {}
    if found["width"] != width:
        problems["window is another width"] = found["width"]
    if found["scroll"][0] > found["scroll"][1]:
        problems["scrolls sideways"] = found["scroll"]
    if found["broken"]:
        problems["words broken across lines"] = found["broken"]
    if found["wrapped"]:
        problems["labels on more than one line"] = found["wrapped"]
    return problems


@pytest.mark.parametrize("device", DEVICES)
def test_every_page_type_runs_and_fits_each_width_without_broken_words(
    request: pytest.FixtureRequest, base: str, device: str
) -> None:
    widths = DEVICES[device]
    tab = resized(request.getfixturevalue(device), widths[0], 800)
    problems: dict[str, object] = {}
    for name, path in PAGES.items():
        tab.set_viewport_size({"width": widths[0], "height": 800})
        tab.errors.clear()
        tab.settled.goto(base + path)
        for width in widths:
            if width != widths[0]:
                tab.set_viewport_size({"width": width, "height": 800})
                # Two frames: the resize is laid out and any script that answers it has run.
                tab.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
            problems |= {f"{name} at {width}px: {kind}": found for kind, found in layout_problems(tab, width).items()}
        if tab.errors:
            problems[f"{name}: script errors"] = list(tab.errors)
    assert problems == {}


def test_the_phone_header_is_one_small_bar_with_a_menu_that_needs_no_script(
    browser: Any, phone: Any, base: str
) -> None:
    without_scripts = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    for tab in (resized(phone, 390, 844), without_scripts.new_page()):
        tab.goto(base + PAGES["resource"])
        assert tab.locator(".site-header").bounding_box()["height"] <= 72
        assert tab.locator(".menu-panel a", has_text="Estimate").is_hidden()
        tab.click(".menu > summary")
        tab.locator(".menu-panel a", has_text="Estimate").click()
        tab.wait_for_url("**/estimate/")
    without_scripts.close()


def test_on_a_phone_a_search_shows_the_count_and_first_result_on_the_first_screen(phone: Any, base: str) -> None:
    tab = resized(phone, 390, 844)
    tab.goto(base + "browse/")
    tab.fill("#site-search", "speech recognition")
    tab.press("#site-search", "Enter")
    tab.locator("#result-status", has_text="match").wait_for()
    status = tab.locator("#result-status").bounding_box()
    first = tab.locator("#results .card").first.bounding_box()
    assert tab.evaluate("window.scrollY") == 0
    assert status["y"] < first["y"] < 844 - 60  # the title and a line of the first result show
    # The filters wait behind a button that says how many are set.
    assert tab.locator("#filters").is_hidden()
    tab.click("#filters-toggle")
    tab.check("input[name=modality][value=speech]")
    tab.click("#filters-close")
    assert tab.locator("#filters").is_hidden()
    assert tab.text_content("#filters-toggle").strip() == "Filters (1 active)"
    assert "modality=speech" in tab.url


def test_on_a_wide_screen_the_filters_stay_beside_the_results(screen: Any, base: str) -> None:
    tab = resized(screen, 1366, 900)
    tab.goto(base + "browse/")
    filters = tab.locator("#filters").bounding_box()
    results = tab.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] < results["x"]
    assert tab.locator("#filters-toggle").is_hidden()
