"""One family of errors: everything the library raises on purpose derives from CheatsheetError, so a
program, the command line and the MCP server each catch one type and anything else is a bug."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import click
import pytest
from click.testing import CliRunner

import fmcheatsheet
from fmcheatsheet.cli.main import CheatsheetGroup
from fmcheatsheet.errors import CatalogError, CheatsheetError
from fmcheatsheet.estimator import EstimateError, Inputs, estimate
from fmcheatsheet.licences import LicenceError, check_licence
from tests.conftest import run_cli


def public_exceptions() -> dict[str, type[BaseException]]:
    """Every public exception class defined in the package, by qualified name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(fmcheatsheet.__path__, prefix="fmcheatsheet."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra (the MCP SDK) that is not installed
            continue
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_public_exception_derives_from_cheatsheet_error() -> None:
    exceptions = public_exceptions()
    assert len(exceptions) >= 10  # the walk did find the package's errors
    strays = sorted(name for name, cls in exceptions.items() if not issubclass(cls, CheatsheetError))
    assert strays == []


def test_errors_that_were_value_errors_still_are() -> None:
    # Callers written before the common base caught ValueError; they keep working.
    with pytest.raises(ValueError):
        check_licence("Apache-2.1", {})
    assert issubclass(LicenceError, ValueError) and issubclass(EstimateError, ValueError)


def test_catalog_errors_are_cheatsheet_errors() -> None:
    assert issubclass(CatalogError, CheatsheetError)


def test_the_command_line_prints_the_message_and_its_hint_then_exits_1() -> None:
    class Refused(CheatsheetError):
        hint = "ask for something else"

    @click.command()
    def refuse() -> None:
        raise Refused("cannot do that")

    class OneCommand(CheatsheetGroup):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return ["refuse"]

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            return refuse if cmd_name == "refuse" else None

    result = CliRunner().invoke(OneCommand("fmcheatsheet"), ["refuse"])
    assert result.exit_code == 1
    assert result.output == "error: cannot do that\nhint: ask for something else\n"


def test_an_estimate_that_cannot_be_made_is_a_message_not_a_traceback() -> None:
    with pytest.raises(CheatsheetError):
        estimate(Inputs(params=7e9, tokens=1e12, gpu="no-such-gpu"))
    result = run_cli("estimate", "--params", "7B", "--tokens", "1T", "--gpu", "no-such-gpu")
    assert result.code == 1
    assert result.err.startswith("error: ") and "Traceback" not in result.err
