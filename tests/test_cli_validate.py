"""``skillrun validate`` and ``skillrun skills`` through the real CLI app (typer's CliRunner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillrun.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "skills"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_good_files_exit_0(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["validate", str(repo / "skill"), str(FIXTURES / "good" / "tiny.skill.md")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == "2 files checked: 0 errors, 0 warnings"


def test_validate_bad_file_prints_each_problem_and_exits_1(runner: CliRunner) -> None:
    path = FIXTURES / "bad" / "many-problems.skill.md"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1: missing required key 'description'",
        f"{path}:3: triggers must be a list of strings, not a string",
        f"{path}:9: duplicate step 1 (first at line 8)",
        f"{path}:15: table row has 3 cells, but the header has 2 columns",
        f"{path}:16: duplicate section 'Purpose' (first at line 5)",
    ]
    assert result.stderr.strip() == "1 file checked: 5 errors, 0 warnings"


def test_validate_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 1
    assert result.stdout == f"{missing}:0: no such file\n"
    assert result.stderr.strip() == "0 files checked: 1 error, 0 warnings"


def test_validate_whole_bad_folder(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(FIXTURES / "bad")])
    assert result.exit_code == 1
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    assert len(files) == len([p for p in (FIXTURES / "bad").rglob("*") if p.is_file()])


def test_validate_warnings_quiet_and_strict(runner: CliRunner) -> None:
    path = FIXTURES / "good" / "metadata-keys" / "SKILL.md"
    warning = f"{path}:10: warning: unknown frontmatter key 'tags' (kept in metadata)"
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (0, warning + "\n")
    assert result.stderr.strip() == "1 file checked: 0 errors, 1 warning"
    quiet = runner.invoke(app, ["validate", "-q", str(path)])
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    strict = runner.invoke(app, ["validate", "--strict", str(path)])
    assert (strict.exit_code, strict.stdout) == (1, warning + "\n")


def test_validate_path_starting_with_dash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "-21risk"
    folder.mkdir()
    (folder / "SKILL.md").write_text("---\nname: -21risk\ndescription: Dash first.\n---\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "--", "-21risk"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "1 file checked: 0 errors, 0 warnings"


def test_validate_needs_a_path(runner: CliRunner) -> None:
    assert runner.invoke(app, ["validate"]).exit_code == 2


def test_validate_corpus_folder(runner: CliRunner, shared: Path) -> None:
    result = runner.invoke(app, ["validate", "-q", str(shared / "corpus" / "skills")])
    assert result.exit_code == 0, result.stdout
    assert result.stderr.startswith("62 files checked: 0 errors, ")


def test_skills_table_lists_the_builtin_skill(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["skills", "--skills-dir", str(repo / "skill")])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "ml-workflow" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells[:5] == ["ML Workflow", "ml-workflow", "1", "7", "13"]
    assert cells[5].endswith("SKILL.md")
    assert result.stderr == ""


def test_skills_default_dirs_find_the_builtin_skill(runner: CliRunner) -> None:
    result = runner.invoke(app, ["skills", "--json"])
    assert result.exit_code == 0, result.output
    assert "ml-workflow" in [s["slug"] for s in json.loads(result.stdout)]


def test_skills_json(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["skills", "--json", "--skills-dir", str(repo / "skill")])
    assert result.exit_code == 0, result.output
    (skill,) = json.loads(result.stdout)
    assert {k: skill[k] for k in ("name", "slug", "department", "version", "format")} == {
        "name": "ML Workflow",
        "slug": "ml-workflow",
        "department": "alchemist",
        "version": "1",
        "format": "agent-skills",
    }
    assert len(skill["triggers"]) == 13 and len(skill["steps"]) == 7
    assert skill["template"][0] == "Problem Definition" and len(skill["template"]) == 7
    assert Path(skill["path"]).name == "SKILL.md"


def test_skills_reports_broken_files_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "good" / "tiny.skill.md", tmp_path / "tiny.skill.md")
    shutil.copytree(FIXTURES / "bad" / "yaml-syntax", tmp_path / "yaml-syntax")
    result = runner.invoke(app, ["skills", "--json", "--skills-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert [s["slug"] for s in json.loads(result.stdout)] == ["tiny-seed"]
    assert result.stderr.startswith(
        f"skillrun: error: {tmp_path / 'yaml-syntax' / 'SKILL.md'}:3: YAML syntax error"
    )


def test_skills_missing_dir_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["skills", "--skills-dir", str(tmp_path / "absent")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"skillrun: error: --skills-dir {tmp_path / 'absent'}: no such folder"


def test_skills_empty_dir(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["skills", "--skills-dir", str(tmp_path)])
    assert (result.exit_code, result.stdout.strip()) == (0, "no skills found")
    assert json.loads(runner.invoke(app, ["skills", "--json", "--skills-dir", str(tmp_path)]).stdout) == []
