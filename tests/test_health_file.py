"""catalog/health.json is validated like every catalog file, and the site renders whatever a valid one holds."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import get_args

from fmcheatsheet.freshness.records import LinkType
from fmcheatsheet.vocab import LINK_TYPES
from tests.conftest import run_cli
from tests.factory import resource


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_check_of_an_unreachable_link_never_breaks_the_next_build(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    """Links with no HTTP answer are saved without a code; the site must build from that file."""
    root = make_catalog(
        [resource("offline", name="Offline Tool", links={"website": f"http://127.0.0.1:{unused_port()}/"})]
    )
    checked = run_cli("check-links", "--allow-private", "--retries", "0", "--timeout", "1", "--catalog", str(root))
    assert checked.code == 1  # the link is unreachable
    saved = json.loads((root / "health.json").read_text(encoding="utf-8"))
    assert "code" not in saved["links"]["offline"]["website"]
    assert run_cli("validate", "--catalog", str(root)).code == 0
    built = run_cli("build", "--catalog", str(root), "-o", str(tmp_path / "site"))
    assert built.code == 0, built.err
    page = (tmp_path / "site" / "resources" / "offline" / "index.html").read_text(encoding="utf-8")
    assert "link problem" in page and "— error," in page


def test_records_with_only_their_required_fields_render(make_catalog: Callable[..., Path], tmp_path: Path) -> None:
    root = make_catalog([resource("tool", links={"github": "https://github.com/org/tool", "paper": "2301.00001"})])
    health = {
        "version": 1,
        "links": {
            "tool": {"github": {"url": "https://github.com/org/tool", "status": "timeout", "checked": "2026-01-02"}}
        },
        "metadata": {
            "tool": {
                "github": {"repo": "org/tool", "checked": "2026-01-02"},
                "arxiv": {"id": "2301.00001", "checked": "2026-01-02"},
            }
        },
    }
    (root / "health.json").write_text(json.dumps(health), encoding="utf-8")
    built = run_cli("build", "--catalog", str(root), "-o", str(tmp_path / "site"))
    assert built.code == 0, built.err
    page = (tmp_path / "site" / "resources" / "tool" / "index.html").read_text(encoding="utf-8")
    assert "? stars" in page and "timeout" in page
    suggested = run_cli("enrich", "--offline", "--suggest", "--json", "--catalog", str(root))
    assert suggested.code == 0, suggested.err


def test_an_invalid_health_file_stops_every_command_with_its_line(
    make_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_catalog([resource("tool")])
    (root / "health.json").write_text(
        '{"version": 1,\n "metadata": {"tool": {"github": {"repo": "a/b", "checked": "2026-01-02",\n'
        '  "pushed_at": "garbage"}}}}\n',
        encoding="utf-8",
    )
    for command in (["validate"], ["build", "-o", str(tmp_path / "site")], ["check-links", "--only", "tool"]):
        result = run_cli(*command, "--catalog", "catalog", cwd=root.parent)
        assert result.code == 1, (command, result.out, result.err)
        output = result.out + result.err
        assert "catalog/health.json:3: metadata.tool.github.pushed_at: date 'garbage' is not YYYY-MM-DD" in output
        assert "internal error" not in output and "Traceback" not in output


def test_link_types_in_health_records_are_the_catalog_link_types() -> None:
    assert set(get_args(LinkType)) == set(LINK_TYPES)
