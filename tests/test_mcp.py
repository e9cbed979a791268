"""The MCP server, started as a real subprocess and driven by the official SDK's client over stdio."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import pytest
from anyio.from_thread import start_blocking_portal

from fmcheatsheet.cli.commands import load_command
from fmcheatsheet.mcp_server import TOOLS, input_schema
from tests.conftest import run_cli
from tests.factory import resource

# The SDK takes 0.6 s of CPU to import: only the process that runs these tests pays for it, not every
# test process that collects them.
if TYPE_CHECKING:
    from mcp import ClientSession

Session = Callable[["ClientSession"], Awaitable[Any]]
Served = Callable[[Session], Any]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.factory import write_catalog

    return write_catalog(
        tmp_path_factory.mktemp("mcp"),
        [
            resource(
                "text-dedup", tags=["dedup", "minhash"], description="Near-duplicate removal for web text at scale."
            ),
            resource("speech-corpus", type="dataset", modalities=["speech"], sections=["data-cleaning"]),
            resource("eval-suite", type="benchmark", sections=["capabilities"], licence="CC-BY-NC-4.0"),
        ],
    )


@pytest.fixture(scope="module")
def served(catalog: Path) -> Iterator[Served]:
    """One `fmcheatsheet mcp` process for the module, driven over stdio by the SDK's client in an
    event loop of its own thread; each test runs its exchange in it with a deadline."""
    from mcp import ClientSession, StdioServerParameters, stdio_client

    @asynccontextmanager
    async def connected() -> AsyncIterator[ClientSession]:
        params = StdioServerParameters(
            command=sys.executable, args=["-m", "fmcheatsheet", "mcp", "--catalog", str(catalog)]
        )
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            yield session

    with start_blocking_portal() as portal, portal.wrap_async_context_manager(connected()) as session:

        async def within_a_minute(body: Session) -> Any:
            with anyio.fail_after(60):
                return await body(session)

        yield lambda body: portal.call(within_a_minute, body)


def test_every_tool_is_listed_with_the_cli_s_own_help_and_options(served: Served) -> None:
    async def body(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = {t.name: t for t in served(body)}
    assert set(tools) == {t.name for t in TOOLS}
    search = tools["search"]
    assert search.description.startswith("Search resources by name, tags and description")
    properties = search.input_schema["properties"]
    assert properties["limit"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 10000,
        "description": "Most results.",
        "default": 10,
    }
    assert properties["modalities"]["type"] == "array" and "as_json" not in properties
    assert search.input_schema["required"] == ["query"]
    assert tools["make_plan"].input_schema["properties"]["stages"]["items"]["enum"][:2] == [
        "pretraining",
        "fine-tuning",
    ]


def test_the_schema_follows_the_command_definition() -> None:
    for spec in TOOLS:
        command = load_command(spec.command)
        assert command is not None
        schema = input_schema(command)
        assert schema["additionalProperties"] is False
        for name in schema["properties"]:
            assert any(p.name == name for p in command.params)


def test_each_tool_returns_the_same_json_as_the_command_line(served: Served, catalog: Path) -> None:
    calls: dict[str, tuple[dict[str, Any], list[str]]] = {
        "search": ({"query": "dedup", "limit": 2}, ["search", "dedup", "--limit", "2"]),
        "list_resources": ({"modalities": ["speech"]}, ["list", "--modality", "speech"]),
        "show_resource": ({"resource_id": "eval-suite"}, ["show", "eval-suite"]),
        "list_sections": ({}, ["sections"]),
        "make_plan": (
            {"modalities": ["text"], "stages": ["evaluation"]},
            ["plan", "--modality", "text", "--stage", "evaluation"],
        ),
        "estimate": ({"params": "7B", "tokens": "1.4T"}, ["estimate", "--params", "7B", "--tokens", "1.4T"]),
    }

    async def body(session: ClientSession) -> dict[str, Any]:
        results = {}
        for name, (arguments, _) in calls.items():
            result = await session.call_tool(name, arguments)
            assert not result.is_error, result.content
            results[name] = result
        return results

    results = served(body)
    for name, (_, argv) in calls.items():
        expected = json.loads(run_cli(*argv, "--json", "--catalog", str(catalog)).out)
        assert results[name].structured_content == {"result": expected}, name
        assert json.loads(results[name].content[0].text) == expected
    assert [r["id"] for r in results["search"].structured_content["result"]] == ["text-dedup"]


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("search", {"query": "x", "limit": 0}, "0 is not in the range 1<=x<=10000"),
        ("search", {"query": "x", "bogus": True}, "unknown argument 'bogus'"),
        ("search", {"query": "x", "modalities": ["smell"]}, "unknown modality 'smell'"),
        ("show_resource", {"resource_id": "text-dedupe"}, "did you mean 'text-dedup'"),
        ("show_resource", {}, "Missing argument"),
        ("estimate", {"params": "many"}, "params"),
        ("list_resources", {"modalities": [{"nested": 1}]}, "must be a plain value"),
        ("no_such_tool", {}, "unknown tool 'no_such_tool'"),
    ],
)
def test_bad_arguments_get_a_tool_error_not_a_crash(
    served: Served, tool: str, arguments: dict[str, Any], message: str
) -> None:
    async def body(session: ClientSession) -> Any:
        failed = await session.call_tool(tool, arguments)
        # The server is still there for the next call.
        still = await session.call_tool("show_resource", {"resource_id": "text-dedup"})
        return failed, still

    failed, still = served(body)
    assert failed.is_error and message in failed.content[0].text
    assert not still.is_error


def test_a_search_text_that_looks_like_an_option_is_still_text(served: Served) -> None:
    async def body(session: ClientSession) -> Any:
        return await session.call_tool("search", {"query": "--help"})

    result = served(body)
    assert not result.is_error and result.structured_content == {"result": []}


def test_the_server_never_writes_to_the_catalog(served: Served, catalog: Path) -> None:
    before = {p: p.read_bytes() for p in catalog.rglob("*") if p.is_file()}

    async def body(session: ClientSession) -> None:
        for spec in TOOLS:
            await session.call_tool(spec.name, {})

    served(body)
    assert {p: p.read_bytes() for p in catalog.rglob("*") if p.is_file()} == before


def test_a_broken_catalog_is_refused_before_serving(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog([resource(licence="Apache 2.0")])
    result = run_cli("mcp", "--catalog", str(root))
    assert result.code == 1 and "licence" in result.err and "Traceback" not in result.err
