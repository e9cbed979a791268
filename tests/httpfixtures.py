"""Real HTTP servers on 127.0.0.1 that misbehave in the ways the link checker must survive."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Route = Callable[["Handler", str], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        self.server.hits[path] += 1
        self.server.methods.append((self.command, path))
        self.server.headers_seen.append((path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.server.routes.get(path)
        if route is None:
            self.reply(404, b"not found")
        else:
            route(self, path)

    def reply(self, status: int, body: bytes = b"ok", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.methods: list[tuple[str, str]] = []
        self.headers_seen: list[tuple[str, dict[str, str]]] = []
        self.sent: dict[str, int] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[Server]:
    server = Server(routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def redirect(status: int, target: str) -> Route:
    return lambda h, _: h.reply(status, b"", {"Location": target})


def status(code: int, headers: dict[str, str] | None = None) -> Route:
    return lambda h, _: h.reply(code, b"x", headers)


def sequence(*routes: Route) -> Route:
    """Answers the n-th request to the path with the n-th route (the last one repeats)."""

    def route(h: Handler, path: str) -> None:
        index = min(h.server.hits[path] - 1, len(routes) - 1)
        routes[index](h, path)

    return route


def hang(seconds: float) -> Route:
    def route(h: Handler, _: str) -> None:
        time.sleep(seconds)

    return route


def head_not_allowed(then: Route) -> Route:
    def route(h: Handler, path: str) -> None:
        if h.command == "HEAD":
            h.reply(405, b"")
        else:
            then(h, path)

    return route


def drip(total: int, delay: float) -> Route:
    def route(h: Handler, _: str) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(total))
        h.end_headers()
        try:
            for _byte in range(total):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(delay)
        except OSError:
            pass

    return route


def huge(total: int) -> Route:
    """A body of ``total`` bytes; records how much was actually sent before the client left."""

    def route(h: Handler, path: str) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(total))
        h.end_headers()
        chunk = b"x" * 65536
        sent = 0
        try:
            while sent < total:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        h.server.sent[path] = sent

    return route


def json_route(payload: Any, headers: dict[str, str] | None = None) -> Route:
    return lambda h, _: h.reply(
        200, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})}
    )


def arxiv_feed(entries: dict[str, dict[str, Any]]) -> Route:
    def route(h: Handler, _: str) -> None:
        ids = parse_qs(urlsplit(h.path).query).get("id_list", [""])[0].split(",")
        parts = ['<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">']
        for paper in ids:
            if paper in entries:
                e = entries[paper]
                authors = "".join(f"<author><name>{a}</name></author>" for a in e["authors"])
                parts.append(
                    f"<entry><id>http://arxiv.org/abs/{paper}v2</id><title>{e['title']}</title>"
                    f"<published>{e['published']}</published>{authors}</entry>"
                )
        parts.append("</feed>")
        h.reply(200, "".join(parts).encode(), {"Content-Type": "application/atom+xml"})

    return route


def delayed(seconds: float, then: Route) -> Route:
    """Answers with ``then`` after ``seconds``."""

    def route(h: Handler, path: str) -> None:
        time.sleep(seconds)
        then(h, path)

    return route


def interim_first(then: Route) -> Route:
    """A '100 Continue' interim response before the real answer."""

    def route(h: Handler, path: str) -> None:
        h.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        then(h, path)

    return route
