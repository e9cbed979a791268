from __future__ import annotations

from pathlib import Path

import click

from ...licence_check import check, licence_summary_markdown
from ...plan import RELEASES, STAGES, make_plan, plan_markdown
from ...serialize import resource_dict
from ..options import catalog_option, load
from ..output import print_json


@click.command()
@click.option("--modality", "modalities", multiple=True, required=True, help="Modality (repeatable).")
@click.option("--language", "languages", multiple=True, help="ISO 639 code of a language served (repeatable).")
@click.option(
    "--stage",
    "stages",
    multiple=True,
    type=click.Choice(list(STAGES)),
    help="Stage of the project (repeatable; default: all).",
)
@click.option("--release", type=click.Choice(list(RELEASES)), help="How the model will be released.")
@click.option(
    "--licences",
    "with_licences",
    is_flag=True,
    help="Add a licence check of the suggested resources (add --commercial for a commercial project).",
)
@click.option("--commercial", is_flag=True, help="With --licences: the project is commercial.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")
@catalog_option
def plan(
    modalities: tuple[str, ...],
    languages: tuple[str, ...],
    stages: tuple[str, ...],
    release: str | None,
    with_licences: bool,
    commercial: bool,
    as_json: bool,
    catalog_dir: Path | None,
) -> None:
    """A checklist per phase: best practices and the resources that fit your project (Markdown).

    Release sections contribute checkable steps (model card contents, evaluation report,
    energy and compute, training-data summary, weights, environment, policies, reporting
    channel, changelog), each with the resources that implement it and the laws that
    require it."""
    catalog = load(catalog_dir)
    result = make_plan(catalog, list(modalities), list(languages), list(stages) or None, release)
    suggested = result.suggested_ids()
    licences = check(catalog, suggested, commercial) if with_licences and suggested else None
    if as_json:
        print_json(
            {
                "modalities": result.modalities,
                "languages": result.languages,
                "stages": result.stages,
                "release": result.release,
                "phases": [
                    {
                        "id": phase.id,
                        "title": phase.title,
                        "sections": [
                            {
                                "id": s.id,
                                "title": s.title,
                                "practices": [p.model_dump() for p in s.practices],
                                "resources": [resource_dict(catalog, r) for r in s.resources],
                            }
                            for s in phase.sections
                        ],
                    }
                    for phase in result.phases
                ],
                "obligations": {
                    eid: entry.model_dump(include={"title", "jurisdiction", "applies", "source"})
                    for eid, entry in result.obligations.items()
                },
            }
            | ({"licence_check": licences} if licences is not None else {})
        )
        return
    click.echo(plan_markdown(result), nl=False)
    if licences is not None:
        click.echo(licence_summary_markdown(licences), nl=False)
