"""What counts as a space in catalog text, and the normal forms built on it.

One definition for the validator, the formatter and the suggestion form: the
form receives SPACE_CLASS (a regular expression character class that Python and
JavaScript read the same way) from the build, so a description the form accepts
has the length the validator measures.
"""

from __future__ import annotations

import re

# Every character Python's str.isspace() accepts, plus the zero-width space, which pads
# text invisibly and so must not count towards a minimum length.
SPACE_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    "\u2028\u2029\u202f\u205f\u3000"
)
SPACE_CLASS = "[" + "".join(f"\\u{ord(ch):04x}" for ch in SPACE_CHARACTERS) + "]"
_RUN = re.compile(SPACE_CLASS + "+")
_EDGES = re.compile(f"^{SPACE_CLASS}+|{SPACE_CLASS}+$")


def strip_spaces(text: str) -> str:
    """``text`` without spaces at either end."""
    return _EDGES.sub("", text)


def collapse_spaces(text: str) -> str:
    """Prose in normal form: no spaces at the ends, and every run of spaces one plain space."""
    return _RUN.sub(" ", strip_spaces(text))
