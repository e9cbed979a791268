"""Reading the catalog's JSON files (health.json) as strictly as its YAML files.

The same guarantees as :mod:`fmcheatsheet.yamlsource`: a size limit, UTF-8 only,
bounded nesting (checked before parsing, so deep input cannot exhaust the
stack), no duplicate keys, no NaN or Infinity, no numbers too long to convert,
and the line of every key, so each problem is reported as ``file:line``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .yamlsource import MAX_DEPTH, MAX_NUMBER_LENGTH, Location, SourceError, YamlDocument, read_text

# Strings (a key when a colon follows) and the punctuation that opens, closes and separates values.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"(?:\s*(:))?|[\[\]{},]')


class JsonDocument(YamlDocument):
    """Plain data read from JSON plus the line on which each key or item starts."""


class _BadNumber(ValueError):
    def __init__(self, text: str, message: str) -> None:
        super().__init__(message)
        self.text = text
        self.message = message


def parse_json(text: str) -> JsonDocument:
    """Parse JSON text into plain data, recording lines; raise SourceError for anything refused."""
    lines = _scan(text)
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON: {exc.msg}", exc.lineno) from None
    except _BadNumber as exc:
        found = text.find(exc.text)
        raise SourceError(exc.message, text.count("\n", 0, found) + 1 if found >= 0 else None) from None
    return JsonDocument(data, lines)


def load_json_file(path: Path, max_bytes: int, size_hint: str = "") -> JsonDocument:
    return parse_json(read_text(path, max_bytes, size_hint))


@dataclass
class _Open:
    """A container being read: where it is, its keys so far (objects) and what is being read now."""

    location: Location
    keys: set[str] | None
    current: str | int | None

    def child(self) -> Location:
        return (*self.location, self.current) if self.current is not None else self.location


def _scan(text: str) -> dict[Location, int]:
    """The line of every key and item, refusing deep nesting and duplicate keys on the way.

    Only strings and punctuation are looked at; numbers and literals need no line of
    their own (a problem with one is reported on its key's line).
    """
    lines: dict[Location, int] = {(): 1}
    stack: list[_Open] = []
    line, position = 1, 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        token = match.group()
        top = stack[-1] if stack else None
        if top is not None and top.keys is None and token not in "],":
            lines.setdefault(top.child(), line)
        if match.group(1) and top is not None and top.keys is not None:
            key = _key(token, line)
            if key in top.keys:
                raise SourceError(f"duplicate key {key!r}", line, "each key appears once in an object")
            top.keys.add(key)
            top.current = key
            lines[top.child()] = line
        elif token in "[{":
            if len(stack) >= MAX_DEPTH:
                raise SourceError(f"values are nested more than {MAX_DEPTH} levels deep", line)
            where = top.child() if top is not None else ()
            stack.append(_Open(where, set() if token == "{" else None, None if token == "{" else 0))
        elif token in "]}" and stack:
            stack.pop()
        elif token == "," and top is not None and top.keys is None:
            top.current = int(top.current or 0) + 1
    return lines


def _key(token: str, line: int) -> str:
    body = token[: token.rindex('"') + 1]
    try:
        key: str = json.loads(body)
    except ValueError:
        raise SourceError("not valid JSON: a key is not a valid string", line) from None
    return key


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _BadNumber(text, f"number is {len(text)} digits long; at most {MAX_NUMBER_LENGTH} are allowed")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_NUMBER_LENGTH or not math.isfinite(value):
        raise _BadNumber(text, f"number '{text[:20]}' is too long or too large")
    return value


def _constant(text: str) -> Any:
    raise _BadNumber(text, f"'{text}' is not a JSON number")
