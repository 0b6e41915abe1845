"""What every command shares: stderr console, one-line errors, exit codes, stdin for ``-``."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from ..errors import EmptyRequestError, Problem, SkillrunError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from ..plugin import Plugin

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BACKEND, EXIT_INTERNAL = 0, 1, 2, 3, 4
DEBUG_ENV = "SKILLRUN_DEBUG"
"""Set to any value to see the traceback of an internal error instead of its one-line summary."""

SkillsDir = Annotated[
    Path | None,
    typer.Option(
        "--skills-dir",
        help="Load skills from this folder only (default: the project's skill/, then the built-in one).",
    ),
]
"""The ``--skills-dir`` option, the same for every command that loads skills."""


def stderr_console() -> Console:
    # Imported here: a command that succeeds quietly (route, hook) never needs rich.
    from rich.console import Console

    # rich honours NO_COLOR itself; stderr keeps stdout clean for the report.
    return Console(stderr=True, highlight=False, no_color=bool(os.environ.get("NO_COLOR")))


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    stderr_console().print(f"skillrun: error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def one_line_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn skillrun errors and OS errors (a file that cannot be read or written) into
    ``skillrun: error: ...`` and their exit code (2 for OS errors: the input is at fault)."""

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
        except BrokenPipeError:
            raise  # the reader went away (`| head`): typer exits quietly
        except OSError as exc:
            # A failed rename names the temporary file first; the user knows the target.
            target = exc.filename2 or exc.filename
            where = f"{target}: " if target else ""
            raise fail(f"{where}{exc.strerror or exc}") from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:
            # typer's own exits and usage errors are click exceptions: they carry their exit code already.
            if type(exc).__module__.startswith(("typer", "click")) or os.environ.get(DEBUG_ENV):
                raise
            raise fail(
                f"internal error: {type(exc).__name__}: {exc} (a bug in skillrun, please report it; "
                f"{DEBUG_ENV}=1 shows the traceback)",
                EXIT_INTERNAL,
            ) from None

    return wrapper


def read_text_arg(value: str, what: str = "request") -> str:
    """``-`` reads stdin; anything else is the text itself. Empty or blank text is a usage error."""
    if value == "-":
        if isinstance(sys.stdin, io.TextIOWrapper):
            # Strict whatever the locale: a C locale's surrogateescape would pass the bytes on as text.
            sys.stdin.reconfigure(errors="strict")
        try:
            value = sys.stdin.read()
        except UnicodeDecodeError:
            raise UsageError(f"the {what} on stdin is not valid UTF-8") from None
    if not value.strip():
        raise EmptyRequestError(f"the {what} is empty")
    return value


def checked_skills_dir(skills_dir: Path | None) -> Path | None:
    """``--skills-dir`` as given; a path that is not a folder is a usage error."""
    if skills_dir is not None and not skills_dir.is_dir():
        raise UsageError(f"--skills-dir {skills_dir}: no such folder")
    return skills_dir


def warn_problems(problems: Iterable[Problem]) -> None:
    """Skill files left out, as ``skillrun: warning: skipped path:line: message`` on stderr."""
    from ..spec._loader import skipped_warning

    console = stderr_console()
    for problem in problems:
        console.print(skipped_warning(problem), markup=False, soft_wrap=True)


def plugin_with_skills(skills_dir: Path | None, **options: Any) -> Plugin:
    """A :class:`~skillrun.plugin.Plugin` over the loaded skills; files left out are warned about, and
    finding no skill at all is a usage error."""
    from ..plugin import Plugin

    plugin = Plugin(skills_dir=checked_skills_dir(skills_dir), **options)
    skills = plugin.skills  # loading them fills plugin.problems
    warn_problems(plugin.problems)
    if not skills:
        raise UsageError("no skills found")
    return plugin
