"""How the harness turns a rendered report into outcomes and scores.

The checks themselves are not written here: they are the same checks that guard the chain
(``run_checks`` over a :class:`CheckContext` built from the parsed markdown, and ``score`` over the
outcomes). This module adapts them to the records a result stores, and merges the judge's verdicts in.
Both steps are injectable so the runner can be tested on a toy skill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..spec import Skill
from ._cases import Case
from ._checks import CheckOutcome
from ._registry import make_context, run_checks
from ._results import OutcomeRecord
from ._score import score


@dataclass
class Scored:
    score: float | None
    min_section: float | None
    sections: dict[str, float] = field(default_factory=dict)


Checker = Callable[[Skill, Case, str, "BaseModel | None"], list[OutcomeRecord]]
"""``(skill, case, markdown, brief) -> outcomes``."""
Scorer = Callable[[list[OutcomeRecord]], Scored]


def check_rows(
    skill: Skill, request: str, expect: Any, markdown: str, brief: BaseModel | None
) -> list[tuple[str, str, str, str | None]]:
    """``(id, status, reason, section)`` of the skill's checks on the parsed markdown."""
    ctx = make_context(skill, markdown, request, brief=brief, expect=expect)
    return [(o.id, o.status, o.reason, o.section) for o in run_checks(ctx)]


def rubric_checker(skill: Skill, case: Case, markdown: str, brief: BaseModel | None) -> list[OutcomeRecord]:
    """The skill's checks on the parsed markdown, with the case's labels as expectations."""
    return outcome_records(check_rows(skill, case.request, case.expect, markdown, brief))


def outcome_records(rows: list[tuple[str, str, str, str | None]]) -> list[OutcomeRecord]:
    # The checks built these values; validating 100+ records per report again costs more than storing them.
    return [
        OutcomeRecord.model_construct(id=i, status=s, reason=r, section=sec, source="check")
        for i, s, r, sec in rows
    ]


def rubric_scorer(outcomes: list[OutcomeRecord]) -> Scored:
    """The checks' own ``score`` over pass/fail/na outcomes (errors are not scored)."""
    scorable = [CheckOutcome(o.id, o.status, o.reason, o.section) for o in outcomes if o.status != "error"]  # type: ignore[arg-type]
    result = score(scorable)
    sections = {s.section: s.rate for s in result.sections if s.rate is not None}
    return Scored(score=result.mean, min_section=result.minimum, sections=sections)


def merge_outcomes(checks: list[OutcomeRecord], judged: list[OutcomeRecord]) -> list[OutcomeRecord]:
    """Judge verdicts replace check outcomes of the same item (a check may only mark it as needing a judge)."""
    judged_ids = {o.id for o in judged}
    return [o for o in checks if o.id not in judged_ids] + judged
