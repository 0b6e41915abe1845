"""Checking in worker processes gives the same outcomes as checking in the main process, and survives
a worker's death."""

from __future__ import annotations

import asyncio
import os
import signal

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
