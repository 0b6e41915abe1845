"""Runs a chain definition as a DAG: each step starts as soon as the steps it depends on are done."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import ChainError
from ..models import SectionTask
from ..packs import Pack
from ..report import Provenance, Report, RunInfo, SectionResult, UsageTotals
from ..spec import Skill
from ._agent import SectionAgent, SectionOutcome
from ._events import ChainEvent, IntakeDone, ReportDone, SectionDone
from ._spec import ChainSpec, StepSpec


@dataclass
class Chain:
    skill: Skill
    spec: ChainSpec
    pack: Pack
    agent: SectionAgent
    concurrency: int = 4

    async def stream(self, request: str) -> AsyncIterator[ChainEvent]:
        """Run every step; yield an event as each finishes, then the report."""
        started = time.perf_counter()
        template = self.skill.template
        if template is None:
            raise ChainError(f"skill {self.skill.name!r} has no Output Format to fill")
        limiter = asyncio.Semaphore(max(1, self.concurrency))
        outcomes: dict[str, SectionOutcome] = {}
        futures: dict[str, asyncio.Future[SectionOutcome]] = {
            s.id: asyncio.get_running_loop().create_future() for s in self.spec.steps
        }
        queue: asyncio.Queue[tuple[StepSpec, SectionOutcome] | BaseException] = asyncio.Queue()

        async def run_step(step: StepSpec) -> None:
            try:
                deps = {d: await futures[d] for d in step.depends_on}
                brief = next((o.value for d, o in deps.items() if self.spec.step(d).section is None), None)
                inputs = {d: o.value for d, o in deps.items() if self.spec.step(d).section is not None}
                task = SectionTask(
                    skill=self.skill.slug,
                    step=step.id,
                    output_type=self.pack.output_type(step.output),
                    request=request,
                    brief=brief,
                    inputs=inputs,
                )
                async with limiter:
                    outcome = await self.agent.run(task, step)
                futures[step.id].set_result(outcome)
                await queue.put((step, outcome))
            except asyncio.CancelledError:
                raise
            except BaseException as exc:  # handed to the consumer, which stops the run
                if not futures[step.id].done():
                    futures[step.id].set_exception(exc)
                    futures[step.id].exception()  # mark retrieved: the queue carries it
                await queue.put(exc)

        tasks = [asyncio.create_task(run_step(s), name=f"step:{s.id}") for s in self.spec.steps]
        total = len(self.spec.section_steps)
        done = 0
        try:
            for _ in self.spec.steps:
                item = await queue.get()
                if isinstance(item, BaseException):
                    raise item
                step, outcome = item
                outcomes[step.id] = outcome
                if step.section is None:
                    yield IntakeDone(outcome.value, outcome.provenance)
                else:
                    done += 1
                    yield SectionDone(self._result(step, outcome), done, total)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            # SDK backends hold an HTTP client per event loop; close it before this loop ends.
            closer = getattr(self.agent.model, "aclose", None)
            if closer is not None:
                await closer()
        yield ReportDone(self._report(request, outcomes, started))

    def _result(self, step: StepSpec, outcome: SectionOutcome) -> SectionResult:
        assert step.section is not None
        return SectionResult(
            step=step.id,
            heading=step.section,
            value=outcome.value,
            body=self.pack.body(outcome.value),
            provenance=outcome.provenance,
        )

    def _report(self, request: str, outcomes: dict[str, SectionOutcome], started: float) -> Report:
        assert self.skill.template is not None
        order = {h: i for i, h in enumerate(self.skill.template.headings)}
        section_steps = sorted(self.spec.section_steps, key=lambda s: order.get(s.section or "", len(order)))
        sections = [self._result(s, outcomes[s.id]) for s in section_steps]
        intake_step = next((s for s in self.spec.steps if s.section is None), None)
        intake = outcomes[intake_step.id] if intake_step else None
        brief = intake.value if intake else None
        provenances = [s.provenance for s in sections] + ([intake.provenance] if intake else [])
        fallbacks = [s.heading for s in sections if s.provenance.fallback]
        run = RunInfo(
            model=self.agent.model.name,
            usage=_sum_usage(provenances),
            cost_usd=_sum_cost(provenances),
            duration_ms=(time.perf_counter() - started) * 1000,
            fallback_sections=fallbacks,
            intake=intake.provenance if intake else None,
        )
        banner = None
        if fallbacks:
            banner = (
                f"{len(fallbacks)} of {len(sections)} sections were written by the offline expert engine "
                f"because {self.agent.model.name} failed: {', '.join(fallbacks)}"
            )
        if intake is not None and intake.provenance.fallback:
            # The brief shapes every section, so a fallback there is worth the reader's attention too.
            note = f"the brief is the offline expert intake's because {self.agent.model.name} failed"
            banner = f"{banner}; {note}" if banner else note[0].upper() + note[1:]
        title_value = self.pack.title(brief) if isinstance(brief, BaseModel) else self.skill.name
        return Report(
            skill=self.skill.slug,
            skill_name=self.skill.name,
            title=_fill_title(self.skill.template.title_pattern, title_value),
            request=request,
            brief=brief,
            assumptions=self.pack.assumptions(brief) if isinstance(brief, BaseModel) else [],
            sections=sections,
            run=run,
            banner=banner,
        )


def _fill_title(pattern: str, value: str) -> str:
    head, sep, rest = pattern.partition("[")
    if not sep:
        return pattern
    _, close, tail = rest.partition("]")
    return f"{head}{value}{tail if close else ''}"


def _sum_usage(provenances: list[Provenance]) -> UsageTotals:
    return UsageTotals(
        input_tokens=sum(p.usage.input_tokens for p in provenances),
        output_tokens=sum(p.usage.output_tokens for p in provenances),
        requests=sum(p.usage.requests for p in provenances),
    )


def _sum_cost(provenances: list[Provenance]) -> float | None:
    # Unknown prices stay unknown: one section without a price makes the total unknown, not smaller.
    # (Sections price their own calls; a section that made none, or replayed them from a cache, costs 0.)
    costs = [p.cost_usd if p.usage.requests else (p.cost_usd or 0.0) for p in provenances]
    if any(c is None for c in costs):
        return None
    return round(sum(c for c in costs if c is not None), 6)
