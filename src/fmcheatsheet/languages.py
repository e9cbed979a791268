"""ISO 639 language codes: validation and display names."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .suggest import did_you_mean


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    raw = json.loads(resources.files("fmcheatsheet").joinpath("data/iso639.json").read_text("utf-8"))
    return raw["iso639_3"], raw["iso639_1_to_3"]


def language_codes() -> set[str]:
    """Every code check_language_code accepts: ISO 639-1 and ISO 639-3."""
    names, two_to_three = _tables()
    return {code for code in names if len(code) == 3} | set(two_to_three)


def check_language_code(code: str) -> str:
    """Return ``code`` if it is an ISO 639-1 or 639-3 code, else raise ValueError with a hint."""
    names, two_to_three = _tables()
    if code in two_to_three or (len(code) == 3 and code in names):
        return code
    if code.lower() != code:
        raise ValueError(f"language code '{code}' must be lowercase ('{code.lower()}')")
    by_name = {name.lower(): c for c, name in names.items()}
    guess = by_name.get(code.lower()) or did_you_mean(code, list(two_to_three))
    hint = f" (did you mean '{guess}'?)" if guess else ""
    raise ValueError(f"unknown ISO 639 language code '{code}'{hint}")


def language_name(code: str) -> str:
    """The reference name of a language code ('sw' -> 'Swahili')."""
    names, two_to_three = _tables()
    name = names.get(two_to_three.get(code, code), code)
    return name.removesuffix(" (macrolanguage)")
