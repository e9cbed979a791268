"""Report how much of a list of published cheatsheet entries the catalog covers.

Usage: python scripts/upstream_coverage.py FACTS.json [--catalog DIR]

FACTS.json is a list of objects with a `name` and a `links` mapping (the facts of
the public cheatsheet site). An entry counts as covered when one of its links
matches a catalog link after URL normalisation, or its folded name matches a
catalog resource's name exactly or nearly (a corrected typo in a name). Entries
that share a normalised link or name count as one resource. Prints the coverage
and every entry that is missing; exits 1 when anything is missing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from fmcheatsheet import Catalog
from fmcheatsheet.checks import fold_name
from fmcheatsheet.urls import normalize_url

NEAR_NAME = 0.9


def _links(entry: dict[str, object]) -> dict[str, str]:
    links = entry.get("links", {})
    return {str(k): str(v) for k, v in links.items()} if isinstance(links, dict) else {}


def unique_entries(entries: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    """Group entries that share a normalised link or a folded name (union-find)."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        keys = [f"name:{fold_name(str(entry['name']))}"]
        keys += [f"url:{normalize_url(str(u))}" for u in _links(entry).values()]
        for key in keys:
            if key in seen:
                parent[find(index)] = find(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[dict[str, object]]] = {}
    for index, entry in enumerate(entries):
        groups.setdefault(find(index), []).append(entry)
    return list(groups.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=Path)
    parser.add_argument("--catalog", type=Path, default=None)
    args = parser.parse_args()
    entries = json.loads(args.facts.read_text(encoding="utf-8"))
    catalog = Catalog.load(args.catalog)
    urls = {normalize_url(u) for r in catalog for u in r.links.as_dict().values()}
    names = {fold_name(r.name) for r in catalog}
    groups = unique_entries(entries)

    def covered(entry: dict[str, object]) -> bool:
        name = fold_name(str(entry["name"]))
        links = _links(entry).values()
        return bool(
            name in names
            or difflib.get_close_matches(name, names, n=1, cutoff=NEAR_NAME)
            or any(normalize_url(str(u)) in urls for u in links)
        )

    missing = [group for group in groups if not any(covered(e) for e in group)]
    entries_covered = sum(1 for e in entries if covered(e))
    share = 100 * (len(groups) - len(missing)) / len(groups)
    found = len(groups) - len(missing)
    print(f"{len(entries)} entries, {len(groups)} unique resources, {found} covered ({share:.1f}%)")
    print(f"entries matched one by one: {entries_covered} of {len(entries)}")
    for entry in entries:
        if not covered(entry):
            print("entry not matched on its own:", entry["name"], _links(entry))
    for group in missing:
        print("missing:", " | ".join(str(e["name"]) for e in group), _links(group[0]))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
