"""The real site in real Chromium: filters, search, URL state, no-JS, keyboard, themes, phones, accessibility."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fmcheatsheet import Catalog
from tests.browser import Settled, blank, watched
from tests.conftest import untraced
from tests.sitehelpers import PAGES, build, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def laptop(browser: Any) -> Iterator[Any]:
    """One laptop-sized tab for the module's tests, with the browser's cache off, so that every page
    is fetched as it would be by a new visitor; script errors are collected in ``errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = watched(context.new_page())
    devtools = context.new_cdp_session(tab)
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    yield tab
    devtools.detach()
    context.close()


@pytest.fixture
def page(laptop: Any) -> Iterator[Any]:
    """The shared tab, left as a new one after each test: no routes or permissions a test added, the
    choices the site saves in the browser (compare selections, plan ticks) gone, the laptop's size, the
    light theme and the pointer in the corner back, a blank page."""
    laptop.errors.clear()
    yield laptop
    laptop.unroute_all(behavior="ignoreErrors")
    laptop.context.clear_permissions()
    laptop.set_viewport_size({"width": 1280, "height": 900})
    laptop.emulate_media(color_scheme="no-override")
    laptop.mouse.move(0, 0)
    blank(laptop)
    laptop.errors.clear()


def result_ids(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all("#results .card-title a", "els => els.map(e => e.getAttribute('href'))")
    return [h.rstrip("/").split("/")[-1] for h in hrefs]


# Waits poll from Python or use locators: Playwright's wait_for_function evaluates strings,
# which the site's Content-Security-Policy (rightly) forbids.
def wait_until(page: Any, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        page.wait_for_timeout(50)


def wait_for_url(page: Any, fragment: str, present: bool = True) -> None:
    wait_until(page, lambda: (fragment in page.url) is present)


def wait_for_results(page: Any) -> None:
    """Until the script has rendered results (the server's text starts with 'Page')."""
    page.locator("#result-status", has_text=re.compile(r"^\d+ (of \d+ resources|strong match)")).wait_for()


def test_filter_by_modality_and_section(page: Any, base: str, catalog: Catalog) -> None:
    page.goto(base + "browse/")
    page.check("input[name=modality][value=speech]")
    page.check("input[name=section][value=data-cleaning]")
    wait_for_url(page, "section=data-cleaning")
    expected = {r.id for r in catalog.filter(modality="speech", section="data-cleaning")}
    assert set(result_ids(page)) == expected
    assert "modality=speech" in page.url
    count = page.text_content("[data-count='modality:speech']")
    assert int(count or 0) == len(expected)
    assert page.errors == []


def test_search_and_open_a_result(page: Any, base: str) -> None:
    page.goto(base)
    page.fill("#site-search", "the pile")
    page.wait_for_selector("#search-suggestions [role=option]")
    first = page.text_content("#search-suggestions [role=option] .suggestion-name")
    assert first == "The Pile"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resources/the-pile/")
    assert page.text_content("h1") == "The Pile"
    assert page.errors == []


def test_state_is_restored_from_the_url_and_the_back_button(page: Any, base: str) -> None:
    page.goto(base + "browse/?q=deduplication&modality=text&sort=name")
    wait_for_results(page)
    assert page.input_value("#site-search") == "deduplication"
    assert page.is_checked("input[name=modality][value=text]")
    assert page.input_value("#sort") == "name"
    names = page.eval_on_selector_all("#results .card-title a", "els => els.map(e => e.textContent.toLowerCase())")
    assert names and names == sorted(names, key=str.lower)
    page.check("input[name=modality][value=vision]")
    wait_for_url(page, "modality=vision")
    page.go_back()
    wait_for_url(page, "modality=vision", present=False)
    assert not page.is_checked("input[name=modality][value=vision]")
    assert page.is_checked("input[name=modality][value=text]")


def test_typing_updates_results_instantly(page: Any, base: str) -> None:
    page.goto(base + "browse/")
    page.fill("#site-search", "carbon emissions")
    wait_for_url(page, "q=carbon")
    ids = result_ids(page)
    assert ids and len(ids) < 100
    page.fill("#site-search", "zzqqxxv")
    page.locator("#result-status", has_text="No strong match").wait_for()


def test_the_address_follows_typing_and_is_kept_when_a_result_is_opened_at_once(page: Any, base: str) -> None:
    page.goto(base + "browse/")
    page.fill("#site-search", "carbon emissions")
    wait_for_url(page, "q=carbon")
    # Opened before the pause ends, a result still leaves the query in the history.
    page.fill("#site-search", "watermark")
    page.locator("#result-status", has_text="watermark").wait_for()
    page.click("#results .card-title a")
    page.wait_for_url("**/resources/**")
    page.go_back()
    wait_for_url(page, "q=watermark")
    # The page loads again: its script restores the box from the address once it has run.
    wait_until(page, lambda: page.input_value("#site-search") == "watermark")


@pytest.fixture
def paused(browser: Any) -> Iterator[Any]:
    """A tab of its own whose timers run only when the test moves its clock on, so that what happens
    before and after the pause in typing does not depend on how fast the machine is."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = watched(context.new_page())
    tab.clock.install()
    yield tab
    context.close()


def open_paused(tab: Any, url: str) -> None:
    tab.settled.goto(url)
    tab.clock.pause_at(tab.evaluate("Date.now()") + 1000)


def test_going_back_while_the_address_is_pending_keeps_the_earlier_one(paused: Any, base: str) -> None:
    open_paused(paused, base + "browse/")
    for query in ("carbon", "speech"):  # Enter adds each to the history
        paused.fill("#site-search", query)
        paused.press("#site-search", "Enter")
        wait_for_url(paused, f"q={query}")
    paused.fill("#site-search", "watermark")
    paused.go_back()
    wait_for_url(paused, "q=carbon")
    paused.clock.run_for(1000)  # longer than the pause: no late rewrite of the address
    assert "q=carbon" in paused.url and "watermark" not in paused.url
    wait_until(paused, lambda: paused.input_value("#site-search") == "carbon")
    assert paused.errors == []


def test_back_after_searches_typed_with_pauses_returns_to_the_earlier_search(paused: Any, base: str) -> None:
    open_paused(paused, base + "browse/")
    for query in ("carbon", "speech"):
        paused.fill("#site-search", query)
        paused.clock.run_for(1000)  # the reader pauses: the address follows the typing
        wait_for_url(paused, f"q={query}")
        paused.press("#site-search", "Enter")  # then confirms the search they see
    assert paused.evaluate("history.length") == 3  # the blank tab, carbon, speech: no duplicates
    paused.go_back()
    wait_for_url(paused, "q=carbon")
    wait_until(paused, lambda: paused.input_value("#site-search") == "carbon")
    assert paused.errors == []


def test_no_results_suggests_a_correction(page: Any, base: str) -> None:
    page.goto(base + "browse/?q=tokn")  # too short for typo matching, close to "token"
    page.wait_for_selector("#result-status .link-button")
    assert page.text_content("#result-status .link-button") == "token"
    page.click("#result-status .link-button")
    wait_for_url(page, "q=token")
    assert result_ids(page)


def test_no_strong_match_points_to_the_closest_sections(page: Any, base: str) -> None:
    page.goto(base + "browse/?q=knitting+patterns+for+energy")
    page.locator("#result-status", has_text="No strong match").wait_for()
    sections = page.locator("#result-status a[href*='sections/']")
    assert sections.count() >= 1
    # On words alone the closest section differs; the one by meaning replaces it once the vectors load.
    wait_until(page, lambda: "estimating-impact" in (sections.first.get_attribute("href") or ""))


def test_every_resource_is_reachable_without_javascript(browser: Any, base: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "browse/")
    assert tab.is_hidden("#filters")
    assert tab.locator("#results .card").count() == 60
    assert tab.locator(".pagination a").count() >= 1
    tab.goto(base + "sections/deduplication/")
    listed = tab.locator("#all-resources .card").count()
    assert listed == len(catalog.in_section("deduplication"))
    context.close()


def test_slash_focuses_search(page: Any, base: str) -> None:
    page.goto(base + PAGES["resource"])
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"


def test_dark_theme_follows_the_system(page: Any, base: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(base)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 20, 24)"


# The accessibility scans only read the pages they load, so each kind of screen keeps one tab for
# all of them (every load is a fresh document): the laptop's is the module's shared tab.
@pytest.fixture(scope="module")
def dark_phone_tab(browser: Any) -> Iterator[Settled]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, color_scheme="dark")
    yield Settled(context.new_page())
    context.close()


@pytest.mark.parametrize(
    "name",
    ["home", "section", "browse", "resource", "about", "credits", "suggest", "plan", "timeline", "estimate", "gaps"],
)
def test_axe_finds_no_accessibility_violations(page: Any, base: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.settled.goto(base + PAGES[name])
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], json.dumps([(v["id"], v["nodes"][0]["target"]) for v in violations])


@pytest.mark.parametrize("name", ["home", "section", "browse", "resource"])
def test_axe_finds_no_violations_in_the_dark_theme_on_a_phone(dark_phone_tab: Settled, base: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab: Any = dark_phone_tab.tab
    dark_phone_tab.goto(base + PAGES[name] + ("?q=speech" if name == "browse" else ""))
    if name == "browse":
        tab.locator("#results .card").first.wait_for()
        tab.click("#filters-toggle")  # the filter panel, open
    violations = Axe().run(tab).response["violations"]
    assert violations == [], json.dumps([(v["id"], v["nodes"][0]["target"]) for v in violations])


# What each page that fetches data at start fetches first; Settled waits on the mark it sets when done.
START_UP_DATA = {
    "browse": "search.json",
    "compare": "compare.json",
    "estimate": "estimator.json",
    "licences": "licences.json",
    "plan": "plan.json",
    "suggest": "contribute.json",
}


@pytest.mark.parametrize("name", START_UP_DATA)
def test_a_page_whose_start_up_data_fails_to_arrive_says_so(page: Any, base: str, name: str) -> None:
    page.route(f"**/{START_UP_DATA[name]}", lambda route: route.abort())
    with pytest.raises(AssertionError, match="start-up work failed"):
        page.settled.goto(base + PAGES[name])
    assert page.evaluate("document.documentElement.dataset.ready") == "error"
    wait_until(page, lambda: bool(page.errors))  # and the failure reaches the console


def test_keyboard_navigation_reaches_content_with_visible_focus(page: Any, base: str) -> None:
    page.goto(base)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


QUESTION = "how do I detect the language of each document in a multilingual crawl?"


def test_word_vectors_load_only_when_a_query_needs_them(
    page: Any, base: str, catalog: Catalog, pytestconfig: pytest.Config
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base + "browse/")
    page.wait_for_load_state("networkidle")
    page.focus("#site-search")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if url.endswith("search-vectors.bin")], "the first view stays as light as before"
    with page.expect_response(lambda response: response.url.endswith("search-vectors.bin")):
        page.fill("#site-search", QUESTION)
    with untraced(pytestconfig):  # the expected ranking: the library's, whose code other tests trace
        expected = [h.resource.id for h in catalog.search(QUESTION, limit=None) if h.resource.status != "retired"]
    # The ranking on words alone shows first; the one with vectors replaces it.
    wait_until(page, lambda: result_ids(page) == expected[:60])
    status = page.text_content("#result-status") or ""
    assert status.startswith(f"{len(expected)} strong match")
    assert page.errors == []


def test_without_word_vectors_the_site_ranks_on_words_alone(
    page: Any, base: str, catalog: Catalog, pytestconfig: pytest.Config
) -> None:
    page.route("**/search-vectors.bin", lambda route: route.abort())
    page.goto(base + "browse/")
    page.fill("#site-search", QUESTION)
    with untraced(pytestconfig):  # the expected ranking: the library's, whose code other tests trace
        words_alone = catalog.build_search_index(None)
    retired = {r.id for r in catalog if r.status == "retired"}
    expected = [d for d, _ in words_alone.search(QUESTION, limit=None, strong=True) if d not in retired]
    wait_until(page, lambda: result_ids(page) == expected[:60])
    page.wait_for_timeout(300)  # and it stays so
    assert result_ids(page) == expected[:60]
    assert [e for e in page.errors if "search-vectors" not in e and "net::" not in e] == []


def test_no_strong_match_shows_the_closest_sections(page: Any, base: str) -> None:
    page.goto(base + "browse/?q=hello%20world")
    page.locator("#result-status", has_text="No strong match for “hello world”").wait_for()
    page.wait_for_selector("#result-status a[href*='sections/']")
    assert "Closest sections" in (page.text_content("#result-status") or "")
    assert result_ids(page) == []


def test_show_more_continues_the_server_list_without_gaps(page: Any, base: str, catalog: Catalog) -> None:
    page.settled.goto(base + "browse/")  # the catalog's rows have arrived
    # From the keyboard: a pointer aimed at the button can miss it while the cards above it are laid out.
    page.focus("#show-more")
    page.keyboard.press("Enter")
    wait_until(page, lambda: page.locator("#results .card").count() > 60 or bool(page.errors), timeout=30)
    assert page.errors == []
    expected = [r.id for r in sorted(catalog, key=lambda r: r.name.lower())][:120]
    assert result_ids(page) == expected


def test_the_browse_page_does_not_shift_when_scripts_run(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    Settled(tab).goto(base + "browse/")
    shift = tab.evaluate(
        """() => new Promise((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => { for (const e of list.getEntries()) total += e.value; })
            .observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 300);
        })"""
    )
    assert shift < 0.01
    context.close()


def fill_suggestion(page: Any, name: str, description: str) -> None:
    page.fill("#f-name", name)
    page.fill("#f-description", description)
    page.select_option("#f-type", "dataset")
    page.check("input[name=sections][value=pretraining-data]")
    page.check("input[name=modalities][value=speech]")
    page.fill("#f-huggingface", "https://huggingface.co/datasets/example/swahili-speech")
    page.fill("#f-paper", "2401.00001")
    page.fill("#f-released", "2024-01")
    page.fill("#f-licence", "CC-BY-4.0")
    page.select_option("#f-coverage", "monolingual")
    page.fill("#f-codes", "sw")
    page.fill("#f-tags", "asr, swahili, no: quotes")


def test_suggestion_form_produces_a_file_that_validates(page: Any, base: str, tmp_path: Path) -> None:
    from tests.conftest import run_cli
    from tests.factory import PHASES, SECTIONS, write_catalog

    page.goto(base + "suggest/")
    fill_suggestion(
        page,
        "Yes: Swahili Speech #1",
        "A corpus of read Swahili speech with transcripts, for training and "
        "evaluating ASR; small, so pair it with larger multilingual sets.",
    )
    page.fill("#f-tags", "asr, swahili")
    page.click("#suggest button[type=submit]")
    page.wait_for_selector("#result:not([hidden])")
    yaml_text = page.text_content("#result-yaml")
    path_text = page.text_content("#result-path")
    assert path_text == "catalog/resources/yes-swahili-speech-1.yaml"
    github = page.get_attribute("#result-github", "href")
    assert github.startswith("https://github.com/example-org/fm-cheatsheet/new/main/catalog/resources?filename=")
    phases = [
        *PHASES,
        {
            "id": "data-sources",
            "title": "Data sources",
            "overview": "Where data comes from, for tests.",
            "sections": ["pretraining-data"],
        },
    ]
    sections = {**SECTIONS, "pretraining-data": {"title": "Pretraining data", "scope": "Corpora for pretraining."}}
    catalog = write_catalog(tmp_path, [], phases=phases, sections=sections)
    (catalog / "resources" / "yes-swahili-speech-1.yaml").write_text(yaml_text, encoding="utf-8")
    result = run_cli("validate", "--catalog", str(catalog))
    assert result.code == 0, result.out
    check = run_cli("fmt", "--check", "--catalog", str(catalog))
    assert "yes-swahili-speech-1.yaml" not in check.out, yaml_text


def test_suggestion_form_rejects_invalid_input_with_field_messages(page: Any, base: str) -> None:
    page.goto(base + "suggest/")
    fill_suggestion(page, "Bad Entry", "too short")
    page.fill("#f-huggingface", "https://example.org/not-hugging-face")
    page.fill("#f-paper", "javascript:alert(1)")
    page.fill("#f-released", "2023-13")
    page.fill("#f-licence", "apache-2.0")
    page.fill("#f-tags", "Data Cleaning")
    page.click("#suggest button[type=submit]")
    page.locator("#form-status", has_text="correct").wait_for()
    assert "at least 40 characters" in page.text_content("#e-description")
    assert "not a huggingface.co address" in page.text_content("#e-huggingface")
    assert "'javascript:' is not allowed" in page.text_content("#e-paper")
    assert "months run from 01 to 12" in page.text_content("#e-released")
    assert "unknown licence 'apache-2.0'" in page.text_content("#e-licence")
    assert "kebab-case" in page.text_content("#e-tags")
    assert page.is_hidden("#result")
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"


def test_estimator_updates_as_you_type_and_keeps_the_inputs_in_the_address(page: Any, base: str) -> None:
    page.goto(base + "estimate/")
    page.fill("#e-params", "7B")
    page.fill("#e-tokens", "1.4T")
    page.select_option("#e-gpu", "h100-sxm")
    page.fill("#e-gpus", "256")
    page.select_option("#e-region", "france")
    # No button press: the results follow the typing.
    page.locator("#estimate-output td[data-key=emissions_tco2e]").wait_for()
    assert float(page.get_attribute("#estimate-output td[data-key=flops]", "data-value")) == pytest.approx(5.88e22)
    assert "range" in page.text_content("#estimate-output td[data-key=energy_kwh]")
    assert page.locator("#estimate-assumptions li").count() >= 4
    wait_for_url(page, "region=france")
    shared = page.url
    page.goto(base + "estimate/")
    page.goto(shared)
    page.locator("#estimate-output td[data-key=emissions_tco2e]").wait_for()
    assert page.input_value("#e-params") == "7B" and page.input_value("#e-region") == "france"
    page.fill("#e-params", "seven")
    page.locator("#estimate-status", has_text="is not a number").wait_for()
    assert page.locator("#estimate-output tr").count() == 0
    assert not page.errors


def test_estimator_compares_with_published_runs_and_other_grids_and_gives_a_model_card(page: Any, base: str) -> None:
    page.goto(base + "estimate/?gpu_hours=82432&power_watts=400&pue=1.1&region=us-average&gpu=a100-80gb&gpus=2048")
    page.locator("#estimate-chart svg").wait_for()
    chart = page.locator("#estimate-chart svg")
    assert chart.get_attribute("role") == "img"
    description = page.text_content("#estimate-chart desc")
    for name in ("This run", "LLaMA-7B", "Llama 2 70B", "BLOOM-176B", "GPT-3 175B", "OPT-175B"):
        assert name in description
    rows = page.locator("#estimate-regions tr")
    assert rows.count() >= 8
    assert "(your choice)" in page.text_content("#estimate-regions tr.current")
    card = page.text_content("#estimate-card")
    assert card.startswith("**Environmental impact.**") and "co2_eq_emissions:" in card
    assert "2048 x NVIDIA A100 SXM4 80GB" in card
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#estimate-copy-card")
    page.locator("#estimate-status", has_text="copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == card


def test_estimator_results_stay_in_view_beside_the_form_on_wide_screens(page: Any, base: str) -> None:
    tab = page
    tab.set_viewport_size({"width": 1366, "height": 900})
    tab.goto(base + "estimate/?params=7B&tokens=1.4T&gpu=h100-sxm&gpus=64&region=germany")
    tab.locator("#estimate-output td[data-key=emissions_tco2e]").wait_for()
    form, results = tab.locator("#estimate-form").bounding_box(), tab.locator(".estimator-results").bounding_box()
    assert results["x"] > form["x"] + form["width"] - 1  # two columns
    tab.mouse.wheel(0, 900)  # down to the grid fields, well below where the results began
    wait_until(tab, lambda: tab.evaluate("window.scrollY") > 500)
    top = tab.locator(".estimator-results").bounding_box()["y"]
    assert 0 <= top < 20  # sticky: the results stay at the top of the screen


def test_plan_page_renders_the_release_steps_and_their_laws_as_the_server_does(page: Any, base: str) -> None:
    page.goto(base + "plan/")
    server = [" ".join(t.split()) for t in page.locator("#plan-output .steps li").all_text_contents()]
    page.click("#plan-form button[type=submit]")  # the defaults: the same plan, now made by plan.js
    page.locator("#plan-status", has_text="updated").wait_for()
    browser = [" ".join(t.split()) for t in page.locator("#plan-output .steps li").all_text_contents()]
    assert len(server) > 20
    assert browser == server
    assert page.locator("#plan-output .required a[href$='timeline/#eu-ai-act-marking']").count() >= 1


def test_plan_page_makes_a_checklist(page: Any, base: str) -> None:
    page.goto(base + "plan/")
    page.uncheck("input[name=modality][value=text]")
    page.uncheck("input[name=modality][value=vision]")
    for stage in ("pretraining", "evaluation", "release"):
        page.uncheck(f"input[name=stage][value={stage}]")
    page.fill("#plan-languages", "sw")
    page.click("#plan-form button[type=submit]")
    page.locator("#plan-status", has_text="updated").wait_for()
    assert "fine-tuning" in page.text_content("#plan-summary")
    assert page.locator("#plan-output .plan-tools a").count() > 0


def test_retired_entries_are_hidden_until_asked_for_and_then_come_last(
    page: Any, make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.factory import resource

    retired = resource(
        "aardvark-tool", status="retired", status_note="Shut down by its makers in 2025.", successor="zebra-tool"
    )
    root = make_catalog([retired, resource("zebra-tool", licence="CC-BY-NC-4.0"), resource("middle-tool")])
    site = build(Catalog.load(root), tmp_path / "site")
    with serving(site) as url:
        page.goto(url + "browse/?sort=name")
        wait_for_results(page)
        assert result_ids(page) == ["middle-tool", "zebra-tool"]
        page.check("input[name=retired]")
        wait_for_url(page, "retired=show")
        assert result_ids(page) == ["middle-tool", "zebra-tool", "aardvark-tool"]
        page.check("input[name=use][value=no]")
        wait_for_url(page, "use=no")
        assert result_ids(page) == ["zebra-tool"]
        assert "no commercial use" in page.text_content("#results .card-facts")
        assert page.errors == []


def test_licence_check_page_combines_the_chosen_resources(page: Any, base: str) -> None:
    page.goto(base + "licences/?ids=imagenet,fineweb&commercial=1")
    page.locator(".verdict", has_text="Not allowed").wait_for()
    assert page.is_checked("#licence-commercial")
    assert "ImageNet forbids commercial use" in page.text_content("#licence-result")
    assert page.locator(".licence-table tbody tr").count() == 2
    page.fill("#licence-add", "llama guard 3")
    page.locator("#licence-options [role=option]").first.wait_for()
    page.keyboard.press("Enter")
    wait_for_url(page, "llama-guard-3")
    assert page.locator(".licence-table tbody tr").count() == 3
    page.uncheck("#licence-commercial")
    wait_for_url(page, "commercial", present=False)
    assert page.errors == []


def test_compare_page_and_the_compare_boxes_on_cards(page: Any, base: str) -> None:
    page.goto(base + "sections/deduplication/")
    boxes = page.locator("input.compare-box")
    boxes.nth(0).check()
    boxes.nth(1).check()
    link = page.locator(".compare-bar a")
    assert link.text_content() == "Compare 2 resources"
    link.click()
    page.wait_for_url("**/compare/?ids=*")
    page.locator(".compare-table").wait_for()
    assert page.locator(".compare-table thead th").count() == 2
    assert page.locator(".compare-table tbody tr").count() >= 10
    assert page.locator(".compare-table tr.differs").count() >= 1
    page.locator(".compare-table thead button").first.click()
    page.locator("#compare-result", has_text="Add at least one more").wait_for()
    assert page.errors == []


def test_plan_takes_languages_by_name_keeps_its_inputs_in_the_address_and_its_ticks(page: Any, base: str) -> None:
    page.goto(base + "plan/")
    page.uncheck("input[name=modality][value=text]")
    page.uncheck("input[name=modality][value=vision]")
    page.fill("#plan-languages", "Swahili, hi")
    page.locator("#plan-summary", has_text="Swahili (sw), Hindi (hi)").wait_for()
    wait_for_url(page, "languages=Swahili")
    shared = page.url
    first = page.locator("#plan-output input[data-tick]").first
    first.check()
    page.locator("#plan-progress", has_text=re.compile(r"^1 of \d+ done$")).wait_for()
    # A new visit to the shared address restores every input and the tick.
    page.goto("about:blank")
    page.goto(shared)
    page.locator("#plan-summary", has_text="Swahili (sw), Hindi (hi)").wait_for()
    assert not page.is_checked("input[name=modality][value=text]") and page.is_checked(
        "input[name=modality][value=speech]"
    )
    assert page.input_value("#plan-languages") == "Swahili, hi"
    assert page.locator("#plan-output input[data-tick]").first.is_checked()
    page.fill("#plan-languages", "Swahili, Klingonese")
    page.locator("#plan-languages-note", has_text="Klingonese").wait_for()
    assert page.errors == []


def test_plan_downloads_the_checklist_as_the_library_writes_it(page: Any, base: str, catalog: Catalog) -> None:
    from fmcheatsheet.plan import make_plan, plan_markdown

    page.goto(base + "plan/?modality=speech&stage=fine-tuning&stage=evaluation&languages=sw&release=api")
    page.locator("#plan-summary", has_text="Swahili (sw)").wait_for()
    with page.expect_download() as download:
        page.click("#plan-markdown")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    plan = make_plan(catalog, ["speech"], ["sw"], ["fine-tuning", "evaluation"], "api")
    assert text == plan_markdown(plan, base)
    assert "- [ ] " in text


def test_plan_form_stays_beside_the_checklist_on_wide_screens(page: Any, base: str) -> None:
    tab = page
    tab.set_viewport_size({"width": 1440, "height": 900})
    tab.goto(base + "plan/")
    tab.mouse.wheel(0, 3000)
    wait_until(tab, lambda: tab.evaluate("window.scrollY") > 900)  # scrolled past the first screen
    form = tab.locator("#plan-form").bounding_box()
    result = tab.locator("#plan-output").bounding_box()
    assert form["x"] + form["width"] <= result["x"]
    assert 0 <= form["y"] < 900  # still in view after scrolling the checklist


def test_browse_downloads_exactly_the_filtered_view(page: Any, base: str, catalog: Catalog) -> None:
    import csv
    import io

    page.goto(base + "browse/?modality=speech&type=dataset&sort=name")
    wait_for_results(page)
    shown = result_ids(page)
    page.click(".export-menu > summary")
    with page.expect_download() as download:
        page.click("[data-export=csv]")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == shown and len(shown) > 3
    assert all("speech" in row["modalities"].split("; ") and row["type"] == "dataset" for row in rows)
    with page.expect_download() as download:
        page.click("[data-export=json]")
    assert [r["id"] for r in json.loads(Path(download.value.path()).read_text(encoding="utf-8"))] == shown
    with page.expect_download() as download:
        page.click("[data-export=bibtex]")
    bib = Path(download.value.path()).read_text(encoding="utf-8")
    cited = [rid for rid in shown if catalog.get(rid).citation]
    assert cited and bib.count("\n@") + bib.startswith("@") == len(cited)
    assert page.errors == []


def test_citations_copy_in_one_click(page: Any, base: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base + PAGES["resource"])
    page.click("button[data-copy=bibtex]")
    page.locator("button[data-copy=bibtex]", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.text_content("#bibtex")


def test_a_section_list_sorts_by_release_and_back(page: Any, base: str, catalog: Catalog) -> None:
    page.goto(base + PAGES["section"])
    listed = "#all-resources .card-title a"
    first = page.eval_on_selector_all(listed, "els => els.map(e => e.textContent)")
    page.select_option("#section-sort", "released")
    newest = page.eval_on_selector_all(listed, "els => els.map(e => e.textContent)")
    by_name = {r.name: r for r in catalog.in_section("deduplication")}
    dates = [by_name[name].released or "" for name in newest]
    assert dates == sorted(dates, reverse=True) and newest != first
    page.select_option("#section-sort", "")
    assert page.eval_on_selector_all(listed, "els => els.map(e => e.textContent)") == first
