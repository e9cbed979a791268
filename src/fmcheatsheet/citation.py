"""BibTeX citations for resources that have a paper link.

Keys are stable (derived from the id and year, never from list order) and unique
within a catalog. An entry with a recorded ``citation`` is cited with its real
authors and title: ``@inproceedings`` when it names a conference or workshop,
``@article`` for a journal, ``@misc`` for a preprint. An entry without one keeps a
``@misc`` named after the resource. arXiv ids are kept as ``eprint`` and DOIs as
``doi``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import AUTHOR_OTHERS, Citation, Resource
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


_JOURNAL = re.compile(r"journal|transactions|letters|review|nature|science|\bTMLR\b|\bJMLR\b|\bTACL\b", re.IGNORECASE)


def entry_type(citation: Citation | None) -> str:
    """The BibTeX entry type a citation calls for."""
    if citation is None or citation.venue is None:
        return "misc"
    return "article" if _JOURNAL.search(citation.venue) else "inproceedings"


def bibtex_entry(resource: Resource, key: str | None = None) -> str:
    """One BibTeX entry for the resource's paper; raise ValueError if it has none."""
    paper = resource.links.paper
    if paper is None:
        raise ValueError(f"{resource.id} has no paper link")
    citation = resource.citation
    kind = entry_type(citation)
    fields: list[tuple[str, str]] = []
    if citation is not None:
        fields.append(("author", " and ".join(_author(name) for name in citation.authors)))
        fields.append(("title", "{" + _escape(citation.title) + "}"))
        if citation.venue is not None:
            fields.append(("journal" if kind == "article" else "booktitle", _escape(citation.venue)))
        year = citation.year or resource.released_year
        if year:
            fields.append(("year", str(year)))
    else:
        fields.append(("title", "{" + _escape(resource.name) + "}"))
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
    return f"@{kind}{{{key or citation_key(resource)},\n{body}\n}}\n"


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


def _author(name: str) -> str:
    # An organisation ("BigScience Workshop") is braced so BibTeX does not split it into given and family names.
    if "," in name or name == AUTHOR_OTHERS or " " not in name:
        return _escape(name)
    return "{" + _escape(name) + "}"


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
