"""What a curator should look at: mismatches between the catalog and the snapshot.

Nothing here changes a resource file; each suggestion says what to check and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
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
        facts = snapshot.metadata.get(rid, {})
        repo = facts.get("github")
        if repo and repo.get("licence") and repo["licence"] != resource.licence:
            found.append(
                Suggestion(
                    rid,
                    "licence",
                    resource.licence or "(none)",
                    repo["licence"],
                    f"GitHub reports {repo['licence']} for {repo.get('repo')}",
                )
            )
        hub = facts.get("huggingface")
        if hub and hub.get("licence") and not resource.licence:
            found.append(
                Suggestion(
                    rid,
                    "licence",
                    "(none)",
                    str(hub["licence"]),
                    "the Hugging Face card's licence tag (map it to an SPDX id)",
                )
            )
        if hub and hub.get("gated") and resource.access != "gated":
            found.append(
                Suggestion(rid, "access", resource.access or "(none)", "gated", "the Hugging Face repository is gated")
            )
        paper = facts.get("arxiv") or {}
        published = paper.get("published")
        if published and not resource.released:
            found.append(
                Suggestion(
                    rid,
                    "released",
                    "(none)",
                    published[:7],
                    f"first arXiv version of {paper.get('id')} (check it is also the release)",
                )
            )
        elif published and resource.type == "paper" and resource.released and resource.released[:7] != published[:7]:
            found.append(
                Suggestion(
                    rid, "released", resource.released, published[:7], f"first arXiv version of {paper.get('id')}"
                )
            )
        if repo and repo.get("archived"):
            found.append(
                Suggestion(
                    rid, "description", "", "mention that the repository is archived", f"{repo.get('repo')} is archived"
                )
            )
        for kind, check in sorted(snapshot.links.get(rid, {}).items()):
            if check.get("permanent"):
                found.append(Suggestion(rid, f"links.{kind}", check["url"], check["permanent"], "permanent redirect"))
            elif check.get("status") == "broken":
                found.append(
                    Suggestion(
                        rid,
                        f"links.{kind}",
                        check["url"],
                        "(find the new address or remove)",
                        check.get("message") or "broken",
                    )
                )
    return found
