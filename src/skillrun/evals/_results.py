"""What one eval run records: a :class:`Result` per case x backend x repeat, and the run's manifest."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ResultStatus = Literal["pass", "fail", "error"]
"""``pass``: no check failed; ``fail``: a check failed; ``error``: no trustworthy verdict (an exception,
a backend failure, an unparseable judge answer). Errors are never counted as passes or as failures."""

OutcomeStatus = Literal["pass", "fail", "na", "error"]
ResultKey = tuple[str, str, int]
"""``(case_id, model, repeat)``: what resume, dedup and run-vs-run pairing key on."""

RESULT_VERSION = 1


class OutcomeRecord(BaseModel):
    """One rubric item's outcome in a result: from a deterministic check or from the judge."""

    model_config = ConfigDict(extra="ignore")

    id: str
    status: OutcomeStatus
    reason: str = ""
    section: str | None = None
    source: Literal["check", "judge"] = "check"


class ErrorRecord(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    message: str
    where: str = "run"
    """``run`` (the chain or the backend), ``checks``, ``judge:<item>``, ``router``."""


def error_record(exc: BaseException, where: str, limit: int = 500) -> ErrorRecord:
    """The record of a failure: the exception's type and the first line of its message."""
    text = str(exc).strip()
    message = text.splitlines()[0] if text else type(exc).__name__
    return ErrorRecord(type=type(exc).__name__, message=message[:limit], where=where)


class UsageRecord(BaseModel):
    model_config = ConfigDict(extra="ignore")

    input_tokens: int = 0
    output_tokens: int = 0
    requests: int = 0
    """Calls that reached a backend; cache hits are counted in ``cache_hits`` instead."""
    cache_hits: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


class RoutingRecord(BaseModel):
    """What a router did with one labelled message."""

    model_config = ConfigDict(extra="ignore")

    expected_skill: str | None
    """The skill the message should trigger (``trigger: true``), or must not (``trigger: false``)."""
    trigger: bool
    predicted: str | None = None
    """Slug of the top match, ``None`` when nothing triggered."""
    score: float | None = None
    matched: list[str] = []
    why: str = ""
    """The label's reason (from the case)."""
    router_why: str = ""
    """The router's own explanation of its top match."""
    outcome: Literal["tp", "fp", "fn", "tn", "wrong"]
    """``wrong``: it should trigger one skill and triggered another (counted as FN and as FP)."""


class Result(BaseModel):
    """One finished unit of work, as one line of ``results.jsonl``."""

    model_config = ConfigDict(extra="ignore")

    v: int = RESULT_VERSION
    case_id: str
    model: str
    repeat: int = 0
    status: ResultStatus
    score: float | None = None
    """Mean of the applicable outcomes (the checks' own scoring); ``None`` when nothing was scored."""
    min_section: float | None = None
    sections: dict[str, float] = {}
    outcomes: list[OutcomeRecord] = []
    errors: list[ErrorRecord] = []
    usage: UsageRecord = Field(default_factory=UsageRecord)
    cost_usd: float | None = None
    """``None`` when some call had no price (unknown, not free)."""
    latency_ms: float = 0.0
    fallback_sections: list[str] = []
    tags: list[str] = []
    request: str = ""
    """The request (or routed message), so a run folder explains itself without the suite."""
    report_markdown: str | None = None
    report: dict[str, Any] | None = None
    routing: RoutingRecord | None = None
    started_at: str = ""
    finished_at: str = ""

    @property
    def key(self) -> ResultKey:
        return (self.case_id, self.model, self.repeat)

    @property
    def failed_outcomes(self) -> list[OutcomeRecord]:
        return [o for o in self.outcomes if o.status == "fail"]


class Invocation(BaseModel):
    at: str
    argv: list[str] = []
    models: list[str] = []
    repeat: int = 1
    judge: str | None = None
    cache: bool = True


class RunManifest(BaseModel):
    """``run.json``: what the run folder holds, so ``--resume`` and ``diff`` know what they look at."""

    model_config = ConfigDict(extra="ignore")

    suite: str
    suite_path: str
    kind: Literal["report", "routing"]
    skillrun_version: str
    created_at: str
    cases: int = 0
    invocations: list[Invocation] = []
