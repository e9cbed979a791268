"""Accessible SVG charts generated at build time (no script, no inline style).

Every chart has a title and description for assistive technology; the page puts a
data table next to it with the same numbers.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from markupsafe import Markup

FONT = 'font-family="system-ui, sans-serif"'
INK = "#1b1f24"
BAR = "#1f4e79"


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return Markup(head + "".join(body) + "</svg>")


def heatmap(chart_id: str, title: str, rows: list[tuple[str, list[int]]], columns: list[str]) -> Markup:
    """A grid of counts, darker for more resources; rows are labels with one count per column."""
    label_width, cell_w, cell_h, top = 300, 64, 24, 28
    width, height = label_width + cell_w * len(columns) + 8, top + cell_h * len(rows) + 8
    peak = max((v for _, values in rows for v in values), default=1) or 1
    body = [
        f'<text x="{label_width + i * cell_w + cell_w / 2}" y="{top - 10}" text-anchor="middle" font-size="13" '
        f'{FONT} fill="{INK}">{escape(c)}</text>'
        for i, c in enumerate(columns)
    ]
    for r, (label, values) in enumerate(rows):
        y = top + r * cell_h
        body.append(
            f'<text x="{label_width - 8}" y="{y + cell_h / 2 + 4}" text-anchor="end" font-size="12" {FONT} '
            f'fill="{INK}">{escape(label)}</text>'
        )
        for c, value in enumerate(values):
            shade = value / peak
            fill = _blend(shade)
            text = "#ffffff" if shade > 0.8 else INK  # keeps 4.5:1 contrast either way
            x = label_width + c * cell_w
            body.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}" rx="3"/>'
            )
            body.append(
                f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4}" text-anchor="middle" font-size="12" {FONT} '
                f'fill="{text}">{value}</text>'
            )
    description = (
        f"Heat map of resource counts: {len(rows)} rows by {len(columns)} columns; the table below lists them."
    )
    return _svg(chart_id, title, description, width, height, body)


def bars(chart_id: str, title: str, items: list[tuple[str, int]], label_width: int = 150) -> Markup:
    """Horizontal bars with their value at the end."""
    bar_h, gap, top, plot = 20, 6, 8, 360
    width, height = label_width + plot + 60, top + len(items) * (bar_h + gap) + 8
    peak = max((v for _, v in items), default=1) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_h + gap)
        length = plot * value / peak
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar_h / 2 + 4}" text-anchor="end" font-size="12" {FONT} '
            f'fill="{INK}">{escape(label)}</text>'
        )
        body.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{BAR}" rx="2"/>')
        body.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_h / 2 + 4}" font-size="12" {FONT} '
            f'fill="{INK}">{value}</text>'
        )
    description = f"Bar chart of {len(items)} values; the table below lists them."
    return _svg(chart_id, title, description, width, height, body)


def stacked(chart_id: str, title: str, rows: list[tuple[str, list[int]]], parts: list[str]) -> Markup:
    """One bar per row split into parts (shares of the row's total), with a legend."""
    palette = ["#9a3412", "#6d28d9", "#1f4e79", "#4b5563", "#d5dae0"]
    label_width, plot, bar_h, gap, top = 300, 320, 18, 6, 36
    width, height = label_width + plot + 20, top + len(rows) * (bar_h + gap) + 8
    body = []
    x = 8
    for i, part in enumerate(parts):
        body.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{palette[i]}"/>')
        body.append(f'<text x="{x + 16}" y="18" font-size="12" {FONT} fill="{INK}">{escape(part)}</text>')
        x += 22 + 7 * len(part)
    for r, (label, values) in enumerate(rows):
        y = top + r * (bar_h + gap)
        total = sum(values) or 1
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar_h / 2 + 4}" text-anchor="end" font-size="12" {FONT} '
            f'fill="{INK}">{escape(label)}</text>'
        )
        start = float(label_width)
        for i, value in enumerate(values):
            length = plot * value / total
            if length > 0:
                body.append(
                    f'<rect x="{start:.1f}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{palette[i]}"/>'
                )
            start += length
    description = f"Stacked bars of {len(parts)} parts for {len(rows)} rows; the table below lists the counts."
    return _svg(chart_id, title, description, width, height, body)


def _blend(shade: float) -> str:
    """From near-white to the accent blue."""
    low, high = (240, 244, 248), (31, 78, 121)
    mixed = [round(a + (b - a) * shade) for a, b in zip(low, high, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)
