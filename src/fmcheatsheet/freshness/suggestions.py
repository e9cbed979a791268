"""What a curator should look at: mismatches between the catalog and the snapshot.

Nothing here changes a resource file; each suggestion says what to check and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from .records import ResourceFacts
from .snapshot import Snapshot


@dataclass(frozen=True)
class Suggestion:
    resource: str
    field: str
    current: str
    suggested: str
    reason: str


def suggestions(catalog: Catalog, snapshot: Snapshot) -> list[Suggestion]:
    found: list[Suggestion] = []
    for resource in catalog:
        rid = resource.id
        facts = snapshot.metadata.get(rid, ResourceFacts())
        repo = facts.github
        if repo and repo.licence and repo.licence != resource.licence:
            found.append(
                Suggestion(
                    rid,
                    "licence",
                    resource.licence or "(none)",
                    repo.licence,
                    f"GitHub reports {repo.licence} for {repo.repo}",
                )
            )
        hub = facts.huggingface
        if hub and hub.licence and not resource.licence:
            found.append(
                Suggestion(
                    rid,
                    "licence",
                    "(none)",
                    hub.licence,
                    "the Hugging Face card's licence tag (map it to an SPDX id)",
                )
            )
        if hub and hub.gated and resource.access != "gated":
            found.append(
                Suggestion(rid, "access", resource.access or "(none)", "gated", "the Hugging Face repository is gated")
            )
        paper = facts.arxiv
        published = paper.published if paper else None
        paper_id = paper.id if paper else ""
        if published and not resource.released:
            found.append(
                Suggestion(
                    rid,
                    "released",
                    "(none)",
                    published[:7],
                    f"first arXiv version of {paper_id} (check it is also the release)",
                )
            )
        elif published and resource.type == "paper" and resource.released and resource.released[:7] != published[:7]:
            found.append(
                Suggestion(rid, "released", resource.released, published[:7], f"first arXiv version of {paper_id}")
            )
        if repo and repo.archived:
            found.append(
                Suggestion(
                    rid, "description", "", "mention that the repository is archived", f"{repo.repo} is archived"
                )
            )
        for kind, check in sorted(snapshot.links.get(rid, {}).items()):
            if check.permanent:
                found.append(Suggestion(rid, f"links.{kind}", check.url, check.permanent, "permanent redirect"))
            elif check.status == "broken":
                found.append(
                    Suggestion(
                        rid,
                        f"links.{kind}",
                        check.url,
                        "(find the new address or remove)",
                        check.message or "broken",
                    )
                )
    return found
