"""``skillrun skills``: the skills skillrun can load, as a table or as JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import EXIT_FAILED, SkillsDir, checked_skills_dir, one_line_errors, stderr_console


@one_line_errors
def skills(
    as_json: Annotated[bool, typer.Option("--json", help="Print the skills as a JSON list.")] = False,
    skills_dir: SkillsDir = None,
) -> None:
    """List the loaded skills: name, slug, version, steps, triggers and source file.

    Files that fail to load are reported on stderr as 'path:line: message'; the exit code is then 1.
    """
    from .. import _content
    from ..spec import load_skills

    loaded = load_skills(_content.skill_dirs(checked_skills_dir(skills_dir)), strict=False)
    if as_json:
        typer.echo(json.dumps([_summary(s) for s in loaded], indent=2, ensure_ascii=False))
    else:
        _print_table(loaded)
    console = stderr_console()
    for problem in loaded.problems:
        label = "error" if problem.severity == "error" else "warning"
        console.print(
            f"skillrun: {label}: {problem.path}:{problem.line}: {problem.message}",
            markup=False,
            soft_wrap=True,
        )
    if loaded.errors:
        raise typer.Exit(EXIT_FAILED)


def _summary(skill: Any) -> dict[str, Any]:
    return {
        "name": skill.name,
        "slug": skill.slug,
        "description": skill.description,
        "department": skill.department,
        "version": skill.version,
        "format": skill.format,
        "triggers": skill.triggers,
        "steps": [step.title for step in skill.steps],
        "sections": [section.title for section in skill.sections],
        "template": skill.template.headings if skill.template is not None else None,
        "path": skill.path,
    }


def _print_table(loaded: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None, show_lines=False)
    # The short columns never wrap; the source path takes what is left and folds.
    table.add_column("Name", no_wrap=True)
    table.add_column("Slug", style="bold", no_wrap=True)
    table.add_column("Version", no_wrap=True)
    table.add_column("Steps", justify="right", no_wrap=True)
    table.add_column("Triggers", justify="right", no_wrap=True)
    table.add_column("Source", overflow="fold", ratio=1)
    for skill in loaded:
        steps, triggers = str(len(skill.steps)), str(len(skill.triggers))
        table.add_row(skill.name, skill.slug, skill.version or "-", steps, triggers, _shown_path(skill.path))
    console = Console(highlight=False, no_color=bool(os.environ.get("NO_COLOR")))
    if not console.is_terminal:
        # Piped output is read by tools and grep: keep every row on one line, whatever COLUMNS says.
        console.width = 1000
    if len(loaded):
        console.print(table)
    else:
        console.print("no skills found", markup=False)


def _shown_path(path: str) -> str:
    """Relative to the working directory when the skill lives below it, else as loaded."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError):
        return path
