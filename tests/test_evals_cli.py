"""`skillrun eval` and `skillrun eval diff` from the command line (CliRunner and real subprocesses)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillrun.cli import app
from skillrun.evals._results import OutcomeRecord, Result
from skillrun.evals._store import ResultStore, read_results

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "evals" / "ml-workflow"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path / "cache"))


def invoke(*args: str):
    return CliRunner().invoke(app, ["eval", *args])


def test_help_lists_run_and_diff():
    result = invoke("--help")
    assert result.exit_code == 0 and "run" in result.output and "diff" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere-suite"], "no eval suite at 'nowhere-suite'"),
        ([str(SUITE), "--model", "nope:x"], "unknown model 'nope:x'"),
        ([str(SUITE), "--retry-errors"], "--retry-errors continues a run: add --resume"),
        ([str(SUITE), "--min-precision", "0.5"], "--min-precision/--min-recall apply to routing suites"),
        ([str(SUITE), "--judge", "expert"], "the expert engine cannot judge"),
        ([str(SUITE), "--model", "expert", "--model", "expert"], "the same --model is given twice"),
        ([str(SUITE), "--tag", "no-such-tag"], "no case matches the --case/--tag filters"),
        ([str(SUITE), "--model", "fake:speed=9"], "bad fake backend"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path, args, message):
    result = invoke(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"skillrun: error: {message}" in result.output
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_a_file_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    routing = REPO / "evals" / "routing"
    result = invoke(
        str(routing), "--quiet", "--out", str(tmp_path / "out"), "--junit", str(blocker / "junit.xml")
    )
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line == f"skillrun: error: {blocker}: File exists" and "Traceback" not in result.output


@pytest.mark.parametrize("option", ["--out", "--junit"])
def test_a_path_of_the_wrong_kind_is_named_in_one_line(tmp_path, option):
    routing = str(REPO / "evals" / "routing")
    wrong = tmp_path / ("a-file" if option == "--out" else "a-folder")
    wrong.mkdir() if option == "--junit" else wrong.write_text("", encoding="utf-8")
    args = (
        ["--out", str(tmp_path / "out"), "--junit", str(wrong)]
        if option == "--junit"
        else ["--out", str(wrong)]
    )
    result = invoke(routing, "--quiet", *args)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"skillrun: error: {wrong}") and ".tmp" not in line
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_malformed_suite_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "a", "request": "x"}\n{"id": "b", "request": "y", "expect": {"serving_mode": "online"}}\n'
    )
    result = invoke(str(bad))
    assert result.exit_code == 2
    assert f"skillrun: error: {bad}:2: expect.serving_mode: 'online' is not one of" in result.output


def _stored_run(folder: Path, scores: dict[str, float], model: str = "expert") -> Path:
    with ResultStore(folder) as store:
        for case_id, score in scores.items():
            outcomes = [
                OutcomeRecord(
                    id="PD-04", status="pass" if score >= 0.8 else "fail", section="Problem Definition"
                )
            ]
            status = "pass" if score >= 0.8 else "fail"
            store.append(Result(case_id=case_id, model=model, status=status, score=score, outcomes=outcomes))
    return folder


def test_diff_prints_the_paired_comparison_and_gates_on_regressions(tmp_path):
    a = _stored_run(tmp_path / "a", {f"c{i}": 0.9 for i in range(8)})
    b = _stored_run(tmp_path / "b", {f"c{i}": 0.9 - 0.05 * (1 + i % 3) for i in range(8)})
    result = invoke("diff", str(a), str(b))
    assert result.exit_code == 0, result.output
    assert "8 paired cases" in result.output and "regressions (8)" in result.output
    result = invoke("diff", str(a), str(b), "--fail-on-regression")
    assert result.exit_code == 1 and "regression:" in result.output
    result = invoke("diff", str(a), str(a), "--fail-on-regression", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data[0]["paired"]["diff"]["mean"] == 0 and data[0]["regressions"] == []


def test_diff_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = invoke("diff", str(tmp_path / "x"), str(tmp_path / "y"))
    assert result.exit_code == 2 and "no run folder" in result.output


# --- end to end on the real ML Workflow suite (the skill, the expert engine and the rubric checks) ---


def test_expert_run_writes_everything_and_resume_does_nothing_new(tmp_path, run_skillrun):
    out = tmp_path / "run"
    first = run_skillrun(
        "eval", str(SUITE), "--model", "expert", "--out", str(out), "--junit", str(tmp_path / "ci.xml")
    )
    assert first.returncode in (0, 1), first.stderr
    assert "score (95% CI)" in first.stdout and "results in" in first.stderr
    results = read_results(out)
    case_ids = sorted(json.loads(line)["id"] for line in _suite_lines())
    assert sorted(r.case_id for r in results) == case_ids
    assert all(r.status in ("pass", "fail") and r.report_markdown and r.outcomes for r in results)
    root = ET.parse(tmp_path / "ci.xml").getroot()
    assert int(root.get("tests")) == len(case_ids) and root.get("errors") == "0"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert all(f"<b>{case_id}</b>" in page for case_id in case_ids)
    size = (out / "results.jsonl").stat().st_size
    again = invoke(str(SUITE), "--model", "expert", "--out", str(out), "--resume", "--quiet")
    assert again.exit_code == first.returncode
    assert f"0 ran, {len(case_ids)} already done" in again.stderr
    assert (out / "results.jsonl").stat().st_size == size


def _suite_lines() -> list[str]:
    import yaml

    lines = [json.dumps({"id": c["id"]}) for c in yaml.safe_load((SUITE / "cases.yaml").read_text())["cases"]]
    lines += (SUITE / "multilingual.jsonl").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def test_a_run_killed_with_sigkill_resumes_to_each_case_exactly_once(tmp_path, run_skillrun):
    out = tmp_path / "run"
    args = [
        sys.executable,
        "-m",
        "skillrun",
        "eval",
        str(SUITE),
        "--model",
        "fake:delay=0.05",
        "--concurrency",
        "4",
        "--no-cache",
        "--out",
        str(out),
        "--quiet",
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if results.exists() and results.read_bytes().count(b"\n") >= 6:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    done_before = len(read_results(out))
    total = len(_suite_lines())
    assert 6 <= done_before < total, "the run finished before it could be killed"
    resumed = run_skillrun(
        "eval",
        str(SUITE),
        "--model",
        "fake:delay=0.05",
        "--concurrency",
        "32",
        "--no-cache",
        "--out",
        str(out),
        "--resume",
        "--quiet",
    )
    assert resumed.returncode in (0, 1), resumed.stderr
    assert f"{total - done_before} ran, {done_before} already done" in resumed.stderr
    lines = results.read_bytes().split(b"\n")
    assert lines[-1] == b""  # no torn tail left behind
    keys = [
        (json.loads(line)["case_id"], json.loads(line)["model"], json.loads(line)["repeat"])
        for line in lines[:-1]
    ]
    assert len(keys) == len(set(keys)) == total


def test_judge_through_the_cli_with_fake_backends(tmp_path):
    ok = invoke(
        str(SUITE),
        "--case",
        "mw-00[12]",
        "--judge",
        "fake:delay=0",
        "--out",
        str(tmp_path / "ok"),
        "--json",
    )
    assert ok.exit_code in (0, 1), ok.stderr
    judged = [o for r in read_results(tmp_path / "ok") for o in r.outcomes if o.source == "judge"]
    assert judged and {o.status for o in judged} <= {"pass", "na"}
    bad = invoke(
        str(SUITE),
        "--case",
        "mw-001",
        "--judge",
        "fake:mode=garbage",
        "--out",
        str(tmp_path / "bad"),
        "--quiet",
    )
    assert bad.exit_code == 3
    (result,) = read_results(tmp_path / "bad")
    assert result.status == "error" and all(e.where.startswith("judge:") for e in result.errors)


def test_backend_errors_are_exit_3_and_min_score_is_exit_1(tmp_path):
    failing = invoke(
        str(SUITE), "--case", "mw-00*", "-m", "fake:crash=1", "--out", str(tmp_path / "f"), "--quiet"
    )
    assert failing.exit_code == 3 and "results errored (exit 3)" in failing.stderr
    # The expert engine passes every automatic check on these cases, so a judge that rejects every
    # item is what keeps the mean under the gate.
    gated = invoke(
        str(SUITE), "--case", "mw-00*", "--judge", "fake:mode=reject", "--min-score", "1.0",
        "--out", str(tmp_path / "g"), "--quiet",
    )  # fmt: skip
    assert gated.exit_code == 1 and "gate failed: expert: mean score" in gated.stderr


def test_routing_suite_through_the_cli(tmp_path):
    result = invoke(
        str(REPO / "evals" / "routing"),
        "--out",
        str(tmp_path / "r"),
        "--min-precision",
        "0.0",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (routing,) = data["routing"]
    assert (
        routing["model"] == "router"
        and 0.0 <= routing["precision"] <= 1.0
        and 0.0 <= routing["recall"] <= 1.0
    )
    assert routing["tp"] + routing["fp"] + routing["fn"] + routing["tn"] == len(read_results(tmp_path / "r"))
