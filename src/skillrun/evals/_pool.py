"""Worker processes, so a large run uses more than one core.

Two kinds of job. For the offline expert engine everything is CPU (writing the report, its guardrail
checks, parsing it back, the rubric checks), so whole cases run in the workers and the main process
only stores results. For other backends the waiting happens in the main process's event loop and only
the parse-and-check step goes to the workers, while the main process keeps the backend busy.

Workers are started with ``spawn`` (no fork of a process with a running event loop), load the skills
once, and return plain data. A failure inside a job comes back as data too (never as a pickled
exception). If a worker dies, the run carries on in the main process and says so in its notes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..spec import Skill
from ._cases import Case
from ._checks import Expectations
from ._results import OutcomeRecord, error_record
from ._scoring import check_rows, outcome_records, rubric_checker

MIN_CASES = 100
"""Below this many cases, starting worker processes costs more than it saves."""
DIED = "a worker process died; the rest of the run went on in the main process"

Rows = list[tuple[str, str, str, str | None]]


@dataclass
class Execution:
    """What running one case produced, wherever it ran."""

    markdown: str | None = None
    report: dict[str, Any] | None = None
    brief: BaseModel | None = None
    usage: tuple[int, int, int] = (0, 0, 0)
    cost_usd: float | None = None
    fallback_sections: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    calls: int = 0
    cache_hits: int = 0
    rows: Rows | None = None
    """Check outcomes when the checks already ran (in a worker); ``None`` when they still have to."""
    error: tuple[str, str] | None = None
    """``(type, message)`` of a failure to produce the report."""

    @classmethod
    def of_report(
        cls, report: Any, markdown: str, latency_ms: float, calls: int = 0, cache_hits: int = 0
    ) -> Execution:
        run = getattr(report, "run", None)
        usage = getattr(run, "usage", None)
        return cls(
            markdown=markdown,
            report=report.to_json_dict() if hasattr(report, "to_json_dict") else None,
            brief=getattr(report, "brief", None),
            usage=(
                getattr(usage, "input_tokens", 0),
                getattr(usage, "output_tokens", 0),
                getattr(usage, "requests", 0),
            ),
            cost_usd=getattr(run, "cost_usd", None),
            fallback_sections=list(getattr(run, "fallback_sections", []) or []),
            latency_ms=latency_ms,
            calls=calls,
            cache_hits=cache_hits,
        )


def auto_workers(cases: int) -> int:
    if cases < MIN_CASES or not can_spawn():
        return 0
    return min(2, os.cpu_count() or 1)


def can_spawn() -> bool:
    """``spawn`` re-imports the main script in each worker; a script read from stdin cannot be."""
    main_path = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_path is None or os.path.exists(main_path)


# --- inside a worker -----------------------------------------------------------------------------

_SKILLS: dict[str, Skill] = {}
_CHAINS: dict[tuple[str, bool], Any] = {}
_LOOP: asyncio.AbstractEventLoop | None = None


def _init(skills: dict[str, Skill]) -> None:
    global _LOOP
    # Ctrl-C goes to the whole process group: the main process stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(os.getppid())
    _SKILLS.update(skills)
    _LOOP = asyncio.new_event_loop()
    from ._registry import checks_for

    for skill in skills.values():  # load the checks (and their lexicons) before the first job
        checks_for(skill)


def _watch_parent(parent: int) -> None:
    """Exit when the main process is gone (SIGKILL included): a worker blocked on its job queue would
    otherwise wait forever, since it holds both ends of the queue's pipe."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="skillrun-parent-watch", daemon=True).start()


def _check_job(slug: str, request: str, expect: Expectations, markdown: str, brief: BaseModel | None) -> Rows:
    return check_rows(_SKILLS[slug], request, expect, markdown, brief)


def _case_job(slug: str, request: str, expect: Expectations, fallback: bool) -> Execution:
    """One whole case on the expert engine: chain, markdown, rubric checks."""
    from .._run import build_chain, to_markdown
    from ..chain._events import final_report

    skill = _SKILLS[slug]
    started = time.perf_counter()
    try:
        if (slug, fallback) not in _CHAINS:
            _CHAINS[(slug, fallback)] = build_chain(skill, "expert", concurrency=16, fallback=fallback)
        assert _LOOP is not None
        report = _LOOP.run_until_complete(final_report(_CHAINS[(slug, fallback)].stream(request)))
        markdown = to_markdown(report, skill)
    except Exception as exc:  # noqa: BLE001 - reported as data: exceptions do not always pickle back
        record = error_record(exc, "run")
        return Execution(error=(record.type, record.message))
    asks = sum(s.provenance.attempts for s in report.sections)
    asks += report.run.intake.attempts if report.run.intake is not None else 0
    execution = Execution.of_report(report, markdown, (time.perf_counter() - started) * 1000, calls=asks)
    try:
        execution.rows = check_rows(skill, request, expect, markdown, report.brief)
    except Exception:  # noqa: BLE001 - left to the main process, which records the checks' error
        execution.rows = None
    return execution


# --- in the main process -------------------------------------------------------------------------


class WorkPool:
    def __init__(self, skills: dict[str, Skill], workers: int) -> None:
        self.skills = skills
        self.workers = workers
        self.notes: list[str] = []
        self.broken = False
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(skills,),
        )

    def _died(self) -> None:
        if not self.broken:
            self.broken = True
            self.notes.append(DIED)

    async def check(
        self, slug: str, case: Case, markdown: str, brief: BaseModel | None
    ) -> list[OutcomeRecord]:
        if not self.broken:
            loop = asyncio.get_running_loop()
            try:
                rows = await loop.run_in_executor(
                    self._pool, _check_job, slug, case.request, case.expect, markdown, brief
                )
            except BrokenProcessPool:
                self._died()
            else:
                return outcome_records(rows)
        return rubric_checker(self.skills[slug], case, markdown, brief)

    async def run_case(self, slug: str, case: Case, fallback: bool) -> Execution | None:
        """The case's execution, or ``None`` when the pool is broken (the caller runs it itself)."""
        if self.broken:
            return None
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._pool, _case_job, slug, case.request, case.expect, fallback
            )
        except BrokenProcessPool:
            self._died()
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def uses_pool(checker: Any) -> bool:
    """Only the rubric checker is known to run the same way in another process."""
    return checker is rubric_checker
