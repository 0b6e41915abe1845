"""Routing suites: labelled chat messages scored against the trigger router.

For each message the router's top match (if any) is the skill it would trigger, counted the way
:func:`skillrun.routing.score_routing` counts it (:mod:`skillrun._confusion`, one implementation): a
message labelled ``trigger: true`` for skill S is a true positive when S is triggered, a false negative
when nothing is, and both a false negative and a false positive when another skill is ("wrong"); a
message labelled ``trigger: false`` is a false positive when any skill triggers. Precision, recall and
F1 follow (undefined, "n/a", when nothing was predicted or nothing expected), with the lists of
misrouted messages. Results go through the same store as report runs (backend ``router``), so resume,
JUnit, HTML and diff work unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .._confusion import predicted_slug, routing_outcome
from ..errors import UsageError
from ._cases import RoutingCase, Suite
from ._results import Result, ResultKey, RoutingRecord, error_record
from ._runner import RunOutcome, now_iso
from ._store import ResultStore

ROUTER = "router"


def default_router() -> Any:
    """The trigger router over every skill skillrun can load, loaded as ``skillrun route`` loads it:
    a skill file that does not load is skipped with a ``skillrun: warning: skipped ...`` line on stderr
    (the other skills still route); no skill at all is a usage error."""
    from ..routing._load import load_router

    return load_router()


class RoutingRunner:
    def __init__(
        self,
        suite: Suite,
        *,
        router: Any | None = None,
        router_factory: Callable[[], Any] | None = None,
        on_result: Callable[[Result], None] | None = None,
    ) -> None:
        if suite.kind != "routing":
            raise UsageError(f"suite {suite.name!r} holds {suite.kind} cases, not routing cases")
        self.suite = suite
        self.router = router if router is not None else (router_factory or default_router)()
        self.on_result = on_result

    def plan(self) -> list[ResultKey]:
        """One result per case, all from the router."""
        return [(c.id, ROUTER, 0) for c in self.suite.cases]

    async def run(self, store: ResultStore, existing: dict[ResultKey, Result]) -> RunOutcome:
        """Route every case not in ``existing`` (the results already in the store)."""
        started = time.perf_counter()
        planned = self.plan()
        by_id = {c.id: c for c in self.suite.cases}
        finished: list[Result] = []
        for key in planned:
            if key in existing:
                continue
            result = self.run_one(by_id[key[0]])  # type: ignore[arg-type]
            store.append(result)
            finished.append(result)
            if self.on_result is not None:
                self.on_result(result)
        return RunOutcome.collect(existing, finished, planned, started)

    def run_one(self, case: RoutingCase) -> Result:
        expected = (case.skill or self.suite.skill) if case.trigger else case.skill
        base: dict[str, Any] = {
            "case_id": case.id,
            "model": ROUTER,
            "repeat": 0,
            "tags": list(case.tags),
            "request": case.text,
            "started_at": now_iso(),
        }
        t0 = time.perf_counter()
        try:
            matches = list(self.router.route(case.routable()) or [])
        except Exception as exc:  # a router bug is an error result, not a crash of the run
            return Result(
                status="error",
                errors=[error_record(exc, ROUTER)],
                latency_ms=(time.perf_counter() - t0) * 1000,
                finished_at=now_iso(),
                **base,
            )
        latency_ms = (time.perf_counter() - t0) * 1000
        top = matches[0] if matches else None
        predicted = predicted_slug(top)
        outcome = routing_outcome(case.trigger, expected, predicted)
        correct = outcome in ("tp", "tn")
        return Result(
            status="pass" if correct else "fail",
            score=1.0 if correct else 0.0,
            routing=RoutingRecord(
                expected_skill=expected,
                trigger=case.trigger,
                predicted=predicted,
                score=float(getattr(top, "score", 0.0)) if top is not None else None,
                matched=[str(m) for m in (getattr(top, "matched", None) or [])] if top is not None else [],
                why=case.why,
                router_why=str(getattr(top, "why", "") or "") if top is not None else "",
                outcome=outcome,  # type: ignore[arg-type]
            ),
            latency_ms=latency_ms,
            finished_at=now_iso(),
            **base,
        )
