"""Serving under load: `fmcheatsheet serve` on the bundled site, hit by wrk (Debian's package)
from a second process on 127.0.0.1 with 100 connections for 30 s.

Target: zero errors. Records requests/s and latency percentiles in benchmarks/results/serve.json.
The paths rotate over the home page, a section, a resource, browse and the search index.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = """
local paths = {"/", "/sections/deduplication/", "/resources/the-pile/", "/browse/", "/search.json",
               "/static/style.css", "/static/app.js", "/no/such/page"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    work = Path(tempfile.mkdtemp(prefix="fmcheatsheet-serve-bench-"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "fmcheatsheet", "serve", "--port", str(port), "-o", str(work / "site"), "--no-watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        while "serving" not in server.stdout.readline():
            pass
        script = work / "paths.lua"
        script.write_text(LUA, encoding="utf-8")
        out = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                "100",
                "-d",
                "30s",
                "--timeout",
                "5s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    report = {
        "connections": 100,
        "seconds": 30,
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "latency": dict(re.findall(r"\s+(50|75|90|99)%\s+([\d.]+\w+)", out)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "socket_errors": [int(x) for x in errors.groups()] if errors else [0, 0, 0, 0],
        # 404s for the deliberately missing path are expected answers, not errors.
        "non_2xx_3xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    }
    (HERE / "results" / "serve.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
