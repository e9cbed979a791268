"""A Model Context Protocol server over stdio: the catalog as tools an AI assistant can call.

Each tool is one of the CLI's read-only commands. Its description and input schema are
generated from that command's own click definition (help texts, choices, ranges,
repeatable options), and a call runs the command with ``--json``, so an assistant gets
exactly the JSON a program gets from the command line. Bad arguments come back as
tool errors with the CLI's own message; the server never writes a file.

Needs the optional ``mcp`` extra: ``pip install 'fmcheatsheet[mcp]'``.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli.commands import load_command
from .errors import CheatsheetError, InvalidCatalog

# Options that are about how the CLI prints or where it reads, not about the question asked.
_NOT_ARGUMENTS = frozenset({"as_json", "catalog_dir", "show_list", "help"})


@dataclass(frozen=True)
class ToolSpec:
    """A tool and the CLI command it runs."""

    name: str
    command: str


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("search", "search"),
    ToolSpec("list_resources", "list"),
    ToolSpec("show_resource", "show"),
    ToolSpec("list_sections", "sections"),
    ToolSpec("make_plan", "plan"),
    ToolSpec("estimate", "estimate"),
)


class ToolError(CheatsheetError):
    """A call the server refuses, with a message for the assistant."""


def _command(spec: ToolSpec) -> click.Command:
    command = load_command(spec.command)
    if command is None:  # pragma: no cover - the table above names existing commands
        raise LookupError(spec.command)
    return command


def _arguments(command: click.Command) -> list[click.Parameter]:
    return [p for p in command.params if p.name not in _NOT_ARGUMENTS and not getattr(p, "hidden", False)]


def input_schema(command: click.Command) -> dict[str, Any]:
    """A JSON Schema for a command's arguments, read from its click parameters."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in _arguments(command):
        assert param.name is not None
        schema = _type_schema(param.type)
        if isinstance(param, click.Option) and param.is_flag:
            schema = {"type": "boolean"}
        many = param.multiple or (isinstance(param, click.Argument) and param.nargs == -1)
        if many and not isinstance(param, click.Argument):
            schema = {"type": "array", "items": schema}
        description = getattr(param, "help", None) or (
            "The search text." if isinstance(param, click.Argument) else param.name
        )
        schema["description"] = description
        default = param.default
        # click marks "no default" with its own sentinel object; only plain values are real defaults.
        if isinstance(default, (str, int, float)) and not isinstance(default, bool) and default != "":
            schema["default"] = default
        properties[param.name] = schema
        if param.required:
            required.append(param.name)
    schema_out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema_out["required"] = required
    return schema_out


def _type_schema(kind: click.ParamType[Any]) -> dict[str, Any]:
    if isinstance(kind, click.Choice):
        return {"type": "string", "enum": [str(c) for c in kind.choices]}
    if isinstance(kind, click.IntRange):
        return _bounded({"type": "integer"}, kind)
    if isinstance(kind, click.FloatRange):
        return _bounded({"type": "number"}, kind)
    if kind is click.INT:
        return {"type": "integer"}
    if kind is click.FLOAT:
        return {"type": "number"}
    return {"type": "string"}


def _bounded(schema: dict[str, Any], kind: click.IntRange | click.FloatRange) -> dict[str, Any]:
    if kind.min is not None:
        schema["exclusiveMinimum" if kind.min_open else "minimum"] = kind.min
    if kind.max is not None:
        schema["exclusiveMaximum" if kind.max_open else "maximum"] = kind.max
    return schema


def tool_definitions() -> list[dict[str, Any]]:
    """Name, description and input schema of every tool."""
    found = []
    for spec in TOOLS:
        command = _command(spec)
        description = " ".join((command.help or spec.command).split())
        found.append({"name": spec.name, "description": description, "input_schema": input_schema(command)})
    return found


def call_tool(name: str, arguments: Mapping[str, Any] | None, catalog_dir: Path | None = None) -> Any:
    """Run the tool's command with ``--json`` and return what it printed, parsed."""
    spec = next((t for t in TOOLS if t.name == name), None)
    if spec is None:
        raise ToolError(f"unknown tool '{name}'; tools: {', '.join(t.name for t in TOOLS)}")
    command = _command(spec)
    argv = ["--json", *(["--catalog", str(catalog_dir)] if catalog_dir is not None else [])]
    argv += _argv(command, dict(arguments or {}))
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            command.main(args=argv, prog_name=f"fmcheatsheet {spec.command}", standalone_mode=False)
    except click.ClickException as exc:
        raise ToolError(exc.format_message()) from None
    except InvalidCatalog as exc:
        first = exc.report.errors(exc.strict)[:3]
        raise ToolError("the catalog has errors: " + "; ".join(p.format() for p in first)) from None
    except CheatsheetError as exc:
        raise ToolError(str(exc)) from None
    except Exception as exc:  # a bug must not take the assistant's session down with it
        raise ToolError(f"internal error: {type(exc).__name__}: {exc}") from None
    try:
        return json.loads(out.getvalue())
    except ValueError:
        raise ToolError(f"internal error: {spec.command} printed no JSON") from None


def _argv(command: click.Command, arguments: dict[str, Any]) -> list[str]:
    params = {p.name: p for p in _arguments(command)}
    unknown = sorted(set(arguments) - set(params))
    if unknown:
        raise ToolError(f"unknown argument '{unknown[0]}'; arguments: {', '.join(sorted(params))}")
    argv: list[str] = []
    positional: list[str] = []
    for name, value in arguments.items():
        param = params[name]
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, (dict, list)) or v is None for v in values):
            raise ToolError(f"argument '{name}' must be a plain value or a list of them")
        if isinstance(param, click.Argument):
            positional += [str(v) for v in values]
            continue
        assert isinstance(param, click.Option)
        flag = next(o for o in param.opts if o.startswith("--"))
        if param.is_flag:
            if value is True:
                argv.append(flag)
            elif value is not False:
                raise ToolError(f"argument '{name}' is true or false")
            continue
        if len(values) > 1 and not param.multiple:
            raise ToolError(f"argument '{name}' takes one value")
        for item in values:
            argv += [flag, _text(item)]
    # "--" keeps a search text that starts with "-" from being read as an option.
    return [*argv, "--", *positional] if positional else argv


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def run(catalog_dir: Path | None = None) -> None:
    """Serve the tools over stdio until the client closes the connection."""
    try:
        import anyio
        import mcp_types as types
        from mcp.server.lowlevel import Server
        from mcp.server.stdio import stdio_server
    except ImportError as exc:
        raise CheatsheetError("the MCP server needs the optional mcp package: pip install 'fmcheatsheet[mcp]'") from exc

    definitions = [types.Tool(**definition) for definition in tool_definitions()]

    async def list_tools(_ctx: Any, _params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=definitions)

    async def call(_ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        try:
            result = call_tool(params.name, params.arguments, catalog_dir)
        except ToolError as exc:
            return types.CallToolResult(content=[types.TextContent(type="text", text=str(exc))], is_error=True)
        text = json.dumps(result, ensure_ascii=False)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)], structured_content={"result": result}
        )

    server = Server(
        "fmcheatsheet",
        version=__version__,
        instructions="Tools to search and read the Foundation Model Development Cheatsheet, a curated catalog of "
        "resources for developing foundation models responsibly, and to make project plans and estimates.",
        on_list_tools=list_tools,
        on_call_tool=call,
    )

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)
