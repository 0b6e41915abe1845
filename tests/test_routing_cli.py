"""``skillrun route`` through the real CLI app, and its start-up imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillrun.cli import app

POSITIVE = "Design the training pipeline and drift monitoring for our fraud model"
NEGATIVE = "Which car model should I buy for a family of five?"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def skills_dir(repo: Path) -> str:
    return str(repo / "skill")


def test_match_exits_0_with_score_terms_and_reason(runner: CliRunner, skills_dir: str) -> None:
    result = runner.invoke(app, ["route", POSITIVE, "--skills-dir", skills_dir])
    assert result.exit_code == 0, result.output
    first, matched, why = result.stdout.splitlines()
    assert first.startswith("ml-workflow\t") and first.endswith("\tML Workflow")
    assert matched.startswith("  matched: ") and "fraud" in matched
    assert why.startswith("  why: ") and ">= 1.00" in why


def test_no_match_exits_1_and_says_why_on_stderr(runner: CliRunner, skills_dir: str) -> None:
    result = runner.invoke(app, ["route", NEGATIVE, "--skills-dir", skills_dir])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no skill fired" in result.stderr and "model (other sense)" in result.stderr


def test_json_output(runner: CliRunner, skills_dir: str) -> None:
    result = runner.invoke(app, ["route", "--json", "--top-k", "3", POSITIVE, "--skills-dir", skills_dir])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["skill"] == "ml-workflow"
    assert set(data) == {"skill", "score", "matched", "why", "matches"}
    assert data["matches"][0]["fired"] is True
    miss = json.loads(runner.invoke(app, ["route", "--json", NEGATIVE, "--skills-dir", skills_dir]).stdout)
    assert miss["skill"] is None and miss["matched"] == []


def test_stdin_and_conversation_json(runner: CliRunner, skills_dir: str) -> None:
    turns = [
        {"role": "user", "content": "Our churn model is live."},
        {"role": "assistant", "content": "Nice."},
        {"role": "user", "content": "How should we monitor it and decide when to retrain?"},
    ]
    result = runner.invoke(app, ["route", "-", "--skills-dir", skills_dir], input=json.dumps(turns))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ml-workflow\t")


def test_usage_errors_exit_2(runner: CliRunner, skills_dir: str, tmp_path: Path) -> None:
    assert runner.invoke(app, ["route", "--skills-dir", skills_dir]).exit_code == 2
    assert runner.invoke(app, ["route", "x", "--jsonl", "f", "--skills-dir", skills_dir]).exit_code == 2
    assert runner.invoke(app, ["route", "-", "--skills-dir", skills_dir], input="  \n").exit_code == 2
    missing = runner.invoke(app, ["route", "x", "--skills-dir", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    assert runner.invoke(app, ["route", "x", "--skills-dir", str(tmp_path)]).exit_code == 2  # no skills
    assert runner.invoke(app, ["route", "x", "--top-k", "0", "--skills-dir", skills_dir]).exit_code == 2


def test_jsonl_routes_every_line_and_reports_bad_ones(
    runner: CliRunner, skills_dir: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "p", "message": POSITIVE}),
        "{not json",
        json.dumps({"id": 7, "message": NEGATIVE}),
        json.dumps({"id": "c", "message": [{"role": "user", "content": "retrain our fraud model weekly?"}]}),
        json.dumps({"id": "m"}),
        json.dumps({"id": "r", "message": [{"role": "robot", "content": "x"}]}),
        "",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["route", "--jsonl", str(path), "--skills-dir", skills_dir])
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["p", 7, "c"]
    assert [o["skill"] for o in out] == ["ml-workflow", None, "ml-workflow"]
    for o in out:
        assert set(o) == {"id", "skill", "score", "matched", "why"}
    assert result.stderr.splitlines() == [
        f"{path}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:5: missing 'message'",
        f"{path}:6: bad conversation turn: role: Value error, unknown role 'robot' "
        "(expected one of user, assistant, system, tool)",
    ]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_jsonl_line_that_is_not_utf8_is_reported_and_the_rest_routed(
    runner: CliRunner, skills_dir: str, tmp_path: Path, source: str
) -> None:
    data = b"\n".join(
        [
            json.dumps({"id": 1, "message": POSITIVE}).encode(),
            b"\xff\xfe{",
            json.dumps({"id": 3, "message": NEGATIVE}).encode(),
        ]
    )
    path = tmp_path / "in.jsonl"
    path.write_bytes(data + b"\n")
    where, args, stdin = (str(path), [str(path)], None) if source == "file" else ("<stdin>", ["-"], data)
    result = runner.invoke(app, ["route", "--jsonl", *args, "--skills-dir", skills_dir], input=stdin)
    assert result.exit_code == 2, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 3]
    assert result.stderr.splitlines() == [f"{where}:2: not valid UTF-8"]


def test_jsonl_clean_file_exits_0(runner: CliRunner, skills_dir: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "message": NEGATIVE}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["route", "--jsonl", str(path), "--skills-dir", skills_dir])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skill"] is None


def test_route_command_imports_nothing_heavy(skills_dir: str, imported_modules) -> None:
    probe = (
        "import sys\nfrom skillrun.cli import app\n"
        f"sys.argv=['skillrun','route','design a churn model pipeline','--skills-dir',{skills_dir!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
    )
    loaded = imported_modules(probe).packages
    heavy = {"openai", "anthropic", "langchain_core", "mcp", "numpy", "torch", "httpx", "jinja2"}
    assert not loaded & heavy, loaded & heavy
