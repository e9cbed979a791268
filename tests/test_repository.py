"""The project's contract with contributors: README commands, CI entry point, workflows, hooks, docs."""

from __future__ import annotations

from pathlib import Path

import yaml

from fmcheatsheet.cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].startswith("make serve")
    assert block[1].startswith("make test")
    assert lines.index("```sh") < 5


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.strip().splitlines()[-1] == "make test"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"fmcheatsheet {name}" in readme, name


def test_pull_request_workflows_check_the_catalog_and_run_the_tests() -> None:
    catalog = yaml.safe_load((ROOT / ".github" / "workflows" / "catalog.yml").read_text(encoding="utf-8"))
    steps = " ".join(step.get("run", "") for step in catalog["jobs"]["check"]["steps"])
    assert "fmcheatsheet validate --strict" in steps and "fmcheatsheet fmt --check" in steps
    assert catalog[True]["pull_request"]["paths"] == ["catalog/**"]  # YAML 1.1 reads `on` as true
    tests = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    assert any(step.get("run") == ".ci/run" for step in tests["jobs"]["test"]["steps"])


def test_pre_commit_runs_validate_and_fmt_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert any("validate --strict" in e for e in entries) and any("fmt --check" in e for e in entries)


def test_editors_are_pointed_at_the_schema() -> None:
    settings = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert "catalog/schema/resource.schema.json" in settings
    assert (ROOT / "catalog" / "schema" / "resource.schema.json").is_file()


def test_citation_file_names_the_paper_and_its_authors_as_the_site_does() -> None:
    from fmcheatsheet import __version__
    from fmcheatsheet.paper import PAPER, PAPER_AUTHORS

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == __version__
    cited = cff["preferred-citation"]
    assert cited["title"] == PAPER["title"] and cited["url"] == PAPER["url"] and cited["journal"] == PAPER["venue"]
    names = [f"{a['given-names']} {a['family-names']}" for a in cited["authors"]]
    assert names == list(PAPER_AUTHORS)
