"""Link checker throughput: 1,000 links on a local server, 10% of which answer after 5 s.

The links are spread over 100 host names that all resolve to 127.0.0.1 (as a real
catalog's links are spread over many hosts), checked at the default settings.
Target: under 15 s in total. Records the time and the peak memory of the process.
Results go to benchmarks/results/links.json.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.httpfixtures import delayed, serving, status  # noqa: E402

from fmcheatsheet.fetch import Client  # noqa: E402
from fmcheatsheet.freshness.links import Settings, check_links  # noqa: E402

LINKS, SLOW_EVERY, HOSTS = 1000, 10, 100


async def _loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


def main() -> None:
    routes = {f"/fast/{i}": status(200) for i in range(LINKS)}
    routes.update({f"/slow/{i}": delayed(5, status(200)) for i in range(LINKS)})
    with serving(routes) as server:
        port = server.server_address[1]
        links = [
            ("r", str(i), f"http://h{i % HOSTS}.bench.test:{port}/{'slow' if i % SLOW_EVERY == 0 else 'fast'}/{i}")
            for i in range(LINKS)
        ]
        defaults = Settings()
        settings = Settings(
            defaults.concurrency,
            defaults.per_host,
            defaults.timeout,
            defaults.deadline,
            defaults.retries,
            allow_private=True,
        )
        client = Client(timeout=settings.timeout, allow_private=True, resolver=_loopback)
        started = time.perf_counter()
        results = asyncio.run(check_links(links, settings, client))
        elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    report = {
        "links": LINKS,
        "slow_links": LINKS // SLOW_EVERY,
        "seconds": round(elapsed, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "statuses": statuses,
        "settings": {"concurrency": settings.concurrency, "per_host": settings.per_host, "timeout": settings.timeout},
    }
    print(json.dumps(report, indent=2))
    (HERE / "results" / "links.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
