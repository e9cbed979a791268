"""Building and serving the site for tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fmcheatsheet import Catalog
from fmcheatsheet.site import SiteConfig, build_site
from fmcheatsheet.site.serve import make_server

TEST_REPO = "https://github.com/example-org/fm-cheatsheet"
BASE_URL = "http://127.0.0.1:8000/"

# One page of every type the site builds, with the query that makes the dynamic ones show content.
PAGES = {
    "home": "",
    "phase": "phases/model-evaluation/",
    "section": "sections/deduplication/",
    "browse": "browse/",
    "resource": "resources/the-pile/",
    "about": "about/",
    "credits": "credits/",
    "plan": "plan/",
    "estimate": "estimate/",
    "timeline": "timeline/",
    "gaps": "gaps/",
    "licences": "licences/?ids=imagenet,fineweb",
    "compare": "compare/?ids=datatrove,nemo-curator",
    "suggest": "suggest/",
    "contribute": "contribute/",
    "health": "health/",
    "404": "404.html",
}


def build(catalog: Catalog, out: Path, base_url: str = BASE_URL) -> Path:
    build_site(catalog, out, SiteConfig(base_url=base_url, repo_url=TEST_REPO))
    return out


@contextmanager
def serving(site: Path, **options: Any) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 for the duration of the block (``options`` go to make_server)."""
    server = make_server(site, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
