"""The check contract shared by the eval harness and the chain's guardrails.

A check is a small callable over a :class:`CheckContext` that returns one :class:`CheckOutcome`:
pass, fail or not-applicable, with a one-line reason. The same functions score eval runs and guard
sections during a run, so they live in one place per skill (structural checks here, domain checks in
the skill's pack).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from ..report._parsed import ParsedReport
from ..spec import Skill

Status = Literal["pass", "fail", "na"]


class Expectations(BaseModel):
    """What a labelled case expects of the report (all optional)."""

    model_config = ConfigDict(extra="forbid")

    problem_type: str | None = None
    serving_mode: str | None = None
    temporal: bool | None = None
    imbalanced: bool | None = None
    must: list[str] = Field(default_factory=list)
    """Rubric ids (with an optional ``: note``) that must hold, e.g. ``"FE-04=no: no feature store"``."""
    must_not: list[str] = Field(default_factory=list)
    """Anti-pattern ids (``AP-07: ...``) that must not occur."""


@dataclass(frozen=True)
class CheckOutcome:
    id: str
    """Rubric id (``PD-04``, ``AP-01``) or structural id (``S-TABLE``)."""
    status: Status
    reason: str
    section: str | None = None
    """Template heading the check belongs to; ``None`` for report-wide checks."""


@dataclass(frozen=True)
class CheckContext:
    skill: Skill
    report: ParsedReport
    request: str
    brief: BaseModel | None = None
    """The run's brief when known (guardrails and evals of our own runs)."""
    expect: Expectations | None = None
    """Labels of an eval case; ``None`` during a run."""
    sections: frozenset[str] = field(default_factory=frozenset)
    """Headings present for partial reports (guardrails on one section); empty means all."""


class Check(Protocol):
    id: str
    section: str | None

    def __call__(self, ctx: CheckContext) -> CheckOutcome: ...
