"""Licence values: SPDX expressions, the catalog's own LicenseRef ids, and licence classes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import CheatsheetError
from .spaces import SPACE_CLASS, strip_spaces
from .suggest import did_you_mean
from .vocab import LICENCE_SPECIAL

# One token of an SPDX expression after any spaces; the suggestion form tokenises with the same pattern.
TOKEN_PATTERN = SPACE_CLASS + r"*(\(|\)|[A-Za-z0-9.+:-]+)"
_TOKEN = re.compile(TOKEN_PATTERN)

# From least to most restrictive; an AND of licences takes the most restrictive class,
# an OR (the user's choice) the least.
_RESTRICTIVENESS = (
    "permissive",
    "copyleft",
    "no-derivatives",
    "responsible-use",
    "non-commercial",
    "proprietary",
)

_PERMISSIVE = re.compile(
    r"^(MIT(-0)?|Apache-\d\.\d|BSD-[234]-Clause.*|0BSD|ISC|Unlicense|CC0-1\.0|CC-BY-\d\.\d.*|ODC-By-1\.0|"
    r"PDDL-1\.0|Zlib|BSL-1\.0|Python-2\.0|PSF-2\.0|X11|W3C(-\d{8})?|UPL-1\.0|NCSA|PostgreSQL|CDLA-Permissive-\d\.\d|"
    r"BlueOak-1\.0\.0|OpenMDW-1\.0|Artistic-2\.0|MIT-.*|OFL-1\.1|OPUBL-1\.0|etalab-2\.0|OGL-UK-3\.0|"
    r"NLOD-2\.0|DL-DE-BY-2\.0|Community-Spec-1\.0|AML)$"
)
_COPYLEFT = re.compile(
    r"^(A?GPL-.*|LGPL-.*|MPL-.*|EPL-.*|EUPL-.*|CC-BY-SA-.*|ODbL-1\.0|CDLA-Sharing-1\.0|OSL-.*|CECILL-.*|"
    r"CPL-1\.0|GFDL-.*)$"
)
_NON_COMMERCIAL = re.compile(r"^CC-BY-NC-.*$")
_NO_DERIVATIVES = re.compile(r"^CC-BY-ND-.*$")


@dataclass(frozen=True)
class CustomLicence:
    """A licence declared in ``catalog/licences.yaml``: a LicenseRef, or an SPDX id with its conditions."""

    id: str
    name: str
    licence_class: str | None
    url: str | None = None
    conditions: tuple[str, ...] | None = None
    note: str | None = None
    compatible_with: tuple[str, ...] = ()
    incompatible_with: tuple[str, ...] = ()

    @property
    def is_custom_id(self) -> bool:
        return self.id.startswith("LicenseRef-")


@dataclass(frozen=True)
class SpdxList:
    licenses: frozenset[str]
    deprecated: frozenset[str]
    exceptions: frozenset[str]

    def canonical(self) -> dict[str, str]:
        return {name.lower(): name for name in self.licenses | self.deprecated | self.exceptions}


@cache
def spdx_list() -> SpdxList:
    raw = json.loads(resources.files("fmcheatsheet").joinpath("data/spdx.json").read_text("utf-8"))
    return SpdxList(frozenset(raw["licenses"]), frozenset(raw["deprecated"]), frozenset(raw["exceptions"]))


@cache
def _canonical_spdx() -> dict[str, str]:
    return spdx_list().canonical()


class LicenceError(CheatsheetError, ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def check_licence(value: str, custom: Mapping[str, CustomLicence]) -> str:
    """Return ``value`` if it is a licence the catalog accepts; raise LicenceError otherwise."""
    if value in LICENCE_SPECIAL:
        return value
    spdx = spdx_list()
    try:
        ids = licence_ids(value)
    except LicenceError as exc:
        # A near-miss of a single id ("Apache 2.0") deserves a did-you-mean; a
        # malformed combination keeps the parser's own hint.
        suggestion = did_you_mean(value, [*spdx.licenses, *custom]) if len(value.split()) <= 2 else None
        if suggestion:
            raise LicenceError(str(exc), f"did you mean '{suggestion}'?") from None
        raise
    for name in ids:
        if name in custom or name in spdx.licenses or name in spdx.exceptions:
            continue
        if name in spdx.deprecated:
            raise LicenceError(
                f"'{name}' is a deprecated SPDX identifier",
                "use its current form (e.g. GPL-3.0-only instead of GPL-3.0)",
            )
        exact = _canonical_spdx().get(name.rstrip("+").lower())
        if exact:
            raise LicenceError(f"unknown licence '{name}'", f"SPDX ids are case-sensitive: write '{exact}'")
        choices = [*LICENCE_SPECIAL, *custom, *spdx.licenses]
        suggestion = did_you_mean(name, choices)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        raise LicenceError(
            f"unknown licence '{name}'",
            hint + "use an SPDX id (https://spdx.org/licenses/), a LicenseRef from catalog/licences.yaml, "
            "or one of: " + ", ".join(LICENCE_SPECIAL),
        )
    return value


# A licence term: an id and the exception it is used WITH, if any.
Term = tuple[str, str | None]


def licence_ids(expression: str) -> list[str]:
    """The licence and exception ids in an SPDX expression, in order; raise LicenceError if it is malformed."""
    ids: list[str] = []
    for alternative in parse_expression(expression):
        for name, exception in alternative:
            for found in (name, exception):
                if found is not None and found not in ids:
                    ids.append(found)
    return ids


# The tokens of an expression that are not licence ids: its operators and brackets.
EXPRESSION_WORDS = frozenset({"AND", "OR", "WITH", "(", ")"})


def expression_tokens(expression: str) -> list[str]:
    """The ids, operators and parentheses of a well-formed SPDX expression, in order (for display)."""
    parse_expression(expression)
    return _tokenize(expression)


def licence_alternatives(expression: str) -> list[tuple[str, ...]]:
    """The licence ids a user must comply with, one group per way of choosing among the ORs.

    ``A AND (B OR C)`` gives ``[(A, B), (A, C)]``; exceptions are left out.
    """
    return [tuple(dict.fromkeys(name for name, _ in alternative)) for alternative in parse_expression(expression)]


def parse_expression(expression: str) -> list[tuple[Term, ...]]:
    """An SPDX expression in disjunctive normal form: the OR of AND-groups of terms.

    The one parser of licence expressions: validation, classes, the licence check and
    every other reader of ``licence`` go through it. Raises LicenceError if malformed.
    """
    tokens = _tokenize(expression)
    groups, position = _parse_or(tokens, 0)
    if position != len(tokens):
        token = tokens[position]
        if token.lower() in ("and", "or", "with"):
            raise LicenceError(
                f"unexpected '{token}' in licence expression", "operators are AND, OR and WITH, in capitals"
            )
        raise LicenceError(f"malformed licence expression '{expression}'", f"unexpected '{token}'")
    return groups


def _tokenize(expression: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    text = strip_spaces(expression)
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise LicenceError(
                f"malformed licence expression '{expression}'",
                "an SPDX expression combines ids with AND, OR, WITH and parentheses",
            )
        tokens.append(match.group(1))
        position = match.end()
    if not tokens:
        raise LicenceError("licence is empty", "leave the field out when the licence is not known")
    return tokens


def _parse_or(tokens: list[str], position: int) -> tuple[list[tuple[Term, ...]], int]:
    groups, position = _parse_and(tokens, position)
    while position < len(tokens) and tokens[position] == "OR":
        more, position = _parse_and(tokens, position + 1)
        groups = groups + more
    return groups, position


def _parse_and(tokens: list[str], position: int) -> tuple[list[tuple[Term, ...]], int]:
    groups, position = _parse_atom(tokens, position)
    while position < len(tokens) and tokens[position] == "AND":
        right, position = _parse_atom(tokens, position + 1)
        groups = [left + other for left in groups for other in right]
    return groups, position


def _parse_atom(tokens: list[str], position: int) -> tuple[list[tuple[Term, ...]], int]:
    if position >= len(tokens):
        raise LicenceError("licence expression ends too early", "an operator must be followed by a licence")
    token = tokens[position]
    if token == "(":
        groups, position = _parse_or(tokens, position + 1)
        if position >= len(tokens) or tokens[position] != ")":
            raise LicenceError("unbalanced parenthesis in licence expression")
        return groups, position + 1
    if token in ("AND", "OR", "WITH", ")") or token.lower() in ("and", "or", "with"):
        raise LicenceError(f"unexpected '{token}' in licence expression", "operators are AND, OR and WITH, in capitals")
    name = token.rstrip("+") if token.endswith("+") else token
    exception: str | None = None
    position += 1
    if position < len(tokens) and tokens[position] == "WITH":
        if position + 1 >= len(tokens):
            raise LicenceError("WITH must be followed by an exception id")
        exception = tokens[position + 1]
        position += 2
    return [((name, exception),)], position


def class_beside(name: str, licence_class: str) -> str | None:
    """The class to show beside a licence's name, or None where the name already is the class.

    "various", "proprietary" and "unknown" are both a licence value and its class: "various (various)"
    would say one thing twice.
    """
    return None if name.casefold() == licence_class.casefold() else licence_class


def labelled(name: str, licence_class: str) -> str:
    """A licence as the catalog writes it for readers: "MIT (permissive)", but "various"."""
    beside = class_beside(name, licence_class)
    return name if beside is None else f"{name} ({beside})"


def licence_class(value: str | None, custom: Mapping[str, CustomLicence]) -> str:
    """The class (permissive, copyleft, ...) of a licence value, for filtering.

    The user may pick any alternative of an OR, and must honour every part of an AND: the
    class is that of the least restrictive alternative, each as restrictive as its strictest part.
    """
    if value is None or value == "unknown":
        return "unknown"
    if value in ("proprietary", "various"):
        return value
    try:
        alternatives = licence_alternatives(value)
    except LicenceError:
        return "unknown"
    return _least_restrictive(
        _most_restrictive(_single_class(name, custom) for name in group) for group in alternatives
    )


def _single_class(name: str, custom: Mapping[str, CustomLicence]) -> str:
    declared = custom.get(name)
    if declared is not None and declared.licence_class is not None:
        return declared.licence_class
    for pattern, result in (
        (_NON_COMMERCIAL, "non-commercial"),
        (_NO_DERIVATIVES, "no-derivatives"),
        (_COPYLEFT, "copyleft"),
        (_PERMISSIVE, "permissive"),
    ):
        if pattern.match(name):
            return result
    return "other"


def _most_restrictive(classes: Iterable[str]) -> str:
    found = list(classes)
    if not found or any(c not in _RESTRICTIVENESS for c in found):
        return "other"
    return max(found, key=_RESTRICTIVENESS.index)


def _least_restrictive(classes: Iterable[str]) -> str:
    ranked = [c for c in classes if c in _RESTRICTIVENESS]
    if not ranked:
        return "other"
    return min(ranked, key=_RESTRICTIVENESS.index)


def spdx_class(name: str) -> str:
    """The class the catalog gives an SPDX licence id on its own."""
    return _single_class(name, {})


# What each class implies about a licence's conditions, so licences.yaml cannot contradict itself.
CLASS_REQUIRES: dict[str, frozenset[str]] = {
    "non-commercial": frozenset({"non-commercial", "research-only"}),
    "copyleft": frozenset({"share-alike"}),
    "no-derivatives": frozenset({"no-derivatives"}),
    "responsible-use": frozenset({"use-restrictions"}),
}


def class_conflict(licence_class: str, conditions: Iterable[str]) -> str | None:
    """Why a class and a list of conditions disagree, or None."""
    have = set(conditions)
    wanted = CLASS_REQUIRES.get(licence_class)
    if wanted is not None and not have & wanted:
        return f"class {licence_class} needs one of the conditions: {', '.join(sorted(wanted))}"
    if licence_class in ("permissive", "copyleft", "responsible-use") and have & CLASS_REQUIRES["non-commercial"]:
        return f"class {licence_class} allows commercial use but the conditions forbid it; use non-commercial"
    if licence_class == "permissive" and have & {"share-alike", "no-derivatives", "use-restrictions"}:
        return "class permissive cannot have share-alike, no-derivatives or use-restrictions conditions"
    return None
