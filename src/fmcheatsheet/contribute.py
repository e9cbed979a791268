"""Adding a resource: id from the name, validation, duplicate refusal and a safe write."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from .canonical import format_text
from .catalog import Catalog
from .checks import LIKELY_DUPLICATE, SIGNALS, fold_name, link_roles, name_signal, pair_score, shared_reason, url_signal
from .diagnostics import Problem
from .errors import CheatsheetError
from .fsutil import is_within, write_atomically
from .load import describe_error, printable_path
from .model import Resource, SchemaContext
from .vocab import LINK_HOSTS
from .yamlsource import SourceError, YamlDocument, load_yaml_file

MAX_ID = 60


class ContributionError(CheatsheetError):
    """A new resource that cannot be written; ``problems`` say where and why (a path when it came from a file)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class LikelyDuplicate:
    existing: Resource
    reason: str


def slugify(name: str) -> str:
    """A resource id from its name: 'The Stack v2' -> 'the-stack-v2'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:MAX_ID].rstrip("-")
    return slug or "resource"


def link_type_of(url: str) -> str:
    """Which typed link a bare URL is, from its host."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for kind, hosts in LINK_HOSTS.items():
        if host in hosts:
            return kind
    if host in ("arxiv.org", "doi.org", "dx.doi.org", "aclanthology.org", "openreview.net"):
        return "paper"
    if host.startswith("docs.") or host.endswith(".readthedocs.io"):
        return "docs"
    return "website"


def validate_new(
    catalog: Catalog, data: dict[str, Any], today: dt.date | None = None, source: SourceFile | None = None
) -> Resource:
    """The resource ``data`` describes, checked against the schema and this catalog.

    With ``source`` (the file ``data`` was read from), each problem names its file and line.
    """
    context = SchemaContext(frozenset(catalog.sections), catalog.licences, today or dt.date.today())
    try:
        return Resource.model_validate(data, context=context.as_dict())
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc, field, message, hint = describe_error(Resource, error)
            line = source.document.line_of(loc) if source else None
            problems.append(Problem(source.shown if source else "", line, field or "resource", message, hint))
        raise ContributionError("the new resource is not valid", problems) from None


@dataclass(frozen=True)
class SourceFile:
    """A resource file written outside the catalog (by the suggestion form, or by hand)."""

    shown: str
    document: YamlDocument


def read_resource_file(path: Path) -> tuple[dict[str, Any], SourceFile]:
    """The fields of a resource file that is to be added, read as strictly as catalog files."""
    shown = printable_path(str(path))
    try:
        document = load_yaml_file(path)
    except SourceError as exc:
        raise ContributionError(
            "the file cannot be read", [Problem(shown, exc.line, "", exc.message, exc.hint)]
        ) from None
    if not isinstance(document.data, dict):
        message = "file must hold a mapping of fields (id: ..., name: ...)"
        raise ContributionError("the file cannot be read", [Problem(shown, 1, "", message)])
    return dict(document.data), SourceFile(shown, document)


def likely_duplicates(catalog: Catalog, resource: Resource) -> list[LikelyDuplicate]:
    """Existing resources that a new one would duplicate: the same id, or a pair scoring as a likely
    duplicate under the catalog's one duplicate rule (checks.duplicate_pairs)."""
    found: list[LikelyDuplicate] = []
    new_roles = link_roles(resource)
    new_name = fold_name(resource.name)
    for existing, roles, folded in catalog.duplicate_keys:
        if existing.id == resource.id:
            found.append(LikelyDuplicate(existing, "same id"))
            continue
        weights: list[float] = []
        reasons: list[str] = []
        for key, role in roles.items():
            if key in new_roles:
                signal = url_signal(new_roles[key], role)
                weights.append(SIGNALS[signal])
                reasons.append(shared_reason(signal, key))
        named = name_signal(resource, existing, new_name, folded)
        if named:
            weights.append(named[1])
            reasons.append(
                f"near-identical name '{existing.name}'" if named[0] == "name" else f"similar name '{existing.name}'"
            )
        if weights and pair_score(weights) >= LIKELY_DUPLICATE:
            found.append(LikelyDuplicate(existing, "; ".join(reasons)))
    return found


def canonical_yaml(resource: Resource) -> str:
    """The resource as the text of its file, in canonical form."""
    data = resource.model_dump(mode="json", exclude_none=True, exclude_defaults=True, by_alias=True)
    data["id"] = resource.id
    data["links"] = resource.links.as_dict()
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return format_text(text, "resource")


def write_new(catalog_dir: Path, resource: Resource) -> Path:
    """Write ``resources/<id>.yaml`` atomically; never replaces an existing file."""
    path = catalog_dir / "resources" / f"{resource.id}.yaml"
    if not is_within(path.parent.resolve(), catalog_dir.resolve()):
        raise ContributionError(f"{path.parent} is a symbolic link to outside the catalog; nothing was written")
    if path.exists() or path.is_symlink():
        raise ContributionError(f"{path} already exists; choose another id")
    try:
        write_atomically(path, canonical_yaml(resource), overwrite=False)
    except FileExistsError:
        raise ContributionError(f"{path} already exists; choose another id") from None
    return path
