"""`skillrun hook claude-code`: suggest a skill from a chat host's prompt hook."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ._common import SkillsDir


class Host(StrEnum):
    claude_code = "claude-code"


def hook(
    host: Annotated[Host, typer.Argument(help="The host whose hook input arrives on stdin.")],
    skills_dir: SkillsDir = None,
) -> None:
    """Read a host's prompt-hook JSON on stdin; when a skill matches, print the context that suggests it.

    Silent when nothing matches. Exits 0 even on its own errors (with a short note on stderr), so it
    never blocks the user's prompt.
    """
    from ..plugin._claude_code import run_hook

    raise typer.Exit(run_hook(sys.stdin, sys.stdout, sys.stderr, skills_dir=skills_dir))
