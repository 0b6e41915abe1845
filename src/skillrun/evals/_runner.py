"""The batch runner: cases x backends x repeats, with bounded concurrency, resume and an append-only store.

Concurrency is counted in **model calls**: ``concurrency=N`` lets at most N calls be in flight per
backend (a semaphore around the backend, below the cache), and keeps N cases in flight per backend so
that the slots stay busy (a case of the ML Workflow chain has one to three calls ready at any time),
plus one per worker process while reports wait for their checks. Expert cases run whole in the worker
processes (see ``_pool``). Each result is written to the store before its worker picks the next case,
so a kill loses only the cases in flight. Failures of any kind become results with status ``error``;
they never stop the run.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..chain._events import final_report
from ..errors import UsageError
from ..models import Model
from ..spec import Skill
from ._backends import (
    ChainFactory,
    LimitedModel,
    Renderer,
    _default_renderer,
    _default_skill_resolver,
    default_chain_factory,
    resolve_judge,
    resolve_models,
)
from ._cache import CachedModel, CallCounter, ModelCache, current_counter, should_cache
from ._cases import Case, Suite
from ._judge import Judge
from ._pool import Execution
from ._results import ErrorRecord, OutcomeRecord, Result, ResultKey, UsageRecord, error_record
from ._scoring import Checker, Scorer, merge_outcomes, outcome_records, rubric_checker, rubric_scorer
from ._store import ResultStore


@dataclass
class RunOptions:
    models: list[str] = field(default_factory=lambda: ["expert"])
    repeat: int = 1
    concurrency: int = 8
    cache: bool = True
    judge: str | None = None
    fallback: bool = True
    model_options: dict[str, Any] = field(default_factory=dict)
    check_workers: int | None = None
    """Processes that parse and check reports; ``None`` picks by run size (0 = the main process)."""


@dataclass(repr=False)
class RunOutcome:
    results: list[Result]
    """Every result in the run folder after this invocation (earlier ones included)."""
    planned: int
    ran: int
    skipped: int
    elapsed_s: float = 0.0
    calls: int = 0
    cache_hits: int = 0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def collect(
        cls,
        existing: dict[ResultKey, Result],
        finished: list[Result],
        planned: list[ResultKey],
        started: float,
        **counts: Any,
    ) -> RunOutcome:
        """The outcome once ``finished`` ran: earlier results with the new ones over them."""
        everything = dict(existing)
        everything.update({r.key: r for r in finished})
        return cls(
            results=list(everything.values()),
            planned=len(planned),
            ran=len(finished),
            skipped=len(planned) - len(finished),
            elapsed_s=time.perf_counter() - started,
            **counts,
        )

    def __repr__(self) -> str:
        # Short on purpose: asyncio.run reprs the main task's result on the way out (via the SIGINT
        # handler's partial in CPython 3.11), and the full repr of a thousand results costs seconds.
        return f"RunOutcome(planned={self.planned}, ran={self.ran}, skipped={self.skipped}, results={len(self.results)})"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def plan_keys(suite: Suite, models: list[str], repeat: int) -> list[ResultKey]:
    """Repeat-major, then case, then backend: an interrupted run has whole rounds, not one backend."""
    return [(c.id, m, r) for r in range(repeat) for c in suite.cases for m in models]


class ReportRunner:
    """Runs a report suite into a :class:`ResultStore`."""

    def __init__(
        self,
        suite: Suite,
        options: RunOptions,
        *,
        models: dict[str, Model] | None = None,
        judge_model: Model | None = None,
        skill_resolver: Callable[[str], Skill] | None = None,
        chain_factory: ChainFactory | None = None,
        renderer: Renderer | None = None,
        checker: Checker | None = None,
        scorer: Scorer | None = None,
        cache: ModelCache | None = None,
        on_result: Callable[[Result], None] | None = None,
    ) -> None:
        if suite.kind != "report":
            raise UsageError(f"suite {suite.name!r} holds {suite.kind} cases, not report cases")
        self.suite = suite
        self.options = options
        self.models = models if models is not None else resolve_models(options.models, options.model_options)
        self.judge_model = judge_model
        if options.judge and judge_model is None:
            self.judge_model = resolve_judge(options.judge, options.model_options)
        if self.judge_model is not None and not suite.judge:
            raise UsageError(f"suite {suite.name!r} lists no [judge] items (suite.yaml: judge:)")
        resolver = skill_resolver or _default_skill_resolver
        self.skills = {slug: resolver(slug) for slug in sorted({suite.skill_of(c) for c in suite.cases})}
        self.chain_factory = chain_factory or default_chain_factory
        self.renderer = renderer or _default_renderer
        self.checker = checker or rubric_checker
        self.scorer = scorer or rubric_scorer
        self.cache = cache if cache is not None else (ModelCache() if options.cache else None)
        self.on_result = on_result
        self._cases = {c.id: c for c in suite.cases}
        self._chains: dict[tuple[str, str, int], Any] = {}
        self._judges: dict[int, Judge] = {}
        self._limiters: dict[str, asyncio.Semaphore] = {}
        self._pool: Any = None
        self.calls = self.cache_hits = 0

    def _wrap(self, spec: str, model: Model, repeat: int) -> Model:
        inner: Model = model
        if self.cache is not None and should_cache(model):
            inner = CachedModel(model, self.cache, repeat)
        limiter = self._limiters.setdefault(spec, asyncio.Semaphore(max(1, self.options.concurrency)))
        return LimitedModel(inner, limiter)

    def _chain(self, slug: str, spec: str, repeat: int) -> Any:
        """A chain for one case: built once per skill x backend x repeat, with a fresh section agent.

        The agent carries per-run state (the circuit breaker that stops calling a backend found down),
        which must not leak from one case into the next: a short outage would otherwise turn every
        later case into expert fallbacks.
        """
        key = (slug, spec, repeat)
        if key not in self._chains:
            model = self._wrap(spec, self.models[spec], repeat)
            self._chains[key] = self.chain_factory(self.skills[slug], model, self.options.fallback)
        template = self._chains[key]
        agent = getattr(template, "agent", None)
        if dataclasses.is_dataclass(template) and dataclasses.is_dataclass(agent):
            return dataclasses.replace(template, agent=dataclasses.replace(agent))  # type: ignore[type-var]
        return template

    def _judge(self, repeat: int) -> Judge | None:
        if self.judge_model is None:
            return None
        if repeat not in self._judges:
            model = self._wrap("judge:" + self.judge_model.name, self.judge_model, repeat)
            self._judges[repeat] = Judge(model=model, items=list(self.suite.judge), skill=self.suite.skill)
        return self._judges[repeat]

    def plan(self) -> list[ResultKey]:
        """Every result this run owes, earlier ones included: cases x backends x repeats."""
        return plan_keys(self.suite, list(self.models), self.options.repeat)

    async def run(self, store: ResultStore, existing: dict[ResultKey, Result]) -> RunOutcome:
        """Run every planned key not in ``existing`` (the results already in the store)."""
        started = time.perf_counter()
        planned = self.plan()
        todo = [k for k in planned if k not in existing]
        finished: list[Result] = []
        queues: dict[str, deque[ResultKey]] = {spec: deque() for spec in self.models}
        for key in todo:
            queues[key[1]].append(key)

        async def worker(queue: deque[ResultKey]) -> None:
            while queue:
                key = queue.popleft()
                result = await self.run_one(key)
                store.append(result)  # before taking the next case: a kill loses only cases in flight
                finished.append(result)
                if self.on_result is not None:
                    self.on_result(result)

        self._pool = self._start_pool(len(todo))
        # Cases being checked hold no model call, so with check workers a few more cases are in flight:
        # the backend's slots stay busy while finished reports wait for their checks.
        per_backend = max(1, self.options.concurrency) + (self._pool.workers if self._pool is not None else 0)
        workers = [
            asyncio.create_task(worker(queue), name=f"eval:{spec}:{i}")
            for spec, queue in queues.items()
            for i in range(min(per_backend, len(queue)))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if self.cache is not None:
                self.cache.close()
            if self._pool is not None:
                self._pool.close()
            await self._close_models()
        return RunOutcome.collect(
            existing,
            finished,
            planned,
            started,
            calls=self.calls,
            cache_hits=self.cache_hits,
            notes=(list(self.cache.notes) if self.cache is not None else [])
            + (self._pool.notes if self._pool else []),
        )

    async def _close_models(self) -> None:
        # The wrappers do not pass the chain's per-case aclose on, so one HTTP client serves the whole
        # run; it is closed here, once, before the event loop ends.
        for model in [*self.models.values(), self.judge_model]:
            closer = getattr(model, "aclose", None)
            if closer is not None:
                try:
                    await closer()
                except Exception:  # noqa: BLE001 - closing must not turn a finished run into a failure
                    pass

    def _start_pool(self, cases: int) -> Any:
        from ._pool import WorkPool, auto_workers, uses_pool

        workers = self.options.check_workers
        if workers is None:
            workers = auto_workers(cases)
        if workers <= 0 or cases == 0 or not uses_pool(self.checker):
            return None
        return WorkPool(self.skills, workers)

    def _in_pool(self, spec: str) -> bool:
        """Whole cases go to the workers for the expert engine: all CPU, no network, nothing to cache."""
        from ..models import ExpertModel

        return (
            self._pool is not None
            and not self._pool.broken
            and isinstance(self.models[spec], ExpertModel)
            and self.chain_factory is default_chain_factory
            and self.renderer is _default_renderer
        )

    async def run_one(self, key: ResultKey) -> Result:
        """Run one case on one backend; every failure becomes an ``error`` result."""
        case_id, spec, repeat = key
        case = self._cases[case_id]
        slug = self.suite.skill_of(case)
        base = {
            "case_id": case_id,
            "model": spec,
            "repeat": repeat,
            "tags": list(case.tags),
            "request": case.request,
            "started_at": now_iso(),
        }
        execution = None
        if self._in_pool(spec):
            execution = await self._pool.run_case(slug, case, self.options.fallback)
        if execution is None:
            execution = await self._execute(slug, spec, repeat, case)
        self.calls += execution.calls
        self.cache_hits += execution.cache_hits
        if execution.error is not None:
            kind, message = execution.error
            return Result(
                status="error",
                errors=[ErrorRecord(type=kind, message=message, where="run")],
                latency_ms=execution.latency_ms,
                usage=UsageRecord(requests=execution.calls, cache_hits=execution.cache_hits),
                finished_at=now_iso(),
                **base,
            )
        return await self._score(case, self.skills[slug], execution, repeat, base)

    async def _execute(self, slug: str, spec: str, repeat: int, case: Case) -> Execution:
        """Run the case's chain in this process, counting the calls it makes (its tasks share the counter)."""
        counter = CallCounter()
        token = current_counter.set(counter)
        t0 = time.perf_counter()
        try:
            report = await final_report(self._chain(slug, spec, repeat).stream(case.request))
            markdown = self.renderer(report, self.skills[slug])
        except Exception as exc:  # a backend, chain or renderer failure: recorded, never raised
            record = error_record(exc, "run")
            return Execution(
                error=(record.type, record.message),
                latency_ms=(time.perf_counter() - t0) * 1000,
                calls=counter.calls,
                cache_hits=counter.cache_hits,
            )
        finally:
            current_counter.reset(token)
        latency_ms = (time.perf_counter() - t0) * 1000
        return Execution.of_report(report, markdown, latency_ms, counter.calls, counter.cache_hits)

    async def _score(
        self, case: Case, skill: Skill, execution: Execution, repeat: int, base: dict[str, Any]
    ) -> Result:
        errors: list[ErrorRecord] = []
        outcomes: list[OutcomeRecord] = []
        markdown = execution.markdown or ""
        try:
            if execution.rows is not None:
                outcomes = outcome_records(execution.rows)
            elif self._pool is not None:
                outcomes = await self._pool.check(self.suite.skill_of(case), case, markdown, execution.brief)
            else:
                outcomes = self.checker(skill, case, markdown, execution.brief)
        except Exception as exc:
            errors.append(error_record(exc, "checks"))
        judge = self._judge(repeat)
        if judge is not None:
            judged, judge_errors = await judge.judge(case.request, markdown, execution.brief)
            outcomes = merge_outcomes(outcomes, judged)
            errors += judge_errors
        scored = self.scorer(outcomes) if outcomes else None
        status = "error" if errors else ("fail" if any(o.status == "fail" for o in outcomes) else "pass")
        tokens_in, tokens_out, requests = execution.usage
        return Result(
            status=status,
            score=scored.score if scored else None,
            min_section=scored.min_section if scored else None,
            sections=scored.sections if scored else {},
            outcomes=outcomes,
            errors=errors,
            usage=UsageRecord(
                input_tokens=tokens_in,
                output_tokens=tokens_out,
                requests=requests,
                cache_hits=execution.cache_hits,
            ),
            cost_usd=execution.cost_usd,
            latency_ms=execution.latency_ms,
            fallback_sections=execution.fallback_sections,
            report_markdown=execution.markdown,
            report=execution.report,
            finished_at=now_iso(),
            **base,
        )
