"""The one canonical text form of catalog files, keeping their comments.

Keys follow the schema's field order; long prose (descriptions, scopes, guidance)
is a folded block wrapped at 100 columns; short lists of words are flow lists;
scalars are quoted only when YAML needs it (:mod:`fmcheatsheet.plainscalars`), with
every character a quoted scalar would not keep (line breaks, controls) escaped.
Comments survive: a comment line stays above the key it precedes, and a comment at
the end of a line stays on that key's line. Formatting is idempotent and changes no
value, except that runs of whitespace inside prose become single spaces; any other
change is detected (values are compared exactly) and the file is left alone. Booleans,
nulls and numbers keep the spelling they were written with, so a slip such as an
unquoted `no` stays visible for `validate` to point at instead of becoming `false`.
"""

from __future__ import annotations

import functools
import re
import textwrap
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .fsutil import is_within, write_atomically
from .model import (
    Change,
    Citation,
    LicenceEntry,
    LicenceList,
    Milestone,
    Obligation,
    Phase,
    PhaseList,
    Practice,
    Regulation,
    Resource,
    Section,
    Step,
    Vocabulary,
)
from .plainscalars import NEEDS_ESCAPE, may_be_plain
from .spaces import collapse_spaces
from .yamlsource import FastSafeLoader, Location, SourceError, parse_yaml, read_text

WIDTH = 100
INDENT = "  "
FOLDED = frozenset({"description", "scope", "introduction", "text", "missing", "overview", "summary"})
PLAIN_FLOW_ITEM = r"^[A-Za-z0-9][A-Za-z0-9 .+#/()_-]*$"
_PLAIN_FLOW_ITEM = re.compile(PLAIN_FLOW_ITEM)
_NEEDS_ESCAPE = re.compile(NEEDS_ESCAPE)
# How a double-quoted scalar writes the characters it cannot hold as they are.
ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}

# The key order of each kind of file, and of the mappings nested inside them.
ORDERS: dict[str, type[BaseModel]] = {
    "resource": Resource,
    "section": Section,
    "phases": PhaseList,
    "licences": LicenceList,
    "vocabulary": Vocabulary,
    "regulation": Regulation,
}
_NESTED: dict[tuple[str, str], type[BaseModel]] = {
    ("resource", "links"): Resource.model_fields["links"].annotation,  # type: ignore[dict-item]
    ("resource", "citation"): Citation,
    ("resource", "changes"): Change,
    ("section", "practices"): Practice,
    ("section", "steps"): Step,
    ("regulation", "entries"): Obligation,
    ("regulation", "milestones"): Milestone,
    ("phases", "phases"): Phase,
    ("licences", "licences"): LicenceEntry,
}


@dataclass
class Comments:
    """Comments of a file, attached to the key they belong to, and how its non-text scalars were written."""

    above: dict[Location, list[str]] = field(default_factory=dict)
    inline: dict[Location, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    # A plain `no` reads as false: writing it back as `false` would hide the slip (Norway's
    # language code) behind a value that only looks deliberate, so scalars keep their spelling.
    spellings: dict[Location, str] = field(default_factory=dict)


def format_text(text: str, kind: str) -> str:
    """The canonical form of a catalog file's text (which must parse)."""
    doc = parse_yaml(text)
    comments = collect_comments(text, doc.lines)
    comments.spellings = doc.spellings
    lines: list[str] = [*comments.header]
    _emit_mapping(doc.data, (), 0, kind, None, comments, lines)
    lines += comments.trailer
    return "\n".join(lines) + "\n"


# -- comments -----------------------------------------------------------------


def collect_comments(text: str, value_lines: dict[Location, int]) -> Comments:
    source = text.splitlines()
    key_at_line: dict[int, Location] = {}
    for loc, line in sorted(value_lines.items(), key=lambda item: len(item[0])):
        if loc and isinstance(loc[-1], str) and line not in key_at_line:
            key_at_line[line] = loc
    token_end, scalar_lines = _token_ends(text)
    comments = Comments()
    pending: list[str] = []
    seen_key = False
    for number, raw in enumerate(source, 1):
        stripped = raw.strip()
        if number in scalar_lines:
            continue
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        if not stripped:
            # Comments separated from the first key by a blank line head the file.
            if pending and not seen_key:
                comments.header += [*pending, ""]
                pending = []
            continue
        key = key_at_line.get(number)
        if key is not None:
            loc = key
            seen_key = True
            if pending:
                comments.above[loc] = pending
                pending = []
            rest = raw[token_end.get(number, 0) :].strip()
            if rest.startswith("#"):
                comments.inline[loc] = rest
    comments.trailer = pending
    return comments


def _token_ends(text: str) -> tuple[dict[int, int], set[int]]:
    """For each line, the column where its last YAML token ends (what follows may be a
    comment), and the lines inside multi-line scalars (where '#' is text, not a comment)."""
    ends: dict[int, int] = {}
    inside: set[int] = set()
    for token in yaml.scan(text, Loader=FastSafeLoader):  # libyaml's marks are the same, five times sooner
        if isinstance(token, (yaml.StreamEndToken, yaml.BlockEndToken)):
            continue
        start, end = token.start_mark.line + 1, token.end_mark.line + 1
        if token.end_mark.column == 0 and end > start:
            end -= 1  # a block scalar ends at the start of the following line
        if isinstance(token, yaml.ScalarToken) and end > start:
            inside.update(range(start + 1, end + 1))
        if token.end_mark.column > 0:
            ends[end] = max(ends.get(end, 0), token.end_mark.column)
    return ends, inside


# -- emitting -----------------------------------------------------------------


def _order(kind: str, parent: str | None, data: dict[str, Any]) -> list[str]:
    model = ORDERS[kind] if parent is None else _NESTED.get((kind, parent))
    if model is None:
        return list(data)
    known = [info.alias or name for name, info in model.model_fields.items()]
    return [k for k in known if k in data] + [k for k in data if k not in known]


def _emit_mapping(
    data: dict[str, Any],
    loc: Location,
    depth: int,
    kind: str,
    parent: str | None,
    comments: Comments,
    out: list[str],
    first_prefix: str | None = None,
) -> None:
    indent = INDENT * depth
    for index, key in enumerate(_order(kind, parent, data)):
        key_loc = (*loc, key)
        prefix = first_prefix if (index == 0 and first_prefix is not None) else indent
        for comment in comments.above.get(key_loc, []):
            out.append(f"{indent}{comment}")
        note = comments.inline.get(key_loc)
        _emit_value(key, data[key], key_loc, depth, prefix, kind, parent, comments, out, note)


def _emit_value(
    key: str,
    value: Any,
    loc: Location,
    depth: int,
    prefix: str,
    kind: str,
    parent: str | None,
    comments: Comments,
    out: list[str],
    note: str | None,
) -> None:
    indent = INDENT * depth
    tail = f"  {note}" if note else ""
    head = f"{prefix}{key}:"
    if isinstance(value, dict):
        out.append(head + tail)
        _emit_mapping(value, loc, depth + 1, kind, key, comments, out)
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        out.append(head + tail)
        for position, item in enumerate(value):
            _emit_mapping(item, (*loc, position), depth + 2, kind, key, comments, out, f"{indent}{INDENT}- ")
    elif isinstance(value, list):
        spelled = comments.spellings
        flow = _flow_list(value, loc, spelled)
        if flow is not None and len(head) + 1 + len(flow) + len(tail) <= WIDTH:
            out.append(f"{head} {flow}{tail}")
        else:
            out.append(head + tail)
            for position, item in enumerate(value):
                item_loc = (*loc, position)
                nested = isinstance(item, list)
                text = _flow_list(item, item_loc, spelled) if nested else _scalar(item, item_loc, spelled)
                out.append(f"{indent}{INDENT}- {text}")
    elif isinstance(value, str) and _folds(key, value) and _wants_folding(key, parent, value, len(head)):
        out.append(f"{head} >-{tail}")
        body = collapse_spaces(value)
        width = WIDTH - len(indent) - len(INDENT)
        for line in textwrap.wrap(body, width, break_long_words=False, break_on_hyphens=False):
            out.append(f"{indent}{INDENT}{line}")
    else:
        out.append(f"{head} {_scalar(value, loc, comments.spellings)}{tail}")


def _wants_folding(key: str, parent: str | None, value: str, head: int) -> bool:
    """Prose is folded, and so is any text too long for its line; an evidence URL stays on its key's line."""
    if parent == "evidence":
        return False
    return key in FOLDED or head + 1 + len(value) > WIDTH


def _folds(key: str, value: str) -> bool:
    """A folded block keeps prose up to its spacing, and other text only if its spacing is already single."""
    body = collapse_spaces(value)
    if _NEEDS_ESCAPE.search(body):
        return False  # a block scalar cannot carry controls; quoting escapes them
    return key in FOLDED or value == body


def _scalar(value: Any, loc: Location, spellings: dict[Location, str]) -> str:
    if not isinstance(value, str) and loc in spellings:
        return spellings[loc]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return text if _plain_ok(text) else _quoted(text)


@functools.lru_cache(maxsize=4096)  # a catalog repeats its words (types, modalities, dates) thousands of times
def _plain_ok(text: str) -> bool:
    """The shared rule, confirmed by reading the value back the way the loader does."""
    if not may_be_plain(text):
        return False
    try:
        return bool(parse_yaml(f"k: {text}").data == {"k": text})
    except SourceError:
        return False


def _quoted(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def _flow_list(values: list[Any], loc: Location, spellings: dict[Location, str]) -> str | None:
    if any(isinstance(v, (dict, list)) for v in values):
        return None
    return "[" + ", ".join(_flow_list_item(v, (*loc, i), spellings) for i, v in enumerate(values)) + "]"


def _flow_list_item(value: Any, loc: Location, spellings: dict[Location, str]) -> str:
    if isinstance(value, str):
        return value if _PLAIN_FLOW_ITEM.match(value) and _plain_ok(value) else _quoted(value)
    return _scalar(value, loc, spellings)


@dataclass
class FormatResult:
    """What `fmt` found: files that are (or were) not canonical, and files it could not read."""

    changed: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, int | None, str]] = field(default_factory=list)
    checked: int = 0


def resource_layout() -> dict[str, object]:
    """How a resource file is laid out, as data for the suggestion form (with plainscalars.rules())."""
    links = _NESTED[("resource", "links")]
    languages = Resource.model_fields["languages"].annotation
    nested = {"links": links, "languages": next(a for a in typing.get_args(languages) if a is not type(None))}
    return {
        "width": WIDTH,
        "indent": INDENT,
        "folded": sorted(FOLDED & set(Resource.model_fields)),
        "order": [info.alias or name for name, info in Resource.model_fields.items()],
        "nested_order": {key: list(model.model_fields) for key, model in nested.items()},
        "flow_item": PLAIN_FLOW_ITEM,
        "escapes": ESCAPES,
    }


def catalog_files(root: Path) -> list[tuple[Path, str]]:
    found = [
        (root / name, kind)
        for name, kind in (
            ("phases.yaml", "phases"),
            ("licences.yaml", "licences"),
            ("vocabulary.yaml", "vocabulary"),
            ("regulation.yaml", "regulation"),
        )
        if (root / name).is_file()
    ]
    for folder, kind in (("sections", "section"), ("resources", "resource")):
        found += [(path, kind) for path in sorted((root / folder).glob("*.yaml")) if not path.name.startswith(".")]
    return found


def format_catalog(root: Path, check: bool = False) -> FormatResult:
    """Rewrite every catalog file in canonical form (or, with ``check``, only list those that differ).

    A file is rewritten only when the canonical text holds exactly the same values,
    so a formatter bug can never change the catalog.
    """
    result = FormatResult()
    real_root = root.resolve()
    for path, kind in catalog_files(root):
        result.checked += 1
        if not is_within(path.resolve(), real_root):
            result.unreadable.append((path, None, "symbolic link points outside the catalog; left as it is"))
            continue
        try:
            original = read_text(path)
            formatted = format_text(original, kind)
        except SourceError as exc:
            result.unreadable.append((path, exc.line, exc.message))
            continue
        if formatted == original:
            continue
        if _normalised(parse_yaml(formatted).data) != _normalised(parse_yaml(original).data):
            result.unreadable.append((path, None, "formatting would change a value; file left as it is"))
            continue
        result.changed.append(path)
        if not check:
            write_atomically(path, formatted)
    return result


def _normalised(data: Any, key: str | None = None) -> Any:
    """Values as formatting must preserve them: exactly, except the spacing of prose."""
    if isinstance(data, dict):
        return {k: _normalised(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalised(v, key) for v in data]
    if isinstance(data, str) and key in FOLDED:
        return collapse_spaces(data)
    return data
