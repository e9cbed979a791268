"""The catalog schema: one definition for the validator, the JSON Schema and the docs.

Every field is typed and documented here once. Closed vocabularies come from
:mod:`fmcheatsheet.vocab`; section ids and custom licences are catalog data and
reach the validators through the pydantic validation context (see
:class:`SchemaContext`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import urls
from .languages import check_language_code
from .licences import CustomLicence, LicenceError, check_licence
from .spaces import collapse_spaces, strip_spaces
from .suggest import did_you_mean
from .vocab import (
    ACCESS_LEVELS,
    LANGUAGE_COVERAGE,
    LICENCE_CLASSES,
    LINK_TYPES,
    MODALITIES,
    PRIMARY_LINK_ORDER,
    RESOURCE_TYPES,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TAG_PATTERN = r"^[a-z0-9][a-z0-9+.#-]*$"
RELEASED_PATTERN = r"^\d{4}(-\d{2})?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PHRASE_PATTERN = r"^[a-z0-9]+( [a-z0-9]+)*$"
EARLIEST_YEAR = 1950
# Size limits: every value a file can hold is bounded, so no input can make the site,
# the search or an export grow without bound. Each is well above what the catalog needs.
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
MAX_LANGUAGE_CODES = 500
MAX_LICENCE_LENGTH = 200
MAX_GUIDANCE_LENGTH = 1500
MAX_PRACTICES = 12
MAX_PRACTICE_RESOURCES = 40
MAX_SYNONYM_GROUPS = 1000
MAX_SYNONYM_GROUP = 20
MAX_PHRASE_LENGTH = 60


@dataclass(frozen=True)
class SchemaContext:
    """Catalog data the resource validators need: what exists, and what day it is."""

    sections: frozenset[str] = frozenset()
    licences: Mapping[str, CustomLicence] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)

    def as_dict(self) -> dict[str, Any]:
        return {"schema": self}


def fail(message: str, hint: str = "", field: str | tuple[str | int, ...] | None = None) -> PydanticCustomError:
    """An error the loader reports as ``message`` with ``hint``; ``field`` names the
    offending field (or a path into it) when a whole-value check raises it."""
    ctx: dict[str, object] = {"message": message, "hint": hint}
    if field is not None:
        # pydantic keeps only plain values in an error's context, so a path travels as "a/0/b".
        ctx["field"] = field if isinstance(field, str) else "/".join(str(part) for part in field)
    return PydanticCustomError("catalog", "{message}", ctx)


def _context(info: ValidationInfo) -> SchemaContext:
    ctx = info.context or {}
    found = ctx.get("schema")
    return found if isinstance(found, SchemaContext) else SchemaContext()


def _vocabulary_value(value: str, vocabulary: Mapping[str, str], what: str) -> str:
    if value in vocabulary:
        return value
    guess = did_you_mean(value, vocabulary)
    prefix = f"did you mean '{guess}'? " if guess else ""
    raise fail(f"unknown {what} '{value}'", prefix + "allowed: " + ", ".join(vocabulary))


def _unique(values: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise fail(f"{what} '{value}' is listed twice", "list each value once")
        seen.add(value)
    return values


# Control characters never belong in catalog text, and bidirectional overrides can make a
# name display as something else; newlines and tabs are fine in prose.
# U+FFFE and U+FFFF are not characters at all, and XML (the feed) cannot hold them.
FORBIDDEN_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
_FORBIDDEN_CHARACTERS = re.compile(FORBIDDEN_CHARACTERS)


def check_text(value: str, what: str) -> str:
    found = _FORBIDDEN_CHARACTERS.search(value)
    if found:
        raise fail(
            f"{what} contains the invisible character U+{ord(found.group()):04X}",
            "remove control and text-direction characters",
        )
    return value


def _no_blank(value: str, what: str, prose: bool = False) -> str:
    """The value as stored: without surrounding spaces, and prose with single spaces.

    Called before the length limits apply, so they measure what is stored.
    """
    check_text(value, what)
    tidy = collapse_spaces(value) if prose else strip_spaces(value)
    if not tidy:
        raise fail(f"{what} is empty", f"write the {what} or remove the field")
    return tidy


def check_released(value: str | int, today: dt.date) -> str:
    """A release date as YYYY or YYYY-MM, not before 1950 and not in the future."""
    text = str(value)
    if not re.fullmatch(RELEASED_PATTERN, text):
        raise fail(f"release date '{text}' is not YYYY or YYYY-MM", "e.g. released: 2024-02")
    year = int(text[:4])
    month = int(text[5:7]) if len(text) > 4 else 1
    if not 1 <= month <= 12:
        raise fail(f"release date '{text}' has month {month:02d}", "months run from 01 to 12")
    if year < EARLIEST_YEAR:
        raise fail(f"release date '{text}' is before {EARLIEST_YEAR}", "check the year; leave it out if unknown")
    if (year, month) > (today.year, today.month):
        raise fail(f"release date '{text}' is in the future", "use the first public release date")
    return text


def check_day(value: str, today: dt.date, what: str) -> str:
    text = str(value)
    if not re.fullmatch(DAY_PATTERN, text):
        raise fail(f"{what} date '{text}' is not YYYY-MM-DD", f"e.g. {what}: {today.isoformat()}")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{what} date '{text}' does not exist", "check the month and day") from None
    if day.year < EARLIEST_YEAR:
        raise fail(f"{what} date '{text}' is before {EARLIEST_YEAR}")
    if day > today:
        raise fail(f"{what} date '{text}' is in the future", f"use a date up to {today.isoformat()}")
    return text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class Links(_Strict):
    """Where to find the resource. At least one link is required."""

    website: str | None = Field(None, description=LINK_TYPES["website"])
    github: str | None = Field(None, description=LINK_TYPES["github"])
    huggingface: str | None = Field(None, description=LINK_TYPES["huggingface"])
    docs: str | None = Field(None, description=LINK_TYPES["docs"])
    paper: str | None = Field(None, description=LINK_TYPES["paper"])

    @field_validator("website", "docs")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return None if value is None else _url(value)

    @field_validator("github")
    @classmethod
    def _github(cls, value: str | None) -> str | None:
        return None if value is None else _url_on(value, ("github.com",), "a github.com repository or organisation")

    @field_validator("huggingface")
    @classmethod
    def _huggingface(cls, value: str | None) -> str | None:
        return None if value is None else _url_on(value, ("huggingface.co", "hf.co"), "a huggingface.co page")

    @field_validator("paper")
    @classmethod
    def _paper(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return urls.paper_url(value)
        except ValueError as exc:
            raise fail(str(exc), "give an arXiv id (2402.00159), a DOI (10.1000/xyz) or an https URL") from None

    @model_validator(mode="after")
    def _at_least_one(self) -> Links:
        if not self.as_dict():
            raise fail("no links", "add at least one of: " + ", ".join(LINK_TYPES))
        return self

    def as_dict(self) -> dict[str, str]:
        """The links that are set, in the canonical order of link types."""
        return {kind: url for kind in LINK_TYPES if (url := getattr(self, kind)) is not None}


def _url(value: str) -> str:
    try:
        return urls.check_url(value)
    except ValueError as exc:
        raise fail(str(exc), "links are absolute http(s) URLs, e.g. https://example.org/") from None


def _url_on(value: str, hosts: tuple[str, ...], what: str) -> str:
    url = _url(value)
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host not in hosts:
        raise fail(f"'{url}' is not {what}", "put other sites under website or docs")
    return url


class Languages(_Strict):
    """Natural-language coverage: a class, and the notable languages as ISO 639 codes."""

    coverage: str = Field(
        description="One of: " + "; ".join(f"{k}: {v}" for k, v in LANGUAGE_COVERAGE.items()),
        json_schema_extra={"enum": list(LANGUAGE_COVERAGE)},
    )
    codes: list[str] = Field(
        default_factory=list,
        max_length=MAX_LANGUAGE_CODES,
        description="ISO 639-1 (or 639-3) codes of the languages covered, lowercase: en, sw, yor.",
    )

    @field_validator("coverage")
    @classmethod
    def _coverage(cls, value: str) -> str:
        return _vocabulary_value(value, LANGUAGE_COVERAGE, "language coverage")

    @field_validator("codes")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            try:
                check_language_code(code)
            except ValueError as exc:
                raise fail(str(exc), "use ISO 639-1 codes (en, sw, hi) or ISO 639-3 codes (yor, kin)") from None
        return _unique(value, "language code")

    @model_validator(mode="after")
    def _consistent(self) -> Languages:
        if self.coverage == "english-only" and self.codes not in ([], ["en"], ["eng"]):
            raise fail("coverage is english-only but codes name other languages", "use multilingual", "codes")
        if self.coverage == "monolingual" and len(self.codes) > 1:
            raise fail("coverage is monolingual but several codes are listed", "use multilingual", "codes")
        return self


class Resource(_Strict):
    """One tool, dataset, benchmark, guide or other resource: one file in catalog/resources/."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] = Field(
        description="Lowercase kebab-case identifier; equals the file name without .yaml."
    )
    name: Annotated[str, Field(min_length=1, max_length=120)] = Field(
        description="The resource's own name, with its own capitalisation."
    )
    description: Annotated[str, Field(min_length=40, max_length=700)] = Field(
        description="1-3 sentences in our own words: what it is, when to use it, its caveats."
    )
    type: str = Field(description="What kind of resource it is.", json_schema_extra={"enum": list(RESOURCE_TYPES)})
    sections: Annotated[list[str], Field(min_length=1)] = Field(
        description="Section ids (catalog/phases.yaml) where the resource belongs, most relevant first."
    )
    modalities: Annotated[list[str], Field(min_length=1)] = Field(
        description="Data modalities the resource serves.",
        json_schema_extra={"items": {"enum": list(MODALITIES)}},
    )
    links: Links = Field(description="Typed links; at least one.")
    primary: str | None = Field(
        None,
        description="Which link is the main one. When omitted, the first of "
        + ", ".join(PRIMARY_LINK_ORDER)
        + " that is present.",
        json_schema_extra={"enum": list(LINK_TYPES)},
    )
    released: str | None = Field(None, description="First public release: YYYY or YYYY-MM.")
    licence: str | None = Field(
        None,
        max_length=MAX_LICENCE_LENGTH,
        description="SPDX identifier or expression (Apache-2.0, CC-BY-4.0 OR MIT), a LicenseRef from "
        "catalog/licences.yaml, or proprietary / various / unknown.",
    )
    languages: Languages | None = Field(None, description="Natural-language coverage, where it matters.")
    access: str | None = Field(
        None, description="How it can be obtained.", json_schema_extra={"enum": list(ACCESS_LEVELS)}
    )
    tags: list[str] = Field(
        default_factory=list,
        max_length=MAX_TAGS,
        description="Lowercase keywords a searcher would type (dedup, pii, lora).",
    )
    featured: bool = Field(False, description="Among the first resources to recommend in its section.")
    added: str | None = Field(None, description="Date the entry joined the catalog: YYYY-MM-DD.")
    reviewed: str | None = Field(None, description="Date a curator last checked the entry: YYYY-MM-DD.")

    @field_validator("name", "description", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value  # the type check reports it
        return _no_blank(value, info.field_name or "text", prose=info.field_name == "description")

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _vocabulary_value(value, RESOURCE_TYPES, "type")

    @field_validator("sections")
    @classmethod
    def _sections(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = _context(info).sections
        if known:
            for section in value:
                if section not in known:
                    guess = did_you_mean(section, sorted(known))
                    hint = f"did you mean '{guess}'? " if guess else ""
                    raise fail(f"unknown section '{section}'", hint + "see `fmcheatsheet sections`")
        return _unique(value, "section")

    @field_validator("modalities")
    @classmethod
    def _modalities(cls, value: list[str]) -> list[str]:
        for modality in value:
            _vocabulary_value(modality, MODALITIES, "modality")
        return _unique(value, "modality")

    @field_validator("primary")
    @classmethod
    def _primary(cls, value: str | None) -> str | None:
        return None if value is None else _vocabulary_value(value, LINK_TYPES, "link type")

    @field_validator("released", mode="before")
    @classmethod
    def _released(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return value
        return check_released(value, _context(info).today)

    @field_validator("added", "reviewed")
    @classmethod
    def _day(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        return check_day(value, _context(info).today, info.field_name or "date")

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        try:
            return check_licence(value, _context(info).licences)
        except LicenceError as exc:
            raise fail(str(exc), exc.hint) from None

    @field_validator("access")
    @classmethod
    def _access(cls, value: str | None) -> str | None:
        return None if value is None else _vocabulary_value(value, ACCESS_LEVELS, "access level")

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        for tag in value:
            if len(tag) > MAX_TAG_LENGTH:
                raise fail(f"tag '{tag[:50]}...' is longer than {MAX_TAG_LENGTH} characters", "use a short keyword")
            if not re.fullmatch(TAG_PATTERN, tag):
                raise fail(f"tag '{tag}' is not lowercase kebab-case", f"e.g. '{_kebab(tag)}'")
        return _unique(value, "tag")

    @model_validator(mode="after")
    def _primary_exists(self) -> Resource:
        if self.primary is not None and self.primary not in self.links.as_dict():
            raise fail(
                f"primary link '{self.primary}' is not among the links",
                "add that link or remove `primary`",
                "primary",
            )
        return self

    @property
    def primary_link(self) -> str:
        """The type of the main link: explicit, else the first present in PRIMARY_LINK_ORDER."""
        if self.primary is not None:
            return self.primary
        present = self.links.as_dict()
        return next(kind for kind in PRIMARY_LINK_ORDER if kind in present)

    @property
    def url(self) -> str:
        return self.links.as_dict()[self.primary_link]

    @property
    def released_year(self) -> int | None:
        return int(self.released[:4]) if self.released else None


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tag"


class Practice(_Strict):
    """One best practice of a section: a headline, advice, and the resources that implement it."""

    @field_validator("title", "text", check_fields=False)
    @classmethod
    def _plain_text(cls, value: str, info: ValidationInfo) -> str:
        return check_text(value, info.field_name or "text")

    title: Annotated[str, Field(min_length=3, max_length=160)]
    text: Annotated[str, Field(min_length=20, max_length=1200)]
    resources: list[str] = Field(
        default_factory=list, max_length=MAX_PRACTICE_RESOURCES, description="Ids of resources that implement it."
    )


class Section(_Strict):
    """A section of a phase, with its guidance: one file in catalog/sections/."""

    @field_validator("title", "scope", "introduction", "missing", check_fields=False)
    @classmethod
    def _plain_text(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else check_text(value, info.field_name or "text")

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Annotated[str, Field(min_length=3, max_length=80)]
    scope: Annotated[str, Field(min_length=20, max_length=800)] = Field(
        description="One paragraph: what belongs in this section."
    )
    introduction: str | None = Field(
        None, max_length=MAX_GUIDANCE_LENGTH, description="What this step is and why it matters."
    )
    practices: list[Practice] = Field(default_factory=list, max_length=MAX_PRACTICES, description="3-7 best practices.")
    missing: str | None = Field(
        None, max_length=MAX_GUIDANCE_LENGTH, description="What tooling is still missing or weak."
    )


class Phase(_Strict):
    """A phase of development and the ordered ids of its sections."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Annotated[str, Field(min_length=3, max_length=80)]
    overview: Annotated[str, Field(min_length=20, max_length=1200)]
    sections: Annotated[list[str], Field(min_length=1)]


class PhaseList(_Strict):
    """The content of catalog/phases.yaml."""

    phases: Annotated[list[Phase], Field(min_length=1)]


class LicenceEntry(_Strict):
    """A licence without an SPDX id, declared in catalog/licences.yaml."""

    id: Annotated[str, Field(pattern=r"^LicenseRef-[A-Za-z0-9.-]+$")]
    name: Annotated[str, Field(min_length=2, max_length=120)]
    url: str | None = None
    licence_class: str = Field(alias="class", json_schema_extra={"enum": list(LICENCE_CLASSES)})

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("licence_class")
    @classmethod
    def _class(cls, value: str) -> str:
        return _vocabulary_value(value, LICENCE_CLASSES, "licence class")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _url(value)


class LicenceList(_Strict):
    licences: list[LicenceEntry] = Field(default_factory=list)


class Vocabulary(_Strict):
    """The content of catalog/vocabulary.yaml: groups of equivalent search terms."""

    synonyms: list[Annotated[list[str], Field(min_length=2, max_length=MAX_SYNONYM_GROUP)]] = Field(
        default_factory=list,
        max_length=MAX_SYNONYM_GROUPS,
        description="Each group lists phrases a search treats as the same.",
    )

    @field_validator("synonyms")
    @classmethod
    def _phrases(cls, groups: list[list[str]]) -> list[list[str]]:
        seen: dict[str, int] = {}
        for number, group in enumerate(groups, 1):
            for position, phrase in enumerate(group):
                where = (number - 1, position)
                if len(phrase) > MAX_PHRASE_LENGTH:
                    raise fail(
                        f"phrase '{phrase[:40]}...' is longer than {MAX_PHRASE_LENGTH} characters",
                        "a synonym is a word or a short phrase",
                        where,
                    )
                if not re.fullmatch(PHRASE_PATTERN, phrase):
                    raise fail(
                        f"phrase '{phrase}' must be lowercase words separated by single spaces",
                        "write e.g. 'language identification'",
                        where,
                    )
                if phrase in seen:
                    raise fail(
                        f"phrase '{phrase}' is in group {seen[phrase]} and group {number}",
                        "keep it in one group",
                        where,
                    )
                seen[phrase] = number
        return groups
