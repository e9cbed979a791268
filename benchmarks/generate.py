"""Generate a synthetic catalog of N resources for benchmarks (the real phases and sections)."""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "data",
    "deduplication",
    "filter",
    "language",
    "speech",
    "vision",
    "benchmark",
    "evaluation",
    "toxicity",
    "safety",
    "corpus",
    "multilingual",
    "training",
    "efficient",
    "energy",
    "carbon",
    "licence",
    "documentation",
    "audit",
    "privacy",
    "crawl",
    "tokenizer",
    "alignment",
    "preference",
    "reward",
    "model",
    "harness",
    "leaderboard",
    "african",
    "indic",
    "arabic",
    "image",
    "video",
    "audio",
    "caption",
    "instruction",
    "synthetic",
]
TYPES = ["dataset", "library", "benchmark", "tool", "guide", "paper", "model", "leaderboard"]
MODALITIES = ["text", "vision", "speech", "video", "tabular"]
LICENCES = ["MIT", "Apache-2.0", "CC-BY-4.0", "CC-BY-NC-4.0", "GPL-3.0-only", "various"]


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
    shutil.copy(ROOT / "catalog" / "phases.yaml", target / "phases.yaml")
    shutil.copy(ROOT / "catalog" / "licences.yaml", target / "licences.yaml")
    sections = [p.stem for p in (target / "sections").glob("*.yaml")]
    resources = target / "resources"
    resources.mkdir(parents=True)
    for index in range(count):
        words = rng.sample(WORDS, 3)
        rid = f"{'-'.join(words)}-{index}"
        data = {
            "id": rid,
            "name": f"{' '.join(w.title() for w in words)} {index}",
            "description": " ".join(rng.choices(WORDS, k=28)).capitalize() + ". " + "A generated entry.",
            "type": rng.choice(TYPES),
            "sections": rng.sample(sections, rng.randint(1, 2)),
            "modalities": rng.sample(MODALITIES, rng.randint(1, 2)),
            "links": {"github": f"https://github.com/bench/{rid}"},
            "released": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}",
            "licence": rng.choice(LICENCES),
            "tags": rng.sample(WORDS, 3),
            "added": "2025-06-01",
        }
        data["links"]["paper"] = f"https://arxiv.org/abs/{2000 + index // 100000}.{index % 100000:05d}"
        (resources / f"{rid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    generate(args.target, args.count)
