"""`skillrun tools --format openai|anthropic|mcp`: function-calling definitions for each skill."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..errors import UsageError
from ._common import SkillsDir, one_line_errors, plugin_with_skills


@one_line_errors
def tools(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="openai (strict function tools), anthropic or mcp.")
    ] = "openai",
    skills_dir: SkillsDir = None,
) -> None:
    """Print one tool definition per skill as a JSON list, for function calling or an MCP host.

    A call of a tool maps to the MCP run_skill tool with skill set to the tool's skill.
    """
    from ..plugin import tool_definitions
    from ..plugin._schemas import TOOL_FORMATS

    if output_format not in TOOL_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(TOOL_FORMATS)}, not {output_format!r}")
    skills = plugin_with_skills(skills_dir).skills
    definitions = tool_definitions(skills, output_format)  # type: ignore[arg-type]
    sys.stdout.write(json.dumps(definitions, indent=2, ensure_ascii=False) + "\n")
