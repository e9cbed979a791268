"""Checking every link of the catalog: HEAD then GET, retries, politeness, a deadline.

Each link ends in one status:

- ``ok``: a 2xx answer (possibly after redirects; ``permanent`` holds the new URL when
  every redirect was permanent, so the catalog can be updated);
- ``restricted``: 401/403, usually a bot wall; not counted as broken;
- ``broken``: any other 4xx, a 5xx after retries, a redirect loop or too many redirects;
- ``error``: no HTTP answer (DNS, connection, TLS) after retries;
- ``timeout``: no complete answer in time, after retries;
- ``blocked``: the host resolves to a non-public address and private fetches are off;
- ``rate-limited``: still 429 after honouring Retry-After;
- ``skipped``: not reached before the overall deadline.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from ..fetch import Client, Result
from .records import MAX_REDIRECT_URL, MAX_TEXT, LinkRecord

RETRY_AFTER_MAX = 30.0
BACKOFF = 0.5
TRANSIENT_CODES = {500, 502, 503, 504}
HEAD_UNRELIABLE = {400, 403, 404, 405, 406, 500, 501, 502, 503}


@dataclass
class LinkCheck:
    resource: str
    kind: str
    url: str
    status: str
    code: int | None = None
    final_url: str | None = None
    permanent: str | None = None
    message: str = ""
    attempts: int = 0
    checked: str = ""

    def record(self) -> LinkRecord:
        """The check as health.json keeps it; text a server made too long is cut, never refused."""
        data = asdict(self)
        del data["resource"], data["kind"], data["attempts"]
        data["message"] = self.message[:MAX_TEXT]
        for name in ("final_url", "permanent"):
            if data[name] is not None and len(data[name]) > MAX_REDIRECT_URL:
                data[name] = None
        return LinkRecord.model_validate({k: v for k, v in data.items() if v is not None})


@dataclass(frozen=True)
class Settings:
    concurrency: int = 64
    per_host: int = 8
    timeout: float = 10.0
    deadline: float = 600.0
    retries: int = 2
    allow_private: bool = False
    # Seconds before the first retry of a failed check, doubled before each further one.
    backoff: float = BACKOFF


async def check_links(
    links: list[tuple[str, str, str]],
    settings: Settings,
    client: Client | None = None,
    progress: Callable[[LinkCheck], None] | None = None,
    today: dt.date | None = None,
) -> list[LinkCheck]:
    """Check (resource id, link type, url) triples; results come back in input order."""
    client = client or Client(timeout=settings.timeout, allow_private=settings.allow_private)
    day = (today or dt.date.today()).isoformat()
    overall = asyncio.Semaphore(settings.concurrency)
    hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(settings.per_host))
    started = time.monotonic()

    async def one(resource: str, kind: str, url: str) -> LinkCheck:
        host = (urlsplit(url).hostname or "").lower()
        async with overall, hosts[host]:
            result = await _check(client, url, settings, started)
        result.resource, result.kind, result.checked = resource, kind, day
        if progress:
            progress(result)
        return result

    tasks = [asyncio.create_task(one(*link)) for link in links]
    done, pending = await asyncio.wait(tasks, timeout=settings.deadline) if tasks else (set(), set())
    for task in pending:
        task.cancel()
    results = []
    for task, (resource, kind, url) in zip(tasks, links, strict=True):
        if task not in done or task.cancelled():
            results.append(
                LinkCheck(resource, kind, url, "skipped", message="not reached before the deadline", checked=day)
            )
        elif task.exception() is not None:
            # A failure of the checker itself is an error of this link, never a quiet skip: the run fails.
            error = task.exception()
            message = f"internal error of the link checker: {type(error).__name__}: {error}"
            results.append(LinkCheck(resource, kind, url, "error", message=message, checked=day))
        else:
            results.append(task.result())
    return results


async def _check(client: Client, url: str, settings: Settings, started: float) -> LinkCheck:
    check = LinkCheck("", "", url, "error")
    for attempt in range(settings.retries + 1):
        check.attempts = attempt + 1
        result = await client.request("HEAD", url, body_limit=0)
        if result.error is None and result.response is not None and result.response.status in HEAD_UNRELIABLE:
            result = await client.request("GET", url)  # many servers answer HEAD wrongly
        elif result.error is not None and result.error.kind in ("protocol", "timeout"):
            result = await client.request("GET", url)
        check = _classify(url, result, check.attempts)
        wait = _wait_before_retry(check, result, attempt, settings.backoff)
        remaining = settings.deadline - (time.monotonic() - started)
        if wait is None or attempt == settings.retries or wait > remaining - settings.timeout:
            return check
        await asyncio.sleep(wait)
    return check


def _classify(url: str, result: Result, attempts: int) -> LinkCheck:
    check = LinkCheck("", "", url, "error", attempts=attempts)
    if result.error is not None:
        kind = result.error.kind
        check.status = {"timeout": "timeout", "blocked": "blocked"}.get(kind, "error")
        if kind in ("redirect-loop", "too-many-redirects"):
            check.status = "broken"
        check.message = str(result.error)
        return check
    assert result.response is not None
    code = result.response.status
    check.code = code
    if result.hops:
        check.final_url = result.response.url
        if all(hop.status in (301, 308) for hop in result.hops):
            check.permanent = result.response.url
    if 200 <= code < 300:
        check.status = "ok"
    elif code in (401, 403):
        check.status = "restricted"
        check.message = "access restricted (often a bot wall); check by hand"
    elif code == 429:
        check.status = "rate-limited"
        check.message = "the server asked to slow down"
    else:
        check.status = "broken"
        check.message = f"HTTP {code}"
    return check


def _wait_before_retry(check: LinkCheck, result: Result, attempt: int, first: float) -> float | None:
    """Seconds to wait before trying again, or None when the outcome is final."""
    retry_after = _retry_after(result)
    backoff = first * float(2**attempt)
    if check.status == "rate-limited" or (check.code in TRANSIENT_CODES and retry_after is not None):
        return min(retry_after if retry_after is not None else backoff, RETRY_AFTER_MAX)
    if check.code in TRANSIENT_CODES or check.status in ("timeout", "error"):
        return backoff
    return None


def _retry_after(result: Result) -> float | None:
    value = result.response.header("retry-after") if result.response else None
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" means UTC with no claim about the local zone (RFC 5322)
        when = when.replace(tzinfo=dt.timezone.utc)
    seconds: float = max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
    return seconds
