"""The printable cheatsheet and the full reference: PDFs made without a browser (fpdf2).

``to_pdf`` is the cheatsheet: a few landscape pages in columns, per phase its sections' best
practices and the resources to start with (:meth:`Catalog.highlights`: featured entries, then
those the practices cite), each with its type and modality icons. ``to_full_pdf`` is the
reference: a cover, then one part per phase with every section's practices in full and its top
resources, each with its link printed in full.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..model import Resource
from ..vocab import COMMERCIAL_USE_SHORT, MODALITIES, RESOURCE_TYPES
from . import ExportOptions

PER_SECTION = 5
START_WITH = 3
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts/dejavu"))
ACCENT = (31, 78, 121)
MUTED = (79, 88, 98)


def to_full_pdf(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> bytes:
    from fpdf import FPDF

    base = (options or ExportOptions()).base_url
    chosen = {r.id for r in resources}
    latest = max((r.added for r in resources if r.added), default="2026-01-01")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime.fromisoformat(f"{latest}T00:00:00+00:00"))
    pdf.set_title("The Foundation Model Development Cheatsheet")
    pdf.set_author("Foundation Model Development Cheatsheet")
    pdf.set_creator("fmcheatsheet")
    pdf.set_producer("fmcheatsheet")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(18, 16, 18)
    font = _use_fonts(pdf)
    write = _writer(pdf, font)

    pdf.add_page()
    pdf.ln(50)
    write("The Foundation Model Development Cheatsheet", 26, "B", ACCENT)
    pdf.ln(4)
    write(
        "Tools, resources and best practices for developing foundation models responsibly, "
        "from data sourcing to release.",
        13,
    )
    pdf.ln(6)
    write(
        f"{len(chosen)} resources in {len(catalog.sections)} sections and {len(catalog.phases)} phases. "
        f"Catalog as of {latest}.",
        11,
        "",
        MUTED,
    )
    if base:
        write(f"Full catalog, search and every resource's page: {base}", 11, "", MUTED)
    pdf.ln(8)
    for number, phase in enumerate(catalog.phases, 1):
        write(f"Part {number}. {phase.title}", 12, "B")

    for number, phase in enumerate(catalog.phases, 1):
        pdf.add_page()
        pdf.start_section(f"Part {number}. {phase.title}")
        write(f"Part {number}. {phase.title}", 20, "B", ACCENT)
        pdf.ln(2)
        write(phase.overview, 11)
        for sid in phase.sections:
            section = catalog.sections[sid]
            pdf.ln(5)
            pdf.start_section(section.title, level=1)
            write(section.title, 15, "B", ACCENT)
            write(section.introduction or section.scope, 10)
            if section.practices:
                pdf.ln(2)
                write("Best practices", 11, "B")
                for practice in section.practices:
                    write(f"- {practice.title}", 10, "B")
                    write(practice.text, 10, indent=4)
            top = [r for r in catalog.highlights(sid, len(catalog)) if r.id in chosen][:PER_SECTION]
            if top:
                pdf.ln(2)
                write("Start with", 11, "B")
                for resource in top:
                    write(f"{resource.name} ({resource.type})", 10, "B", link=resource.url)
                    write(resource.description, 9, indent=4)
                    write(resource.url, 8, "", ACCENT, indent=4, link=resource.url)
    return bytes(pdf.output())


# -- the cheatsheet: landscape pages in columns -------------------------------------------

COLUMNS = 4
GUTTER = 5.0
PAGE_MARGIN = 9.0
BODY = 6.9  # points
ICON = 2.6  # millimetres


class _Columns:
    """Writes blocks top to bottom in one column, then the next, then on a new page."""

    def __init__(self, pdf: Any, top: float) -> None:
        self.pdf = pdf
        self.width = (pdf.w - 2 * PAGE_MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS
        self.column = 0
        self.top = top
        self.y = top

    @property
    def x(self) -> float:
        return float(PAGE_MARGIN + self.column * (self.width + GUTTER))

    def room(self, height: float) -> None:
        """Moves on when ``height`` millimetres do not fit in what is left of the column."""
        if self.y + height <= self.pdf.h - PAGE_MARGIN - 4:
            return
        self.column += 1
        if self.column == COLUMNS:
            self.pdf.add_page()
            self.column = 0
            self.top = PAGE_MARGIN + 6
        self.y = self.top

    def height(self, text: str, size: float, style: str, font: str, indent: float = 0) -> float:
        self.pdf.set_font(font, style, size)
        return float(len(wrap(self.pdf, text, self.width - indent)) * size * 0.42)

    def text(
        self,
        text: str,
        size: float,
        font: str,
        style: str = "",
        colour: tuple[int, int, int] = (27, 31, 36),
        indent: float = 0,
        link: str = "",
        keep: float = 0,
    ) -> None:
        self.pdf.set_font(font, style, size)
        lines = wrap(self.pdf, text, self.width - indent)
        self.room(len(lines) * size * 0.42 + keep)
        self.pdf.set_text_color(*colour)
        for line in lines:
            self.pdf.set_xy(self.x + indent, self.y)
            self.pdf.cell(self.width - indent, size * 0.42, line, align="L", link=link)
            self.y += size * 0.42


def to_pdf(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> bytes:
    """The cheatsheet: per phase, its sections' practices and the resources to start with, in columns."""
    from fpdf import FPDF

    from ..icons import standalone

    options = options or ExportOptions()
    chosen = {r.id for r in resources}
    latest = max((r.added for r in resources if r.added), default="2026-01-01")
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_creation_date(dt.datetime.fromisoformat(f"{latest}T00:00:00+00:00"))
    pdf.set_title("The Foundation Model Development Cheatsheet")
    pdf.set_author("Foundation Model Development Cheatsheet")
    pdf.set_creator("fmcheatsheet")
    pdf.set_producer("fmcheatsheet")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    font = _use_fonts(pdf)
    text = (lambda value: value) if font != "helvetica" else _latin1

    def footer() -> None:
        pdf.set_font(font, "", 6)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(PAGE_MARGIN, pdf.h - PAGE_MARGIN - 2)
        where = f"  Every resource, its sources and search: {options.base_url}" if options.base_url else ""
        pdf.cell(0, 3, text(f"Foundation Model Development Cheatsheet · catalog of {latest}.{where}"), align="L")
        pdf.set_x(PAGE_MARGIN)
        pdf.cell(0, 3, f"{pdf.page_no()}", align="R")

    pdf.add_page()
    pdf.set_font(font, "B", 17)
    pdf.set_text_color(*ACCENT)
    pdf.set_xy(PAGE_MARGIN, PAGE_MARGIN)
    pdf.cell(0, 8, "The Foundation Model Development Cheatsheet", align="L")
    pdf.set_font(font, "", 8)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(PAGE_MARGIN, PAGE_MARGIN + 8)
    pdf.cell(
        0,
        4,
        text(
            f"Best practices and the resources to start with, for each phase of developing a foundation model "
            f"responsibly. {len(chosen)} resources in {len(catalog.sections)} sections; each icon marks a "
            "resource's type and modalities."
        ),
        align="L",
    )
    icon_of = {name: standalone(name) for name in (*RESOURCE_TYPES, *MODALITIES)}
    # The key to the icons, in one row under the title.
    x, y = PAGE_MARGIN, PAGE_MARGIN + 13.5
    pdf.set_font(font, "", BODY - 0.6)
    pdf.set_text_color(*MUTED)
    for name in (*RESOURCE_TYPES, *MODALITIES):
        width = ICON + 1.2 + pdf.get_string_width(name) + 3.2
        if x + width > pdf.w - PAGE_MARGIN:
            x, y = PAGE_MARGIN, y + 3.6
        pdf.image(io.BytesIO(icon_of[name]), x=x, y=y + 0.1, w=ICON, h=ICON)
        pdf.set_xy(x + ICON + 1.2, y)
        pdf.cell(width, ICON + 0.2, name, align="L")
        x += width
    flow = _Columns(pdf, y + 6)

    def resource_line(resource: Resource) -> None:
        label = f"{resource.name}"
        licence = catalog.licence_class(resource)
        facts = (
            "licence not stated"
            if licence == "unknown"
            else f"{licence}, {COMMERCIAL_USE_SHORT[catalog.commercial_use(resource)]}"
        )
        icons = [resource.type, *resource.modalities]
        indent = len(icons) * (ICON + 0.6) + 1.5
        flow.room(flow.height(text(label), BODY, "B", font, indent) + 3)
        y = flow.y + 0.2
        for i, name in enumerate(icons):
            pdf.image(io.BytesIO(icon_of[name]), x=flow.x + 1.5 + i * (ICON + 0.6), y=y, w=ICON, h=ICON)
        flow.text(text(label), BODY, font, "B", indent=indent, link=resource.url)
        flow.text(text(facts), BODY - 0.9, font, "", MUTED, indent=indent)
        flow.y += 0.4

    for number, phase in enumerate(catalog.phases, 1):
        flow.room(24)
        pdf.set_fill_color(*ACCENT)
        pdf.rect(flow.x, flow.y, flow.width, 6, style="F")
        pdf.set_font(font, "B", 9)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(flow.x + 1.5, flow.y + 0.6)
        pdf.cell(flow.width - 3, 4.8, text(f"{number}  {phase.title}"), align="L")
        flow.y += 7.5
        for sid in phase.sections:
            section = catalog.sections[sid]
            flow.text(text(section.title), 8.2, font, "B", ACCENT, keep=8)
            flow.y += 0.5
            for index, practice in enumerate(section.practices, 1):
                # A hanging number: wrapped lines align with the text, not under the number.
                flow.room(flow.height(text(practice.title), BODY, "", font, 5))
                pdf.set_font(font, "", BODY)
                pdf.set_text_color(*MUTED)
                pdf.set_xy(flow.x + 1.5, flow.y)
                pdf.cell(3.5, BODY * 0.42, f"{index}.", align="L")
                flow.text(text(practice.title), BODY, font, indent=5)
            top = [r for r in catalog.highlights(sid, len(catalog)) if r.id in chosen][:START_WITH]
            if top:
                flow.y += 0.8
                flow.text("Start with", BODY - 0.4, font, "B", MUTED, indent=1.5, keep=5)
                for resource in top:
                    resource_line(resource)
            flow.y += 2.2
    for page in range(1, pdf.page_no() + 1):
        pdf.page = page
        footer()
    return bytes(pdf.output())


def _use_fonts(pdf: object) -> str:
    """DejaVu Sans when installed (full Unicode), else the built-in Helvetica."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("body", "", str(regular))  # type: ignore[attr-defined]
            pdf.add_font("body", "B", str(bold))  # type: ignore[attr-defined]
            return "body"
    return "helvetica"


def _writer(pdf: object, font: str):  # type: ignore[no-untyped-def]
    def write(
        text: str,
        size: float,
        style: str = "",
        color: tuple[int, int, int] = (27, 31, 36),
        indent: float = 0,
        link: str | None = None,
    ) -> None:
        pdf.set_font(font, style, size)  # type: ignore[attr-defined]
        pdf.set_text_color(*color)  # type: ignore[attr-defined]
        pdf.set_x(pdf.l_margin + indent)  # type: ignore[attr-defined]
        width = pdf.w - pdf.l_margin - pdf.r_margin - indent  # type: ignore[attr-defined]
        shown = text if font != "helvetica" else _latin1(text)
        for line in wrap(pdf, shown, width):
            pdf.set_x(pdf.l_margin + indent)  # type: ignore[attr-defined]
            pdf.cell(width, size * 0.5, line, link=link or "", align="L", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]

    return write


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """The lines ``text`` takes in a box ``width`` wide in the current font: greedy breaks at spaces,
    and inside a word only when the word alone is wider than the box.

    fpdf2's own line breaking re-measures the line at every character, which made the full
    reference take seconds; measuring each word once gives the same lines.
    """
    room = width - 2 * pdf.c_margin
    measure = pdf.get_string_width
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            if line and used + space + size <= room:
                line, used = f"{line} {word}", used + space + size
                continue
            if line:
                lines.append(line)
            while size > room and len(word) > 1:
                cut = _fitting_prefix(word, room, measure)
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            line, used = word, size
        lines.append(line)
    return lines


def _fitting_prefix(word: str, room: float, measure: Any) -> int:
    """How many characters of ``word`` fit in ``room`` (at least one, so wrapping always advances)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= room:
            low = middle
        else:
            high = middle - 1
    return low


def _latin1(text: str) -> str:
    """Text the built-in fonts can show: accents kept where Latin-1 has them, others dropped."""
    out = []
    for ch in text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"'):
        if ch in "\u2013\u2014":
            out.append("-")
        elif ord(ch) < 256:
            out.append(ch)
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1"))
    return "".join(out)
