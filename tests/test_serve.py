"""`fmcheatsheet serve`: a real HTTP server that rebuilds on catalog changes and never leaves the site."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factory import resource


@pytest.fixture
def server(make_catalog: Callable[..., Path], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    catalog = make_catalog([resource("alpha", name="Alpha Tool"), resource("beta", name="Beta Tool")])
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fmcheatsheet",
            "serve",
            "--port",
            "0",
            "--catalog",
            str(catalog),
            "-o",
            str(tmp_path / "site"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = ""
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        found = re.search(r"serving .* at (http://\S+)", line)
        if found:
            url = found.group(1)
            break
    assert url, "server did not start"
    try:
        yield url, catalog
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, raw_path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
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


def test_rebuilds_when_a_catalog_file_changes(server: tuple[str, Path]) -> None:
    url, catalog = server
    path = catalog / "resources" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha Tool", "Gamma Tool"), encoding="utf-8")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        _, _, body = get(url, "/resources/alpha/")
        if b"Gamma Tool" in body:
            break
        time.sleep(0.3)
    else:
        pytest.fail("the site was not rebuilt")


def test_a_broken_edit_keeps_the_previous_site(server: tuple[str, Path]) -> None:
    url, catalog = server
    (catalog / "resources" / "beta.yaml").write_text("id: beta\nmodalities: [nonsense\n", encoding="utf-8")
    time.sleep(2.5)
    status, _, body = get(url, "/resources/beta/")
    assert status == 200 and b"Beta Tool" in body


def test_one_hundred_clients_at_once_all_get_answers(server: tuple[str, Path]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url, _ = server

    def client(_: int) -> list[int]:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
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
