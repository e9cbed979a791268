"""Serving the built site over HTTP, and rebuilding it when the catalog changes."""

from __future__ import annotations

import functools
import gzip
import mimetypes
import os
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' https://github.com; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".jsonl": "application/jsonl",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".bib": "text/x-bibtex",
    ".pdf": "application/pdf",
}
TEXTUAL = frozenset(
    {"application/json", "application/jsonl", "application/xml", "application/atom+xml", "image/svg+xml"}
)
MAX_PATH = 2048


def resolve_request_path(site: Path, raw_path: str) -> Path | None:
    """The file under ``site`` a request path names, or None if it names nothing there.

    Percent-decoding happens once; any '..', backslash, NUL or absolute component is
    refused outright rather than normalised, so no spelling of a path can leave the site.
    """
    if len(raw_path) > MAX_PATH:
        return None
    path = unquote(urlsplit(raw_path).path, errors="strict")
    if "\\" in path or "\x00" in path or not path.startswith("/"):
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or p.startswith("~") for p in parts):
        return None
    root = site.resolve()
    candidate = root.joinpath(*parts) if parts else root
    if candidate.is_dir():
        if not path.endswith("/"):
            return candidate  # the handler redirects to the slash form
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return resolved if resolved.is_file() or resolved.is_dir() else None


@functools.lru_cache(maxsize=4096)
def _gzip(path: str, size: int, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def compressed(path: Path) -> bytes:
    """The gzip form of a file, cached until the file changes."""
    stat = path.stat()
    return _gzip(str(path), stat.st_size, stat.st_mtime_ns)


def make_handler(site: Path) -> type[BaseHTTPRequestHandler]:
    class SiteHandler(BaseHTTPRequestHandler):
        server_version = "fmcheatsheet"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._respond(send_body=True)

        def do_HEAD(self) -> None:
            self._respond(send_body=False)

        def _respond(self, send_body: bool) -> None:
            try:
                target = resolve_request_path(site, self.path)
            except UnicodeDecodeError:
                target = None
            if target is not None and target.is_dir():
                location = urlsplit(self.path)
                self._send(
                    HTTPStatus.MOVED_PERMANENTLY,
                    b"",
                    "text/plain",
                    send_body,
                    {"Location": location.path + "/" + (f"?{location.query}" if location.query else "")},
                )
                return
            if target is None:
                page = site / "404.html"
                body = page.read_bytes() if page.is_file() else b"not found\n"
                self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", send_body)
                return
            kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            textual = kind.startswith("text/") or kind in TEXTUAL
            if textual:
                kind += "; charset=utf-8"
            extra = {"Vary": "Accept-Encoding"}
            if textual and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = compressed(target)
                extra["Content-Encoding"] = "gzip"
            else:
                data = target.read_bytes()
            self._send(HTTPStatus.OK, data, kind, send_body, extra)

        def _send(
            self, status: HTTPStatus, body: bytes, kind: str, send_body: bool, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            if os.environ.get("FMCHEATSHEET_ACCESS_LOG"):
                super().log_message(format, *args)

    return SiteHandler


class Rebuilder(threading.Thread):
    """Polls the catalog folder and calls ``rebuild`` when any file changes."""

    def __init__(self, catalog_dir: Path, rebuild: Callable[[], None], interval: float = 1.0) -> None:
        super().__init__(daemon=True, name="catalog-watcher")
        self.catalog_dir = catalog_dir
        self.rebuild = rebuild
        self.interval = interval
        self.stopped = threading.Event()
        self.last = snapshot(catalog_dir)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            current = snapshot(self.catalog_dir)
            if current != self.last:
                self.last = current
                self.rebuild()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``folder``."""
    found: dict[str, tuple[int, int]] = {}
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    # Many clients connecting at once must wait in the queue, not be refused or dropped.
    request_queue_size = 1024


def make_server(site: Path, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``site`` (port 0 picks a free port)."""
    return SiteServer((host, port), make_handler(site))
