"""Record dated `changes` in resource files whose facts changed since a git revision.

    python scripts/record_changes.py --since REV [--date YYYY-MM-DD] [--catalog catalog] [--dry-run]

For every resource file that exists both at REV and now, the fields whose values
differ (ignoring bookkeeping: verified, evidence, changes, added, featured) are
recorded as one change on the given day (default today), so the catalog's feeds can
announce the update. Files with comments are listed but not rewritten: add their
change by hand. Files already carrying a change on that day are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from fmcheatsheet.canonical import format_text
from fmcheatsheet.fsutil import write_atomically
from fmcheatsheet.model import CHANGE_FIELDS


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [name for name in CHANGE_FIELDS if old.get(name) != new.get(name)]


def previous_text(revision: str, path: Path) -> str | None:
    found = subprocess.run(
        ["git", "show", f"{revision}:{path.as_posix()}"], capture_output=True, text=True, check=False
    )
    return found.stdout if found.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", required=True, help="git revision to compare with")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="day of the change (YYYY-MM-DD)")
    parser.add_argument("--catalog", default="catalog", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    day = dt.date.fromisoformat(args.date).isoformat()
    recorded = skipped = 0
    for path in sorted((args.catalog / "resources").glob("*.yaml")):
        before = previous_text(args.since, path)
        if before is None:
            continue  # a new entry: its `added` date announces it
        text = path.read_text(encoding="utf-8")
        old, new = yaml.safe_load(before), yaml.safe_load(text)
        fields = changed_fields(old, new)
        # YAML reads an unquoted date as a date object: compare as text.
        if not fields or any(str(change.get("date")) == day for change in new.get("changes", [])):
            continue
        if any(line.lstrip().startswith("#") for line in text.splitlines()):
            print(f"{path}: has comments; add `changes: [{{date: {day}, fields: {fields}}}]` by hand")
            skipped += 1
            continue
        new.setdefault("changes", []).append({"date": day, "fields": fields})
        print(f"{path}: {', '.join(fields)}")
        recorded += 1
        if not args.dry_run:
            write_atomically(path, format_text(yaml.safe_dump(new, sort_keys=False, allow_unicode=True), "resource"))
    print(f"{recorded} changes recorded, {skipped} files to do by hand")
    return 0


if __name__ == "__main__":
    sys.exit(main())
