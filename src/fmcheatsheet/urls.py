"""URL checks and the normal form used to spot two entries pointing at the same thing."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from .textnorm import bounded_edit_distance

_ARXIV_NEW = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(v\d+)?$", re.IGNORECASE)
_ARXIV_OLD = re.compile(r"^(?:arxiv:)?([a-z-]+(?:\.[a-z]{2})?/\d{7})(v\d+)?$", re.IGNORECASE)
_DOI = re.compile(r"^(?:doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
# The data of the duplicate rule's URL key. The suggestion form receives it from the build
# (normalisation_rules) and applies the same steps, so these patterns are written in the
# part of regular-expression syntax Python and JavaScript share.
# Only real arXiv identifiers (2402.00159, hep-th/9901001): what a path holds beyond that is not one.
ARXIV_PATH = r"^/(?:abs|pdf|html)/(\d{4}\.\d{4,5}|[a-zA-Z-]+(?:\.[a-zA-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?/?$"
ARXIV_HOSTS = ("arxiv.org", "export.arxiv.org")
DOI_HOSTS = ("doi.org",)
GITHUB_IO = r"^([a-z0-9-]+)\.github\.io$"
# Query parameters that track or decorate a link without changing what it points to.
NOISE_PARAMS = r"^(utm_.*|ref|ref_src|source|fbclid|gclid|mc_cid|mc_eid|si|feature)$"
GITHUB_DEFAULT_BRANCHES = ("main", "master")
INDEX_PAGES = ("/index.html", "/index.htm")
_ARXIV_PATH = re.compile(ARXIV_PATH)
_GITHUB_IO = re.compile(GITHUB_IO)
_NOISE_PARAMS = re.compile(NOISE_PARAMS)
# Browsers, servers and sitemaps handle URLs up to about this length; longer ones are not
# links a reader can use, and every output that prints them grows with their length.
MAX_URL_LENGTH = 2048


def check_url(value: str) -> str:
    """Return ``value`` if it is an absolute http(s) URL a browser can open, else raise ValueError."""
    if len(value) > MAX_URL_LENGTH:
        raise ValueError(f"URL is {len(value):,} characters long; links are limited to {MAX_URL_LENGTH:,}")
    if value != value.strip() or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("URL contains spaces or control characters")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if not scheme:
        raise ValueError("URL is relative; write it in full, starting with https://")
    if scheme not in ("http", "https"):
        raise ValueError(f"URL scheme '{scheme}:' is not allowed; only http and https links are")
    if parts.username is not None or parts.password is not None:
        raise ValueError("URL must not carry a user name or password")
    host = parts.hostname or ""
    if not host or not _HOST.match(host) or "." not in host:
        raise ValueError(f"URL has no valid host name ('{parts.netloc}')")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ValueError("URL has a malformed port") from None
    return value


# The primary sources evidence most often cites. Sites one typing slip away from them
# ("arcxiv.org") copy their pages without being them, so they cannot stand as evidence.
SOURCE_HOSTS = (
    "aclanthology.org",
    "arxiv.org",
    "doi.org",
    "github.com",
    "huggingface.co",
    "kaggle.com",
    "openreview.net",
    "wikipedia.org",
    "zenodo.org",
)
# Real services whose names happen to sit one slip from a source: arXiv's own HTML renderer.
SOURCE_NEIGHBOURS = ("ar5iv.org",)


def lookalike_of(host: str) -> str | None:
    """The well-known source that ``host`` imitates by one slip, or None."""
    host = host.lower().removeprefix("www.")
    for source in SOURCE_HOSTS:
        labels = source.count(".") + 1
        tail = ".".join(host.split(".")[-labels:])
        if tail != source and tail not in SOURCE_NEIGHBOURS and bounded_edit_distance(source, tail, 1) == 1:
            return source
    return None


_PRIVATE_HOST = re.compile(r"^(localhost|.*\.(localhost|local|internal|lan|home|arpa|test|example|invalid))$")
_IP_ADDRESS = re.compile(r"^[0-9.]+$")


def check_evidence_url(value: str) -> str:
    """Return ``value`` if it can serve as public evidence: https, a public host name, no tracking."""
    check_url(value)
    parts = urlsplit(value)
    if parts.scheme.lower() != "https":
        raise ValueError("evidence URL must use https")
    host = (parts.hostname or "").lower()
    if _IP_ADDRESS.match(host) or _PRIVATE_HOST.match(host):
        raise ValueError(f"evidence URL points at a private or local host ('{host}')")
    imitated = lookalike_of(host)
    if imitated:
        raise ValueError(f"evidence URL is on '{host}', a look-alike of '{imitated}' that is not the source itself")
    tracking = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if _NOISE_PARAMS.match(k)})
    if tracking:
        raise ValueError(f"evidence URL carries tracking parameters ({', '.join(tracking)})")
    return value


def paper_url(value: str) -> str:
    """The URL of a paper given as an arXiv id, a DOI or a URL."""
    text = value.strip()
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.match(text)
        if match:
            return f"https://arxiv.org/abs/{match.group(1)}"
    match = _DOI.match(text)
    if match:
        return check_url(f"https://doi.org/{match.group(1)}")  # a DOI is as long as it likes: the URL is not
    return check_url(value)


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier a URL points at, without version, or None."""
    parts = urlsplit(url)
    if (parts.hostname or "").removeprefix("www.") not in ARXIV_HOSTS:
        return None
    match = _ARXIV_PATH.match(parts.path)
    return match.group(1) if match else None


def doi(url: str) -> str | None:
    """The DOI a doi.org URL points at, or None."""
    parts = urlsplit(url)
    if (parts.hostname or "").removeprefix("dx.") not in DOI_HOSTS:
        return None
    value = parts.path.lstrip("/")
    return value or None


def normalize_url(url: str) -> str:
    """A comparison key: two URLs with the same key almost surely name the same resource.

    Drops the scheme, ``www.``, trailing slashes, fragments, tracking parameters and
    GitHub's ``/tree/main``; folds arXiv abs/pdf/versions to the id and
    ``owner.github.io/repo`` to ``github.com/owner/repo``. The query is compared as
    written, its parameters sorted (as text, by code point).
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path
    paper = arxiv_id(url)
    if paper:
        return f"arxiv:{paper.lower()}"
    found_doi = doi(url)
    if found_doi:
        return f"doi:{found_doi.lower()}"
    pages = _GITHUB_IO.match(host)
    if pages:
        repo = path.strip("/").split("/", 1)[0]
        host, path = "github.com", f"/{pages.group(1)}/{repo}" if repo else f"/{pages.group(1)}"
    if host == "github.com":
        segments = [s for s in path.split("/") if s]
        if len(segments) >= 4 and segments[2] in ("tree", "blob") and segments[3] in GITHUB_DEFAULT_BRANCHES:
            segments = segments[:2] + segments[4:]
        if len(segments) >= 2 and segments[1].endswith(".git"):
            segments[1] = segments[1][:-4]
        path = "/" + "/".join(segments)
        host_path = f"{host}{path}".lower()
    else:
        host_path = f"{host}{path}"
    host_path = host_path.rstrip("/")
    for suffix in INDEX_PAGES:
        host_path = host_path.removesuffix(suffix)
    query = [pair for pair in parts.query.split("&") if pair and not _NOISE_PARAMS.match(pair.split("=", 1)[0])]
    if query:
        host_path += "?" + "&".join(sorted(query))
    return host_path


def normalisation_rules() -> dict[str, object]:
    """The data of normalize_url, for the suggestion form."""
    return {
        "arxiv_path": ARXIV_PATH,
        "arxiv_hosts": list(ARXIV_HOSTS),
        "doi_hosts": list(DOI_HOSTS),
        "github_io": GITHUB_IO,
        "noise_params": NOISE_PARAMS,
        "github_default_branches": list(GITHUB_DEFAULT_BRANCHES),
        "index_pages": list(INDEX_PAGES),
    }
