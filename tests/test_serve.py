"""`fmcheatsheet serve`: a real HTTP server that rebuilds on catalog changes and never leaves the site."""

from __future__ import annotations

import contextlib
import http.client
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factory import resource, write_catalog


class Served:
    """A real `fmcheatsheet serve` process on a free port, with what it prints collected as it runs."""

    def __init__(self, catalog: Path, out: Path) -> None:
        self.catalog = catalog
        self.lines: list[str] = []
        self.printed = threading.Condition()
        # The catalog is checked every 0.1 s instead of every second, so a rebuild starts sooner.
        options = ["--port", "0", "--watch-interval", "0.1", "--catalog", str(catalog), "-o", str(out)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fmcheatsheet", "serve", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()
        found = re.search(r"serving .* at (http://\S+)", self.wait_for("serving "))
        assert found, "server did not start"
        self.url = found.group(1)

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.printed:
                self.lines.append(line)
                self.printed.notify_all()

    def wait_for(self, *texts: str, after: int = 0, timeout: float = 60) -> str:
        """The first line from index ``after`` on that contains one of ``texts``; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self.printed:
            while True:
                for line in self.lines[after:]:
                    if any(text in line for text in texts):
                        return line
                if not self.printed.wait(deadline - time.monotonic()) and time.monotonic() > deadline:
                    pytest.fail(f"the server never printed {texts}: {self.lines}")

    def next_rebuild(self, change: Callable[[], object]) -> str:
        """Makes ``change`` and returns what the server printed when its watcher answered it."""
        seen = len(self.lines)
        change()
        return self.wait_for("rebuilt ", "previous build", after=seen)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[Served]:
    catalog = write_catalog(root, [resource("alpha", name="Alpha Tool"), resource("beta", name="Beta Tool")])
    served = Served(catalog, root / "site")
    try:
        yield served
    finally:
        served.stop()


# Requests that change nothing share one server; tests that edit the catalog get their own.
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with serve(tmp_path_factory.mktemp("served")) as served:
        yield served.url, served.catalog


@pytest.fixture
def editable(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path) as served:
        yield served


def get(url: str, raw_path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=10)
    conn.request("GET", raw_path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_serves_pages_with_security_headers(server: tuple[str, Path]) -> None:
    url, _ = server
    status, headers, body = get(url, "/")
    assert status == 200
    assert b"Alpha Tool" in body
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, _ = get(url, "/api/resources.json")
    assert status == 200 and headers["content-type"].startswith("application/json")


def test_text_is_compressed_for_clients_that_accept_gzip(server: tuple[str, Path]) -> None:
    import gzip

    url, _ = server
    plain = get(url, "/static/style.css")
    packed = get(url, "/static/style.css", {"Accept-Encoding": "gzip, deflate"})
    assert packed[1]["content-encoding"] == "gzip"
    assert gzip.decompress(packed[2]) == plain[2]
    assert len(packed[2]) < len(plain[2])


def test_folders_redirect_to_their_slash_form(server: tuple[str, Path]) -> None:
    url, _ = server
    status, headers, _ = get(url, "/resources/alpha")
    assert status == 301
    assert headers["location"] == "/resources/alpha/"


def test_unknown_paths_get_the_404_page(server: tuple[str, Path]) -> None:
    url, _ = server
    status, _, body = get(url, "/no/such/page/")
    assert status == 404
    assert b"Page not found" in body


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/static/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/..%5c..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/%00/etc/passwd",
        "/~root/.bashrc",
        "/%ff%fe",
    ],
)
def test_path_traversal_never_leaves_the_site(server: tuple[str, Path], path: str) -> None:
    url, _ = server
    status, _, body = get(url, path)
    assert status == 404
    assert b"root:" not in body


def test_rebuilds_when_a_catalog_file_changes(editable: Served) -> None:
    url, catalog = editable.url, editable.catalog
    path = catalog / "resources" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha Tool", "Gamma Tool"), encoding="utf-8")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        _, _, body = get(url, "/resources/alpha/")
        if b"Gamma Tool" in body:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the site was not rebuilt")


def test_a_broken_edit_keeps_the_previous_site_until_it_is_fixed(editable: Served) -> None:
    url, catalog = editable.url, editable.catalog
    beta = catalog / "resources" / "beta.yaml"
    good = beta.read_text(encoding="utf-8")
    answer = editable.next_rebuild(lambda: beta.write_text("id: beta\nmodalities: [nonsense\n", encoding="utf-8"))
    assert "still serving the previous build" in answer
    status, _, body = get(url, "/resources/beta/")
    assert status == 200 and b"Beta Tool" in body
    # The fix shows up, so the watcher saw both edits and the broken one really was refused.
    beta.write_text(good.replace("Beta Tool", "Beta Mended"), encoding="utf-8")
    deadline = time.monotonic() + 20
    while b"Beta Mended" not in get(url, "/resources/beta/")[2]:
        if time.monotonic() > deadline:
            pytest.fail("the fixed entry was never rebuilt")
        time.sleep(0.1)


def test_one_hundred_clients_at_once_all_get_answers(server: tuple[str, Path]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url, _ = server

    def client(_: int) -> list[int]:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=20)
        codes = []
        for path in ("/", "/resources/alpha/", "/static/style.css", "/missing"):
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            codes.append(response.status)
        conn.close()
        return codes

    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(client, range(100)))
    assert all(codes == [200, 200, 200, 404] for codes in results)


def raw_exchange(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes and return everything the server answers before it closes."""
    import socket

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", b"501"),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
        (b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", b"431"),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"505"),
    ],
    ids=["post", "uri-too-long", "header-too-long", "bad-version"],
)
def test_error_responses_carry_the_security_headers(
    server: tuple[str, Path], request_bytes: bytes, status: bytes
) -> None:
    url, _ = server
    answer = raw_exchange(url, request_bytes)
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.split(b"\r\n")[0].split(b" ")[1] == status, head
    assert b"content-security-policy: default-src 'self'" in head
    assert b"x-content-type-options: nosniff" in head
    assert b"x-frame-options: deny" in head


def test_an_overlong_path_component_gets_a_404_not_a_dropped_connection(server: tuple[str, Path]) -> None:
    url, _ = server
    for length in (256, 300, 1000):
        status, headers, body = get(url, "/" + "a" * length)
        assert status == 404 and b"Page not found" in body
        assert "content-security-policy" in headers


def test_a_failed_rebuild_keeps_the_site_and_the_watching(editable: Served) -> None:
    """A health.json written by a check of an unreachable link once broke the rebuild for good."""
    url, catalog = editable.url, editable.catalog
    health = catalog / "health.json"
    editable.next_rebuild(
        lambda: health.write_text(
            '{"version": 1, "metadata": {}, "links": {"alpha": {"github": {"checked": "2026-01-02", '
            '"message": "cannot resolve github.com", "status": "error", "url": "https://github.com/example/alpha"}}}}',
            encoding="utf-8",
        )
    )
    status, _, body = get(url, "/resources/alpha/")
    assert status == 200 and b"Alpha Tool" in body
    answer = editable.next_rebuild(
        lambda: health.write_text('{"version": 1, "links": {"alpha": "broken"}, "metadata": {}}', encoding="utf-8")
    )
    assert "previous build" in answer
    assert get(url, "/resources/alpha/")[0] == 200
    health.unlink()
    path = catalog / "resources" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha Tool", "Gamma Tool"), encoding="utf-8")
    deadline = time.monotonic() + 20
    while b"Gamma Tool" not in get(url, "/resources/alpha/")[2]:
        if time.monotonic() > deadline:
            pytest.fail("the watcher stopped after a failed rebuild")
        time.sleep(0.1)


def test_the_watcher_survives_a_rebuild_that_raises(tmp_path: Path) -> None:
    from fmcheatsheet.site.serve import Rebuilder

    (tmp_path / "resources").mkdir()
    calls: list[int] = []

    def rebuild() -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("a bug in one rebuild")

    watcher = Rebuilder(tmp_path, rebuild, interval=0.05)
    watcher.start()
    try:
        (tmp_path / "resources" / "a.yaml").write_text("id: a\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.02)
        (tmp_path / "resources" / "b.yaml").write_text("id: b\n", encoding="utf-8")
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        watcher.stopped.set()
    assert len(calls) == 2


def test_a_site_built_inside_the_catalog_folder_does_not_trigger_endless_rebuilds(
    make_catalog: Callable[..., Path],
) -> None:
    from fmcheatsheet import Catalog
    from fmcheatsheet.site import SiteConfig, build_site
    from fmcheatsheet.site.serve import Rebuilder

    catalog = make_catalog([resource("alpha", name="Alpha Tool")])
    out = catalog / "site"
    build_site(Catalog.load(catalog), out, SiteConfig())
    started: list[int] = []
    builds: list[int] = []

    def rebuild() -> None:
        started.append(1)
        build_site(Catalog.load(catalog), out, SiteConfig())
        builds.append(1)

    watcher = Rebuilder(catalog, rebuild, interval=0.1)
    watcher.start()
    try:
        path = catalog / "resources" / "alpha.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Alpha Tool", "Gamma Tool"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while not builds and time.monotonic() < deadline:
            time.sleep(0.05)
        # The edit was rebuilt; a build that set off the next would start within these ten polls.
        time.sleep(1)
    finally:
        watcher.stopped.set()
    assert len(builds) == 1 and len(started) == 1


@pytest.fixture
def small_server(tmp_path: Path) -> Iterator[str]:
    """An in-process server with a short idle timeout and room for three connections."""
    from tests.sitehelpers import serving

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    with serving(site, idle_timeout=0.5, max_connections=3) as url:
        yield url


def test_idle_connections_are_closed_after_the_timeout(small_server: str) -> None:
    import socket

    parts = urlsplit(small_server)
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finishes the request
        started = time.monotonic()
        assert sock.recv(1024) == b""  # the server hung up
        assert time.monotonic() - started < 3


def test_connections_beyond_the_limit_get_a_quick_503_and_service_resumes(small_server: str) -> None:
    import socket

    parts = urlsplit(small_server)
    idle = [socket.create_connection((parts.hostname, parts.port or 80), timeout=5) for _ in range(3)]
    try:
        time.sleep(0.2)
        answer = raw_exchange(small_server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=3)
        assert answer.startswith(b"HTTP/1.1 503")
        assert b"Content-Security-Policy" in answer
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.8)
    assert get(small_server, "/")[0] == 200


def test_a_busy_port_is_refused_with_the_option_that_fixes_it(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    import socket

    from tests.conftest import run_cli

    catalog = make_catalog([resource("alpha")])
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--catalog", str(catalog), "-o", str(tmp_path / "site"))
    assert result.code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.err and f"--port {port + 1}" in result.err
    assert not (tmp_path / "site").exists()
