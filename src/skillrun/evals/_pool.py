"""Parsing and checking reports in worker processes, so a large run uses more than one core.

For the offline expert engine everything is CPU: writing a report costs about as much as parsing it
back and running the rubric checks on it. Checks are pure functions of (skill, markdown, request,
brief, expectations), so they can run in other processes while the main process writes the next
reports. Workers are started with ``spawn`` (no fork of a process with a running event loop), load
the skills once in their initializer, and return plain tuples. If a worker dies, the run carries on
checking in the main process and says so in its notes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pydantic import BaseModel

from ..spec import Skill
from ._cases import Case
from ._checks import Expectations
from ._results import OutcomeRecord
from ._scoring import check_rows, rubric_checker

_SKILLS: dict[str, Skill] = {}
MIN_CASES = 100
"""Below this many cases, starting worker processes costs more than it saves."""


def auto_workers(cases: int) -> int:
    if cases < MIN_CASES or not can_spawn():
        return 0
    return min(2, os.cpu_count() or 1)


def can_spawn() -> bool:
    """``spawn`` re-imports the main script in each worker; a script read from stdin cannot be."""
    main_path = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_path is None or os.path.exists(main_path)


def _init(skills: dict[str, Skill]) -> None:
    _SKILLS.update(skills)
    from . import checks_for  # type: ignore[attr-defined]

    for skill in skills.values():  # load the checks (and their lexicons) before the first job
        checks_for(skill)


def _job(
    slug: str, request: str, expect: Expectations, markdown: str, brief: BaseModel | None
) -> list[tuple[str, str, str, str | None]]:
    return check_rows(_SKILLS[slug], request, expect, markdown, brief)


class CheckPool:
    def __init__(self, skills: dict[str, Skill], workers: int) -> None:
        self.skills = skills
        self.workers = workers
        self.notes: list[str] = []
        self._broken = False
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(skills,),
        )

    async def check(
        self, slug: str, case: Case, markdown: str, brief: BaseModel | None
    ) -> list[OutcomeRecord]:
        if not self._broken:
            loop = asyncio.get_running_loop()
            try:
                rows = await loop.run_in_executor(
                    self._pool, _job, slug, case.request, case.expect, markdown, brief
                )
            except BrokenProcessPool:
                if not self._broken:
                    self._broken = True
                    self.notes.append(
                        "a check worker process died; the rest of the run was checked in the main process"
                    )
            else:
                return [
                    OutcomeRecord.model_construct(id=i, status=s, reason=r, section=sec, source="check")
                    for i, s, r, sec in rows
                ]
        return rubric_checker(self.skills[slug], case, markdown, brief)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def uses_pool(checker: Any) -> bool:
    """Only the rubric checker is known to run the same way in another process."""
    return checker is rubric_checker
