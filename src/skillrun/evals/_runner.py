"""The batch runner: cases x backends x repeats, with bounded concurrency, resume and an append-only store.

Concurrency is counted in **model calls**: ``concurrency=N`` lets at most N calls be in flight per
backend (a semaphore around the backend, below the cache), and keeps N cases in flight per backend so
that the slots stay busy (a case of the ML Workflow chain has one to three calls ready at any time).
Each result is written to the store before its worker picks the next case, so a kill loses only the
cases in flight. Failures of any kind become results with status ``error``; they never stop the run.
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

from pydantic import BaseModel

from ..errors import UsageError
from ..models import Model, ModelRequest, ModelResponse, get_model
from ..spec import Skill
from ._cache import CachedModel, CallCounter, ModelCache, current_counter, should_cache
from ._cases import Case, Suite
from ._judge import Judge
from ._results import ErrorRecord, OutcomeRecord, Result, ResultKey, UsageRecord
from ._scoring import Checker, Scorer, merge_outcomes, rubric_checker, rubric_scorer
from ._store import ResultStore

ChainFactory = Callable[[Skill, Model, bool], Any]
"""``(skill, model, fallback) -> chain``: anything with ``stream(request)`` yielding events that end in ReportDone."""
Renderer = Callable[[Any, Skill], str]


@dataclass
class RunOptions:
    models: list[str] = field(default_factory=lambda: ["expert"])
    repeat: int = 1
    concurrency: int = 8
    cache: bool = True
    judge: str | None = None
    fallback: bool = True
    retry_errors: bool = False
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
    interrupted: bool = False
    elapsed_s: float = 0.0
    calls: int = 0
    cache_hits: int = 0
    notes: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        # Short on purpose: asyncio.run reprs the main task's result on the way out (via the SIGINT
        # handler's partial in CPython 3.11), and the full repr of a thousand results costs seconds.
        return f"RunOutcome(planned={self.planned}, ran={self.ran}, skipped={self.skipped}, results={len(self.results)})"


@dataclass
class LimitedModel:
    """A backend behind a semaphore shared by every chain that uses it; counts the calls it lets through."""

    inner: Model
    limiter: asyncio.Semaphore

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def wants_messages(self) -> bool:
        return self.inner.wants_messages

    @property
    def price_key(self) -> str | None:
        return getattr(self.inner, "price_key", None)

    async def request(self, request: ModelRequest) -> ModelResponse:
        async with self.limiter:
            counter = current_counter.get()
            if counter is not None:
                counter.calls += 1
            return await self.inner.request(request)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def plan_keys(suite: Suite, models: list[str], repeat: int) -> list[ResultKey]:
    """Repeat-major, then case, then backend: an interrupted run has whole rounds, not one backend."""
    return [(c.id, m, r) for r in range(repeat) for c in suite.cases for m in models]


def resolve_models(specs: list[str], options: dict[str, Any] | None = None) -> dict[str, Model]:
    """Backends by spec, built before the run so a typo fails at once (exit 2), not as N errors."""
    if not specs:
        raise UsageError("give at least one --model")
    if len(set(specs)) != len(specs):
        raise UsageError("the same --model is given twice")
    return {spec: get_model(spec, **(options or {})) for spec in specs}


def default_chain_factory(skill: Skill, model: Model, fallback: bool) -> Any:
    from .._run import build_chain

    # The runner's limiter bounds calls; the chain's own limit only needs to cover the DAG's width.
    return build_chain(skill, model, concurrency=16, fallback=fallback)


def _default_renderer(report: Any, skill: Skill) -> str:
    from .._run import to_markdown

    return to_markdown(report, skill)


def _default_skill_resolver(slug: str) -> Skill:
    from .._run import find_skill

    return find_skill(slug)


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

    async def run(self, store: ResultStore, existing: dict[ResultKey, Result]) -> RunOutcome:
        started = time.perf_counter()
        planned = plan_keys(self.suite, list(self.models), self.options.repeat)
        if self.options.retry_errors:
            retry = {k for k in planned if k in existing and existing[k].status == "error"}
            store.drop(retry)
            for k in retry:
                existing.pop(k)
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
        interrupted = False
        try:
            await asyncio.gather(*workers)
        except asyncio.CancelledError:
            interrupted = True
            raise
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if self.cache is not None:
                self.cache.close()
            if self._pool is not None:
                self._pool.close()
            await self._close_models()
        everything = dict(existing)
        everything.update({r.key: r for r in finished})
        return RunOutcome(
            results=list(everything.values()),
            planned=len(planned),
            ran=len(finished),
            skipped=len(planned) - len(todo),
            interrupted=interrupted,
            elapsed_s=time.perf_counter() - started,
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
        from ._pool import CheckPool, auto_workers, uses_pool

        workers = (
            self.options.check_workers if self.options.check_workers is not None else auto_workers(cases)
        )
        if workers <= 0 or cases == 0 or not uses_pool(self.checker):
            return None
        return CheckPool(self.skills, workers)

    async def run_one(self, key: ResultKey) -> Result:
        """Run one case on one backend; every failure becomes an ``error`` result."""
        case_id, spec, repeat = key
        case = self._cases[case_id]
        slug = self.suite.skill_of(case)
        skill = self.skills[slug]
        counter = CallCounter()
        token = current_counter.set(counter)
        started_at = now_iso()
        t0 = time.perf_counter()
        base = {
            "case_id": case_id,
            "model": spec,
            "repeat": repeat,
            "tags": list(case.tags),
            "started_at": started_at,
        }
        base["request"] = case.request
        try:
            try:
                report = await _final_report(self._chain(slug, spec, repeat), case.request)
                markdown = self.renderer(report, skill)
            except Exception as exc:  # a backend, chain or renderer failure: recorded, never raised
                return Result(
                    status="error",
                    errors=[_error(exc, "run")],
                    latency_ms=(time.perf_counter() - t0) * 1000,
                    usage=UsageRecord(requests=counter.calls, cache_hits=counter.cache_hits),
                    finished_at=now_iso(),
                    **base,
                )
            latency_ms = (time.perf_counter() - t0) * 1000
            brief = getattr(report, "brief", None)
            return await self._score(case, skill, report, markdown, brief, repeat, latency_ms, counter, base)
        finally:
            self.calls += counter.calls
            self.cache_hits += counter.cache_hits
            current_counter.reset(token)

    async def _score(
        self,
        case: Case,
        skill: Skill,
        report: Any,
        markdown: str,
        brief: BaseModel | None,
        repeat: int,
        latency_ms: float,
        counter: CallCounter,
        base: dict[str, Any],
    ) -> Result:
        errors: list[ErrorRecord] = []
        outcomes: list[OutcomeRecord] = []
        try:
            if self._pool is not None:
                outcomes = await self._pool.check(self.suite.skill_of(case), case, markdown, brief)
            else:
                outcomes = self.checker(skill, case, markdown, brief)
        except Exception as exc:
            errors.append(_error(exc, "checks"))
        judge = self._judge(repeat)
        if judge is not None:
            judged, judge_errors = await judge.judge(case.request, markdown, brief)
            outcomes = merge_outcomes(outcomes, judged)
            errors += judge_errors
        scored = self.scorer(outcomes) if outcomes else None
        run = getattr(report, "run", None)
        usage = getattr(run, "usage", None)
        status = "error" if errors else ("fail" if any(o.status == "fail" for o in outcomes) else "pass")
        return Result(
            status=status,
            score=scored.score if scored else None,
            min_section=scored.min_section if scored else None,
            sections=scored.sections if scored else {},
            outcomes=outcomes,
            errors=errors,
            usage=UsageRecord(
                input_tokens=getattr(usage, "input_tokens", 0),
                output_tokens=getattr(usage, "output_tokens", 0),
                requests=getattr(usage, "requests", 0),
                cache_hits=counter.cache_hits,
            ),
            cost_usd=getattr(run, "cost_usd", None),
            latency_ms=latency_ms,
            fallback_sections=list(getattr(run, "fallback_sections", []) or []),
            report_markdown=markdown,
            report=report.to_json_dict() if hasattr(report, "to_json_dict") else None,
            finished_at=now_iso(),
            **base,
        )


def resolve_judge(spec: str, options: dict[str, Any] | None = None) -> Model:
    if spec.strip() == "expert":
        raise UsageError("the expert engine cannot judge; give an LLM backend to --judge")
    return get_model(spec, **(options or {}))


async def _final_report(chain: Any, request: str) -> Any:
    from ..chain._events import ReportDone

    async for event in chain.stream(request):
        if isinstance(event, ReportDone):
            return event.report
    raise RuntimeError("the chain ended without a report")


def _error(exc: BaseException, where: str) -> ErrorRecord:
    text = str(exc).strip()
    message = text.splitlines()[0] if text else type(exc).__name__
    return ErrorRecord(type=type(exc).__name__, message=message[:500], where=where)
