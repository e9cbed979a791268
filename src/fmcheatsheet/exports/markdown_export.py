from __future__ import annotations

import re

from ..catalog import Catalog
from ..model import Resource

# Line breaks would end a list item or start a block (a heading, a list): inline text has none.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# What makes a line a block (heading, quote, list, rule, setext underline) when it starts it.
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")


def _escape(text: str) -> str:
    """Text that Markdown shows literally, on one line (no links, emphasis, HTML, entities or blocks)."""
    text = _LINE_BREAKS.sub(" ", text)
    for char in "\\`*_[]<>|#&~!":
        text = text.replace(char, "\\" + char)
    return text


def _paragraph(text: str) -> str:
    """Escaped text that starts a line: it cannot start a block either."""
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else "\\" + m.group(3), _escape(text))


def _destination(url: str) -> str:
    """A link destination that ends where the URL ends: parentheses and backslashes escaped."""
    return re.sub(r"([()\\])", r"\\\1", url)


def to_markdown(catalog: Catalog, resources: list[Resource], _options: object = None) -> str:
    """An awesome-list style document grouped by phase and section, with each section's guidance."""
    chosen = {r.id for r in resources}
    lines = [
        "# The Foundation Model Development Cheatsheet",
        "",
        f"{len(chosen)} tools and resources for developing foundation models responsibly, by phase of development, "
        "with best practices for each section.",
        "",
        "## Contents",
        "",
    ]
    for phase in catalog.phases:
        lines.append(f"- [{_escape(phase.title)}](#{_anchor(phase.title)})")
        for sid in phase.sections:
            lines.append(f"  - [{_escape(catalog.sections[sid].title)}](#{_anchor(catalog.sections[sid].title)})")
    for phase in catalog.phases:
        lines += ["", f"## {_escape(phase.title)}", "", _paragraph(phase.overview)]
        for sid in phase.sections:
            section = catalog.sections[sid]
            lines += ["", f"### {_escape(section.title)}", "", _paragraph(section.introduction or section.scope)]
            if section.practices:
                lines += ["", "**Best practices**", ""]
                for practice in section.practices:
                    lines.append(f"- **{_escape(practice.title)}** {_escape(practice.text)}")
            if section.missing:
                lines += ["", f"**What is still missing.** {_escape(section.missing)}"]
            members = [r for r in catalog.in_section(sid) if r.id in chosen]
            if members:
                lines += ["", "**Resources**", ""]
                for r in members:
                    meta = "; ".join([r.type, ", ".join(r.modalities), *([r.licence] if r.licence else [])])
                    link = f"[{_escape(r.name)}]({_destination(r.url)})"
                    lines.append(f"- {link} — {_escape(r.description)} *({_escape(meta)})*")
    return "\n".join(lines) + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor."""
    kept = "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -")
    return kept.replace(" ", "-")
