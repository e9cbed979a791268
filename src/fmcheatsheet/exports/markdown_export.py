from __future__ import annotations

from ..catalog import Catalog
from ..model import Resource


def _escape(text: str) -> str:
    """Text that Markdown shows literally (no accidental links, emphasis or HTML)."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


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
        lines += ["", f"## {_escape(phase.title)}", "", _escape(phase.overview)]
        for sid in phase.sections:
            section = catalog.sections[sid]
            lines += ["", f"### {_escape(section.title)}", "", _escape(section.introduction or section.scope)]
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
                    lines.append(f"- [{_escape(r.name)}]({r.url}) — {_escape(r.description)} *({_escape(meta)})*")
    return "\n".join(lines) + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor."""
    kept = "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -")
    return kept.replace(" ", "-")
