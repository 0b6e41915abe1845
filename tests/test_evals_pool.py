"""Checking in worker processes gives the same outcomes as checking in the main process, and survives
a worker's death."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

import skillrun.evals as evals
from skillrun.evals._pool import DIED, MIN_CASES, WorkPool, auto_workers
from skillrun.evals._scoring import rubric_checker


def reports(n: int):  # noqa: ANN201
    from skillrun import find_skill, run, to_markdown

    skill = find_skill("ml-workflow")
    suite = evals.load_suite("evals/ml-workflow")
    cases = suite.cases[:n]
    made = [run(case.request, skill) for case in cases]
    return skill, cases, [to_markdown(r, skill) for r in made], [r.brief for r in made]


def test_auto_workers_only_for_large_runs():
    assert auto_workers(MIN_CASES - 1) == 0
    assert auto_workers(MIN_CASES) in (1, 2)


def test_worker_outcomes_equal_main_process_outcomes(repo, monkeypatch):
    monkeypatch.chdir(repo)
    skill, cases, markdowns, briefs = reports(3)
    pool = WorkPool({"ml-workflow": skill}, 1)
    try:

        async def all_checked():
            return await asyncio.gather(
                *(
                    pool.check("ml-workflow", c, m, b)
                    for c, m, b in zip(cases, markdowns, briefs, strict=True)
                )
            )

        remote = asyncio.run(all_checked())
    finally:
        pool.close()
    local = [rubric_checker(skill, c, m, b) for c, m, b in zip(cases, markdowns, briefs, strict=True)]
    assert [[o.model_dump() for o in r] for r in remote] == [[o.model_dump() for o in r] for r in local]
    assert pool.notes == []


def test_a_dead_worker_falls_back_to_the_main_process(repo, monkeypatch):
    monkeypatch.chdir(repo)
    skill, cases, markdowns, briefs = reports(1)
    pool = WorkPool({"ml-workflow": skill}, 1)
    try:
        first = asyncio.run(pool.check("ml-workflow", cases[0], markdowns[0], briefs[0]))
        for process in list(pool._pool._processes.values()):  # noqa: SLF001
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        again = asyncio.run(pool.check("ml-workflow", cases[0], markdowns[0], briefs[0]))
    finally:
        pool.close()
    assert [o.model_dump() for o in again] == [o.model_dump() for o in first]
    assert pool.notes == [DIED]


def test_whole_expert_cases_in_workers_match_the_main_process(tmp_path, repo, monkeypatch):
    from skillrun.evals import EvalRequest, run_eval

    monkeypatch.chdir(repo)

    def request(workers: int, out: str) -> EvalRequest:
        return EvalRequest(
            suite="evals/ml-workflow", case_ids=["mw-00*"], out=tmp_path / out, check_workers=workers
        )

    here = asyncio.run(run_eval(request(0, "here")))

    async def not_here(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("an expert case ran in the main process")

    from skillrun.evals._runner import ReportRunner

    monkeypatch.setattr(ReportRunner, "_execute", not_here)
    pooled = asyncio.run(run_eval(request(1, "pooled")))
    assert pooled.outcome.notes == [] and here.outcome.calls == pooled.outcome.calls == 9 * 8
    a = {r.case_id: r for r in here.outcome.results}
    b = {r.case_id: r for r in pooled.outcome.results}
    assert a.keys() == b.keys() and len(a) == 9
    for case_id in a:
        assert (a[case_id].status, a[case_id].score, a[case_id].sections) == (
            b[case_id].status,
            b[case_id].score,
            b[case_id].sections,
        )
        assert a[case_id].report_markdown == b[case_id].report_markdown
        assert [o.model_dump() for o in a[case_id].outcomes] == [o.model_dump() for o in b[case_id].outcomes]
        for sa, sb in zip(a[case_id].report["sections"], b[case_id].report["sections"], strict=True):
            assert (sa["value"], sa["body"]) == (sb["value"], sb["body"])  # provenance latencies differ


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to find the worker processes")
def test_workers_do_not_outlive_a_killed_run(tmp_path, repo):
    import json
    import subprocess
    import sys
    import time

    suite = evals.load_suite(repo / "evals" / "ml-workflow")
    lines = [
        json.dumps({"id": f"k-{i:03d}", "request": suite.cases[i % len(suite.cases)].request})
        for i in range(150)
    ]
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "skillrun",
            "eval",
            str(tmp_path / "big.jsonl"),
            "--workers",
            "1",
            "--out",
            str(out),
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=repo,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline:
        results = out / "results.jsonl"
        if results.exists() and results.read_bytes().count(b"\n") >= 5:
            workers = _children(proc.pid)
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert workers, "the run had no worker processes"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
