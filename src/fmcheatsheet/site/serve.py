"""Serving the built site over HTTP, and rebuilding it when the catalog changes."""

from __future__ import annotations

import functools
import gzip
import mimetypes
import os
import resource
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .policy import content_security_policy

SECURITY_HEADERS = {
    "Content-Security-Policy": content_security_policy(header=True),
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
MAX_NAME = 255  # longest file name the file system takes; longer ones name nothing
# An idle or slow client gives up its connection (and its thread and file descriptor) after this long.
IDLE_TIMEOUT = 15.0


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
    if any(p == ".." or p.startswith("~") or len(p.encode("utf-8", "surrogateescape")) > MAX_NAME for p in parts):
        return None
    try:
        root = site.resolve()
        candidate = root.joinpath(*parts) if parts else root
        if candidate.is_dir():
            if not path.endswith("/"):
                return candidate  # the handler redirects to the slash form
            candidate = candidate / "index.html"
        resolved = candidate.resolve(strict=True)
        if resolved != root and root not in resolved.parents:
            return None
        return resolved if resolved.is_file() or resolved.is_dir() else None
    except (OSError, RuntimeError, ValueError):
        return None  # a name the file system refuses (too long, NUL...) names nothing here


@functools.lru_cache(maxsize=4096)
def _gzip(path: str, size: int, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def compressed(path: Path) -> bytes:
    """The gzip form of a file, cached until the file changes."""
    stat = path.stat()
    return _gzip(str(path), stat.st_size, stat.st_mtime_ns)


def make_handler(site: Path, idle_timeout: float = IDLE_TIMEOUT) -> type[BaseHTTPRequestHandler]:
    class SiteHandler(BaseHTTPRequestHandler):
        server_version = "fmcheatsheet"
        sys_version = ""
        protocol_version = "HTTP/1.1"
        # Answer malformed requests as HTTP/1.x too (status line and headers), never in the
        # header-less HTTP/0.9 form http.server falls back to; no client speaks HTTP/0.9 any more.
        default_request_version = "HTTP/1.0"
        timeout = idle_timeout
        # Headers and body go out as separate writes; with Nagle's algorithm on, the body waits
        # for the client's delayed acknowledgement of the headers, about 40 ms per file.
        disable_nagle_algorithm = True

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
                self._not_found(send_body)
                return
            kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            textual = kind.startswith("text/") or kind in TEXTUAL
            if textual:
                kind += "; charset=utf-8"
            extra = {"Vary": "Accept-Encoding"}
            try:
                if textual and "gzip" in self.headers.get("Accept-Encoding", ""):
                    data = compressed(target)
                    extra["Content-Encoding"] = "gzip"
                else:
                    data = target.read_bytes()
            except OSError:
                # Gone between the look-up and the read (a rebuild removed it): as if never there.
                self._not_found(send_body)
                return
            self._send(HTTPStatus.OK, data, kind, send_body, extra)

        def _not_found(self, send_body: bool) -> None:
            page = site / "404.html"
            try:
                body = page.read_bytes()
            except OSError:
                body = b"not found\n"
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", send_body)

        def _send(
            self, status: HTTPStatus, body: bytes, kind: str, send_body: bool, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def end_headers(self) -> None:
            # Every response gets the policy, including the errors http.server writes itself (400, 414, 501...).
            for name, value in SECURITY_HEADERS.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            if os.environ.get("FMCHEATSHEET_ACCESS_LOG"):
                super().log_message(format, *args)

    return SiteHandler


class Rebuilder(threading.Thread):
    """Polls the catalog's files and calls ``rebuild`` when any changes.

    Only what the catalog is read from is watched, so a site written inside the
    catalog folder does not trigger the next rebuild. A rebuild that fails is
    reported and the watching goes on: the next edit may fix it.
    """

    def __init__(self, catalog_dir: Path, rebuild: Callable[[], None], interval: float = 1.0) -> None:
        super().__init__(daemon=True, name="catalog-watcher")
        self.catalog_dir = catalog_dir
        self.rebuild = rebuild
        self.interval = interval
        self.stopped = threading.Event()
        self.last = catalog_state(catalog_dir)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            current = catalog_state(self.catalog_dir)
            if current != self.last:
                self.last = current
                try:
                    self.rebuild()
                except Exception as exc:  # a bug in one rebuild must not stop the watching
                    print(
                        f"rebuild failed: {type(exc).__name__}: {exc}; still serving the previous build",
                        file=sys.stderr,
                        flush=True,
                    )


# The folders of a catalog whose entries the loader reads; everything else (a site built
# inside the catalog folder, editor backups in other folders) is not an input.
CATALOG_FOLDERS = ("resources", "sections")


def catalog_state(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file a catalog is read from."""
    found: dict[str, tuple[int, int]] = {}
    for folder, with_folders in ((root, False), *((root / name, True) for name in CATALOG_FOLDERS)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if not with_folders and entry.is_dir():
                    continue
                stat = entry.stat()
            except OSError:
                continue
            found[entry.path] = (stat.st_size, stat.st_mtime_ns)
    return found


class SiteServer(ThreadingHTTPServer):
    """A threaded server with a bounded number of connections.

    Each connection holds a thread and a file descriptor; past ``max_connections``
    a new client gets an immediate 503 instead of exhausting the process's
    descriptors, and idle clients are dropped after the handler's timeout.
    """

    daemon_threads = True
    # Many clients connecting at once must wait in the queue, not be refused or dropped.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], max_connections: int) -> None:
        super().__init__(address, handler)
        self.max_connections = max_connections
        self._slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            refuse_busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that vanish or stall are normal for a web server: no traceback per request.
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        print(f"error answering {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)


def refuse_busy(connection: socket.socket) -> None:
    """A short 503 with the usual headers, written straight to a connection the server cannot take."""
    body = b"the server is busy; try again in a moment\n"
    head = ["HTTP/1.1 503 Service Unavailable", "Content-Type: text/plain; charset=utf-8"]
    head += [f"Content-Length: {len(body)}", "Connection: close", "Retry-After: 5"]
    head += [f"{name}: {value}" for name, value in SECURITY_HEADERS.items()]
    try:
        connection.settimeout(1.0)
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
    except OSError:
        pass


def default_max_connections() -> int:
    """Half the process's file descriptors: the rest serve files, the site and the watcher."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1024
    return max(8, min(1024, soft // 2))


def make_server(
    site: Path,
    host: str,
    port: int,
    *,
    idle_timeout: float = IDLE_TIMEOUT,
    max_connections: int | None = None,
) -> SiteServer:
    """An HTTP server for ``site`` (port 0 picks a free port)."""
    limit = max_connections if max_connections is not None else default_max_connections()
    return SiteServer((host, port), make_handler(site, idle_timeout), limit)
