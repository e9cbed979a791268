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
    AfterValidator,
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
    LICENCE_CONDITIONS,
    LINK_HOSTS,
    LINK_TYPES,
    MODALITIES,
    PRIMARY_LINK_ORDER,
    REGULATION_KINDS,
    RESOURCE_TYPES,
    STATUSES,
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
MAX_QUESTIONS = 5
MAX_QUESTION_LENGTH = 160
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


EVIDENCE_KEY_MAX = 120


def check_evidence(value: Any, keys: tuple[str, ...] | None = None) -> Any:
    """Evidence as a mapping from a key to a list of public https URLs.

    ``keys`` restricts the keys to field names (resources); without it a key is any
    short claim, such as a practice title (sections, timeline entries). A single URL
    may be written without a list. Values of the wrong type are left for pydantic.
    """
    if not isinstance(value, dict):
        return value
    checked: dict[Any, Any] = {}
    for key, sources in value.items():
        if isinstance(key, str) and keys is not None and key not in keys:
            guess = did_you_mean(key, keys)
            prefix = f"did you mean '{guess}'? " if guess else ""
            raise fail(
                f"evidence names '{key}', which is not a field",
                prefix + "evidence keys are field names: " + ", ".join(keys),
                (key,),
            )
        if isinstance(key, str) and keys is None and not 2 <= len(key.strip()) <= EVIDENCE_KEY_MAX:
            raise fail(
                f"evidence key '{key[:40]}' is empty or longer than {EVIDENCE_KEY_MAX} characters",
                "name the claim in a few words or use the practice title",
                (key,),
            )
        listed = [sources] if isinstance(sources, str) else sources
        if isinstance(listed, list):
            if not listed:
                raise fail("evidence lists no URL", "give at least one URL or remove the key", (key,))
            for position, url in enumerate(listed):
                if isinstance(url, str):
                    try:
                        urls.check_evidence_url(url)
                    except ValueError as exc:
                        raise fail(
                            str(exc), "evidence is a public https page that states the fact", (key, position)
                        ) from None
            _unique([u for u in listed if isinstance(u, str)], "evidence URL")
        checked[key] = listed
    return checked


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
        return (
            None if value is None else _url_on(value, LINK_HOSTS["github"], "a github.com repository or organisation")
        )

    @field_validator("huggingface")
    @classmethod
    def _huggingface(cls, value: str | None) -> str | None:
        return None if value is None else _url_on(value, LINK_HOSTS["huggingface"], "a huggingface.co page")

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


AUTHOR_OTHERS = "others"


class Citation(_Strict):
    """The paper behind a resource, as it should be cited."""

    authors: Annotated[list[str], Field(min_length=1, max_length=100)] = Field(
        description="Authors in order as 'Family, Given' (or an organisation's name); "
        f"end with '{AUTHOR_OTHERS}' to shorten a long list."
    )
    title: Annotated[str, Field(min_length=3, max_length=300)] = Field(description="The paper's own title.")
    venue: Annotated[str, Field(min_length=2, max_length=200)] | None = Field(
        None, description="Where it was published (conference, journal); leave out for preprints."
    )
    year: int | None = Field(None, description="Year of publication at that venue (or of the preprint).")

    @field_validator("title", "venue")
    @classmethod
    def _text(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _no_blank(value, info.field_name or "text")

    @field_validator("authors")
    @classmethod
    def _authors(cls, value: list[str]) -> list[str]:
        for position, author in enumerate(value):
            check_text(author, "author")
            where = (position,)
            if author != author.strip() or not author.strip():
                raise fail(f"author '{author}' has surrounding spaces or is empty", "write 'Family, Given'", where)
            if author == AUTHOR_OTHERS and position != len(value) - 1:
                raise fail(f"'{AUTHOR_OTHERS}' must come last", "it stands for the authors not listed", where)
            if re.search(r"\band\b", author):
                raise fail(f"author '{author}' contains 'and'", "list each author as its own item", where)
            if author.count(",") > 1:
                raise fail(f"author '{author}' has more than one comma", "write 'Family, Given'", where)
            if re.search(r"[{}\\]", author):
                raise fail(f"author '{author}' contains braces or backslashes", "write the name as plain text", where)
        return _unique(value, "author")

    @field_validator("year")
    @classmethod
    def _year(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None:
            return None
        today = _context(info).today
        if isinstance(value, bool) or not EARLIEST_YEAR <= value <= today.year:
            raise fail(f"year {value} is not between {EARLIEST_YEAR} and {today.year}", "the year the paper appeared")
        return value


class Change(_Strict):
    """A dated change to the facts of an entry, so readers who follow feeds learn what changed."""

    date: str = Field(description="Day of the change: YYYY-MM-DD.")
    fields: Annotated[list[str], Field(min_length=1, max_length=20)] = Field(
        description="Names of the fields whose facts changed (licence, links, status, ...)."
    )
    note: Annotated[str, Field(min_length=3, max_length=200)] | None = Field(
        None, description="What changed, in a few words, when the field names do not say enough."
    )

    @field_validator("date")
    @classmethod
    def _date(cls, value: str, info: ValidationInfo) -> str:
        return check_day(value, _context(info).today, "change")

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return None if value is None else _no_blank(value, "note")

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: list[str]) -> list[str]:
        for position, name in enumerate(value):
            if name not in CHANGE_FIELDS:
                guess = did_you_mean(name, CHANGE_FIELDS)
                prefix = f"did you mean '{guess}'? " if guess else ""
                raise fail(
                    f"'{name}' is not a field", prefix + "name fields such as licence, links, status", (position,)
                )
        return _unique(value, "field")


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
    questions: list[Annotated[str, Field(min_length=10, max_length=MAX_QUESTION_LENGTH)]] = Field(
        default_factory=list,
        max_length=MAX_QUESTIONS,
        description="Questions a reader would ask when this resource is a right answer, in the reader's "
        "own words rather than the field's (search matches them): one question per item.",
    )
    featured: bool = Field(False, description="Among the first resources to recommend in its section.")
    status: str = Field(
        "active",
        description="One of: " + "; ".join(f"{k}: {v}" for k, v in STATUSES.items()),
        json_schema_extra={"enum": list(STATUSES)},
    )
    status_note: Annotated[str, Field(min_length=10, max_length=300)] | None = Field(
        None, description="One sentence on what happened and when (required when retired)."
    )
    successor: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] | None = Field(
        None, description="Id of the resource to use instead (deprecated or retired entries)."
    )
    citation: Citation | None = Field(None, description="The paper behind the `paper` link, for citing it.")
    added: str | None = Field(None, description="Date the entry joined the catalog: YYYY-MM-DD.")
    changes: list[Change] = Field(
        default_factory=list, description="Dated changes to the entry's facts since it was added, oldest first."
    )
    verified: str | None = Field(
        None, description="Date a person last checked every fact of the entry against its sources: YYYY-MM-DD."
    )
    evidence: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Where each fact can be checked: a field name (licence, released, access, languages, "
        "description, ...) mapped to one https URL or a list of them.",
    )

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

    @field_validator("added", "verified")
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

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return _vocabulary_value(value, STATUSES, "status")

    @field_validator("status_note")
    @classmethod
    def _status_note(cls, value: str | None) -> str | None:
        return None if value is None else _no_blank(value, "status_note")

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: Any) -> Any:
        return check_evidence(value, EVIDENCE_KEYS)

    @field_validator("questions", mode="before")
    @classmethod
    def _questions(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value  # the type check reports it
        tidy = [_no_blank(q, "question", prose=True) if isinstance(q, str) else q for q in value]
        seen: set[str] = set()
        for position, question in enumerate(tidy):
            if not isinstance(question, str):
                continue  # the type check reports it
            where = (position,)
            # Exports write a list as one cell joined by "; ", so a question holding one would read as two.
            if ";" in question:
                raise fail(
                    f"question '{question[:60]}' contains ';'",
                    "one question per item: split it in two or use a comma",
                    where,
                )
            if question in seen:
                raise fail(f"question '{question[:60]}' is listed twice", "list each question once", where)
            seen.add(question)
        return tidy

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

    @model_validator(mode="after")
    def _status_consistent(self) -> Resource:
        if self.status == "retired" and self.status_note is None:
            raise fail(
                "a retired entry needs a status_note",
                "say in one sentence what happened and when, e.g. 'Shut down in March 2025.'",
                "status_note",
            )
        if self.status == "active" and (self.successor is not None or self.status_note is not None):
            which = "successor" if self.successor is not None else "status_note"
            raise fail(f"{which} is set but status is active", "set status: deprecated or retired", which)
        if self.successor == self.id:
            raise fail("an entry cannot be its own successor", "name the resource to use instead", "successor")
        return self

    @model_validator(mode="after")
    def _citation_has_paper(self) -> Resource:
        if self.citation is not None and self.links.paper is None:
            raise fail(
                "citation is set but there is no paper link",
                "add links.paper (arXiv id, DOI or URL) for the paper the citation describes",
                "citation",
            )
        return self

    @model_validator(mode="after")
    def _changes_in_order(self) -> Resource:
        days = [change.date for change in self.changes]
        if days != sorted(days):
            raise fail("changes are not in date order", "list them oldest first", "changes")
        if self.added is not None and days and days[0] < self.added:
            raise fail(f"a change on {days[0]} comes before the entry was added ({self.added})", "", "changes")
        return self

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"

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


# Evidence can back any fact of an entry except its own bookkeeping; changes are recorded for the same facts.
EVIDENCE_KEYS: tuple[str, ...] = tuple(
    name for name in Resource.model_fields if name not in ("id", "evidence", "verified", "added", "featured", "changes")
)
CHANGE_FIELDS = EVIDENCE_KEYS


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tag"


# Guidance cites a handful of resources per practice or step: the ones that implement it.
MAX_CITED = 6


def _references(value: list[str], what: str) -> list[str]:
    for ref in value:
        if not re.match(ID_PATTERN, ref):
            raise fail(f"'{ref}' is not an id", f"{what} are lowercase kebab-case ids")
    return _unique(value, what.rstrip("s"))


# Lists of ids that guidance cites: resources, and timeline entries (catalog/regulation.yaml).
ResourceIds = Annotated[list[str], AfterValidator(lambda value: _references(value, "resource ids"))]
EntryIds = Annotated[list[str], AfterValidator(lambda value: _references(value, "timeline entry ids"))]


class Step(_Strict):
    """One checkable step of a practice: something a reviewer can tick off, and what implements it."""

    text: Annotated[str, Field(min_length=10, max_length=500)] = Field(
        description="What must be true once the step is done, in one or two sentences."
    )
    resources: ResourceIds = Field(default_factory=list, description="Ids of resources that implement the step.")
    required_by: EntryIds = Field(
        default_factory=list, description="Ids of timeline entries (catalog/regulation.yaml) that make it a legal duty."
    )

    @field_validator("text")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        return check_text(value, "text")


class Practice(_Strict):
    """One best practice of a section: a headline, advice, and the resources that implement it."""

    @field_validator("title", "text", check_fields=False)
    @classmethod
    def _plain_text(cls, value: str, info: ValidationInfo) -> str:
        return check_text(value, info.field_name or "text")

    title: Annotated[str, Field(min_length=3, max_length=160)]
    text: Annotated[str, Field(min_length=20, max_length=1200)]
    resources: ResourceIds = Field(
        default_factory=list, max_length=MAX_PRACTICE_RESOURCES, description="Ids of resources that implement it."
    )
    required_by: EntryIds = Field(
        default_factory=list,
        description="Ids of timeline entries (catalog/regulation.yaml) under which the practice is a legal duty "
        "somewhere.",
    )
    steps: list[Step] = Field(
        default_factory=list, description="Checkable steps, for practices that work as a checklist."
    )

    @property
    def cited(self) -> list[str]:
        """Every resource the practice and its steps cite, once each, in order of citation."""
        found = list(self.resources)
        for step in self.steps:
            found += [rid for rid in step.resources if rid not in found]
        return found

    @property
    def obligations(self) -> list[str]:
        """Timeline entries that require the practice or one of its steps, once each."""
        found = list(self.required_by)
        for step in self.steps:
            found += [eid for eid in step.required_by if eid not in found]
        return found

    @property
    def anchor(self) -> str:
        """The fragment that links to this practice on its section page."""
        return practice_anchor(self.title)


def practice_anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


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
    reviewed: str | None = Field(
        None, description="Date a person last checked every claim of the guidance against its sources: YYYY-MM-DD."
    )
    evidence: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Where the guidance's factual and legal claims can be checked: a short claim or a practice "
        "title mapped to one https URL or a list of them.",
    )

    @field_validator("reviewed")
    @classmethod
    def _day(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else check_day(value, _context(info).today, "reviewed")

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: Any) -> Any:
        return check_evidence(value)

    @model_validator(mode="after")
    def _distinct_practices(self) -> Section:
        seen: set[str] = set()
        for index, practice in enumerate(self.practices):
            if practice.anchor in seen:
                raise fail(
                    f"two practices share the title '{practice.title}'",
                    "give each practice its own title; it is also the practice's link",
                    ("practices", index, "title"),
                )
            seen.add(practice.anchor)
        return self


class Phase(_Strict):
    """A phase of development and the ordered ids of its sections."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Annotated[str, Field(min_length=3, max_length=80)]
    overview: Annotated[str, Field(min_length=20, max_length=1200)]
    sections: Annotated[list[str], Field(min_length=1)]


class PhaseList(_Strict):
    """The content of catalog/phases.yaml."""

    phases: Annotated[list[Phase], Field(min_length=1)]


class Milestone(_Strict):
    """A further date of a timeline entry: a transition period ending, a stricter duty starting."""

    date: str = Field(description="YYYY-MM-DD; may lie in the future.")
    text: Annotated[str, Field(min_length=10, max_length=300)] = Field(description="What happens on that date.")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return check_calendar_day(value, "date")

    @field_validator("text")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        return _no_blank(value, "text")


class Obligation(_Strict):
    """One dated legal duty, guidance or standard that touches foundation-model development."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] = Field(
        description="Lowercase kebab-case identifier; practices name it in required_by."
    )
    title: Annotated[str, Field(min_length=5, max_length=120)] = Field(description="What the duty is, briefly.")
    jurisdiction: Annotated[str, Field(min_length=2, max_length=60)] = Field(
        description="Where it binds: European Union, California, South Korea, China, International."
    )
    instrument: Annotated[str, Field(min_length=5, max_length=200)] = Field(
        description="The act, article or document that sets it, as it is officially cited."
    )
    kind: str = Field(
        description="One of: " + "; ".join(f"{k}: {v}" for k, v in REGULATION_KINDS.items()),
        json_schema_extra={"enum": list(REGULATION_KINDS)},
    )
    applies: str = Field(description="The day it first applies (or was adopted, for guidance): YYYY-MM-DD.")
    applies_to: Annotated[str, Field(min_length=10, max_length=400)] = Field(
        description="Who must comply or is addressed."
    )
    summary: Annotated[str, Field(min_length=40, max_length=600)] = Field(
        description="What it requires, in our own words."
    )
    source: str = Field(description="The primary source: official journal, legislature or regulator page (https).")
    milestones: list[Milestone] = Field(default_factory=list, description="Further dates, in order.")
    implements: EntryIds = Field(
        default_factory=list,
        description="For guidance, codes of practice and standards: ids of the law entries they explain or help "
        "meet. Practices name laws in required_by; the practices that meet guidance are those of its laws.",
    )
    resources: ResourceIds = Field(
        default_factory=list, description="Ids of catalog resources that help meet it (at most 6)."
    )
    evidence: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Sources for claims the primary source does not state itself (amendments, later dates): a short "
        "claim mapped to https URLs.",
    )
    reviewed: str = Field(description="Date a person last checked the entry against its sources: YYYY-MM-DD.")

    @field_validator("title", "jurisdiction", "instrument", "applies_to", "summary")
    @classmethod
    def _text(cls, value: str, info: ValidationInfo) -> str:
        return _no_blank(value, info.field_name or "text")

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return _vocabulary_value(value, REGULATION_KINDS, "kind")

    @field_validator("applies", mode="before")
    @classmethod
    def _applies(cls, value: Any) -> Any:
        return check_calendar_day(value, "applies")

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        try:
            return urls.check_evidence_url(value)
        except ValueError as exc:
            raise fail(str(exc), "give the official page: journal, legislature or regulator") from None

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: Any) -> Any:
        return check_evidence(value)

    @field_validator("reviewed", mode="before")
    @classmethod
    def _reviewed(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, dt.date):
            value = value.isoformat()
        return check_day(value, _context(info).today, "reviewed") if isinstance(value, str) else value

    @model_validator(mode="after")
    def _milestones_in_order(self) -> Obligation:
        dates = [self.applies, *(m.date for m in self.milestones)]
        for index in range(1, len(dates)):
            if dates[index] < dates[index - 1]:
                raise fail(
                    f"milestone {dates[index]} comes before {dates[index - 1]}",
                    "list milestones after the date the entry applies, earliest first",
                    ("milestones", index - 1, "date"),
                )
        return self

    @model_validator(mode="after")
    def _laws_implement_nothing(self) -> Obligation:
        if self.kind == "law" and self.implements:
            raise fail(
                "a law does not implement other entries",
                "only guidance, codes of practice and standards name the laws they help meet",
                "implements",
            )
        return self

    @property
    def is_law(self) -> bool:
        return self.kind == "law"


class Regulation(_Strict):
    """The content of catalog/regulation.yaml: the law and standards timeline."""

    entries: list[Obligation] = Field(default_factory=list, description="Timeline entries, earliest first.")


def check_calendar_day(value: Any, what: str) -> Any:
    """A real day written YYYY-MM-DD, which may lie in the future (dates a duty applies)."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        return value
    if not re.match(DAY_PATTERN, value):
        raise fail(f"{what} date '{value}' is not YYYY-MM-DD", f"e.g. {what}: 2026-08-02")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{what} date '{value}' does not exist", "check the month and day") from None
    if int(value[:4]) < EARLIEST_YEAR:
        raise fail(f"{what} date '{value}' is before {EARLIEST_YEAR}")
    return value


class LicenceEntry(_Strict):
    """A licence the catalog uses, declared in catalog/licences.yaml: its text, its class and its conditions.

    ``LicenseRef-`` ids are licences without an SPDX identifier; resources may name them. SPDX ids
    appear here to record their conditions for the licence check.
    """

    id: Annotated[str, Field(pattern=r"^(LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.+-]*)$", max_length=80)]
    name: Annotated[str, Field(min_length=2, max_length=120)]
    url: str | None = Field(None, description="Where the licence text can be read.")
    licence_class: str | None = Field(
        None,
        alias="class",
        description="Required for LicenseRef ids; SPDX ids have a known class.",
        json_schema_extra={"enum": list(LICENCE_CLASSES)},
    )
    conditions: list[str] | None = Field(
        None,
        description="What the licence asks (an empty list: nothing). One of: "
        + "; ".join(f"{k}: {v}" for k, v in LICENCE_CONDITIONS.items()),
    )
    note: Annotated[str, Field(min_length=10, max_length=500)] | None = Field(
        None, description="The licence's own particulars, in our words (thresholds, names it prescribes, ...)."
    )
    compatible_with: list[str] = Field(
        default_factory=list,
        description="Licence ids that adapted material may carry instead (share-alike compatibility it declares).",
    )
    incompatible_with: list[str] = Field(
        default_factory=list,
        description="Licence ids whose terms cannot be met together with this one in one combined work.",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("licence_class")
    @classmethod
    def _class(cls, value: str | None) -> str | None:
        return None if value is None else _vocabulary_value(value, LICENCE_CLASSES, "licence class")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _url(value)

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return None if value is None else _no_blank(value, "note")

    @field_validator("conditions")
    @classmethod
    def _conditions(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        for condition in value:
            _vocabulary_value(condition, LICENCE_CONDITIONS, "licence condition")
        return _unique(value, "condition")

    @model_validator(mode="after")
    def _class_for_custom_ids(self) -> LicenceEntry:
        if self.id.startswith("LicenseRef-") and self.licence_class is None:
            raise fail("a LicenseRef needs a class", "add `class:` (permissive, non-commercial, ...)", "class")
        return self


class LicenceList(_Strict):
    licences: list[LicenceEntry] = Field(default_factory=list)


class Vocabulary(_Strict):
    """The content of catalog/vocabulary.yaml: the words search treats as meaning the same."""

    synonyms: list[Annotated[list[str], Field(min_length=2, max_length=MAX_SYNONYM_GROUP)]] = Field(
        default_factory=list,
        max_length=MAX_SYNONYM_GROUPS,
        description="Each group lists phrases a search treats as the same.",
    )
    phrases: dict[str, Annotated[list[str], Field(min_length=1)]] = Field(
        default_factory=dict,
        description="The field's term, then the phrases readers use for it. One way: a reader's phrase finds what "
        "the term finds, the term does not find the phrase.",
    )

    @field_validator("synonyms")
    @classmethod
    def _phrases(cls, groups: list[list[str]]) -> list[list[str]]:
        seen: dict[str, int] = {}
        for number, group in enumerate(groups, 1):
            for position, phrase in enumerate(group):
                where = (number - 1, position)
                _check_phrase(phrase, where)
                if phrase in seen:
                    raise fail(
                        f"phrase '{phrase}' is in group {seen[phrase]} and group {number}",
                        "keep it in one group",
                        where,
                    )
                seen[phrase] = number
        return groups

    @field_validator("phrases")
    @classmethod
    def _reader_phrases(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        seen: dict[str, str] = {}
        for term, phrases in table.items():
            _check_phrase(term, term)
            for position, phrase in enumerate(phrases):
                _check_phrase(phrase, (term, position))
                if phrase in seen:
                    raise fail(
                        f"phrase '{phrase}' is listed for '{seen[phrase]}' and for '{term}'",
                        "keep it under one term",
                        (term, position),
                    )
                seen[phrase] = term
        return table

    @model_validator(mode="after")
    def _one_meaning(self) -> Vocabulary:
        in_groups = {phrase for group in self.synonyms for phrase in group}
        for term, phrases in self.phrases.items():
            for position, phrase in enumerate(phrases):
                if phrase in in_groups:
                    raise fail(
                        f"phrase '{phrase}' is both a synonym and a reader's phrase for '{term}'",
                        "keep it in one place",
                        ("phrases", term, position),
                    )
        return self


def _check_phrase(phrase: str, where: str | tuple[str | int, ...]) -> None:
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
