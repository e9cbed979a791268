"""Exceptions the library raises for bad input; the CLI turns them into messages and exit 1."""

from __future__ import annotations

from .diagnostics import Report


class CatalogError(Exception):
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
