"""The README's quick start is what CI runs, and its documented commands exist."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from skillrun.cli import app


def _quick_start_commands(readme: str) -> list[str]:
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)


def test_quick_start_has_two_commands_and_ci_runs_the_second(repo):
    commands = _quick_start_commands((repo / "README.md").read_text(encoding="utf-8"))
    assert len(commands) == 2
    install_and_run, install_and_test = commands
    assert "skillrun run" in install_and_run and "pip install" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (repo / ".ci" / "run").read_text(encoding="utf-8")


def test_every_documented_command_exists(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S))
    documented = set(re.findall(r"^skillrun ([a-z]+)", blocks, flags=re.M))
    assert {"run", "skills", "validate"} <= documented
    for command in documented:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)
