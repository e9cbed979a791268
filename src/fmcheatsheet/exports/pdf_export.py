"""The printable cheatsheet: a PDF made without a browser (fpdf2).

A cover, then one part per phase: its overview and, per section, the best
practices and the top resources chosen by :meth:`Catalog.highlights` (featured
entries, then those the practices cite), each with its link printed in full.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from ..catalog import Catalog
from ..model import Resource
from . import ExportOptions

PER_SECTION = 5
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts/dejavu"))
ACCENT = (31, 78, 121)
MUTED = (79, 88, 98)


def to_pdf(catalog: Catalog, resources: list[Resource], options: ExportOptions | None = None) -> bytes:
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
        pdf.multi_cell(width, size * 0.5, shown, link=link or "", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]

    return write


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
