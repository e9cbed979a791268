"""Public metadata for catalog resources: GitHub, Hugging Face and arXiv.

- GitHub repositories: stars, archived flag, last push, licence (SPDX id);
- Hugging Face datasets and models: downloads, likes, licence tag, gated flag;
- arXiv papers: title, authors and the date of the first version.

Tokens come from GITHUB_TOKEN and HF_TOKEN when set. Rate limits are honoured: a
429 or an exhausted GitHub quota waits for the reset when the deadline allows,
and otherwise stops that source and says so.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ValidationError

from ..catalog import Catalog
from ..fetch import Client, Result
from ..jsonsource import parse_json
from ..urls import arxiv_id
from ..vocab import LINK_HOSTS
from ..yamlsource import SourceError
from .records import ArxivFacts, GithubFacts, HuggingfaceFacts, ResourceFacts

API_BODY_LIMIT = 4 * 1024 * 1024
ARXIV_BATCH = 50
ATOM = "{http://www.w3.org/2005/Atom}"
SOURCES: dict[str, type[BaseModel]] = {"github": GithubFacts, "huggingface": HuggingfaceFacts, "arxiv": ArxivFacts}
_HF_SKIP = {"datasets", "spaces", "collections", "docs", "blog", "papers", "organizations", "models", "learn"}


@dataclass(frozen=True)
class Apis:
    github: str = "https://api.github.com"
    huggingface: str = "https://huggingface.co"
    arxiv: str = "https://export.arxiv.org"

    @classmethod
    def from_environment(cls, **overrides: str | None) -> Apis:
        values = {
            "github": os.environ.get("FMCHEATSHEET_GITHUB_API", cls.github),
            "huggingface": os.environ.get("FMCHEATSHEET_HF_API", cls.huggingface),
            "arxiv": os.environ.get("FMCHEATSHEET_ARXIV_API", cls.arxiv),
        }
        values.update({k: v for k, v in overrides.items() if v})
        return cls(**{k: v.rstrip("/") for k, v in values.items()})


@dataclass
class EnrichReport:
    metadata: dict[str, ResourceFacts] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    fetched: int = 0


def github_repo(url: str) -> str | None:
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if (urlsplit(url).hostname or "").removeprefix("www.") != "github.com" or len(parts) < 2:
        return None
    return f"{parts[0]}/{parts[1].removesuffix('.git')}"


def huggingface_repo(url: str) -> tuple[str, str] | None:
    """('datasets' | 'models', 'owner/name') for a Hub dataset or model page."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if (urlsplit(url).hostname or "") not in LINK_HOSTS["huggingface"] or not parts:
        return None
    if parts[0] == "datasets" and len(parts) >= 3:
        return "datasets", f"{parts[1]}/{parts[2]}"
    if parts[0] not in _HF_SKIP and len(parts) >= 2:
        return "models", f"{parts[0]}/{parts[1]}"
    return None


class _Quota:
    """Stops one source when its rate limit cannot be waited out before the deadline."""

    def __init__(self, name: str, deadline: float) -> None:
        self.name, self.deadline, self.stopped = name, deadline, False
        self.lock = asyncio.Lock()

    async def wait(self, result: Result) -> bool:
        """After a limited answer: True if waited and worth retrying, False if the source stops."""
        response = result.response
        if response is None:
            return False
        retry_after = response.header("retry-after") or ""
        reset = response.header("x-ratelimit-reset") or ""
        if retry_after.strip().isdigit():
            delay = float(retry_after)
        elif response.header("x-ratelimit-remaining") == "0" and reset.isdigit():
            delay = max(0.0, float(reset) - time.time())
        else:
            delay = 5.0
        if time.monotonic() + delay > self.deadline:
            self.stopped = True
            return False
        async with self.lock:
            await asyncio.sleep(delay)
        return True


async def _get_json(
    client: Client, url: str, headers: dict[str, str], quota: _Quota
) -> tuple[dict[str, Any], str | None]:
    for _ in range(3):
        if quota.stopped:
            return {}, f"{quota.name}: rate limit not reset before the deadline"
        result = await client.request("GET", url, body_limit=API_BODY_LIMIT, headers=headers)
        if result.error is not None:
            return {}, f"{url}: {result.error}"
        assert result.response is not None
        status = result.response.status
        limited = status == 429 or (status == 403 and result.response.header("x-ratelimit-remaining") == "0")
        if limited:
            if not await quota.wait(result):
                return {}, f"{quota.name}: rate limited; stopped until the limit resets"
            continue
        if status == 404:
            return {}, f"{url}: not found (moved or deleted?)"
        if status != 200:
            return {}, f"{url}: HTTP {status}"
        try:
            # Parsed like a catalog file: deep nesting or absurd numbers from a server are refused, not crashed on.
            data = parse_json(result.response.body.decode("utf-8")).data
        except (UnicodeDecodeError, SourceError):
            return {}, f"{url}: not JSON"
        if not isinstance(data, dict):
            return {}, f"{url}: not a JSON object"
        return data, None
    return {}, f"{url}: still rate limited"


def _field(data: Any, *path: str) -> Any:
    """The value at ``path`` in nested objects, or None where the answer has another shape."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _day_of(timestamp: Any) -> Any:
    """The date part of an ISO timestamp; anything else is passed on for the schema to refuse."""
    return timestamp[:10] if isinstance(timestamp, str) else timestamp


async def enrich(
    catalog: Catalog,
    ids: list[str],
    apis: Apis,
    client: Client,
    deadline: float = 600.0,
    concurrency: int = 8,
    today: dt.date | None = None,
) -> EnrichReport:
    day = (today or dt.date.today()).isoformat()
    report = EnrichReport()
    end = time.monotonic() + deadline
    github_headers = {"Accept": "application/vnd.github+json"}
    if os.environ.get("GITHUB_TOKEN"):
        github_headers["Authorization"] = f"Bearer {os.environ['GITHUB_TOKEN']}"
    hf_headers = {"Authorization": f"Bearer {os.environ['HF_TOKEN']}"} if os.environ.get("HF_TOKEN") else {}
    quotas = {name: _Quota(name, end) for name in ("GitHub", "Hugging Face", "arXiv")}
    gate = asyncio.Semaphore(concurrency)

    def store(rid: str, source: str, facts: dict[str, Any]) -> None:
        """Keep what an API answered only if it fits health.json's schema: a bad answer is reported, not saved."""
        schema: type[BaseModel] = SOURCES[source]
        try:
            record = schema.model_validate({**facts, "checked": day})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            report.problems.append(f"{rid}: {source} answered an unusable {where} ({first['msg']}); not saved")
            return
        old = report.metadata.get(rid, ResourceFacts())
        report.metadata[rid] = old.model_copy(update={source: record})
        report.fetched += 1

    async def github(rid: str, repo: str) -> None:
        async with gate:
            data, problem = await _get_json(client, f"{apis.github}/repos/{repo}", github_headers, quotas["GitHub"])
        if problem:
            report.problems.append(f"{rid}: {problem}")
            return
        licence = _field(data, "license", "spdx_id")
        store(
            rid,
            "github",
            {
                "repo": data.get("full_name", repo),
                "stars": data.get("stargazers_count"),
                "archived": bool(data.get("archived")),
                "pushed_at": _day_of(data.get("pushed_at")) or None,
                "licence": licence if licence and licence != "NOASSERTION" else None,
            },
        )

    async def huggingface(rid: str, kind: str, repo: str) -> None:
        url = f"{apis.huggingface}/api/{kind}/{quote(repo)}"
        async with gate:
            data, problem = await _get_json(client, url, hf_headers, quotas["Hugging Face"])
        if problem:
            report.problems.append(f"{rid}: {problem}")
            return
        licence = _field(data, "cardData", "license")
        if licence is None:
            tags = data.get("tags")
            tags = tags if isinstance(tags, list) else []
            licence = next((t.split(":", 1)[1] for t in tags if isinstance(t, str) and t.startswith("license:")), None)
        store(
            rid,
            "huggingface",
            {
                "repo": repo,
                "kind": kind[:-1],
                "downloads": data.get("downloads"),
                "likes": data.get("likes"),
                "gated": bool(data.get("gated")),
                "licence": licence if isinstance(licence, str) else None,
            },
        )

    async def arxiv(batch: list[tuple[str, str]]) -> None:
        ids_param = ",".join(paper for _, paper in batch)
        url = f"{apis.arxiv}/api/query?id_list={ids_param}&max_results={len(batch)}"
        async with gate:
            result = await client.request("GET", url, body_limit=API_BODY_LIMIT)
        if result.error is not None or result.response is None or result.response.status != 200:
            reason = result.error or f"HTTP {result.response.status if result.response else '?'}"
            report.problems.append(f"arXiv batch {ids_param[:60]}: {reason}")
            return
        try:
            feed = ET.fromstring(result.response.body)
        except ET.ParseError:
            report.problems.append(f"arXiv batch {ids_param[:60]}: not an Atom feed")
            return
        by_id = {}
        for entry in feed.findall(f"{ATOM}entry"):
            found = re.search(r"abs/(.+?)(v\d+)?$", entry.findtext(f"{ATOM}id") or "")
            if found:
                by_id[found.group(1)] = entry
        for rid, paper in batch:
            found_entry = by_id.get(paper)
            if found_entry is None:
                report.problems.append(f"{rid}: arXiv {paper} not found")
                continue
            store(
                rid,
                "arxiv",
                {
                    "id": paper,
                    "title": " ".join((found_entry.findtext(f"{ATOM}title") or "").split()),
                    "authors": [a.findtext(f"{ATOM}name") for a in found_entry.findall(f"{ATOM}author")],
                    "published": (found_entry.findtext(f"{ATOM}published") or "")[:10] or None,
                },
            )

    jobs = []
    papers: list[tuple[str, str]] = []
    for rid in ids:
        resource = catalog.get(rid)
        links = resource.links
        repo = github_repo(links.github) if links.github else None
        if repo:
            jobs.append(github(rid, repo))
        hub = huggingface_repo(links.huggingface) if links.huggingface else None
        if hub:
            jobs.append(huggingface(rid, *hub))
        paper = arxiv_id(links.paper) if links.paper else None
        if paper:
            papers.append((rid, paper))
    jobs += [arxiv(papers[i : i + ARXIV_BATCH]) for i in range(0, len(papers), ARXIV_BATCH)]
    try:
        await asyncio.wait_for(asyncio.gather(*jobs), timeout=deadline)
    except asyncio.TimeoutError:
        report.problems.append("deadline reached; some metadata was not fetched")
    return report
