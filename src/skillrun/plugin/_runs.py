"""Background skill runs for hosts whose tool calls time out before a report is done.

``start_skill_run`` puts a run here and returns its id at once; ``get_skill_run`` polls it. The store
lives in memory, holds at most ``max_runs`` runs and forgets a finished run ``ttl_seconds`` after it
ended, so a long-lived server cannot grow without bound.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from ..errors import SkillrunError, UsageError
from ..spec import Skill
from ._hook import PluginEvent, ReportReady, SectionReady
from ._schemas import SkillReport

log = logging.getLogger("skillrun.plugin")

RunState = Literal["running", "done", "failed", "cancelled"]


class SectionPart(BaseModel):
    """A finished section of a run that may still be going."""

    heading: str
    markdown: str


class RunStatus(BaseModel):
    """Where a background run stands; ``report`` is set once ``status`` is ``done``."""

    run_id: str
    skill: str
    status: RunState
    done: int
    """Sections finished so far."""
    total: int | None
    """Sections the report will have; ``None`` until the first section is done."""
    elapsed_seconds: float
    sections: list[SectionPart]
    """Finished sections in the order they finished, each in the skill's Output Format."""
    report: SkillReport | None = None
    error: str | None = None


@dataclass
class _Run:
    id: str
    skill: Skill
    started: float
    status: RunState = "running"
    ended: float | None = None
    sections: list[SectionReady] = field(default_factory=list)
    total: int | None = None
    result: ReportReady | None = None
    error: str | None = None
    task: asyncio.Task[None] | None = None


class RunStore:
    """Runs started in the background, bounded in number and kept for a while after they end.

    Args:
        max_runs: Runs held at once, running or finished. When full, the oldest finished run makes
            room; when every run is still going, a new one is refused.
        ttl_seconds: How long a finished run stays readable.
        clock: Monotonic seconds (injectable for tests).
    """

    def __init__(
        self, max_runs: int = 32, ttl_seconds: float = 3600.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_runs < 1:
            raise ValueError("max_runs must be at least 1")
        self.max_runs = max_runs
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._runs: dict[str, _Run] = {}

    def __len__(self) -> int:
        self._expire()
        return len(self._runs)

    def start(self, skill: Skill, events: AsyncIterator[PluginEvent]) -> RunStatus:
        """Consume ``events`` in a background task of the running loop; the new run's status."""
        self._expire()
        if len(self._runs) >= self.max_runs and not self._evict_one():
            raise UsageError(
                f"{self.max_runs} runs are already in progress; wait for one to finish or cancel one"
            )
        run = _Run(id=secrets.token_urlsafe(12), skill=skill, started=self._clock())
        self._runs[run.id] = run
        run.task = asyncio.get_running_loop().create_task(
            self._consume(run, events), name=f"skill-run:{run.id}"
        )
        run.task.add_done_callback(lambda task: self._settle(run, task))
        return self.status(run.id)

    def status(self, run_id: str) -> RunStatus:
        """The status of ``run_id``; a usage error when it is unknown or has expired."""
        run = self._get(run_id)
        now = run.ended if run.ended is not None else self._clock()
        report = None
        if run.result is not None:
            report = SkillReport.from_report(run.result.report, run.result.markdown, run.skill)
        return RunStatus(
            run_id=run.id,
            skill=run.skill.slug,
            status=run.status,
            done=len(run.sections),
            total=run.total,
            elapsed_seconds=round(now - run.started, 3),
            sections=[SectionPart(heading=s.heading, markdown=s.markdown) for s in run.sections],
            report=report,
            error=run.error,
        )

    def markdown(self, run_id: str) -> str | None:
        """The finished report's markdown, or ``None`` while the run is not done."""
        run = self._get(run_id)
        return run.result.markdown if run.result is not None else None

    async def cancel(self, run_id: str) -> RunStatus:
        """Cancel ``run_id`` if it is still going and wait until it has stopped."""
        run = self._get(run_id)
        if run.task is not None and not run.task.done():
            run.task.cancel()
            await asyncio.gather(run.task, return_exceptions=True)
        return self.status(run_id)

    async def aclose(self) -> None:
        """Cancel every run still going (server shutdown)."""
        tasks = [r.task for r in self._runs.values() if r.task is not None and not r.task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _consume(self, run: _Run, events: AsyncIterator[PluginEvent]) -> None:
        try:
            async for event in events:
                if isinstance(event, SectionReady):
                    run.sections.append(event)
                    run.total = event.total
                elif isinstance(event, ReportReady):
                    run.result = event
            run.status = "done" if run.result is not None else "failed"
            if run.result is None:
                run.error = "the run ended without a report"
        except asyncio.CancelledError:
            run.status = "cancelled"
            raise
        except SkillrunError as exc:
            run.status, run.error = "failed", str(exc) or type(exc).__name__
        except Exception as exc:  # the task has no caller to raise to; record it and keep the server up
            log.exception("background run %s failed", run.id)
            run.status, run.error = "failed", f"internal error ({type(exc).__name__})"
        finally:
            run.ended = self._clock()
            aclose = getattr(events, "aclose", None)
            if aclose is not None:
                await aclose()

    def _settle(self, run: _Run, task: asyncio.Task[None]) -> None:
        # A task cancelled before it first ran never enters _consume, so its end is recorded here.
        if task.cancelled() and run.status == "running":
            run.status = "cancelled"
        if run.ended is None:
            run.ended = self._clock()

    def _get(self, run_id: str) -> _Run:
        self._expire()
        run = self._runs.get(run_id) if isinstance(run_id, str) else None
        if run is None:
            raise UsageError(
                f"no run {run_id!r}: unknown, or finished more than {self.ttl_seconds:.0f} s ago and forgotten"
            )
        return run

    def _expire(self) -> None:
        now = self._clock()
        for run_id, run in list(self._runs.items()):
            if run.ended is not None and now - run.ended > self.ttl_seconds:
                del self._runs[run_id]

    def _evict_one(self) -> bool:
        finished = [r for r in self._runs.values() if r.ended is not None]
        if not finished:
            return False
        oldest = min(finished, key=lambda r: r.ended or 0.0)
        del self._runs[oldest.id]
        return True
