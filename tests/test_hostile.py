"""Hostile catalog text: bad URLs are refused; everything else renders inertly in Chromium.

A canary (`window.__pwned`) is set by every payload that manages to run; no page may
set it, open a dialog, trigger a Content-Security-Policy report or scroll sideways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fmcheatsheet import Catalog
from fmcheatsheet.model import Resource, SchemaContext
from fmcheatsheet.site import SiteConfig, build_site
from tests.browser import Settled
from tests.examples import draws
from tests.factory import SECTIONS, resource, write_catalog
from tests.sitehelpers import serving

CANARY = "window.__pwned=1"
MARKUP = [
    f"<script>{CANARY}</script>",
    f'<img src=x onerror="{CANARY}">',
    f'"><svg onload="{CANARY}">',
    f'\'><iframe srcdoc="<script>parent.{CANARY}</script>">',
    f'<a href="javascript:{CANARY}">click</a>',
    f"{{{{ {CANARY} }}}}",
    "<style>body{display:none}</style>",
    f"</textarea><script>{CANARY}</script>",
    f"<!--<script>{CANARY}//-->",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{CANARY}">',
]
DIRECTION = ["\u202eevil\u202c", "\u2066x\u2069", "abc\u202bdef"]
BAD_SCHEMES = [
    f"javascript:{CANARY}",
    f"JaVaScRiPt:{CANARY}",
    f" javascript:{CANARY}",
    f"java\tscript:{CANARY}",
    f"&#106;avascript:{CANARY}",
    f"%6Aavascript:{CANARY}",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
    f"DATA:text/html,<script>{CANARY}</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "javascript://%0Aalert(1)",
    "//evil.example/x",
    "file:///etc/passwd",
]
LONG_WORD = "w" * 690


def build_hostile_catalog(root: Path, payloads: list[str]) -> Path:
    resources = []
    for index, payload in enumerate(payloads):
        name = (payload + f" {index}")[:120]
        resources.append(
            resource(
                f"hostile-{index}",
                name=name,
                description=(f"Hostile text {index}: {payload} " + LONG_WORD)[:700],
                tags=["hostile"],
                links={"website": f"https://example.org/{'x' * 1900}?q=%3Cscript%3E{index}"},
                sections=["deduplication", "capabilities"],
            )
        )
    sections = {sid: {**body, "scope": body["scope"] + " " + payloads[0][:300]} for sid, body in SECTIONS.items()}
    return write_catalog(root, resources, sections=sections)


@pytest.mark.parametrize("url", BAD_SCHEMES)
def test_dangerous_urls_are_refused_in_every_link_field(url: str) -> None:
    context = SchemaContext(frozenset(SECTIONS))
    for kind in ("website", "github", "huggingface", "docs", "paper"):
        with pytest.raises(ValueError):
            Resource.model_validate(resource("x", links={kind: url}), context=context.as_dict())


@pytest.mark.parametrize("text", DIRECTION)
def test_invisible_direction_characters_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="invisible character"):
        Resource.model_validate(resource("x", name=f"Name {text}"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["website", "docs", "github", "paper"]),
    st.sampled_from(BAD_SCHEMES),
    # Leading blanks must not smuggle a bad scheme past the check.
    st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\n"]),
)
def test_generated_bad_urls_never_validate(kind: str, scheme: str, prefix: str) -> None:
    with pytest.raises(ValueError):
        Resource.model_validate(resource("x", links={kind: prefix + scheme}))


hostile_text = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=40),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


class Inert:
    """One tab at a width, reused for every page (a new page load starts a fresh document and canary);
    what the page does wrong (dialogs, script errors, CSP reports in the console) is collected per page."""

    def __init__(self, browser: Any, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.page = self.context.new_page()
        self.settled = Settled(self.page)
        self.problems: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.problems.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))

    def check(self, url: str, type_into_search: str | None = None) -> None:
        page = self.page
        self.problems.clear()
        self.settled.goto(url)
        if type_into_search is not None:
            page.fill("#site-search", type_into_search)
            # The typed text has been answered (on the browse page by its results, elsewhere by the
            # suggestions list, both showing the hostile names), and what that fetched has arrived.
            if page.evaluate("document.body.dataset.page") == "browse":
                page.locator("#result-status", has_text=f"for “{type_into_search.strip()}”").wait_for()
            else:
                page.locator("#site-search[aria-expanded=true]").wait_for()
            self.settled.wait()
        assert page.evaluate("window.__pwned") is None, url
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (url, width)
        assert self.problems == [], (url, self.problems)


@pytest.mark.browser
def test_hostile_text_renders_inertly(browser: Any, tmp_path: Path) -> None:
    # One site holds every payload: the fixed markup and Hypothesis-generated mixtures of markup and
    # arbitrary text, each in a resource's name and description and in the sections' scope.
    generated = draws(hostile_text, 16)
    payloads = [*MARKUP, *generated]
    root = build_hostile_catalog(tmp_path / "catalog", payloads)
    site = tmp_path / "site"
    build_site(Catalog.load(root), site, SiteConfig(repo_url="https://github.com/example-org/fm-cheatsheet"))
    pages = ["", "sections/deduplication/", "gaps/", "plan/"]
    pages += [f"resources/hostile-{i}/" for i in (0, 3, len(MARKUP), len(payloads) - 1)]
    # A phone's width for reading; a phone's header keeps search behind a link, so typing into the
    # suggestions box takes a laptop's width.
    with serving(site) as base:
        phone = Inert(browser, 390)
        for page in pages:
            phone.check(base + page)
        phone.context.close()
        laptop = Inert(browser, 1280)
        laptop.check(base, type_into_search=MARKUP[0][:20])
        laptop.check(
            base + "browse/?q=" + "%3Cimg%20src%3Dx%20onerror%3D" + "&modality=text",
            type_into_search=MARKUP[1],
        )
        laptop.context.close()
