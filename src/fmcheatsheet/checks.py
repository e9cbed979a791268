"""Checks that look across files: duplicates, dangling references, empty sections."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .evidence import missing_evidence, needs_citation
from .freshness.snapshot import Snapshot, SnapshotError
from .licences import licence_ids, spdx_list
from .load import CatalogReader, LoadedCatalog
from .lookalikes import TRANSLATION
from .model import MAX_CITED, Resource
from .sentences import sentences
from .spaces import SPACE_CLASS, strip_spaces
from .suggest import did_you_mean
from .urls import normalize_url
from .vocab import LICENCE_SPECIAL
from .yamlsource import YamlDocument

# The name rule's data; the suggestion form receives the same (site/contributedata.py).
LEADING_ARTICLE = f"^(?:the|a|an){SPACE_CLASS}+"
_LEADING_ARTICLE = re.compile(LEADING_ARTICLE, re.IGNORECASE)
NAME_SIMILARITY = 0.92
MIN_COMPARED_NAME = 6  # shorter folded names are compared for equality only


@dataclass(frozen=True)
class DuplicatePair:
    """Two resources that look like the same thing, and why."""

    first: str
    second: str
    score: float
    reason: str

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY_DUPLICATE


def fold_name(name: str) -> str:
    """A name reduced to what tells resources apart: no case, accents, punctuation or leading article,
    and letters of other scripts that look Latin read as the Latin letter ("Аfri" with a Cyrillic А)."""
    latin = unicodedata.normalize("NFKD", name).translate(TRANSLATION)
    return re.sub(r"[^a-z0-9]", "", _LEADING_ARTICLE.sub("", strip_spaces(latin)).lower())


# The one duplicate rule. Each shared trait is a signal with a weight; a pair's score is its
# strongest signal plus DUPLICATE_BONUS for each further one. A pair scoring at least
# LIKELY_DUPLICATE is a likely duplicate: `validate` warns, `add` and the suggestion form
# refuse it; `duplicates` lists weaker pairs too, for a curator to look at.
SIGNALS = {
    "primary": 1.0,  # one resource's main link is a link of the other
    "link": 0.6,  # both link the same page besides their main links (a shared repository, say)
    "paper": 0.5,  # the same paper (one paper often presents several resources)
    "similar-name": 0.5,  # names alike (NAME_SIMILAR) but not near-identical
}
DUPLICATE_BONUS = 0.1
LIKELY_DUPLICATE = 0.9
NAME_SIMILAR = 0.85


def link_roles(resource: Resource) -> dict[str, str]:
    """The resource's links by normal form, each with its role: primary, link or paper."""
    roles: dict[str, str] = {}
    primary = resource.url
    for kind, url in resource.links.as_dict().items():
        role = "primary" if url == primary else ("paper" if kind == "paper" else "link")
        key = normalize_url(url)
        if key not in roles or _ROLE_RANK[role] < _ROLE_RANK[roles[key]]:
            roles[key] = role
    return roles


_ROLE_RANK = {"primary": 0, "link": 1, "paper": 2}


def url_signal(role_a: str, role_b: str) -> str:
    """What two resources holding the same URL in these roles have in common."""
    if "paper" in (role_a, role_b):
        return "paper"
    return "primary" if "primary" in (role_a, role_b) else "link"


def shared_reason(signal: str, url: str) -> str:
    return f"same {'main link' if signal == 'primary' else signal} {url}"


def name_signal(a: Resource, b: Resource, folded_a: str, folded_b: str) -> tuple[str, float] | None:
    """Near-identical names score their similarity; merely similar ones a fixed weight."""
    if variant_names(a.name, b.name):
        return None
    similarity = name_similarity(folded_a, folded_b, at_least=NAME_SIMILAR)
    if similarity >= NAME_SIMILARITY:
        return "name", round(similarity, 3)
    if similarity >= NAME_SIMILAR:
        return "similar-name", SIGNALS["similar-name"]
    return None


def pair_score(weights: list[float]) -> float:
    return round(min(1.0, max(weights) + DUPLICATE_BONUS * (len(weights) - 1)), 3)


def duplicate_pairs(resources: dict[str, Resource], min_score: float = 0.5) -> list[DuplicatePair]:
    """Every pair of resources that may be the same thing, with its score and reasons, highest first."""
    signals: dict[tuple[str, str], dict[str, tuple[float, str]]] = defaultdict(dict)

    def note(a: str, b: str, signal: str, weight: float, reason: str) -> None:
        key = (a, b) if a < b else (b, a)
        if signal not in signals[key] or signals[key][signal][0] < weight:
            signals[key][signal] = (weight, reason)

    by_url: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for resource in resources.values():
        for key, role in link_roles(resource).items():
            by_url[key].append((resource.id, role))
    for url, holders in by_url.items():
        # Each holder is paired with one anchor (the strongest role, then the first id), so a URL
        # shared by thousands of files costs a load no more than thousands of files.
        anchor, anchor_role = min(holders, key=lambda h: (_ROLE_RANK[h[1]], h[0]))
        for other, other_role in holders:
            if other != anchor:
                signal = url_signal(anchor_role, other_role)
                note(
                    anchor,
                    other,
                    signal,
                    SIGNALS[signal],
                    shared_reason(signal, url),
                )
    folded = sorted((fold_name(r.name), r.id) for r in resources.values())
    # Near-identical names sort next to each other, so comparing neighbours is enough
    # and keeps this linear for large catalogs.
    for index, (name, rid) in enumerate(folded):
        for other_name, other_id in folded[index + 1 : index + 4]:
            found = name_signal(resources[rid], resources[other_id], name, other_name)
            if found:
                note(
                    rid, other_id, found[0], found[1], "near-identical names" if found[0] == "name" else "similar names"
                )
    pairs = []
    for (first, second), found_signals in signals.items():
        weights = [weight for weight, _ in found_signals.values()]
        score = pair_score(weights)
        if score >= min_score:
            reasons = "; ".join(reason for _, reason in sorted(found_signals.values(), reverse=True))
            pairs.append(DuplicatePair(first, second, score, reasons))
    return sorted(pairs, key=lambda p: (-p.score, p.first, p.second))


def find_duplicates(resources: dict[str, Resource]) -> list[DuplicatePair]:
    """The likely duplicates: pairs scoring at least LIKELY_DUPLICATE."""
    return duplicate_pairs(resources, LIKELY_DUPLICATE)


def variant_names(a: str, b: str) -> bool:
    """Names of sibling variants that differ in one single-letter word: "Open RAIL-S" and "Open RAIL-M"."""
    words_a, words_b = re.findall(r"[a-z0-9]+", a.lower()), re.findall(r"[a-z0-9]+", b.lower())
    if len(words_a) != len(words_b):
        return False
    different = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(different) == 1 and len(different[0][0]) == len(different[0][1]) == 1


def name_similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two folded names are, from 0 to 1; 0 as soon as it is certain to be below ``at_least``."""
    if a == b:
        return 1.0
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return 0.0  # "Llama Guard 3" and "Llama Guard 4" are different releases
    if min(len(a), len(b)) < MIN_COMPARED_NAME:
        return 0.0
    # No junk heuristic: the site's form computes the same ratio, which has none.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # The quick ratios are upper bounds of the ratio: most names are told apart without computing it.
    if at_least and (matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least):
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= at_least else 0.0


def sentence_count(text: str) -> int:
    return len(sentences(text))


def cross_check(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    """Add cross-file problems to the reader's report."""
    resources_dir = loaded.root / "resources"
    for pair in find_duplicates(loaded.resources):
        path = resources_dir / f"{pair.second}.yaml"
        doc = loaded.resource_lines[pair.second]
        field = "links" if pair.reason.startswith("same") else "name"
        reader.problem(
            path,
            doc.line_of((field,)),
            field,
            f"likely duplicate of '{pair.first}' ({pair.reason})",
            f"merge the two entries, or make the names and links tell them apart (see {pair.first}.yaml)",
            severity="warning",
        )
    for rid, resource in loaded.resources.items():
        count = sentence_count(resource.description)
        if count > 3:
            reader.problem(
                resources_dir / f"{rid}.yaml",
                loaded.resource_lines[rid].line_of(("description",)),
                "description",
                f"description has {count} sentences",
                "keep it to 1-3 sentences: what it is, when to use it, its caveats",
                severity="warning",
            )
    _check_sections(reader, loaded)
    _check_regulation(reader, loaded)
    _check_successors(reader, loaded)
    _check_evidence(reader, loaded)
    _check_licence_terms(reader, loaded)
    try:
        Snapshot.load(loaded.root)
    except SnapshotError as exc:
        for problem in exc.problems:
            reader.problem(exc.path, problem.line, problem.field, problem.message, problem.hint)


def _check_sections(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    used: dict[str, int] = defaultdict(int)
    for resource in loaded.resources.values():
        for section_id in resource.sections:
            used[section_id] += 1
    sections_dir = loaded.root / "sections"
    entries = {entry.id: entry.kind for entry in loaded.regulation.entries}
    for section in loaded.sections.values():
        path = sections_dir / f"{section.id}.yaml"
        doc = loaded.section_lines[section.id]
        if used[section.id] == 0:
            reader.problem(path, 1, "", f"section '{section.id}' has no resources", severity="warning")
        if section.reviewed is None:
            reader.problem(
                path,
                doc.line_of(("id",)),
                "reviewed",
                "the guidance has no review date",
                "check its claims against their sources, then set reviewed: YYYY-MM-DD",
                severity="warning",
            )
        for index, practice in enumerate(section.practices):
            where: tuple[str | int, ...] = ("practices", index)
            _check_citations(reader, loaded, path, doc, where, practice.resources)
            _check_required_by(reader, loaded, path, doc, where, practice.required_by, entries)
            for number, step in enumerate(practice.steps):
                step_at = (*where, "steps", number)
                _check_citations(reader, loaded, path, doc, step_at, step.resources)
                _check_required_by(reader, loaded, path, doc, step_at, step.required_by, entries)


def _check_citations(
    reader: CatalogReader,
    loaded: LoadedCatalog,
    path: Path,
    doc: YamlDocument,
    where: tuple[str | int, ...],
    cited: list[str],
) -> None:
    field = ".".join(str(part) for part in where if isinstance(part, str)) + ".resources"
    for position, ref in enumerate(cited):
        if ref not in loaded.resources and not (loaded.root / "resources" / f"{ref}.yaml").exists():
            reader.problem(
                path,
                doc.line_of((*where, "resources", position)),
                field,
                f"unknown resource id '{ref}'",
                "name an existing file in resources/ (without .yaml)",
            )
    if len(cited) > MAX_CITED:
        reader.problem(
            path,
            doc.line_of((*where, "resources")),
            field,
            f"cites {len(cited)} resources",
            f"keep the {MAX_CITED} that best implement it; readers cannot weigh a longer list",
            severity="warning",
        )


def _check_required_by(
    reader: CatalogReader,
    loaded: LoadedCatalog,
    path: Path,
    doc: YamlDocument,
    where: tuple[str | int, ...],
    required_by: list[str],
    entries: dict[str, str],
) -> None:
    field = ".".join(str(part) for part in where if isinstance(part, str)) + ".required_by"
    for position, ref in enumerate(required_by):
        line = doc.line_of((*where, "required_by", position))
        if ref not in entries:
            guess = did_you_mean(ref, sorted(entries)) if entries else None
            reader.problem(
                path,
                line,
                field,
                f"unknown timeline entry '{ref}'",
                (f"did you mean '{guess}'? " if guess else "") + "name an entry id of regulation.yaml",
            )
        elif entries[ref] != "law":
            reader.problem(
                path,
                line,
                field,
                f"timeline entry '{ref}' is {entries[ref]}, not a law",
                "only laws make a practice required; name the law the entry implements",
            )


def _check_regulation(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    doc = loaded.regulation_lines
    if doc is None:
        return
    path = loaded.root / "regulation.yaml"
    kinds = {entry.id: entry.kind for entry in loaded.regulation.entries}
    for index, entry in enumerate(loaded.regulation.entries):
        _check_citations(reader, loaded, path, doc, ("entries", index), entry.resources)
        for position, ref in enumerate(entry.implements):
            if kinds.get(ref) != "law":
                what = f"is {kinds[ref]}, not a law" if ref in kinds else "does not exist"
                reader.problem(
                    path,
                    doc.line_of(("entries", index, "implements", position)),
                    "entries.implements",
                    f"timeline entry '{ref}' {what}",
                    "name the id of a law entry in this file",
                )


def _check_successors(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    resources_dir = loaded.root / "resources"
    for rid, resource in loaded.resources.items():
        if resource.successor is None:
            continue
        path = resources_dir / f"{rid}.yaml"
        line = loaded.resource_lines[rid].line_of(("successor",))
        if resource.successor not in loaded.resources:
            if not (resources_dir / f"{resource.successor}.yaml").exists():
                reader.problem(
                    path, line, "successor", f"unknown resource id '{resource.successor}'", "name an existing entry"
                )
            continue
        chain = [rid]
        current: str | None = resource.successor
        while current is not None and current in loaded.resources and current not in chain:
            chain.append(current)
            current = loaded.resources[current].successor
        # Report a cycle once, at the entry whose id sorts first in it.
        if current is not None and current == rid and rid == min(chain):
            reader.problem(
                path,
                line,
                "successor",
                "successors form a cycle: " + " -> ".join([*chain, rid]),
                "the newest entry in the chain has no successor",
            )


def _check_evidence(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    """Warnings in default mode, errors under --strict: unverified entries and unsourced facts."""
    resources_dir = loaded.root / "resources"
    for rid, resource in loaded.resources.items():
        path = resources_dir / f"{rid}.yaml"
        doc = loaded.resource_lines[rid]
        if resource.verified is None:
            reader.problem(
                path,
                doc.line_of(("id",)),
                "verified",
                "entry has never been verified against its sources",
                "check each fact, record evidence, then set verified: YYYY-MM-DD (see catalog/CURATION.md)",
                severity="warning",
                topic="evidence",
            )
        gaps = missing_evidence(resource)
        if gaps:
            reader.problem(
                path,
                doc.line_of((gaps[0],)),
                "evidence",
                "no evidence for " + ", ".join(gaps),
                "add under evidence: the URL of a page that states each fact",
                severity="warning",
                topic="evidence",
            )
        if needs_citation(resource):
            reader.problem(
                path,
                doc.line_of(("links", "paper")),
                "citation",
                "paper link without a citation",
                "add citation: with the paper's authors ('Family, Given') and title",
                severity="warning",
                topic="evidence",
            )


def _check_licence_terms(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    """Every licence a resource names has its text and conditions in licences.yaml (the licence check needs them)."""
    used: dict[str, str] = {}
    for rid, resource in sorted(loaded.resources.items()):
        if resource.licence is None or resource.licence in LICENCE_SPECIAL:
            continue
        for name in licence_ids(resource.licence):
            if name not in spdx_list().exceptions:
                used.setdefault(name, rid)
    path = loaded.root / "licences.yaml"
    for name, first in sorted(used.items()):
        entry = loaded.licences.get(name)
        if entry is None or entry.conditions is None:
            reader.problem(
                path,
                None,
                "licences",
                f"licence '{name}' (used by {first}) has no conditions recorded",
                f"add an entry with `id: {name}`, its `url` and `conditions:` so the licence check can use it",
                severity="warning",
                topic="evidence",
            )
        elif entry.url is None:
            reader.problem(
                path,
                None,
                "licences",
                f"licence '{name}' has no url",
                "add the address of the licence text",
                "warning",
                topic="evidence",
            )
