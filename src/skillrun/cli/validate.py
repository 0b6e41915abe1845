"""``skillrun validate PATH...``: check skill files and print every problem as ``path:line: message``."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import EXIT_FAILED, EXIT_OK, one_line_errors, stderr_console


@one_line_errors
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Skill files (SKILL.md, *.skill.md) or folders to search for them. "
            "Put -- before a path that starts with '-'.",
            show_default=False,
        ),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only, not warnings.")] = False,
) -> None:
    """Check skill files: frontmatter, sections, steps and the Output Format template.

    Prints each problem as 'path:line: message' (warnings: 'path:line: warning: message').
    Exits 1 when any file has an error (or a warning, with --strict), else 0.
    """
    from ..spec._loader import validate_report

    checked, problems = validate_report(paths)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in problems:
        if problem.severity == "error" or not quiet:
            typer.echo(str(problem))
    stderr_console().print(
        f"{checked} {'file' if checked == 1 else 'files'} checked: "
        f"{_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}",
        markup=False,
        highlight=False,
    )
    failed = errors or (strict and warnings)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
