"""The append-only results store: one line per result, torn tails, duplicates, the folder lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from skillrun.errors import EvalError
from skillrun.evals._results import Result
from skillrun.evals._store import ReadReport, ResultStore, read_results


def result(case_id: str, status: str = "pass", model: str = "m", repeat: int = 0, **extra) -> Result:  # noqa: ANN003
    return Result(case_id=case_id, model=model, repeat=repeat, status=status, **extra)  # type: ignore[arg-type]


def test_append_writes_one_line_per_result_and_reads_back(tmp_path):
    with ResultStore(tmp_path) as store:
        store.append(result("a", score=0.5, report_markdown="# Title\n\n| a | b |\n"))
        store.append(result("b", "error"))
    lines = (tmp_path / "results.jsonl").read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[-1] == b""
    back = read_results(tmp_path)
    assert [(r.case_id, r.status, r.score) for r in back] == [("a", "pass", 0.5), ("b", "error", None)]
    assert back[0].report_markdown == "# Title\n\n| a | b |\n"


def test_a_torn_last_line_is_skipped_and_cut_before_appending(tmp_path):
    with ResultStore(tmp_path) as store:
        store.append(result("a"))
    path = tmp_path / "results.jsonl"
    whole = result("b").model_dump_json().encode()
    with open(path, "ab") as handle:
        handle.write(whole[: len(whole) // 2])  # what a kill in the middle of a write leaves
    report = ReadReport()
    assert [r.case_id for r in read_results(path, report)] == ["a"]
    assert report.torn_tail
    with ResultStore(tmp_path) as store:
        assert set(store.written) == {("a", "m", 0)}
        store.append(result("b"))
    report = ReadReport()
    assert [r.case_id for r in read_results(path, report)] == ["a", "b"]
    assert not report.torn_tail and not report.bad_lines


def test_a_torn_only_line_leaves_an_empty_file(tmp_path):
    (tmp_path / "results.jsonl").write_bytes(b'{"case_id": "a", "mo')
    with ResultStore(tmp_path) as store:
        assert store.written == set()
    assert (tmp_path / "results.jsonl").read_bytes() == b""


def test_duplicates_collapse_last_wins_and_bad_lines_are_counted(tmp_path):
    path = tmp_path / "results.jsonl"
    lines = [
        result("a", "fail").model_dump_json(),
        "not json",
        result("b").model_dump_json(),
        result("a", "pass").model_dump_json(),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ReadReport()
    back = read_results(path, report)
    assert [(r.case_id, r.status) for r in back] == [("b", "pass"), ("a", "pass")]
    assert report.duplicates == 1 and report.bad_lines == [2]


def test_the_store_refuses_a_key_it_already_holds(tmp_path):
    with ResultStore(tmp_path) as store:
        store.append(result("a"))
    with ResultStore(tmp_path) as store, pytest.raises(EvalError, match="already in"):
        store.append(result("a"))


def test_drop_rewrites_without_the_keys(tmp_path):
    with ResultStore(tmp_path) as store:
        for name in "abc":
            store.append(result(name, "error" if name == "b" else "pass"))
        store.drop({("b", "m", 0)})
        store.append(result("b", "pass"))
    assert [(r.case_id, r.status) for r in read_results(tmp_path)] == [
        ("a", "pass"),
        ("c", "pass"),
        ("b", "pass"),
    ]
    assert len((tmp_path / "results.jsonl").read_text().splitlines()) == 3


def test_one_process_at_a_time_holds_a_run_folder(tmp_path):
    with ResultStore(tmp_path), pytest.raises(EvalError, match="in use"):
        ResultStore(tmp_path).open()
    with ResultStore(tmp_path):  # released on close
        pass


def test_sigkill_in_a_writing_loop_never_breaks_the_file(tmp_path):
    """A writer killed at a random moment leaves whole lines plus at most one torn line, never garbage."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from skillrun.evals._results import Result
        from skillrun.evals._store import ResultStore
        store = ResultStore(Path({str(tmp_path)!r}))
        store.open()
        for i in range(100000):
            store.append(Result(case_id=f"c{{i}}", model="m", status="pass", report_markdown="x" * 20000))
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    path = tmp_path / "results.jsonl"
    while time.monotonic() < deadline and (not path.exists() or path.stat().st_size < 400_000):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    report = ReadReport()
    before = read_results(path, report)
    assert len(before) >= 10 and not report.bad_lines
    with ResultStore(tmp_path) as store:  # the lock died with the process
        assert len(store.written) == len(before)
        store.append(result("after"))
    assert read_results(path)[-1].case_id == "after"
    assert os.path.getsize(path) == sum(len(line) + 1 for line in path.read_bytes().split(b"\n")[:-1])
