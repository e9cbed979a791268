"""Checks that look across files: duplicates, dangling references, empty sections."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .freshness.snapshot import Snapshot, SnapshotError
from .load import CatalogReader, LoadedCatalog
from .lookalikes import TRANSLATION
from .model import Resource
from .spaces import SPACE_CLASS, strip_spaces
from .urls import normalize_url

# The name rule's data; the suggestion form receives the same (site/contributedata.py).
LEADING_ARTICLE = f"^(?:the|a|an){SPACE_CLASS}+"
_LEADING_ARTICLE = re.compile(LEADING_ARTICLE, re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)(?=[A-Z0-9(\"']|$)")
NAME_SIMILARITY = 0.92
MIN_COMPARED_NAME = 6  # shorter folded names are compared for equality only


@dataclass(frozen=True)
class DuplicatePair:
    """Two resources that look like the same thing, and why."""

    first: str
    second: str
    score: float
    reason: str


def fold_name(name: str) -> str:
    """A name reduced to what tells resources apart: no case, accents, punctuation or leading article,
    and letters of other scripts that look Latin read as the Latin letter ("Аfri" with a Cyrillic А)."""
    latin = unicodedata.normalize("NFKD", name).translate(TRANSLATION)
    return re.sub(r"[^a-z0-9]", "", _LEADING_ARTICLE.sub("", strip_spaces(latin)).lower())


def find_duplicates(resources: dict[str, Resource], all_links: bool = False) -> list[DuplicatePair]:
    """Pairs of resources sharing a normalized URL or a near-identical name, highest score first.

    By default only primary URLs are compared (two tools from one paper are not
    duplicates); ``all_links`` compares every link except papers.
    """
    pairs: dict[tuple[str, str], DuplicatePair] = {}

    def note(a: str, b: str, score: float, reason: str) -> None:
        key = (a, b) if a < b else (b, a)
        if key not in pairs or pairs[key].score < score:
            pairs[key] = DuplicatePair(key[0], key[1], score, reason)

    by_url: dict[str, list[str]] = defaultdict(list)
    for resource in resources.values():
        links = resource.links.as_dict()
        chosen = {resource.url} if not all_links else {u for k, u in links.items() if k != "paper"} | {resource.url}
        for url in chosen:
            by_url[normalize_url(url)].append(resource.id)
    for url, ids in by_url.items():
        # Each later holder of a URL is paired with its first: n-1 pairs, not n(n-1)/2, so a
        # URL shared by thousands of files costs a load no more than thousands of files.
        first, *others = sorted(set(ids))
        for second in others:
            note(first, second, 1.0, f"same URL {url}")

    folded = sorted((fold_name(r.name), r.id) for r in resources.values())
    # Near-identical names sort next to each other, so comparing neighbours is enough
    # and keeps this linear for large catalogs.
    for index, (name, rid) in enumerate(folded):
        for other_name, other_id in folded[index + 1 : index + 4]:
            score = name_similarity(name, other_name)
            if score >= NAME_SIMILARITY:
                note(rid, other_id, round(score, 3), "near-identical names")
    return sorted(pairs.values(), key=lambda p: (-p.score, p.first, p.second))


SIGNALS = {"primary": 1.0, "link": 0.8, "paper": 0.5}
_ROLE_RANK = {"primary": 0, "link": 1, "paper": 2}


def scored_duplicates(resources: dict[str, Resource], min_score: float = 0.5) -> list[DuplicatePair]:
    """Every pair of resources that may be the same thing, with a score in [0, 1].

    Same primary URL scores 1.0, another shared link 0.8, a shared paper 0.5 (one
    paper often presents several tools), near-identical names their similarity;
    each further signal adds 0.1.
    """
    signals: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)

    def note(a: str, b: str, score: float, reason: str) -> None:
        key = (a, b) if a < b else (b, a)
        if all(r != reason for _, r in signals[key]):
            signals[key].append((score, reason))

    by_url: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for resource in resources.values():
        for kind, url in resource.links.as_dict().items():
            role = "primary" if url == resource.url else ("paper" if kind == "paper" else "link")
            by_url[normalize_url(url)].append((resource.id, role))
    for url, holders in by_url.items():
        # Paired with one anchor (the first holder with the strongest role): linear in the holders.
        anchor, anchor_role = min(holders, key=lambda h: (_ROLE_RANK[h[1]], h[0]))
        for other, other_role in holders:
            if other == anchor:
                continue
            roles = (anchor_role, other_role)
            role = "primary" if roles == ("primary", "primary") else ("paper" if "paper" in roles else "link")
            note(anchor, other, SIGNALS[role], f"same {'primary URL' if role == 'primary' else role} {url}")
    folded = sorted((fold_name(r.name), r.id) for r in resources.values())
    for index, (name, rid) in enumerate(folded):
        for other_name, other_id in folded[index + 1 : index + 4]:
            score = name_similarity(name, other_name)
            if score >= 0.85:
                note(rid, other_id, round(score, 3), "similar names")
    pairs = []
    for (first, second), found in signals.items():
        found.sort(reverse=True)
        score = min(1.0, found[0][0] + 0.1 * (len(found) - 1))
        if score >= min_score:
            pairs.append(DuplicatePair(first, second, round(score, 3), "; ".join(r for _, r in found)))
    return sorted(pairs, key=lambda p: (-p.score, p.first, p.second))


def name_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return 0.0  # "Llama Guard 3" and "Llama Guard 4" are different releases
    if min(len(a), len(b)) < MIN_COMPARED_NAME:
        return 0.0
    # No junk heuristic: the site's form computes the same ratio, which has none.
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def sentence_count(text: str) -> int:
    return len([s for s in _SENTENCE_END.split(text.strip()) if s.strip()])


def cross_check(reader: CatalogReader, loaded: LoadedCatalog) -> None:
    """Add cross-file problems to the reader's report."""
    resources_dir = loaded.root / "resources"
    for pair in find_duplicates(loaded.resources):
        path = resources_dir / f"{pair.second}.yaml"
        doc = loaded.resource_lines[pair.second]
        field = "links" if pair.reason.startswith("same URL") else "name"
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
    for section in loaded.sections.values():
        path = sections_dir / f"{section.id}.yaml"
        if used[section.id] == 0:
            reader.problem(path, 1, "", f"section '{section.id}' has no resources", severity="warning")
        for index, practice in enumerate(section.practices):
            for position, ref in enumerate(practice.resources):
                if ref not in loaded.resources and not (loaded.root / "resources" / f"{ref}.yaml").exists():
                    line = loaded.section_lines[section.id].line_of(("practices", index, "resources", position))
                    reader.problem(
                        path,
                        line,
                        "practices.resources",
                        f"unknown resource id '{ref}'",
                        "name an existing file in resources/ (without .yaml)",
                    )
