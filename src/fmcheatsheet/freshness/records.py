"""The schema of catalog/health.json: link checks and fetched facts, each with its date.

health.json is written by `check-links` and `enrich` from what remote servers
answer, and can be edited by hand, so it is validated like every catalog file:
every field typed and bounded, optional fields optional (a link with no HTTP
answer has no code), and nothing the site renders is left unchecked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..model import DAY_PATTERN, fail
from ..urls import MAX_URL_LENGTH

LinkStatus = Literal["ok", "restricted", "broken", "error", "timeout", "blocked", "rate-limited", "skipped"]
LINK_STATUSES: tuple[str, ...] = get_args(LinkStatus)
# The keys of a resource's links (the model's link types, spelled out for the type checker; a test compares them).
LinkType = Literal["website", "github", "huggingface", "docs", "paper"]
# The one rule for a link that needs a curator's attention: check-links fails on it, the health page
# lists it, resource pages badge it and the browse page's "hide problems" filter hides it.
PROBLEM_STATUSES = frozenset({"broken", "error", "blocked", "timeout"})


def needs_attention(status: str) -> bool:
    return status in PROBLEM_STATUSES


MAX_TEXT = 2000  # a server's message, a paper title
MAX_NAME = 300  # a repository, an author, a licence tag
MAX_AUTHORS = 2000
# Redirect targets are not catalog URLs; they may be longer, but not without bound.
MAX_REDIRECT_URL = 4 * MAX_URL_LENGTH


def _day(value: str) -> str:
    if not re.fullmatch(DAY_PATTERN, value):
        raise fail(f"date '{value[:40]}' is not YYYY-MM-DD", "dates in health.json are written as 2026-01-31")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"date '{value}' does not exist", "check the month and day") from None
    return value


Day = Annotated[str, AfterValidator(_day)]
Count = Annotated[int, Field(ge=0, le=10**15)]
Name = Annotated[str, Field(max_length=MAX_NAME)]


class _Record(BaseModel):
    # Strict: a string where a number belongs ("stars": "many") is an error, not a guess.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class LinkRecord(_Record):
    """The latest check of one link."""

    url: Annotated[str, Field(max_length=MAX_URL_LENGTH)]
    status: LinkStatus
    code: Annotated[int, Field(ge=100, le=599)] | None = None
    final_url: Annotated[str, Field(max_length=MAX_REDIRECT_URL)] | None = None
    permanent: Annotated[str, Field(max_length=MAX_REDIRECT_URL)] | None = None
    message: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    checked: Day

    @property
    def is_problem(self) -> bool:
        return needs_attention(self.status)


class GithubFacts(_Record):
    repo: Name
    stars: Count | None = None
    archived: bool = False
    pushed_at: Day | None = None
    licence: Name | None = None
    checked: Day


class HuggingfaceFacts(_Record):
    repo: Name
    kind: Literal["dataset", "model"]
    downloads: Count | None = None
    likes: Count | None = None
    gated: bool = False
    licence: Name | None = None
    checked: Day


class ArxivFacts(_Record):
    id: Name
    title: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    authors: Annotated[list[Name], Field(max_length=MAX_AUTHORS)] = Field(default_factory=list)
    published: Day | None = None
    checked: Day


class ResourceFacts(_Record):
    """What `enrich` fetched about one resource, by source."""

    github: GithubFacts | None = None
    huggingface: HuggingfaceFacts | None = None
    arxiv: ArxivFacts | None = None


class HealthFile(_Record):
    """The whole of catalog/health.json."""

    version: Literal[1]
    links: dict[str, dict[LinkType, LinkRecord]] = Field(default_factory=dict)
    metadata: dict[str, ResourceFacts] = Field(default_factory=dict)
