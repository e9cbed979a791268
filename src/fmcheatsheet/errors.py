"""Exceptions the library raises for bad input.

Every one of them derives from ``CheatsheetError``, so a program using the library, the command line
and the MCP server each catch one type: its message is written for a person, its ``hint`` (when
there is one) says what to do, and anything else escaping is a bug.
"""

from __future__ import annotations

from .diagnostics import Report


class CheatsheetError(Exception):
    """Input or a request the library cannot act on; the message says what and why."""

    hint: str = ""


class CatalogError(CheatsheetError):
    """The user asked for something the catalog cannot give; the message says what and why."""


class InvalidCatalog(CatalogError):
    """The catalog has errors; ``report`` lists them all."""

    def __init__(self, report: Report, strict: bool = False) -> None:
        self.report = report
        self.strict = strict
        super().__init__(report.summary(strict))


class UnknownValue(CatalogError):
    """An id or vocabulary value that does not exist, with the closest existing ones."""

    def __init__(self, what: str, value: str, suggestions: list[str]) -> None:
        self.what = what
        self.value = value
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} '{value}'{hint}")
