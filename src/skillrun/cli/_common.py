"""What every command shares: stderr console, one-line errors, exit codes, stdin for ``-``."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from ..errors import EmptyRequestError, SkillrunError, UsageError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BACKEND = 0, 1, 2, 3


def stderr_console() -> Console:
    # rich honours NO_COLOR itself; stderr keeps stdout clean for the report.
    return Console(stderr=True, highlight=False, no_color=bool(os.environ.get("NO_COLOR")))


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    stderr_console().print(f"skillrun: error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def one_line_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn skillrun errors (and a few OS errors) into ``skillrun: error: ...`` and their exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SkillrunError as exc:
            lines = str(exc).splitlines() or [type(exc).__name__]
            console = stderr_console()
            for line in lines:
                console.print(f"skillrun: error: {line}", markup=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper


def read_text_arg(value: str, what: str = "request") -> str:
    """``-`` reads stdin; anything else is the text itself. Empty or blank text is a usage error."""
    if value == "-":
        try:
            value = sys.stdin.read()
        except UnicodeDecodeError:
            raise UsageError(f"the {what} on stdin is not valid UTF-8") from None
    if not value.strip():
        raise EmptyRequestError(f"the {what} is empty")
    return value
