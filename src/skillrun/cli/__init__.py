"""The ``skillrun`` command line: one small module per command, registered here.

Command modules import nothing heavy at module level, so ``skillrun --help`` stays fast and never
imports an LLM SDK.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ._common import fail

__all__ = ["app", "main"]

# Typer raises click's UsageError for bad arguments (newer typer versions vendor click and export
# only its BadParameter subclass).
_CLICK_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _OneLineUsageErrors(TyperGroup):
    """Bad arguments print one ``skillrun: error: ...`` line and exit 2, like every other error."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _CLICK_USAGE_ERROR as exc:
            raise _usage_exit(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _CLICK_USAGE_ERROR as exc:
            raise _usage_exit(exc) from None


def _usage_exit(exc: Any) -> Exception:
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # its message is the help text
    hint = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None else ""
    message = " ".join(exc.format_message().split())
    return fail(f"{message}{hint}")


app = typer.Typer(
    cls=_OneLineUsageErrors,
    name="skillrun",
    help="Run LLM-assisted agent skills: route messages, run skills into templated reports, evaluate them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"skillrun {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """skillrun: load skills, route chat messages to them, run them into reports, and evaluate them."""


def _register() -> None:
    # One line per command module; each module defines a function named like the command.
    from . import eval as eval_cli
    from . import hook, mcp, route, run, skills, tools, validate

    app.command("run")(run.run)
    app.command("route")(route.route)
    app.command("validate")(validate.validate)
    app.command("skills")(skills.skills)
    app.command("mcp")(mcp.mcp)
    app.command("tools")(tools.tools)
    app.command("hook")(hook.hook)
    app.add_typer(eval_cli.app, name="eval")


_register()


def main() -> None:
    app()
