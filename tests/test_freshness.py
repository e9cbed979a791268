"""Link checking and metadata enrichment against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.fetch import Client, is_public
from fmcheatsheet.freshness.enrich import github_repo, huggingface_repo
from fmcheatsheet.freshness.links import LinkCheck, Settings, check_links
from fmcheatsheet.freshness.snapshot import Snapshot
from fmcheatsheet.freshness.suggestions import suggestions
from tests.conftest import run_cli
from tests.factory import resource
from tests.httpfixtures import (
    arxiv_feed,
    drip,
    hang,
    head_not_allowed,
    huge,
    json_route,
    redirect,
    sequence,
    serving,
    status,
)

FAST = Settings(concurrency=16, per_host=8, timeout=2.0, deadline=30.0, retries=2, allow_private=True)


def check(urls: dict[str, str], settings: Settings = FAST, client: Client | None = None) -> dict[str, LinkCheck]:
    links = [("r", name, url) for name, url in urls.items()]
    results = asyncio.run(check_links(links, settings, client))
    return {r.kind: r for r in results}


def test_statuses_redirects_and_retries() -> None:
    routes = {
        "/ok": status(200),
        "/p1": redirect(301, "/p2"),
        "/p2": redirect(308, "/ok"),
        "/t1": redirect(302, "/ok"),
        "/loop1": redirect(302, "/loop2"),
        "/loop2": redirect(302, "/loop1"),
        "/gone": status(410),
        "/forbidden": status(403),
        "/flaky": sequence(status(500), status(500), status(200)),
        "/rate": sequence(status(429, {"Retry-After": "1"}), status(200)),
        "/nohead": head_not_allowed(status(200)),
        "/r1": redirect(301, "/r2"),
        "/r2": redirect(301, "/r3"),
        "/r3": redirect(301, "/r4"),
        "/r4": redirect(301, "/r5"),
        "/r5": redirect(301, "/r6"),
        "/r6": redirect(301, "/ok"),
    }
    with serving(routes) as server:
        b = server.base
        results = check(
            {
                name: b + path
                for name, path in {
                    "ok": "/ok",
                    "permanent": "/p1",
                    "temporary": "/t1",
                    "loop": "/loop1",
                    "missing": "/missing",
                    "gone": "/gone",
                    "forbidden": "/forbidden",
                    "flaky": "/flaky",
                    "rate": "/rate",
                    "nohead": "/nohead",
                    "chain": "/r1",
                }.items()
            }
        )
        assert results["ok"].status == "ok" and results["ok"].code == 200
        assert results["permanent"].status == "ok" and results["permanent"].permanent == b + "/ok"
        assert results["temporary"].status == "ok" and results["temporary"].permanent is None
        assert results["loop"].status == "broken" and "loop" in results["loop"].message
        assert results["missing"].status == "broken" and results["missing"].code == 404
        assert results["gone"].status == "broken" and results["gone"].code == 410
        assert results["forbidden"].status == "restricted"
        # attempt 1: HEAD 500, then GET 500; attempt 2: HEAD 200
        assert results["flaky"].status == "ok" and results["flaky"].attempts == 2 and server.hits["/flaky"] == 3
        assert results["rate"].status == "ok" and results["rate"].attempts == 2
        assert results["nohead"].status == "ok" and ("GET", "/nohead") in server.methods
        assert results["chain"].status == "broken" and "more than 5 redirects" in results["chain"].message


def test_retry_after_is_respected() -> None:
    with serving({"/rate": sequence(status(429, {"Retry-After": "1"}), status(200))}) as server:
        started = time.monotonic()
        result = check({"rate": server.base + "/rate"})["rate"]
        assert result.status == "ok"
        assert time.monotonic() - started >= 1.0


def test_a_server_that_never_answers_times_out_within_bounds() -> None:
    settings = Settings(timeout=0.5, deadline=10, retries=1, allow_private=True)
    with serving({"/hang": hang(30)}) as server:
        started = time.monotonic()
        result = check({"hang": server.base + "/hang"}, settings)["hang"]
        assert result.status == "timeout"
        assert time.monotonic() - started < 5


def test_a_slow_drip_body_is_cut_off_by_the_timeout() -> None:
    settings = Settings(timeout=0.5, deadline=10, retries=0, allow_private=True)
    with serving({"/drip": head_not_allowed(drip(100_000, 0.05))}) as server:
        started = time.monotonic()
        result = check({"drip": server.base + "/drip"}, settings)["drip"]
        assert result.status == "timeout"
        assert time.monotonic() - started < 3


def test_a_huge_body_is_never_downloaded() -> None:
    with serving({"/huge": head_not_allowed(huge(1_000_000_000))}) as server:
        result = check({"huge": server.base + "/huge"})["huge"]
        assert result.status == "ok"
        time.sleep(0.3)
        assert server.sent["/huge"] < 50_000_000  # the client read a few KB and hung up


def test_private_addresses_are_refused_unless_allowed() -> None:
    strict = Settings(timeout=2, deadline=10, retries=0, allow_private=False)
    with serving({"/ok": status(200)}) as server:
        port = server.server_address[1]
        direct = check({"x": server.base + "/ok"}, strict)["x"]
        assert direct.status == "blocked"

        async def resolve_to_loopback(host: str, _: int) -> list[str]:
            return ["127.0.0.1"]

        disguised = Client(timeout=2, resolver=resolve_to_loopback)
        result = check({"x": f"http://docs.public-looking.org:{port}/ok"}, strict, disguised)["x"]
        assert result.status == "blocked" and "non-public address" in result.message
        assert server.hits["/ok"] == 0


def test_a_redirect_to_a_private_address_is_refused_on_that_hop() -> None:
    def only_this_server(address: str) -> bool:  # plays a public host on 127.0.0.1
        return address == "127.0.0.1" or is_public(address)

    routes = {
        "/to-metadata": redirect(302, "http://169.254.169.254/latest/meta-data/"),
        "/to-private": redirect(301, "http://10.0.0.7/admin"),
    }
    with serving(routes) as server:
        client = Client(timeout=2, address_allowed=only_this_server)
        settings = Settings(timeout=2, deadline=10, retries=0, allow_private=False)
        results = check({"meta": server.base + "/to-metadata", "lan": server.base + "/to-private"}, settings, client)
        assert results["meta"].status == "blocked" and "169.254.169.254" in results["meta"].message
        assert results["lan"].status == "blocked" and "10.0.0.7" in results["lan"].message


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("2606:4700::1111", True),
    ],
)
def test_address_policy(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_the_deadline_bounds_the_whole_run() -> None:
    settings = Settings(concurrency=2, per_host=2, timeout=5, deadline=1.5, retries=0, allow_private=True)
    with serving({"/hang": hang(30)}) as server:
        started = time.monotonic()
        results = check({f"l{i}": server.base + "/hang" for i in range(6)}, settings)
        assert time.monotonic() - started < 4
        assert {r.status for r in results.values()} <= {"skipped", "timeout"}
        assert any(r.status == "skipped" for r in results.values())


def test_cli_writes_the_snapshot_and_exits_1_on_broken_links(make_catalog: Callable[..., Path]) -> None:
    with serving({"/ok": status(200), "/moved": redirect(308, "/ok")}) as server:
        root = make_catalog(
            [
                resource("good", links={"website": server.base + "/ok"}),
                resource("moved", links={"website": server.base + "/moved"}),
                resource("dead", links={"website": server.base + "/dead"}),
            ]
        )
        result = run_cli("check-links", "--allow-private", "--json", "--timeout", "2", "--catalog", str(root))
        assert result.code == 1
        report = json.loads(result.out)
        assert report["summary"] == {"broken": 1, "ok": 2}
        snapshot = Snapshot.load(root)
        assert snapshot.links["good"]["website"]["status"] == "ok"
        assert snapshot.links["moved"]["website"]["permanent"] == server.base + "/ok"
        assert snapshot.is_broken("dead")
        people = run_cli("check-links", "--allow-private", "--only", "good", "--catalog", str(root))
        assert people.code == 0 and "ok" in people.out
        strict = run_cli("check-links", "--only", "good", "--catalog", str(root))
        assert strict.code == 0 and "blocked" in strict.out  # refused, not broken


def test_enrich_reads_fake_apis_and_suggests_without_rewriting(make_catalog: Callable[..., Path]) -> None:
    reset = str(int(time.time()) + 1)
    routes = {
        "/repos/org/tool": sequence(
            status(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}),
            json_route(
                {
                    "full_name": "org/tool",
                    "stargazers_count": 1234,
                    "archived": True,
                    "pushed_at": "2021-03-04T05:06:07Z",
                    "license": {"spdx_id": "Apache-2.0"},
                }
            ),
        ),
        "/api/datasets/org/data": json_route(
            {"downloads": 56, "likes": 7, "gated": "auto", "cardData": {"license": "cc-by-4.0"}, "tags": []}
        ),
        "/api/models/org/model": json_route({"downloads": 9, "likes": 1, "gated": False, "tags": ["license:mit"]}),
        "/api/query": arxiv_feed(
            {
                "2301.00001": {
                    "title": "A  Paper\n Title",
                    "authors": ["Ada L", "Alan T"],
                    "published": "2023-01-01T00:00:00Z",
                }
            }
        ),
    }
    with serving(routes) as server:
        root = make_catalog(
            [
                resource(
                    "tool",
                    links={"github": "https://github.com/org/tool", "paper": "2301.00001"},
                    licence="MIT",
                    released=None,
                    type="paper",
                ),
                resource("data", links={"huggingface": "https://huggingface.co/datasets/org/data"}, licence=None),
                resource("model", links={"huggingface": "https://huggingface.co/org/model"}),
            ]
        )
        before = {p.name: p.read_bytes() for p in (root / "resources").iterdir()}
        apis = ["--github-api", server.base, "--hf-api", server.base, "--arxiv-api", server.base]
        result = run_cli("enrich", *apis, "--allow-private", "--suggest", "--json", "--catalog", str(root))
        assert result.code == 0, result.err
        report = json.loads(result.out)
        assert report["fetched"] == 4 and report["problems"] == []
        snapshot = Snapshot.load(root)
        github = snapshot.metadata["tool"]["github"]
        assert github["stars"] == 1234 and github["archived"] and github["licence"] == "Apache-2.0"
        assert snapshot.metadata["tool"]["arxiv"] == {
            "id": "2301.00001",
            "title": "A Paper Title",
            "authors": ["Ada L", "Alan T"],
            "published": "2023-01-01",
            "checked": snapshot.metadata["tool"]["arxiv"]["checked"],
        }
        assert snapshot.metadata["data"]["huggingface"]["gated"] is True
        assert snapshot.metadata["model"]["huggingface"]["licence"] == "mit"
        fields = {(s["resource"], s["field"]) for s in report["suggestions"]}
        assert {("tool", "licence"), ("tool", "released"), ("data", "licence"), ("data", "access")} <= fields
        assert {p.name: p.read_bytes() for p in (root / "resources").iterdir()} == before
        assert server.hits["/repos/org/tool"] == 2  # waited for the rate limit, then retried


def test_link_parsing_for_enrichment() -> None:
    assert github_repo("https://github.com/org/repo/tree/main/sub") == "org/repo"
    assert github_repo("https://github.com/org") is None
    assert huggingface_repo("https://huggingface.co/datasets/a/b") == ("datasets", "a/b")
    assert huggingface_repo("https://huggingface.co/a/b") == ("models", "a/b")
    assert huggingface_repo("https://huggingface.co/spaces/a/b") is None


def test_suggestions_from_link_checks(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a", links={"website": "https://old.example.org/"})])
    snapshot = Snapshot(
        links={
            "a": {
                "website": {"url": "https://old.example.org/", "status": "ok", "permanent": "https://new.example.org/"}
            }
        }
    )
    found = suggestions(Catalog.load(root), snapshot)
    assert [(s.field, s.suggested) for s in found] == [("links.website", "https://new.example.org/")]


def test_a_malformed_snapshot_is_a_clear_error(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource("a")])
    (root / "health.json").write_text('{"version": 1,\n "links": [}', encoding="utf-8")
    result = run_cli("enrich", "--offline", "--suggest", "--catalog", str(root))
    assert result.code == 1 and "health.json:2" in result.err and "Traceback" not in result.err


def test_the_site_shows_health_and_lists_problems(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    from fmcheatsheet.site import SiteConfig, build_site

    root = make_catalog(
        [
            resource(
                "old-tool",
                name="Old Tool",
                links={"github": "https://github.com/org/old", "website": "https://o.example.org"},
            ),
            resource("fine-tool", name="Fine Tool", added="2026-01-01"),
        ]
    )
    Snapshot(
        links={
            "old-tool": {
                "website": {
                    "url": "https://o.example.org",
                    "status": "broken",
                    "code": 404,
                    "message": "HTTP 404",
                    "checked": "2026-01-02",
                },
                "github": {"url": "https://github.com/org/old", "status": "ok", "code": 200, "checked": "2026-01-02"},
            }
        },
        metadata={
            "old-tool": {
                "github": {
                    "repo": "org/old",
                    "stars": 4321,
                    "archived": True,
                    "pushed_at": "2020-05-01",
                    "licence": "MIT",
                    "checked": "2026-01-02",
                }
            }
        },
    ).save(root)
    build_site(Catalog.load(root), tmp_path / "site", SiteConfig())
    page = (tmp_path / "site" / "resources" / "old-tool" / "index.html").read_text(encoding="utf-8")
    assert "archived</span>" in page and "link problem</span>" in page
    assert "4,321 stars" in page and "last push" in page
    assert 'Links last verified</dt><dd><time datetime="2026-01-02">' in page
    health = (tmp_path / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert "https://o.example.org" in health and "Old Tool" in health
    index = json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))
    position = index["fields"].index("health")
    flags = {row[0]: row[position] for row in index["docs"]}
    assert flags == {"fine-tool": [], "old-tool": ["archived", "broken"]}
