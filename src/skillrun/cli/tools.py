"""`skillrun tools --format openai|anthropic|mcp`: function-calling definitions for each skill."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ._common import one_line_errors


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
    skills = Plugin(skills_dir=skills_dir).skills
    if not skills:
        raise UsageError("no skills found")
    try:
        definitions = tool_definitions(skills, output_format)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(json.dumps(definitions, indent=2, ensure_ascii=False) + "\n")
