"""When a text value may be written without quotes in a catalog file.

A plain (unquoted) scalar is read back as the same text only if it neither looks
like YAML structure nor matches one of YAML 1.1's implicit types (numbers,
booleans, null...). The rule is data: the formatter applies it here, and the
suggestion form receives the same regular expressions from the build, so both
write a value the same way. The implicit-type patterns are PyYAML's own.
"""

from __future__ import annotations

import re
from functools import cache

import yaml.resolver

from .spaces import SPACE_CLASS

# Characters that start YAML structure (indicators) when they open a plain scalar.
STARTS_STRUCTURE = r"^[-?:,\[\]{}#&*!|>'\"%@`]"
# A colon before a space starts a value, a hash after a space a comment, a final colon a key.
HOLDS_STRUCTURE = r": | #|:$"
# Characters a plain scalar cannot carry as they are: controls, line breaks, non-characters.
NEEDS_ESCAPE = "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff]"
# Spaces at either end are trimmed by YAML (or kept, depending on the kind of space): quote them.
SPACE_AT_AN_END = f"^{SPACE_CLASS}|{SPACE_CLASS}$"
# Tags whose plain scalars the catalog loader keeps as the text written (dates stay text).
_TEXT_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})


@cache
def implicit_patterns() -> tuple[str, ...]:
    """YAML 1.1's patterns for values that are not text, as plain (non-verbose) regular expressions."""
    found: dict[str, str] = {}
    for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values():
        for tag, pattern in resolvers:
            if tag not in _TEXT_TAGS:
                found.setdefault(tag, _without_verbose_spacing(pattern.pattern))
    return tuple(found[tag] for tag in sorted(found))


def _without_verbose_spacing(pattern: str) -> str:
    """A re.VERBOSE pattern as an ordinary one: whitespace dropped except inside [...] and after a backslash."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif not char.isspace():
            out.append(char)
    return "".join(out)


@cache
def _compiled() -> tuple[re.Pattern[str], ...]:
    fixed = [STARTS_STRUCTURE, HOLDS_STRUCTURE, NEEDS_ESCAPE, SPACE_AT_AN_END]
    return tuple(re.compile(p) for p in (*fixed, *implicit_patterns()))


def may_be_plain(text: str) -> bool:
    """True if ``text`` can be written unquoted and read back unchanged."""
    return bool(text) and not any(pattern.search(text) for pattern in _compiled())


def rules() -> dict[str, object]:
    """The rule as data, for the suggestion form."""
    return {
        "starts_structure": STARTS_STRUCTURE,
        "holds_structure": HOLDS_STRUCTURE,
        "needs_escape": NEEDS_ESCAPE,
        "space_at_an_end": SPACE_AT_AN_END,
        "implicit": list(implicit_patterns()),
    }
