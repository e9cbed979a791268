from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.text import Text

from ...catalog import Catalog
from ...contribute import (
    ContributionError,
    SourceFile,
    likely_duplicates,
    link_type_of,
    read_resource_file,
    slugify,
    validate_new,
    write_new,
)
from ...paths import bundled_catalog
from ...vocab import ACCESS_LEVELS, LANGUAGE_COVERAGE, LICENCE_SPECIAL, MODALITIES, RESOURCE_TYPES
from ..options import catalog_option, load
from ..output import console, error_console


def _split(values: tuple[str, ...]) -> list[str]:
    """Repeated options or comma-separated answers, as one list."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@click.option("--name", help="The resource's own name.")
@click.option("--url", help="Its main link (the link type is taken from the host).")
@click.option("--website", help="Home page.")
@click.option("--github", help="GitHub repository.")
@click.option("--huggingface", help="Hugging Face page.")
@click.option("--docs", help="Documentation site.")
@click.option("--paper", help="arXiv id, DOI or paper URL.")
@click.option("--section", "sections", multiple=True, help="Section id (repeatable or comma-separated).")
@click.option("--modality", "modalities", multiple=True, help="Modality (repeatable or comma-separated).")
@click.option("--type", "type_", help="Resource type.")
@click.option("--description", help="1-3 sentences in your own words: what, when, caveats.")
@click.option("--licence", help="SPDX id or expression, or proprietary / various / unknown.")
@click.option("--released", help="First release, YYYY or YYYY-MM.")
@click.option("--tag", "tags", multiple=True, help="Search keyword (repeatable or comma-separated).")
@click.option(
    "--question",
    "questions",
    multiple=True,
    help="A question a reader would ask when this resource is a right answer, in their words (repeatable).",
)
@click.option("--coverage", help="Language coverage: " + ", ".join(LANGUAGE_COVERAGE) + ".")
@click.option("--language", "languages", multiple=True, help="ISO 639 code (repeatable or comma-separated).")
@click.option("--access", help="One of: " + ", ".join(ACCESS_LEVELS) + ".")
@click.option("--id", "rid", help="Id to use instead of the one derived from the name.")
@click.option("--yes", "-y", is_flag=True, help="Do not prompt: every required field comes from the options.")
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Add the resource file FILE (e.g. made by the site's suggestion form) instead of asking for the fields.",
)
@click.option("--force", is_flag=True, help="Write even if it looks like a duplicate of an existing entry.")
@catalog_option
def add(catalog_dir: Path | None, yes: bool, force: bool, from_file: Path | None, **given: Any) -> None:
    """Add a resource to the catalog, with prompts for whatever the options leave out."""
    root = catalog_dir or bundled_catalog()
    catalog = load(root)
    if from_file is not None:
        named = [f"--{name.rstrip('_').replace('rid', 'id')}" for name, value in given.items() if value]
        if named:
            raise click.UsageError(f"give either --from FILE or field options, not both ({', '.join(named)})")
        try:
            fields, source = read_resource_file(from_file)
        except ContributionError as exc:
            _report(exc)
        fields.setdefault("id", slugify(str(fields.get("name", ""))))
        fields.setdefault("added", dt.date.today().isoformat())
        _check_and_write(root, catalog, fields, force, source)
        return
    ask = not yes
    out = console()

    def choose(label: str, choices: list[str], multiple: bool, current: Any) -> Any:
        if current or not ask:
            return current
        out.print(Text(f"{label}: " + ", ".join(choices)))
        while True:
            answer = click.prompt(label, type=str)
            values = _split((answer,))
            unknown = [v for v in values if v not in choices]
            if values and not unknown and (multiple or len(values) == 1):
                return values if multiple else values[0]
            click.echo(f"not one of the choices: {', '.join(unknown) or answer}", err=True)

    name = given["name"] or (click.prompt("Name", type=str) if ask else None)
    links = {k: given[k] for k in ("website", "github", "huggingface", "docs", "paper") if given[k]}
    url = given["url"] or (click.prompt("Main link (URL)", type=str) if ask and not links else None)
    if url:
        links.setdefault(link_type_of(url), url)
    sections = choose("Sections", list(catalog.sections), True, _split(given["sections"]))
    modalities = choose("Modalities", list(MODALITIES), True, _split(given["modalities"]))
    type_ = choose("Type", list(RESOURCE_TYPES), False, given["type_"])
    description = given["description"] or (click.prompt("Description (1-3 sentences)", type=str) if ask else None)
    licence = given["licence"]
    if ask and not licence:
        hint = ", ".join([*LICENCE_SPECIAL, *catalog.licences][:6])
        licence = click.prompt(f"Licence (SPDX id, or {hint}...; empty if unknown)", default="", show_default=False)
    released = given["released"] or (
        click.prompt("Released (YYYY or YYYY-MM; empty if unknown)", default="", show_default=False) if ask else None
    )
    data: dict[str, Any] = {
        "id": given["rid"] or slugify(name or ""),
        "name": name,
        "description": description,
        "type": type_,
        "sections": sections,
        "modalities": modalities,
        "links": links,
        "released": released or None,
        "licence": licence or None,
        "tags": _split(given["tags"]) or None,
        "questions": list(given["questions"]) or None,
        "access": given["access"],
        "added": dt.date.today().isoformat(),
    }
    if given["coverage"] or given["languages"]:
        data["languages"] = {"coverage": given["coverage"], "codes": _split(given["languages"])}
    data = {k: v for k, v in data.items() if v not in (None, [], {})}
    _check_and_write(root, catalog, data, force)


def _check_and_write(
    root: Path, catalog: Catalog, data: dict[str, Any], force: bool, source: SourceFile | None = None
) -> None:
    """Validate, refuse likely duplicates unless forced, and write the file without replacing any."""
    try:
        resource = validate_new(catalog, data, source=source)
        duplicates = likely_duplicates(catalog, resource)
        if duplicates and not force:
            err = error_console()
            for dup in duplicates:
                err.print(
                    Text(
                        f"likely duplicate of '{dup.existing.id}' ({dup.reason}): {dup.existing.name}, "
                        f"{dup.existing.url} - see resources/{dup.existing.id}.yaml"
                    )
                )
            err.print("not written; use --force if it really is a different resource", markup=False)
            raise SystemExit(1)
        path = write_new(root, resource)
    except ContributionError as exc:
        _report(exc)
    console().print(Text(f"wrote {path}"))


def _report(error: ContributionError) -> NoReturn:
    err = error_console()
    err.print(Text(f"error: {error}"))
    for problem in error.problems:
        if problem.path:
            err.print(Text(problem.format()))
        else:
            err.print(
                Text(f"  {problem.field}: {problem.message}" + (f" (hint: {problem.hint})" if problem.hint else ""))
            )
    raise SystemExit(1)
