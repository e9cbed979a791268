"""A small, strict HTTP client for checking links and reading public APIs.

Written on asyncio streams so that every limit is ours to enforce: it resolves the
host itself and refuses private, loopback, link-local and cloud-metadata addresses
(unless allowed) before connecting, on every redirect hop, and connects to the
address it checked, so DNS cannot change the answer in between. It reads at most a
few kilobytes of any body it does not need, never downloads large files, and
bounds each request in time.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from .errors import CheatsheetError

MAX_HEADER_BYTES = 64 * 1024
MAX_INTERIM_RESPONSES = 8
# Headers that prove who is asking; never sent to an origin other than the one they were given for.
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# What may stay as it is in a request target; everything else (spaces, non-ASCII) is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
DEFAULT_BODY_LIMIT = 4 * 1024
USER_AGENT = "fmcheatsheet-link-checker/1.0 (+https://github.com)"

Resolver = Callable[[str, int], Awaitable[list[str]]]


class FetchError(CheatsheetError):
    """A request that got no HTTP answer; ``kind`` says why (dns, refused, timeout, blocked, protocol...)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    truncated: bool = False

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Hop:
    url: str
    status: int
    location: str | None = None


@dataclass
class Result:
    """The outcome of a request and its redirects."""

    response: Response | None
    hops: list[Hop] = field(default_factory=list)
    error: FetchError | None = None


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


async def system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved and cloud-metadata addresses."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or str(ip) in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254")
        or ip in ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, used for metadata by some clouds
    )


@dataclass
class Client:
    """Settings shared by all requests of one run."""

    timeout: float = 10.0
    allow_private: bool = False
    resolver: Resolver = system_resolver
    headers: dict[str, str] = field(default_factory=dict)
    max_redirects: int = 5
    address_allowed: Callable[[str], bool] = is_public

    async def request(
        self,
        method: str,
        url: str,
        *,
        body_limit: int = DEFAULT_BODY_LIMIT,
        follow: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Result:
        """One request, following up to ``max_redirects`` redirects; never raises.

        Credentials (``Authorization``, ``Cookie``...) given for ``url`` are sent only
        to its origin: a redirect to another host, port or scheme drops them.
        """
        hops: list[Hop] = []
        current = url
        seen: set[str] = set()
        extra = dict(headers or {})
        for _ in range(self.max_redirects + 1):
            try:
                response = await asyncio.wait_for(self._once(method, current, body_limit, extra), timeout=self.timeout)
            except FetchError as exc:
                return Result(None, hops, exc)
            except asyncio.TimeoutError:
                return Result(None, hops, FetchError("timeout", f"no complete answer within {self.timeout:g} s"))
            except Exception as exc:  # documented as never raising: a bug here is an answer, not a crash
                return Result(None, hops, FetchError("internal", f"internal error: {type(exc).__name__}: {exc}"))
            location = response.header("location")
            if not follow or response.status not in (301, 302, 303, 307, 308) or not location:
                return Result(response, hops)
            try:
                target = urljoin(current, location)
                urlsplit(target).port  # noqa: B018 - raises ValueError on a malformed port
            except ValueError:
                problem = FetchError("protocol", f"redirect to an unusable address: {location[:200]!r}")
                return Result(response, hops, problem)
            if _origin(target) != _origin(url):
                extra = {k: v for k, v in extra.items() if k.lower() not in CREDENTIAL_HEADERS}
            hops.append(Hop(current, response.status, target))
            if target in seen or target == current:
                return Result(response, hops, FetchError("redirect-loop", f"redirect loop at {target}"))
            seen.add(current)
            if urlsplit(target).scheme not in ("http", "https"):
                return Result(response, hops, FetchError("blocked", f"redirect to a non-http URL: {target}"))
            if response.status == 303:
                method = "GET"
            current = target
        return Result(None, hops, FetchError("too-many-redirects", f"more than {self.max_redirects} redirects"))

    async def _once(self, method: str, url: str, body_limit: int, extra: dict[str, str]) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("invalid", f"not an http(s) URL: {url}")
        host = parts.hostname
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            host.encode("ascii")
        except (ValueError, UnicodeError):
            raise FetchError("invalid", f"not a usable host and port: {parts.netloc[:200]!r}") from None
        address = await self._address(host, port)
        context = ssl.create_default_context() if parts.scheme == "https" else None
        try:
            reader, writer = await asyncio.open_connection(
                address, port, ssl=context, server_hostname=host if context else None, limit=MAX_HEADER_BYTES
            )
        except ssl.SSLError as exc:
            raise FetchError("tls", f"TLS error: {exc.reason or exc}") from None
        except OSError as exc:
            raise FetchError("refused", f"cannot connect to {host}:{port}: {exc.strerror or exc}") from None
        try:
            # A valid URL may have non-ASCII text in its path (/wiki/中文): sent percent-encoded, as browsers do.
            path = quote(parts.path or "/", safe=_PATH_SAFE)
            if parts.query:
                path += "?" + quote(parts.query, safe=_PATH_SAFE + "?")
            host_header = host if parts.port is None else f"{host}:{parts.port}"
            lines = [
                f"{method} {path} HTTP/1.1",
                f"Host: {host_header}",
                f"User-Agent: {USER_AGENT}",
                "Accept: */*",
                "Connection: close",
            ]
            lines += [f"{k}: {v}" for k, v in {**self.headers, **extra}.items()]
            try:
                head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
            except UnicodeEncodeError:
                raise FetchError("invalid", "a request header is not Latin-1 text") from None
            writer.write(head)
            await writer.drain()
            status, headers = await _read_head(reader)
            body = b""
            truncated = False
            if method != "HEAD" and body_limit > 0:
                body, truncated = await _read_body(reader, headers, body_limit)
            return Response(url, status, headers, body, truncated)
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            raise FetchError("protocol", f"connection closed early: {exc}") from None
        finally:
            writer.close()
            with contextlib.suppress(OSError, asyncio.TimeoutError, ssl.SSLError):
                await asyncio.wait_for(writer.wait_closed(), timeout=1)

    async def _address(self, host: str, port: int) -> str:
        try:
            literal = ipaddress.ip_address(host)
            addresses = [str(literal)]
        except ValueError:
            try:
                addresses = await self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise FetchError("dns", f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise FetchError("dns", f"cannot resolve {host}")
        if not self.allow_private:
            blocked = [a for a in addresses if not self.address_allowed(a)]
            if blocked:
                raise FetchError("blocked", f"{host} resolves to a non-public address ({blocked[0]}); not fetched")
        return addresses[0]


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    """The status and headers of the final response, after any interim 1xx ones (100 Continue...)."""
    for _ in range(MAX_INTERIM_RESPONSES + 1):
        status, headers = await _read_one_head(reader)
        if not 100 <= status < 200 or status == 101:
            return status, headers
    raise FetchError("protocol", f"more than {MAX_INTERIM_RESPONSES} interim responses")


async def _read_one_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        raise FetchError("protocol", "response headers are too large") from None
    except asyncio.IncompleteReadError:
        raise FetchError("protocol", "connection closed before the headers ended") from None
    lines = head[:-4].decode("latin-1").split("\r\n")
    try:
        code = lines[0].split(" ", 2)[1]
        status = int(code) if len(code) == 3 else 0
    except (IndexError, ValueError):
        status = 0
    if not 100 <= status <= 599:
        raise FetchError("protocol", f"not an HTTP response: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str], limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of the body; the rest is never read."""
    length = headers.get("content-length")
    wanted = limit
    if length is not None and length.isdigit():
        wanted = min(limit, int(length))
    body = b""
    while len(body) < wanted:
        chunk = await reader.read(min(65536, wanted - len(body)))
        if not chunk:
            break
        body += chunk
    truncated = len(body) >= limit and (length is None or not length.isdigit() or int(length) > limit)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(body)
    return body, truncated


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out
