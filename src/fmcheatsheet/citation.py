"""BibTeX citations for resources that have a paper link.

Keys are stable (derived from the id and year, never from list order) and unique
within a catalog. arXiv papers become ``@misc`` entries with ``eprint``; DOIs are
kept as ``doi``; other paper URLs become ``@misc`` entries with ``url``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Resource
from .urls import arxiv_id, doi

# LaTeX's special characters. Braces and the backslash become commands with balanced braces:
# BibTeX counts every brace, escaped or not, so "\}" would still end the field.
_LATEX = {
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile(r"[&%$#_{}~^\\]")
# A URL field is read verbatim (\url): only what could end the field or start a command is encoded.
_URL_UNSAFE = re.compile(r"[{}\\\s]")


def has_citation(resource: Resource) -> bool:
    return resource.links.paper is not None


def citation_key(resource: Resource) -> str:
    """``<id without hyphens>`` plus the release year when known: stable across builds."""
    stem = re.sub(r"[^a-z0-9]", "", resource.id)
    return f"{stem}{resource.released_year}" if resource.released_year else stem


def bibtex_entry(resource: Resource, key: str | None = None) -> str:
    """One BibTeX entry for the resource's paper; raise ValueError if it has none."""
    paper = resource.links.paper
    if paper is None:
        raise ValueError(f"{resource.id} has no paper link")
    fields: list[tuple[str, str]] = [("title", "{" + _escape(resource.name) + "}")]
    if resource.released_year:
        fields.append(("year", str(resource.released_year)))
    if resource.released and len(resource.released) == 7:
        fields.append(("month", str(int(resource.released[5:7]))))
    found_arxiv = arxiv_id(paper)
    found_doi = doi(paper)
    if found_arxiv:
        fields += [("eprint", found_arxiv), ("archiveprefix", "arXiv")]
    if found_doi:
        fields.append(("doi", _escape(found_doi)))
    fields.append(("url", _url(paper)))
    fields.append(("note", _escape(f"{resource.name}; see {resource.url}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key or citation_key(resource)},\n{body}\n}}\n"


def unique_keys(resources: Iterable[Resource]) -> dict[str, str]:
    """Citation keys for every resource with a paper, made unique by suffixes a, b, ..."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for resource in sorted(resources, key=lambda r: r.id):
        if not has_citation(resource):
            continue
        base = citation_key(resource)
        key = base
        suffix = 0
        while key in taken:
            suffix += 1
            key = f"{base}{_letters(suffix)}"
        taken.add(key)
        keys[resource.id] = key
    return keys


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _escape(text: str) -> str:
    return _SPECIAL.sub(lambda m: _LATEX.get(m.group(), "\\" + m.group()), text)


def _url(url: str) -> str:
    """The URL percent-encoded where BibTeX or LaTeX would read it as structure; it still opens the same page."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8")), url)
