"""Screenshots of every page type at a phone and a laptop width, for a person to look at.

Builds the bundled catalog's site into a temporary folder, serves it on 127.0.0.1 and writes
one full-page PNG and one of the first screen per page type and width into the output folder
(default build/screenshots),
plus the mobile browse page after a search, with its filter panel open and in the dark theme.

    python scripts/screenshots.py [--out build/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium  # noqa: E402
from tests.sitehelpers import (  # noqa: E402
    PAGES,
    build,
    serving,
)

from fmcheatsheet import Catalog  # noqa: E402

WIDTHS = {"390": (390, 844), "1366": (1366, 900)}


def shoot(out: Path, only: list[str]) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Catalog.load(), Path(tmp) / "site", base_url="https://example.org/fm/")
        with serving(site) as url, chromium() as browser:
            for width_name, (width, height) in WIDTHS.items():
                mobile = width < 600
                context = browser.new_context(  # type: ignore[attr-defined]
                    viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile
                )
                tab = context.new_page()
                for name, path in PAGES.items():
                    if only and name not in only:
                        continue
                    tab.goto(url + path)
                    tab.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width_name}.png"
                    tab.screenshot(path=str(target), full_page=True)
                    first = out / f"{name}-{width_name}-first-screen.png"
                    tab.screenshot(path=str(first))
                    written += [target, first]
                if not only or "browse" in only:
                    tab.goto(url + "browse/?q=deduplication")
                    tab.locator("#results .card").first.wait_for()
                    tab.wait_for_load_state("networkidle")
                    target = out / f"browse-search-{width_name}.png"
                    tab.screenshot(path=str(target))
                    written.append(target)
                    if mobile and tab.locator("#filters-toggle").count():
                        tab.click("#filters-toggle")
                        target = out / f"browse-filters-{width_name}.png"
                        tab.screenshot(path=str(target))
                        written.append(target)
                context.close()
            dark = browser.new_context(  # type: ignore[attr-defined]
                viewport={"width": 390, "height": 844}, is_mobile=True, color_scheme="dark"
            )
            tab = dark.new_page()
            for name in ("home", "resource", "section"):
                if only and name not in only:
                    continue
                tab.goto(url + PAGES[name])
                tab.wait_for_load_state("networkidle")
                target = out / f"{name}-390-dark.png"
                tab.screenshot(path=str(target))
                written.append(target)
            dark.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("pages", nargs="*", help="page types to shoot (default: all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = shoot(args.out, args.pages)
    print(f"{len(written)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
