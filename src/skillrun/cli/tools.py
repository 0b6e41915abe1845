"""`skillrun tools --format openai|anthropic|mcp`: function-calling definitions for each skill."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ._common import one_line_errors, stderr_console


@one_line_errors
def tools(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="openai (strict function tools), anthropic or mcp.")
    ] = "openai",
    skills_dir: Annotated[Path | None, typer.Option("--skills-dir", help="Load skills from DIR.")] = None,
) -> None:
    """Print one tool definition per skill as a JSON list, for function calling or an MCP host.

    A call of a tool maps to the MCP run_skill tool with skill set to the tool's skill.
    """
    from ..plugin import Plugin, tool_definitions
    from ..plugin._schemas import TOOL_FORMATS

    if output_format not in TOOL_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(TOOL_FORMATS)}, not {output_format!r}")
    if skills_dir is not None and not skills_dir.is_dir():
        raise UsageError(f"--skills-dir {skills_dir}: no such folder")
    plugin = Plugin(skills_dir=skills_dir)
    skills = plugin.skills
    report_problems(plugin.problems)
    if not skills:
        raise UsageError("no skills found")
    try:
        definitions = tool_definitions(skills, output_format)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(json.dumps(definitions, indent=2, ensure_ascii=False) + "\n")


def report_problems(problems: list) -> None:  # type: ignore[type-arg]
    """Skill files left out, as ``skillrun: warning: path:line: message`` on stderr."""
    console = stderr_console()
    for problem in problems:
        console.print(
            f"skillrun: warning: {problem.path}:{problem.line}: {problem.message}",
            markup=False,
            soft_wrap=True,
        )
