"""Website speed and quality.

Measures build time (bundled catalog and 20,000 generated resources), the
compressed bytes of the first view of each page type, the time from a keystroke
to updated results on the browse page in Chromium, and, when Lighthouse is
available (``LIGHTHOUSE=/path/to/lighthouse``, e.g. from ``npm install
lighthouse@12.2.3``), Lighthouse mobile scores. Results go to
benchmarks/results/site.json.

Targets: first view under 50 KB compressed; keystroke to results under 16 ms
(bundled) and 100 ms (20,000); Lighthouse 100 in every category.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402
from tests.browser import chromium  # noqa: E402
from tests.sitehelpers import serving  # noqa: E402
from tests.test_site_build import first_view  # noqa: E402

from fmcheatsheet import Catalog  # noqa: E402
from fmcheatsheet.site import SiteConfig, build_site  # noqa: E402

PAGE_TYPES = {
    "home": "index.html",
    "phase": "phases/model-evaluation/index.html",
    "section": "sections/risk-evaluation/index.html",
    "browse": "browse/index.html",
    "resource": "resources/the-pile/index.html",
}
QUERIES = ["d", "de", "ded", "dedup", "speech", "speech rec", "carbon emissions", "licence", "watermark", "eval"]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
CHROME_FLAGS += "--disable-sync --no-first-run"


def timed_build(catalog_dir: Path | None, out: Path) -> dict[str, float]:
    start = time.perf_counter()
    catalog = Catalog.load(catalog_dir)
    loaded = time.perf_counter()
    result = build_site(catalog, out, SiteConfig())
    done = time.perf_counter()
    return {"load_s": loaded - start, "build_s": done - loaded, "pages": result.pages, "mb": result.bytes / 1e6}


def first_view_bytes(site: Path) -> dict[str, int]:
    """Compressed bytes of every file a page fetches for its first view (tests.test_site_build.first_view):
    search.js is imported when the search box or the filters are first used, so it does not count."""
    return {
        name: sum(len(gzip.compress(f.read_bytes(), 9)) for f in first_view(site, path))
        for name, path in PAGE_TYPES.items()
    }


KEYSTROKE_JS = """
async (query) => {
  const input = document.getElementById('site-search');
  const results = document.getElementById('results');
  const status = document.getElementById('result-status');
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
    observer.observe(results, {childList: true});
  });
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  return (await done) - start;
}
"""


def keystroke_latency(site: Path) -> dict[str, float]:
    with serving(site) as url, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "browse/")
        page.locator("#result-status", has_text=" of ").wait_for()
        page.evaluate(KEYSTROKE_JS, "warm up")  # the first keystroke also loads the index
        samples = []
        for _ in range(5):
            for query in QUERIES:
                page.evaluate(KEYSTROKE_JS, "")
                samples.append(page.evaluate(KEYSTROKE_JS, query))
        samples.sort()
        return {
            "median_ms": statistics.median(samples),
            "p95_ms": samples[int(len(samples) * 0.95) - 1],
            "max_ms": samples[-1],
        }


def lighthouse(site: Path) -> dict[str, dict[str, int]] | None:
    binary = os.environ.get("LIGHTHOUSE")
    if not binary:
        return None
    scores: dict[str, dict[str, int]] = {}
    with serving(site) as url, tempfile.TemporaryDirectory() as tmp:
        for name in ("home", "section", "browse", "resource"):
            target = url + PAGE_TYPES[name].removesuffix("index.html")
            report = Path(tmp) / f"{name}.json"
            subprocess.run(
                [
                    binary,
                    target,
                    "--chrome-path=/usr/bin/chromium",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                ],
                check=True,
                timeout=300,
            )
            categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
            scores[name] = {key: round(value["score"] * 100) for key, value in categories.items()}
            print(f"lighthouse {name}: {scores[name]}")
    return scores


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fmcheatsheet-site-bench-"))
    os.environ["FMCHEATSHEET_CACHE_DIR"] = str(work / "cache")
    bundled = work / "bundled"
    results: dict[str, object] = {"build_bundled": timed_build(None, bundled)}
    print("build (bundled):", results["build_bundled"])
    generated = generate(work / "gen20k", 20_000)
    results["build_20k"] = timed_build(generated, work / "site20k")
    print("build (20,000):", results["build_20k"])
    results["first_view_gzip_bytes"] = first_view_bytes(bundled)
    print("first view bytes (gzip):", results["first_view_gzip_bytes"])
    results["keystroke_bundled"] = keystroke_latency(bundled)
    print("keystroke to results (bundled):", results["keystroke_bundled"])
    results["keystroke_20k"] = keystroke_latency(work / "site20k")
    print("keystroke to results (20,000):", results["keystroke_20k"])
    results["lighthouse_mobile"] = lighthouse(bundled)
    out = HERE / "results" / "site.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
