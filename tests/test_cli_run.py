"""`skillrun run`: report on stdout, one-line errors, exit codes (in-process and as a real process)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from skillrun.cli import app

REQUEST = "Predict which subscribers cancel in the next 30 days; 2M subscribers, BigQuery, daily scores."
runner = CliRunner()


def invoke(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_run_prints_the_templated_report_on_stdout():
    result = invoke("run", "-q", REQUEST)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ML Workflow: ")
    assert [line for line in lines if line.startswith("## ")] == [
        "## Problem Definition",
        "## Feature Engineering",
        "## Experiment Tracking",
        "## Training Pipeline",
        "## Model Serving",
        "## A/B Testing",
        "## Monitoring and Drift",
    ]


def test_explicit_skill_name_and_stdin():
    result = invoke("run", "-q", "ml-workflow", "-", stdin=REQUEST)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ML Workflow: ")


def test_json_format_is_the_report_model():
    result = invoke("run", "-q", "--format", "json", REQUEST)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["skill"] == "ml-workflow"
    assert len(data["sections"]) == 7
    assert data["brief"]["serving_mode"] == "batch"
    assert all(s["provenance"]["backend"] == "expert" for s in data["sections"])


def test_output_file_is_written(tmp_path):
    target = tmp_path / "report.md"
    result = invoke("run", "-q", "-o", str(target), REQUEST)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# ML Workflow: ")


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["run", "   "], None, "request is empty"),
        (["run", "-"], "\n\t \n", "request is empty"),
        (["run", "-"], b"\xff\xfe churn model", "the request on stdin is not valid UTF-8"),
        (
            ["run", "--skills-dir", "/no/such/folder", REQUEST],
            None,
            "--skills-dir /no/such/folder: no such folder",
        ),
        (["run", "no-such-skill", REQUEST], None, "no skill named 'no-such-skill'"),
        (["run", "--format", "xml", REQUEST], None, "--format must be md or json"),
        (["run", "--model", "nope:x", REQUEST], None, "unknown model 'nope:x'"),
        (["run", "-o", "/no/such/dir/r.md", REQUEST], None, "no such directory"),
        (["run", "a", "b", "c"], None, "expected [SKILL] REQUEST"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, stdin, message):
    result = invoke(*args, stdin=stdin)
    assert result.exit_code == 2, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("skillrun: error: ") and message in err[0], err
    assert "Traceback" not in result.output


def test_real_process_exit_codes_and_no_traceback(run_skillrun):
    ok = run_skillrun("run", "-q", REQUEST)
    assert ok.returncode == 0 and ok.stdout.startswith("# ML Workflow: ") and ok.stderr == ""
    bad = run_skillrun("run", "")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip() == "skillrun: error: the request is empty"


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("skillrun ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["run"], "Missing argument '[SKILL] REQUEST'. (see 'skillrun run -h')"),
        (["run", "--concurrency", "0", REQUEST], "Invalid value for '--concurrency'"),
        (["hook", "no-such-host"], "Invalid value for 'host'"),
        (["eval", "diff", "only-one"], "Missing argument 'run_b'. (see 'skillrun eval diff -h')"),
        (["no-such-command"], "No such command 'no-such-command'. (see 'skillrun -h')"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("skillrun: error: ") and message in line


def test_an_internal_error_is_one_line_exit_4_and_debug_shows_the_traceback(monkeypatch):
    import skillrun.packs.ml_workflow.intake as intake

    def broken(_text):
        raise KeyError("no_such_profile")

    monkeypatch.setattr(intake, "features", broken)
    monkeypatch.delenv("SKILLRUN_DEBUG", raising=False)
    result = invoke("run", "-q", REQUEST)
    assert result.exit_code == 4, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("skillrun: error: internal error: KeyError: 'no_such_profile'"), err
    assert "SKILLRUN_DEBUG=1" in err[0] and "Traceback" not in result.output
    monkeypatch.setenv("SKILLRUN_DEBUG", "1")
    debug = invoke("run", "-q", REQUEST)
    assert debug.exit_code == 1 and isinstance(debug.exception, KeyError)
