"""Entry point: the command group and the error handling every command shares."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import CheatsheetError, InvalidCatalog
from .commands import COMMANDS, load_command
from .output import error_console

# Other commands show the first problems only; `validate` lists them all.
MAX_PROBLEMS_SHOWN = 10


class CheatsheetGroup(click.Group):
    """Loads commands lazily, and turns library errors into one clear message and exit
    code 1, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load_command(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidCatalog as exc:
            err = error_console()
            shown = exc.report.errors(exc.strict)
            for problem in shown[:MAX_PROBLEMS_SHOWN]:
                err.print(problem.format(), markup=False)
            if len(shown) > MAX_PROBLEMS_SHOWN:
                err.print(f"... and {len(shown) - MAX_PROBLEMS_SHOWN} more", markup=False)
            err.print(exc.report.summary(exc.strict), markup=False)
            err.print("the catalog has errors; run `fmcheatsheet validate` to see them all", markup=False)
            ctx.exit(1)
        except CheatsheetError as exc:
            error_console().print(f"error: {exc}", markup=False)
            if exc.hint:
                error_console().print(f"hint: {exc.hint}", markup=False)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` that stopped reading: not an error of ours.
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            error_console().print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), markup=False)
            ctx.exit(1)
        except Exception as exc:  # a bug: say so briefly unless debugging
            if os.environ.get("FMCHEATSHEET_DEBUG"):
                raise
            error_console().print(
                f"internal error: {type(exc).__name__}: {exc} (set FMCHEATSHEET_DEBUG=1 for a traceback)",
                markup=False,
            )
            ctx.exit(2)


@click.group(cls=CheatsheetGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fmcheatsheet")
def cli() -> None:
    """The Foundation Model Development Cheatsheet: a curated catalog of tools and resources
    for building foundation models responsibly."""


def main() -> None:
    cli(prog_name="fmcheatsheet")
