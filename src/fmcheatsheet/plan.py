"""A project checklist: the practices and resources that matter for what a team is building.

The user states modalities, languages, stages (pretraining, fine-tuning, evaluation,
release) and how the model will be released. Each stage brings in sections; the
release type decides which release sections apply. Within a section, resources that
serve none of the chosen modalities are left out, and the rest are ranked: a resource
covering one of the chosen languages first, then multilingual resources when a
language other than English was asked for, then the section's highlights.

Practices that are checklists (the release sections) contribute their steps, each a
checkbox naming the resources that implement it; practices and steps that a law
requires say which timeline entry requires them and from when. The steps are the
ones in the section files: the plan never keeps a list of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .errors import UnknownValue
from .languages import check_language_code, language_name
from .model import Obligation, Practice, Resource
from .suggest import suggestions
from .vocab import LICENSED_TYPES

STAGES = {
    "pretraining": [
        "pretraining-data",
        "data-exploration",
        "data-cleaning",
        "deduplication",
        "decontamination",
        "data-auditing",
        "data-documentation",
        "data-governance",
        "pretraining-repos",
        "training-efficiency",
        "educational-resources",
        "estimating-impact",
        "efficient-resource-use",
    ],
    "fine-tuning": [
        "finetuning-data",
        "data-exploration",
        "data-cleaning",
        "decontamination",
        "data-auditing",
        "data-documentation",
        "finetuning-repos",
        "training-efficiency",
        "estimating-impact",
    ],
    "evaluation": ["capabilities", "risk-taxonomies", "risk-evaluation", "decontamination", "reproducibility"],
    "release": ["model-documentation", "data-documentation", "data-governance", "reproducibility"],
}
RELEASES = {
    "open-weights": ["license-selection", "usage-monitoring", "reproducibility"],
    "api": ["usage-monitoring", "risk-evaluation"],
    "internal": [],
}
# Languages whose communities have regional catalogs and tags in the catalog.
REGIONS = {
    "african-languages": {
        "af",
        "am",
        "bm",
        "ee",
        "ff",
        "ha",
        "ig",
        "kg",
        "ki",
        "rw",
        "lg",
        "ln",
        "mg",
        "ny",
        "om",
        "rn",
        "sn",
        "so",
        "st",
        "sw",
        "ti",
        "tn",
        "ts",
        "tw",
        "wo",
        "xh",
        "yo",
        "zu",
        "pcm",
        "fon",
        "kin",
        "luo",
        "twi",
    },
    "indic": {"as", "bn", "gu", "hi", "kn", "ks", "ml", "mr", "ne", "or", "pa", "sa", "sd", "si", "ta", "te", "ur"},
    "arabic": {"ar", "arz", "ary", "apc"},
    "southeast-asia": {"id", "ms", "th", "vi", "tl", "fil", "my", "km", "lo", "jv", "su"},
}
PER_SECTION = 5
# How a section's resources are ranked for a project (highest total first, then the section's own
# highlights, then by name). The browser's checklist reads the same numbers from plan.json.
WEIGHTS = {
    "language": 4,  # covers one of the project's languages other than English
    "region": 3,  # tagged for a region where one of those languages is spoken
    "multilingual": 2,  # multilingual, when the project is not English-only
    "english_only": -2,  # English-only, when the project is not
    "exact_modalities": 1,  # made for exactly the chosen modalities, not a generic multi-modal tool
}


@dataclass
class PlanSection:
    id: str
    title: str
    practices: list[Practice]
    resources: list[Resource]


@dataclass
class PlanPhase:
    id: str
    title: str
    sections: list[PlanSection] = field(default_factory=list)


@dataclass
class Plan:
    modalities: list[str]
    languages: list[str]
    stages: list[str]
    release: str | None
    phases: list[PlanPhase]
    # What the practices and steps of the plan refer to: the resources their steps cite and
    # the timeline entries that require them.
    cited: dict[str, Resource] = field(default_factory=dict)
    obligations: dict[str, Obligation] = field(default_factory=dict)

    def suggested_ids(self) -> list[str]:
        """The data, models and tools the plan suggests starting with, once each, in plan order:
        what a licence check of the plan should look at (guides and papers are left out)."""
        found: list[str] = []
        for phase in self.phases:
            for section in phase.sections:
                found += [r.id for r in section.resources if r.id not in found and r.type in LICENSED_TYPES]
        return found

    def steps(self) -> int:
        """How many checkboxes the plan has: one per step, or per practice without steps."""
        return sum(len(p.steps) or 1 for phase in self.phases for s in phase.sections for p in s.practices)


def make_plan(
    catalog: Catalog,
    modalities: list[str],
    languages: list[str] | None = None,
    stages: list[str] | None = None,
    release: str | None = None,
) -> Plan:
    """The checklist for a project, phase by phase."""
    languages = languages or []
    stages = stages or list(STAGES)
    _check(catalog, modalities, languages, stages, release)
    wanted: list[str] = []
    for stage in stages:
        wanted += STAGES[stage]
    if release is not None:
        wanted += RELEASES[release]
    chosen = set(wanted)
    phases: list[PlanPhase] = []
    for phase in catalog.phases:
        plan_phase = PlanPhase(phase.id, phase.title)
        for sid in phase.sections:
            if sid not in chosen:
                continue
            section = catalog.sections[sid]
            plan_phase.sections.append(
                PlanSection(sid, section.title, section.practices, _resources(catalog, sid, modalities, languages))
            )
        if plan_phase.sections:
            phases.append(plan_phase)
    practices = [p for phase in phases for s in phase.sections for p in s.practices]
    cited = {rid: catalog.resources[rid] for p in practices for step in p.steps for rid in step.resources}
    obligations = {eid: catalog.obligation(eid) for p in practices for eid in p.obligations}
    return Plan(modalities, languages, stages, release, phases, cited, obligations)


def _check(
    catalog: Catalog, modalities: list[str], languages: list[str], stages: list[str], release: str | None
) -> None:
    from .vocab import MODALITIES

    if not modalities:
        raise UnknownValue("modality", "(none)", list(MODALITIES))
    for modality in modalities:
        if modality not in MODALITIES:
            raise UnknownValue("modality", modality, suggestions(modality, MODALITIES))
    for stage in stages:
        if stage not in STAGES:
            raise UnknownValue("stage", stage, suggestions(stage, STAGES) or list(STAGES))
    if release is not None and release not in RELEASES:
        raise UnknownValue("release type", release, suggestions(release, RELEASES) or list(RELEASES))
    for code in languages:
        try:
            check_language_code(code)
        except ValueError as exc:
            raise UnknownValue("language code", code, []) from exc


def _resources(catalog: Catalog, section_id: str, modalities: list[str], languages: list[str]) -> list[Resource]:
    non_english = [code for code in languages if code not in ("en", "eng")]
    regions = {tag for tag, codes in REGIONS.items() if codes & set(non_english)}
    highlight = {r.id: i for i, r in enumerate(catalog.highlights(section_id, len(catalog)))}
    scored: list[tuple[int, int, str, Resource]] = []
    for resource in catalog.in_section(section_id):
        # A plan recommends what to use now: deprecated and retired entries are left out.
        if resource.status != "active" or not set(resource.modalities) & set(modalities):
            continue
        codes = set(resource.languages.codes) if resource.languages else set()
        coverage = resource.languages.coverage if resource.languages else None
        matches = {
            "language": bool(codes & set(non_english)),
            "region": bool(regions & set(resource.tags)),
            "multilingual": bool(non_english) and coverage == "multilingual",
            "english_only": bool(non_english) and coverage == "english-only",
            "exact_modalities": set(resource.modalities) <= set(modalities) and len(modalities) < 3,
        }
        score = sum(WEIGHTS[rule] for rule, matched in matches.items() if matched)
        scored.append((-score, highlight.get(resource.id, 10_000), resource.name.lower(), resource))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:PER_SECTION]]


def plan_markdown(plan: Plan, base_url: str = "") -> str:
    """The checklist as Markdown with checkboxes, for a README or an issue."""
    langs = ", ".join(f"{language_name(c)} ({c})" for c in plan.languages) or "any"
    lines = [
        "# Project checklist",
        "",
        f"Modalities: {', '.join(plan.modalities)}. Languages: {langs}. Stages: {', '.join(plan.stages)}."
        + (f" Release: {plan.release}." if plan.release else ""),
    ]
    for phase in plan.phases:
        lines += ["", f"## {phase.title}"]
        for section in phase.sections:
            lines += ["", f"### {section.title}", ""]
            for practice in section.practices:
                lines += _practice_markdown(plan, practice, base_url)
            if section.resources:
                lines += ["", "Start with:", ""]
                for r in section.resources:
                    page = f" ([entry]({base_url}resources/{r.id}/))" if base_url else ""
                    lines.append(f"- [{r.name}]({r.url}){page}: {r.description}")
    return "\n".join(lines) + "\n"


def _practice_markdown(plan: Plan, practice: Practice, base_url: str) -> list[str]:
    if not practice.steps:
        return [f"- [ ] **{practice.title}** {practice.text}{_required(plan, practice.required_by)}"]
    lines = [f"- **{practice.title}** {practice.text}{_required(plan, practice.required_by)}"]
    for step in practice.steps:
        tools = [plan.cited[rid] for rid in step.resources if rid in plan.cited]
        with_tools = " With: " + ", ".join(f"[{r.name}]({r.url})" for r in tools) + "." if tools else ""
        lines.append(f"  - [ ] {step.text}{with_tools}{_required(plan, step.required_by)}")
    return lines


def _required(plan: Plan, entry_ids: list[str]) -> str:
    entries = [plan.obligations[eid] for eid in entry_ids if eid in plan.obligations]
    if not entries:
        return ""
    return " *Required by: " + "; ".join(f"{e.title} ({e.jurisdiction}, from {e.applies})" for e in entries) + ".*"
