"""Reading catalog YAML with line numbers, and refusing what a catalog file never needs.

Catalog files are small, hand-edited documents. Reading them strictly keeps every
error reportable as ``file:line`` and keeps hostile input cheap: anchors and
aliases (the vector of "billion laughs" bombs), duplicate keys, non-string keys,
several documents in one file, byte-order marks, binary content and oversized
files are all rejected with a message instead of being interpreted.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import CheatsheetError

Location = tuple[str | int, ...]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20  # catalog files nest three levels at most
# Years and counts are short; a longer number is a mistake, and converting one (a 5000-digit
# integer, a base-60 "1:59:59:..." of 200 KB) costs time that grows with the square of its length.
MAX_NUMBER_LENGTH = 40
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null"))

# The loader every reader of catalog files uses: libyaml where PyYAML has it (several times
# faster), the pure-Python one otherwise; both give the same marks.
try:
    FastSafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    FastSafeLoader = yaml.SafeLoader


class SourceError(CheatsheetError):
    """A file that cannot be read as a catalog document."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


@dataclass
class YamlDocument:
    """Plain data read from YAML plus the line on which each value starts."""

    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    # How each plain scalar read as a boolean, null or number was written (``no``, ``~``,
    # ``1_000``), so that rewriting a file can keep the author's spelling.
    spellings: dict[Location, str] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of the value at ``location``, or of its nearest enclosing value."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES, size_hint: str = "") -> str:
    """The file's text, or a SourceError that says why it is not a text file we accept."""
    try:
        info = path.stat()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("not a regular file (a pipe, device or socket?)", hint="catalog files are plain files")
    size = info.st_size
    if size > max_bytes:
        raise SourceError(
            f"file is {size:,} bytes; catalog files are limited to {max_bytes:,} bytes",
            hint=size_hint or "a resource or section file is a few kilobytes; check that the right file was saved",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceError("file starts with a byte-order mark", 1, "save the file as UTF-8 without BOM")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SourceError("file contains binary data (a NUL byte)", line, "catalog files are UTF-8 text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, "save the file as UTF-8"
        ) from None


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain data, recording the line of every value."""
    loader = FastSafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _from_marked(exc, text) from None
        except yaml.YAMLError as exc:
            raise SourceError(f"YAML syntax error: {exc}") from None
        if root is None:
            raise SourceError("file is empty", 1, "a catalog file holds one YAML mapping")
        doc = YamlDocument(data=None)
        doc.data = _convert(loader, root, (), doc, set())
        return doc
    finally:
        loader.dispose()


def load_yaml_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    return parse_yaml(read_text(path, max_bytes))


def _from_marked(exc: yaml.MarkedYAMLError, text: str) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = exc.problem or exc.context or "invalid YAML"
    hint = ""
    context = exc.context or ""
    if exc.context_mark is not None and context.startswith("while parsing a flow"):
        # An unclosed [ or { is noticed lines later; the opening bracket is what to fix.
        opened = exc.context_mark.line + 1
        hint = f"the {'list' if 'sequence' in context else 'mapping'} opened here is not closed"
        return SourceError(f"YAML syntax error: {problem}", opened, hint)
    source_lines = text.splitlines()
    if line is not None and 0 < line <= len(source_lines) and "\t" in source_lines[line - 1]:
        hint = "YAML does not allow tabs for indentation; use spaces"
    elif "another document" in problem or "single document" in problem:
        hint = "a catalog file holds one document: remove the '---' separator and what follows"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ' or fix the indentation"
    return SourceError(f"YAML syntax error: {problem}", line, hint)


def _convert(
    loader: yaml.SafeLoader,
    node: Node,
    loc: Location,
    doc: YamlDocument,
    seen: set[int],
    used_at: int | None = None,
) -> Any:
    # An alias makes the composer hand back a node it has already built; refusing
    # any node seen twice defuses alias bombs before anything is expanded. The
    # node's own mark is the anchor's, so report where it is used instead.
    if id(node) in seen:
        raise SourceError(
            "anchors and aliases (&name, *name) are not allowed",
            used_at or node.start_mark.line + 1,
            "write the value out in full",
        )
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise SourceError(f"values are nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1)
    # A value is reported on the line of its key: a nested mapping starts a line later.
    lines = doc.lines
    lines[loc] = used_at or node.start_mark.line + 1
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise SourceError(f"YAML tag {node.tag} is not allowed", node.start_mark.line + 1)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError("merge keys (<<) are not allowed", key_node.start_mark.line + 1)
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise SourceError(
                    f"keys must be plain text, found {key_node.value!r}",
                    key_node.start_mark.line + 1,
                    "quote the key or fix the indentation",
                )
            key = key_node.value
            if key in out:
                key_loc: Location = (*loc, key)
                first = lines[key_loc]
                raise SourceError(
                    f"duplicate key '{key}'", key_node.start_mark.line + 1, f"'{key}' is already set on line {first}"
                )
            out[key] = _convert(loader, value_node, (*loc, key), doc, seen, key_node.start_mark.line + 1)
        return out
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise SourceError(f"YAML tag {node.tag} is not allowed", node.start_mark.line + 1)
        return [_convert(loader, item, (*loc, i), doc, seen) for i, item in enumerate(node.value)]
    if isinstance(node, ScalarNode):
        # Dates stay text so the schema can check their form (YYYY-MM vs YYYY-MM-DD).
        if node.tag == _TIMESTAMP_TAG:
            return node.value
        if node.tag == _STR_TAG:
            return node.value
        if node.tag not in _PLAIN_SCALAR_TAGS:
            raise SourceError(f"YAML tag {node.tag} is not allowed", node.start_mark.line + 1, "remove the '!!' tag")
        line = used_at or node.start_mark.line + 1
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_LENGTH:
            raise SourceError(
                f"number is {len(node.value):,} characters long; at most {MAX_NUMBER_LENGTH} are allowed",
                line,
                "quote the value if it is text",
            )
        if node.value:
            doc.spellings[loc] = node.value
        try:
            return loader.construct_object(node)
        except (ValueError, OverflowError) as exc:
            message = f"cannot read the number '{node.value}': {exc}"
            raise SourceError(message, line, "quote the value if it is text") from None
    raise SourceError("unsupported YAML node", node.start_mark.line + 1)  # pragma: no cover
