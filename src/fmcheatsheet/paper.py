"""The paper this catalog implements, and how to cite the catalog itself.

Stated once here: the About page, the printable cheatsheet, the site's structured data and
CITATION.cff (checked against this by a test) all say the same.
"""

from __future__ import annotations

from typing import Final

from . import __version__

PAPER: Final[dict[str, str]] = {
    "title": "The Responsible Foundation Model Development Cheatsheet: A Review of Tools & Resources",
    "venue": "Transactions on Machine Learning Research (TMLR)",
    "url": "https://openreview.net/forum?id=tH1dQH20eZ",
}
PAPER_AUTHORS: Final[tuple[str, ...]] = (
    "Shayne Longpre",
    "Stella Biderman",
    "Alon Albalak",
    "Hailey Schoelkopf",
    "Daniel McDuff",
    "Sayash Kapoor",
    "Kevin Klyman",
    "Kyle Lo",
    "Gabriel Ilharco",
    "Nay San",
    "Maribeth Rauh",
    "Aviya Skowron",
    "Bertie Vidgen",
    "Laura Weidinger",
    "Arvind Narayanan",
    "Victor Sanh",
    "David Adelani",
    "Percy Liang",
    "Rishi Bommasani",
    "Peter Henderson",
    "Sasha Luccioni",
    "Yacine Jernite",
    "Luca Soldaini",
)
CATALOG_TITLE: Final = "The Foundation Model Development Cheatsheet: catalog"


# BibTeX reads a bare "&" as a table column separator.
_TITLE_TEX: Final = PAPER["title"].replace("&", "{\\&}")


def _bibtex_names(names: tuple[str, ...]) -> str:
    return " and ".join(f"{name.rsplit(' ', 1)[1]}, {name.rsplit(' ', 1)[0]}" for name in names)


def paper_bibtex() -> str:
    """The paper's BibTeX entry (no year: the reference text does not state one)."""
    return (
        "@article{longpre-fmcheatsheet,\n"
        f"  title = {{{_TITLE_TEX}}},\n"
        f"  author = {{{_bibtex_names(PAPER_AUTHORS)}}},\n"
        f"  journal = {{{PAPER['venue']}}},\n"
        f"  url = {{{PAPER['url']}}}\n"
        "}"
    )


def catalog_bibtex(url: str | None) -> str:
    """The catalog (this software and its data) as a BibTeX entry, at its public address when known."""
    lines = [
        "@misc{fmcheatsheet-catalog,",
        f"  title = {{{CATALOG_TITLE}}},",
        "  author = {{Foundation Model Development Cheatsheet contributors}},",
        f"  version = {{{__version__}}},",
    ]
    if url:
        lines.append(f"  url = {{{url}}},")
    lines.append(f"  note = {{Catalog implementing: {_TITLE_TEX}}}")
    return "\n".join(lines) + "\n}"
