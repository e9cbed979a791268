"""The site's icon drawings (static/icons.svg), for documents that cannot use the sprite itself.

The printable cheatsheet draws type and modality icons from the same symbols the pages show.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources

SVG = "{http://www.w3.org/2000/svg}"


@cache
def symbols() -> dict[str, str]:
    """Icon name ('dataset', 'speech', ...) -> the inner markup of its symbol."""
    sprite = resources.files("fmcheatsheet").joinpath("static/icons.svg").read_text(encoding="utf-8")
    root = ET.fromstring(sprite)
    found: dict[str, str] = {}
    for symbol in root.iter(f"{SVG}symbol"):
        inner = "".join(ET.tostring(child, encoding="unicode").replace("ns0:", "") for child in symbol)
        found[symbol.attrib["id"].removeprefix("i-")] = inner.replace(' xmlns:ns0="http://www.w3.org/2000/svg"', "")
    return found


@cache
def standalone(name: str, colour: str = "#1f4e79") -> bytes:
    """One icon as a complete SVG document in ``colour``."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" '
        f'stroke="{colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{symbols()[name]}</svg>'
    ).encode()
