"""Replace the Google Cloud rows of the estimator's grid table with a year of Google's published data.

    python scripts/update_estimator_regions.py YEAR.csv --year 2025 --source URL [--table PATH]

YEAR.csv is one of Google's yearly files (github.com/GoogleCloudPlatform/region-carbon-info,
data/yearly/), with the columns 'Google Cloud Region', 'Location', 'Google CFE' and
'Grid carbon intensity (gCO2eq / kWh)'. Every gcp-* row of the table is rewritten from it (grams
become kilograms); rows for regions the new file lacks are kept, so AWS and Azure rows that point
at them through same_grid_as keep working. Other rows are left exactly as they are.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from fmcheatsheet.fsutil import write_atomically

TABLE = Path(__file__).resolve().parent.parent / "src" / "fmcheatsheet" / "data" / "estimator" / "regions.csv"
INTENSITY = "Grid carbon intensity (gCO2eq / kWh)"


def google_rows(text: str, year: int, source: str) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            region, location = row["Google Cloud Region"], row["Location"]
            cfe, grams = row["Google CFE"], row[INTENSITY]
            kilograms = float(grams) / 1000
        except (KeyError, TypeError, ValueError) as exc:
            raise SystemExit(f"line {line}: not a row of Google's yearly region file ({exc})") from None
        rows[f"gcp-{region}"] = {
            "id": f"gcp-{region}",
            "name": f"Google Cloud {region} ({location})",
            "kind": "cloud",
            "kg_co2e_per_kwh": repr(round(kilograms, 8)),
            "year": str(year),
            "source": source,
            "same_grid_as": "",
            "location_source": "",
            "note": (
                f"Google's published 'Grid carbon intensity (gCO2eq / kWh)' for {year}: {grams} g, "
                "the average operational gross emissions per kWh of the local grid (location-based; "
                "Google's own carbon-free energy share, "
                f"{cfe}, is reported separately and not subtracted)."
            ),
        }
    if not rows:
        raise SystemExit("the file has no rows")
    return rows


def update(table: Path, text: str, year: int, source: str) -> tuple[int, int]:
    """Rewrite ``table`` in place; returns (rows replaced, rows added)."""
    if not source.startswith("https://"):
        raise SystemExit("--source must be an https:// address of the file you imported")
    with table.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        current = list(reader)
    fresh = google_rows(text, year, source)
    replaced = 0
    rows = []
    for row in current:
        if row["id"] in fresh:
            rows.append(fresh.pop(row["id"]))
            replaced += 1
        else:
            rows.append(row)
    added = len(fresh)
    rows.extend(fresh.values())
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomically(table, out.getvalue())
    return replaced, added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="one of Google's data/yearly/YEAR.csv files")
    parser.add_argument("--year", type=int, required=True, help="the year the file describes")
    parser.add_argument("--source", required=True, help="https:// address of the exact file (pin the commit)")
    parser.add_argument("--table", type=Path, default=TABLE, help="the estimator's regions.csv")
    args = parser.parse_args(argv)
    replaced, added = update(args.table, args.file.read_text(encoding="utf-8"), args.year, args.source)
    print(f"{replaced} Google Cloud rows replaced, {added} added in {args.table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
