"""Generate a synthetic catalog of N resources for benchmarks.

Each generated resource is a variation of a real one from the bundled catalog:
its name gets a numbered suffix, its description keeps the real vocabulary with
words reordered, and tags, sections, modalities and type are kept. Word
frequencies therefore follow the real catalog's long-tailed distribution, which
is what search and build times depend on, rather than a uniform toy vocabulary.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LICENCES = ["MIT", "Apache-2.0", "CC-BY-4.0", "CC-BY-NC-4.0", "GPL-3.0-only", "various"]


def _templates() -> list[dict[str, object]]:
    found = []
    for path in sorted((ROOT / "catalog" / "resources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append(data)
    return found


def _shuffled_sentence(rng: random.Random, text: str) -> str:
    words = text.split()
    middle = words[1:-1]
    rng.shuffle(middle)
    return " ".join([words[0], *middle, words[-1]]) if len(words) > 2 else text


def generate(target: Path, count: int, seed: int = 7) -> Path:
    """Write a catalog with ``count`` resources into ``target`` and return it."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    # Sections keep their scope but not their practices, whose resource ids exist
    # only in the real catalog.
    (target / "sections").mkdir(parents=True)
    for path in (ROOT / "catalog" / "sections").glob("*.yaml"):
        section = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = {key: section[key] for key in ("id", "title", "scope")}
        (target / "sections" / path.name).write_text(yaml.safe_dump(kept, sort_keys=False), encoding="utf-8")
    for name in ("phases.yaml", "licences.yaml", "vocabulary.yaml"):
        shutil.copy(ROOT / "catalog" / name, target / name)
    templates = _templates()
    resources = target / "resources"
    resources.mkdir(parents=True)
    for index in range(count):
        base = templates[index % len(templates)]
        rid = f"{base['id']}-{index}"
        data = {
            "id": rid,
            "name": f"{base['name']} {index}",
            "description": _shuffled_sentence(rng, str(base["description"])),
            "type": base["type"],
            "sections": base["sections"],
            "modalities": base["modalities"],
            "links": {"github": f"https://github.com/bench/{rid}"},
            "released": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}",
            "licence": rng.choice(LICENCES),
            "tags": base.get("tags", []),
            "added": "2025-06-01",
        }
        if "languages" in base:
            data["languages"] = base["languages"]
        (resources / f"{rid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    generate(args.target, args.count)
