"""Problems found in a catalog, and how they are reported."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# A problem is one line of output: a value quoted in a message shows its line breaks and controls as escapes.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    # Problems of one topic (e.g. "evidence") can be summarised together when there are many.
    topic: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        label = f"{self.field}: " if self.field else ""
        level = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {label}{level}{self.message}"
        return one_line(f"{text} (hint: {self.hint})" if self.hint else text)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


@dataclass
class Report:
    """Every problem found while loading a catalog, in file order."""

    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def errors(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.problems if strict or p.severity == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors(strict)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.path, p.line or 0, p.field))

    def summary(self, strict: bool = False) -> str:
        counts = Counter(p.severity for p in self.problems)
        errors, warnings = counts["error"], counts["warning"]
        if strict:
            errors, warnings = errors + warnings, 0
        parts = [_plural(errors, "error")]
        if not strict:
            parts.append(_plural(warnings, "warning"))
        verdict = "ok" if errors == 0 else "failed"
        mode = " (strict)" if strict else ""
        return f"{verdict}{mode}: {', '.join(parts)} in {_plural(self.files_read, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
