"""Reading a catalog directory into validated objects, collecting every problem on the way.

A catalog directory holds::

    phases.yaml           the phases, in order, and the ids of their sections
    sections/<id>.yaml    one file per section: scope and guidance
    resources/<id>.yaml   one file per resource
    licences.yaml         licences without an SPDX id (optional)
    regulation.yaml       the dated law and standards timeline (optional)

Loading never stops at the first problem: each file is checked on its own and
the cross-file checks run on whatever could be read, so one run reports all.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Problem, Report, Severity
from .fsutil import is_within
from .licences import CustomLicence, class_conflict, spdx_class, spdx_list
from .model import LicenceEntry, LicenceList, PhaseList, Regulation, Resource, SchemaContext, Section, Vocabulary
from .suggest import did_you_mean
from .yamlsource import Location, SourceError, YamlDocument, load_yaml_file

Model = TypeVar("Model", bound=BaseModel)

RESOURCE_SUFFIX = ".yaml"


@dataclass
class LoadedCatalog:
    """What could be read from a catalog directory, valid parts only."""

    root: Path
    phases: PhaseList | None
    sections: dict[str, Section]
    resources: dict[str, Resource]
    licences: dict[str, CustomLicence]
    resource_lines: dict[str, YamlDocument]
    section_lines: dict[str, YamlDocument]
    vocabulary: Vocabulary
    regulation: Regulation
    regulation_lines: YamlDocument | None


class CatalogReader:
    """Reads one catalog directory; ``read()`` returns the valid parts and a report."""

    def __init__(self, root: Path, today: dt.date | None = None) -> None:
        self.root = root
        self.today = today or dt.date.today()
        self.report = Report()
        self._real_root = root.resolve()

    def read(self) -> tuple[LoadedCatalog, Report]:
        licences = self._read_licences()
        phases = self._read_phases()
        context = SchemaContext(licences=licences, today=self.today)
        sections, section_docs = self._read_sections(phases, context)
        context = SchemaContext(frozenset(sections), licences, self.today)
        resources, docs = self._read_resources(context)
        vocabulary = self._read_vocabulary()
        regulation, regulation_doc = self._read_regulation(context)
        loaded = LoadedCatalog(
            self.root,
            phases,
            sections,
            resources,
            licences,
            docs,
            section_docs,
            vocabulary,
            regulation,
            regulation_doc,
        )
        return loaded, self.report

    # -- files -----------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            shown = str(path.relative_to(Path.cwd()))
        except ValueError:
            try:
                shown = str(path.resolve().relative_to(Path.cwd().resolve()))
            except ValueError:
                shown = str(path)
        return printable_path(shown)

    def problem(
        self,
        path: Path,
        line: int | None,
        field: str,
        message: str,
        hint: str = "",
        severity: Severity = "error",
        topic: str = "",
    ) -> None:
        self.report.add(Problem(self.display(path), line, field, message, hint, severity, topic))

    def _document(self, path: Path) -> YamlDocument | None:
        self.report.files_read += 1
        # Resolved whatever the link is: the file itself or a folder on its way.
        if not is_within(path.resolve(), self._real_root):
            self.problem(path, None, "", "symbolic link points outside the catalog", "copy the file in instead")
            return None
        try:
            return load_yaml_file(path)
        except SourceError as exc:
            self.problem(path, exc.line, "", exc.message, exc.hint)
            return None

    def _validate(
        self, model: type[Model], path: Path, doc: YamlDocument, context: SchemaContext | None = None
    ) -> Model | None:
        if not isinstance(doc.data, dict):
            kind = type(doc.data).__name__
            self.problem(
                path,
                doc.line_of(()),
                "",
                f"file must hold a mapping of fields, found {_kind(kind)}",
                "start with `id: ...` and one field per line",
            )
            return None
        try:
            return model.model_validate(doc.data, context=context.as_dict() if context else None)
        except ValidationError as exc:
            for error in exc.errors():
                self._pydantic_problem(model, path, doc, error)
            return None

    def _pydantic_problem(self, model: type[BaseModel], path: Path, doc: YamlDocument, error: Any) -> None:
        loc, field, message, hint = describe_error(model, error)
        self.problem(path, doc.line_of(loc), field, message, hint)

    # -- the parts of a catalog ------------------------------------------------

    def _read_licences(self) -> dict[str, CustomLicence]:
        path = self.root / "licences.yaml"
        if not path.exists():
            return {}
        doc = self._document(path)
        parsed = self._validate(LicenceList, path, doc) if doc else None
        if parsed is None:
            return {}
        found: dict[str, CustomLicence] = {}
        for index, entry in enumerate(parsed.licences):
            if entry.id in found:
                line = doc.line_of(("licences", index)) if doc else None
                self.problem(path, line, "licences.id", f"licence '{entry.id}' is declared twice")
            problem = self._licence_problem(entry)
            if problem is not None:
                field, message, hint = problem
                self.problem(
                    path, doc.line_of(("licences", index)) if doc else None, f"licences.{field}", message, hint
                )
                continue
            found[entry.id] = CustomLicence(
                entry.id,
                entry.name,
                entry.licence_class,
                entry.url,
                tuple(entry.conditions) if entry.conditions is not None else None,
                entry.note,
                tuple(entry.compatible_with),
                tuple(entry.incompatible_with),
            )
        return found

    @staticmethod
    def _licence_problem(entry: LicenceEntry) -> tuple[str, str, str] | None:
        """(field, message, hint) when an entry contradicts SPDX or itself."""
        if not entry.id.startswith("LicenseRef-"):
            spdx = spdx_list().licenses
            if entry.id not in spdx:
                guess = did_you_mean(entry.id, spdx)
                return (
                    "id",
                    f"'{entry.id}' is not an SPDX licence id",
                    (f"did you mean '{guess}'? " if guess else "")
                    + "licences without an SPDX id are named LicenseRef-...",
                )
            if entry.licence_class is not None and entry.licence_class != spdx_class(entry.id):
                return "class", f"{entry.id} is {spdx_class(entry.id)}, not {entry.licence_class}", "remove `class:`"
        licence_class = entry.licence_class or spdx_class(entry.id)
        if entry.conditions is not None:
            conflict = class_conflict(licence_class, entry.conditions)
            if conflict is not None:
                return "conditions", conflict, "make the class and the conditions agree"
        return None

    def _read_vocabulary(self) -> Vocabulary:
        path = self.root / "vocabulary.yaml"
        if not path.exists():
            return Vocabulary()
        doc = self._document(path)
        return (self._validate(Vocabulary, path, doc) if doc else None) or Vocabulary()

    def _read_regulation(self, context: SchemaContext) -> tuple[Regulation, YamlDocument | None]:
        path = self.root / "regulation.yaml"
        if not path.exists():
            return Regulation(), None
        doc = self._document(path)
        parsed = self._validate(Regulation, path, doc, context) if doc else None
        if parsed is None or doc is None:
            return Regulation(), doc
        seen: set[str] = set()
        for index, entry in enumerate(parsed.entries):
            if entry.id in seen:
                self.problem(
                    path,
                    doc.line_of(("entries", index, "id")),
                    "entries.id",
                    f"timeline entry '{entry.id}' is listed twice",
                    "give each entry its own id",
                )
            seen.add(entry.id)
        return parsed, doc

    def _read_phases(self) -> PhaseList | None:
        path = self.root / "phases.yaml"
        if not self.root.is_dir():
            self.problem(
                self.root,
                None,
                "",
                "catalog directory does not exist",
                "pass --catalog DIR pointing at a folder with phases.yaml",
            )
            return None
        if not path.is_file():
            self.problem(path, None, "", "phases.yaml is missing", "every catalog lists its phases in phases.yaml")
            return None
        doc = self._document(path)
        phases = self._validate(PhaseList, path, doc) if doc else None
        if phases is None or doc is None:
            return None
        seen_phases: set[str] = set()
        seen_sections: dict[str, str] = {}
        for p_index, phase in enumerate(phases.phases):
            if phase.id in seen_phases:
                self.problem(
                    path, doc.line_of(("phases", p_index, "id")), "phases.id", f"phase '{phase.id}' is listed twice"
                )
            seen_phases.add(phase.id)
            for s_index, section in enumerate(phase.sections):
                if section in seen_sections:
                    self.problem(
                        path,
                        doc.line_of(("phases", p_index, "sections", s_index)),
                        "phases.sections",
                        f"section '{section}' is already in phase '{seen_sections[section]}'",
                        "a section belongs to exactly one phase",
                    )
                seen_sections[section] = phase.id
        return phases

    def _read_sections(
        self, phases: PhaseList | None, context: SchemaContext
    ) -> tuple[dict[str, Section], dict[str, YamlDocument]]:
        folder = self.root / "sections"
        listed = {s: p.id for p in (phases.phases if phases else []) for s in p.sections}
        sections: dict[str, Section] = {}
        docs: dict[str, YamlDocument] = {}
        for path in _yaml_files(folder, self):
            doc = self._document(path)
            section = self._validate(Section, path, doc, context) if doc else None
            if section is None or doc is None:
                continue
            if section.id != path.stem:
                self.problem(
                    path,
                    doc.line_of(("id",)),
                    "id",
                    f"id '{section.id}' does not match the file name '{path.name}'",
                    f"rename the file to {section.id}.yaml or set id: {path.stem}",
                )
                continue
            if phases is not None and section.id not in listed:
                guess = did_you_mean(section.id, listed)
                self.problem(
                    path,
                    doc.line_of(("id",)),
                    "id",
                    f"section '{section.id}' is not listed in any phase, so it would never be shown",
                    (f"did you mean '{guess}'? " if guess else "") + "add it to a phase in phases.yaml",
                )
                continue
            sections[section.id] = section
            docs[section.id] = doc
        if phases is not None:
            for section_id, phase_id in listed.items():
                if section_id not in sections and not (folder / f"{section_id}.yaml").exists():
                    self.problem(
                        self.root / "phases.yaml",
                        None,
                        "sections",
                        f"phase '{phase_id}' lists section '{section_id}' but sections/{section_id}.yaml "
                        "does not exist",
                        "create the section file or remove the id",
                    )
        return sections, docs

    def _read_resources(self, context: SchemaContext) -> tuple[dict[str, Resource], dict[str, YamlDocument]]:
        folder = self.root / "resources"
        resources: dict[str, Resource] = {}
        docs: dict[str, YamlDocument] = {}
        seen_lower: dict[str, Path] = {}
        for path in _yaml_files(folder, self):
            doc = self._document(path)
            if doc is None:
                continue
            resource = self._validate(Resource, path, doc, context)
            if resource is None:
                continue
            if resource.id != path.stem:
                self.problem(
                    path,
                    doc.line_of(("id",)),
                    "id",
                    f"id '{resource.id}' does not match the file name '{path.name}'",
                    f"rename the file to {resource.id}.yaml or set id: {path.stem}",
                )
                continue
            if resource.id in seen_lower:
                self.problem(
                    path,
                    doc.line_of(("id",)),
                    "id",
                    f"duplicate id '{resource.id}'",
                    f"also used by {self.display(seen_lower[resource.id])}",
                )
                continue
            seen_lower[resource.id] = path
            resources[resource.id] = resource
            docs[resource.id] = doc
        return resources, docs


def describe_error(model: type[BaseModel], error: Any) -> tuple[Location, str, str, str]:
    """A pydantic error as (location, field name, message, hint) in the catalog's own words."""
    loc: Location = tuple(error["loc"])
    field = _field_name(loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    hint = ""
    if kind == "catalog":
        message, hint = ctx["message"], ctx.get("hint", "")
        if "field" in ctx:
            extra = [int(part) if part.isdigit() else part for part in str(ctx["field"]).split("/")]
            loc = (*loc, *extra)
            field = _field_name(loc)
    elif kind == "missing":
        message = "required field is missing"
        hint = f"add `{loc[-1]}:`" if loc else ""
    elif kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        guess = did_you_mean(str(loc[-1]), allowed)
        message = f"unknown key '{loc[-1]}'"
        hint = (f"did you mean '{guess}'? " if guess else "") + "allowed: " + ", ".join(allowed)
        field = _field_name(loc[:-1]) or str(loc[-1])
    else:
        message, hint = _type_message(kind, error)
    return loc, field, message, hint


def _yaml_files(folder: Path, reader: CatalogReader) -> Iterator[Path]:
    if not folder.is_dir():
        reader.problem(folder, None, "", f"folder '{folder.name}' is missing")
        return
    if not is_within(folder.resolve(), reader._real_root):
        reader.problem(
            folder, None, "", f"folder '{folder.name}' is a symbolic link to outside the catalog", "copy the files in"
        )
        return
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if not _utf8(entry.name):
            reader.problem(
                path, None, "", "file name is not valid UTF-8", "rename the file to its id followed by .yaml"
            )
            continue
        if entry.is_dir(follow_symlinks=False):
            reader.problem(path, None, "", "sub-folders are not read", "put the file directly in " + folder.name)
        elif not entry.name.endswith(RESOURCE_SUFFIX):
            hint = "rename it to end in .yaml" if entry.name.endswith(".yml") else "only .yaml files belong here"
            reader.problem(path, None, "", "file is not a .yaml file and would be ignored", hint)
        else:
            yield path


def printable_path(text: str) -> str:
    """A path as text any terminal can print: bytes that are not UTF-8 shown as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _field_name(loc: Location) -> str:
    return ".".join(str(part) for part in loc if isinstance(part, str))


def _fields_at(model: type[BaseModel], loc: Location) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for did-you-mean on unknown keys)."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            break
        nested = _model_in(info.annotation)
        if nested is None:
            break
        current = nested
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
}


def _type_message(kind: str, error: Any) -> tuple[str, str]:
    if kind in _TYPE_NAMES:
        found = _kind(type(error.get("input")).__name__)
        hint = "quote the value" if kind == "string_type" and found != "a list" else ""
        if kind == "list_type":
            hint = "write a list, e.g. [text, vision]"
        return f"expected {_TYPE_NAMES[kind]}, found {found}", hint
    if kind == "string_pattern_mismatch":
        return f"'{error.get('input')}' does not have the expected form", _pattern_hint(error)
    if kind == "string_too_short":
        limit = error.get("ctx", {}).get("min_length")
        if not error.get("input"):
            return "is empty", "write a value or remove the field"
        return f"is too short (at least {limit} characters)", ""
    if kind == "string_too_long":
        return f"is too long (at most {error.get('ctx', {}).get('max_length')} characters)", "shorten it"
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        return ("needs at least one value" if least == 1 else f"needs at least {least} values"), ""
    if kind == "too_long":
        ctx = error.get("ctx", {})
        return f"has {ctx.get('actual_length')} values; at most {ctx.get('max_length')} are allowed", "shorten it"
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        return f"'{str(error.get('input'))[:80]}' is not allowed", f"expected {expected}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{error.get('input')} is out of range", str(error.get("msg", ""))
    return str(error.get("msg", "invalid value")), ""


def _pattern_hint(error: Any) -> str:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    if "a-z0-9" in pattern:
        return "ids are lowercase kebab-case: letters, digits and single hyphens"
    return f"expected pattern {pattern}"


def _kind(name: str) -> str:
    return {
        "str": "text",
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
        "NoneType": "nothing",
        "list": "a list",
        "dict": "a mapping",
    }.get(name, name)
