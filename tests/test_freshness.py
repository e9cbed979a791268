"""Link checking and metadata enrichment against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fmcheatsheet import Catalog
from fmcheatsheet.fetch import Client, Result, is_public
from fmcheatsheet.freshness.enrich import github_repo, huggingface_repo
from fmcheatsheet.freshness.links import LinkCheck, Settings, check_links
from fmcheatsheet.freshness.records import LINK_STATUSES, LinkRecord, needs_attention
from fmcheatsheet.freshness.snapshot import Snapshot
from fmcheatsheet.freshness.suggestions import suggestions
from fmcheatsheet.site.searchdata import FIELDS, row
from tests.conftest import run_cli
from tests.factory import resource
from tests.httpfixtures import (
    arxiv_feed,
    drip,
    hang,
    head_not_allowed,
    huge,
    interim_first,
    json_route,
    redirect,
    sequence,
    serving,
    status,
)

# Retries a tenth of the usual half second apart: the servers are local, and what is checked is
# that a retry happens (and how many), not how long the checker waits before it.
FAST = Settings(concurrency=16, per_host=8, timeout=2.0, deadline=30.0, retries=2, allow_private=True, backoff=0.05)


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
    settings = Settings(timeout=0.2, deadline=10, retries=1, allow_private=True, backoff=0.05)
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
    settings = Settings(concurrency=2, per_host=2, timeout=5, deadline=0.5, retries=0, allow_private=True)
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
        assert snapshot.links["good"]["website"].status == "ok"
        assert snapshot.links["moved"]["website"].permanent == server.base + "/ok"
        assert snapshot.is_broken("dead")
        people = run_cli("check-links", "--allow-private", "--only", "good", "--catalog", str(root))
        assert people.code == 0 and "ok" in people.out
        strict = run_cli("check-links", "--only", "good", "--catalog", str(root))
        # A catalog link to a private address is a problem too: readers cannot reach it.
        assert strict.code == 1 and "blocked" in strict.out


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
        github = snapshot.metadata["tool"].github
        assert github is not None
        assert github.stars == 1234 and github.archived and github.licence == "Apache-2.0"
        paper = snapshot.metadata["tool"].arxiv
        assert paper is not None
        assert (paper.id, paper.title, paper.authors, paper.published) == (
            "2301.00001",
            "A Paper Title",
            ["Ada L", "Alan T"],
            "2023-01-01",
        )
        data, model = snapshot.metadata["data"].huggingface, snapshot.metadata["model"].huggingface
        assert data is not None and data.gated is True
        assert model is not None and model.licence == "mit"
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
    moved = {"url": "https://old.example.org/", "status": "ok", "permanent": "https://new.example.org/"}
    snapshot = Snapshot(links={"a": {"website": LinkRecord.model_validate({**moved, "checked": "2026-01-02"})}})
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
    health = {
        "version": 1,
        "links": {
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
        "metadata": {
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
    }
    (root / "health.json").write_text(json.dumps(health), encoding="utf-8")
    build_site(Catalog.load(root), tmp_path / "site", SiteConfig())
    page = (tmp_path / "site" / "resources" / "old-tool" / "index.html").read_text(encoding="utf-8")
    assert "archived</span>" in page and "link problem</span>" in page
    assert "4,321 stars" in page and "last push" in page
    assert 'Links last verified</dt><dd><time datetime="2026-01-02">' in page
    health_page = (tmp_path / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert "https://o.example.org" in health_page and "Old Tool" in health_page
    index = json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))
    position = index["fields"].index("health")
    flags = {row[0]: row[position] for row in index["docs"]}
    assert flags == {"fine-tool": [], "old-tool": ["archived", "broken"]}


def test_an_interim_100_continue_is_not_taken_for_the_answer() -> None:
    with serving({"/continue": interim_first(status(200)), "/gone": interim_first(status(410))}) as server:
        results = check({"continue": server.base + "/continue", "gone": server.base + "/gone"})
        assert results["continue"].status == "ok" and results["continue"].code == 200
        assert results["gone"].status == "broken" and results["gone"].code == 410


def test_hostile_redirects_and_retry_dates_are_reported_not_skipped() -> None:
    routes = {
        "/bad-port": redirect(301, "http://127.0.0.1:99999/x"),
        "/bad-host": redirect(302, "http://[::1/x"),
        "/naive-date": status(503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 -0000"}),
    }
    settings = Settings(timeout=2, deadline=30, retries=1, allow_private=True, backoff=0.05)
    with serving(routes) as server:
        started = time.monotonic()
        results = check({name.strip("/"): server.base + name for name in routes}, settings)
    assert time.monotonic() - started < 10
    assert results["bad-port"].status == "error" and "unusable address" in results["bad-port"].message
    assert results["bad-host"].status == "error" and "unusable address" in results["bad-host"].message
    assert results["naive-date"].status == "broken" and results["naive-date"].code == 503


def test_a_link_with_non_ascii_text_in_its_path_is_checked() -> None:
    with serving({"/wiki/%E4%B8%AD%E6%96%87": status(200), "/ok-%E2%82%AC": status(200)}) as server:
        results = check({"zh": server.base + "/wiki/中文", "euro": server.base + "/ok-€?q=é"})
    assert results["zh"].status == "ok" and results["euro"].status == "ok"


def test_a_failure_inside_the_checker_is_an_error_that_fails_the_run() -> None:
    class BrokenClient(Client):
        async def request(self, *args: object, **kwargs: object) -> Result:
            raise RuntimeError("a bug in the checker")

    result = check({"x": "https://example.org/"}, FAST, BrokenClient())["x"]
    assert result.status == "error" and needs_attention(result.status)
    assert "internal error" in result.message and "a bug in the checker" in result.message


def test_the_cli_fails_on_links_it_could_not_check(make_catalog: Callable[..., Path]) -> None:
    with serving({"/bad-port": redirect(301, "http://127.0.0.1:99999/x"), "/ok-%E2%82%AC": status(200)}) as server:
        root = make_catalog(
            [
                resource("hostile", links={"website": server.base + "/bad-port"}),
                resource("euro", links={"website": server.base + "/ok-€"}),
            ]
        )
        result = run_cli("check-links", "--allow-private", "--json", "--timeout", "2", "--catalog", str(root))
    assert result.code == 1, result.out
    statuses = {link["resource"]: link["status"] for link in json.loads(result.out)["links"]}
    assert statuses == {"hostile": "error", "euro": "ok"}


def test_credentials_go_only_to_the_origin_they_were_given_for() -> None:
    with serving({"/landing": status(200)}) as other:
        routes = {
            "/same": redirect(301, "/landing"),
            "/landing": status(200),
            "/away": redirect(301, other.base + "/landing"),
        }
        with serving(routes) as api:
            client = Client(timeout=2, allow_private=True)
            secret = {"Authorization": "Bearer ghp_SECRET", "Cookie": "session=1"}
            for path in ("/same", "/away"):
                result = asyncio.run(client.request("GET", api.base + path, headers=secret))
                assert result.response is not None and result.response.status == 200
            assert [h.get("authorization") for p, h in api.headers_seen if p == "/landing"] == ["Bearer ghp_SECRET"]
            assert other.headers_seen and all(
                "authorization" not in h and "cookie" not in h for _, h in other.headers_seen
            )


def test_enrich_never_forwards_the_github_token_to_another_host(make_catalog: Callable[..., Path]) -> None:
    payload = {"full_name": "org/tool", "stargazers_count": 1, "archived": False, "pushed_at": "2025-01-01T00:00:00Z"}
    with serving({"/repos/org/tool": json_route(payload)}) as elsewhere:
        with serving({"/repos/org/tool": redirect(301, elsewhere.base + "/repos/org/tool")}) as api:
            root = make_catalog([resource("tool", links={"github": "https://github.com/org/tool"})])
            env = {**os.environ, "GITHUB_TOKEN": "ghp_SECRET_TOKEN_123"}
            result = run_cli(
                "enrich", "--github-api", api.base, "--allow-private", "--json", "--catalog", str(root), env=env
            )
        assert result.code == 0, result.err
        assert api.headers_seen[0][1]["authorization"] == "Bearer ghp_SECRET_TOKEN_123"
        assert elsewhere.headers_seen and all("authorization" not in h for _, h in elsewhere.headers_seen)


def test_each_paper_of_an_arxiv_batch_gets_its_own_metadata(make_catalog: Callable[..., Path]) -> None:
    papers = {
        "2310.00274": {"title": "Paper A title", "authors": ["Ada L"], "published": "2023-10-01T00:00:00Z"},
        "2401.00001": {"title": "Paper B title", "authors": ["Alan T"], "published": "2024-01-01T00:00:00Z"},
    }
    with serving({"/api/query": arxiv_feed(papers)}) as server:
        root = make_catalog(
            [
                resource("first", links={"website": "https://a.example.org/", "paper": "2310.00274"}),
                resource("second", links={"website": "https://b.example.org/", "paper": "2401.00001"}),
            ]
        )
        result = run_cli("enrich", "--arxiv-api", server.base, "--allow-private", "--json", "--catalog", str(root))
    assert result.code == 0, result.err
    snapshot = Snapshot.load(root)
    found = {rid: snapshot.metadata[rid].arxiv for rid in ("first", "second")}
    assert {rid: (p.id, p.title, p.authors, p.published) for rid, p in found.items() if p} == {
        "first": ("2310.00274", "Paper A title", ["Ada L"], "2023-10-01"),
        "second": ("2401.00001", "Paper B title", ["Alan T"], "2024-01-01"),
    }


def test_unusable_api_answers_are_reported_and_never_saved(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    routes = {
        "/repos/org/garbage-date": json_route({"full_name": "org/garbage-date", "pushed_at": "garbage-date"}),
        "/repos/org/many-stars": json_route({"full_name": "org/many-stars", "stargazers_count": "many"}),
        "/repos/org/odd-shape": json_route({"license": "MIT", "pushed_at": 12}),
        "/repos/org/a-list": lambda h, _: h.reply(200, b"[1, 2]", {"Content-Type": "application/json"}),
        "/repos/org/deep": lambda h, _: h.reply(200, b"[" * 100_000, {"Content-Type": "application/json"}),
    }
    with serving(routes) as server:
        names = [path.rsplit("/", 1)[1] for path in routes]
        root = make_catalog([resource(n, links={"github": f"https://github.com/org/{n}"}) for n in names])
        result = run_cli("enrich", "--github-api", server.base, "--allow-private", "--json", "--catalog", str(root))
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["fetched"] == 0 and len(report["problems"]) == len(routes), report["problems"]
    built = run_cli("build", "--catalog", str(root), "-o", str(tmp_path / "site"))
    assert built.code == 0, built.err


@pytest.mark.parametrize("status", LINK_STATUSES)
def test_one_rule_decides_which_links_need_attention_everywhere(status: str, catalog: Catalog) -> None:
    some = next(iter(catalog.resources.values()))
    record = LinkRecord(url="https://example.org/", status=status, checked="2026-01-02")  # type: ignore[arg-type]
    snapshot = Snapshot(links={some.id: {"website": record}})
    flagged = needs_attention(status)
    assert flagged == (status in {"broken", "error", "timeout", "blocked"})
    assert bool(snapshot.link_problems(some.id)) == flagged  # the health page and the resource's badge
    browse_row = dict(zip(FIELDS, row(catalog, some, snapshot), strict=True))
    assert ("broken" in browse_row["health"]) == flagged  # the browse page's "hide problems" filter
