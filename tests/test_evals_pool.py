"""Checking in worker processes gives the same outcomes as checking in the main process, and survives
a worker's death."""

from __future__ import annotations

import asyncio
import os
import signal

import skillrun.evals as evals
from skillrun.evals._pool import MIN_CASES, CheckPool, auto_workers
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
    pool = CheckPool({"ml-workflow": skill}, 1)
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
    pool = CheckPool({"ml-workflow": skill}, 1)
    try:
        first = asyncio.run(pool.check("ml-workflow", cases[0], markdowns[0], briefs[0]))
        for process in list(pool._pool._processes.values()):  # noqa: SLF001
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        again = asyncio.run(pool.check("ml-workflow", cases[0], markdowns[0], briefs[0]))
    finally:
        pool.close()
    assert [o.model_dump() for o in again] == [o.model_dump() for o in first]
    assert pool.notes == ["a check worker process died; the rest of the run was checked in the main process"]
