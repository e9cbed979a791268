"""Social preview images (og:image): one static 1200x630 PNG per kind of page, drawn at build time.

Drawn with Pillow (which fpdf2 already needs) in the site's colours, so no page ever asks a
third party for its preview. Pages of kinds without their own picture share the home page's.
The same inputs always give the same bytes, so builds stay reproducible.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1200, 630
# The light theme's tokens (style.css): accent, text, surface, border.
ACCENT = (31, 78, 121)
INK = (27, 31, 36)
SURFACE = (246, 248, 250)
BORDER = (213, 218, 224)
SOFT = (227, 236, 246)
WHITE = (255, 255, 255)
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts/dejavu"))

# kind -> (heading, line under it)
KINDS: dict[str, tuple[str, str]] = {
    "home": ("Foundation Model Development Cheatsheet", "Tools, datasets and best practices, from data to release"),
    "phase": ("A phase of development", "Its sections, best practices and the resources to start with"),
    "section": ("Best practices and resources", "A numbered checklist and the resources to start with"),
    "resource": ("A resource, checked at its source", "Licence, commercial use, access, languages and citation"),
    "browse": ("Browse the catalog", "Search and filter by phase, modality, type, licence and language"),
    "plan": ("Project checklist", "Practices and resources matched to your modalities and languages"),
    "estimate": ("Compute, energy and carbon", "Training and serving estimates with ranges and sources"),
    "timeline": ("Law and standards timeline", "Dated duties and the practices that help meet them"),
    "about": ("About the cheatsheet", "The paper it implements, how entries are checked, how to cite it"),
}


def preview_path(kind: str) -> str:
    return f"static/preview-{kind if kind in KINDS else 'home'}.png"


def preview_files(total: int) -> dict[str, bytes]:
    """Every preview image, by site path."""
    return {preview_path(kind): _draw(kind, total) for kind in KINDS}


@cache
def _fonts() -> tuple[Any, Any, Any]:
    from PIL import ImageFont

    for folder in FONT_DIRS:
        bold, regular = folder / "DejaVuSans-Bold.ttf", folder / "DejaVuSans.ttf"
        if bold.is_file() and regular.is_file():
            return (
                ImageFont.truetype(str(bold), 60),
                ImageFont.truetype(str(regular), 32),
                ImageFont.truetype(str(bold), 30),
            )
    return (ImageFont.load_default(60), ImageFont.load_default(32), ImageFont.load_default(30))


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


# The same bytes for the same count: rebuilds (and `serve`) encode each image once.
@lru_cache(maxsize=len(KINDS) * 4)
def _draw(kind: str, total: int) -> bytes:
    from PIL import Image, ImageDraw

    heading, line = KINDS[kind]
    big, small, mark = _fonts()
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 18), fill=ACCENT)
    # The brand mark, as in the site's header.
    draw.rounded_rectangle((72, 80, 172, 150), radius=14, fill=ACCENT)
    draw.text((122, 115), "FM", font=mark, fill=WHITE, anchor="mm")
    draw.text((196, 115), "Cheatsheet", font=mark, fill=INK, anchor="lm")
    y = 200
    for text in _wrap(draw, heading, big, 660):
        draw.text((72, y), text, font=big, fill=INK)
        y += 74
    y += 14
    for text in _wrap(draw, line, small, 640):
        draw.text((72, y), text, font=small, fill=(79, 88, 98))
        y += 44
    draw.text((72, HEIGHT - 80), f"{total} resources · text, vision, speech", font=small, fill=ACCENT)
    # A column of resource cards on the right: the catalog's basic unit.
    for row in range(4):
        top = 80 + row * 125
        draw.rounded_rectangle((800, top, 1128, top + 105), radius=16, fill=SURFACE, outline=BORDER, width=2)
        draw.rounded_rectangle((824, top + 22, 864, top + 62), radius=8, fill=SOFT)
        draw.rounded_rectangle((880, top + 26, 1080 - row * 30, top + 40), radius=7, fill=ACCENT)
        draw.rounded_rectangle((880, top + 52, 1100, top + 62), radius=5, fill=BORDER)
        draw.rounded_rectangle((824, top + 76, 900, top + 90), radius=7, fill=SOFT)
        draw.rounded_rectangle((912, top + 76, 1010, top + 90), radius=7, fill=SOFT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
