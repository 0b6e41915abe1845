"""How the harness turns a rendered report into outcomes and scores.

The checks themselves are not written here: they are the same checks that guard the chain
(``run_checks`` over a :class:`CheckContext` built from the parsed markdown, and ``score`` over the
outcomes). This module adapts them to the records a result stores, and merges the judge's verdicts in.
Both steps are injectable so the runner can be tested on a toy skill.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from pydantic import BaseModel

from ..spec import Skill
from ._cases import Case
from ._results import OutcomeRecord


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
    from ..report import parse_markdown  # type: ignore[attr-defined]
    from . import run_checks  # type: ignore[attr-defined]  # the checks' own entry point
    from ._checks import CheckContext

    ctx = CheckContext(
        skill=skill, report=parse_markdown(markdown), request=request, brief=brief, expect=expect
    )
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
    from . import score  # type: ignore[attr-defined]
    from ._checks import CheckOutcome

    scorable = [CheckOutcome(o.id, o.status, o.reason, o.section) for o in outcomes if o.status != "error"]  # type: ignore[arg-type]
    return adapt_score(score(scorable))


def adapt_score(value: Any) -> Scored:
    """Read the checks' :class:`Score` (``mean``, ``minimum``, ``sections`` of ``SectionScore``) into
    :class:`Scored`; mappings with the same names work too."""

    def get(obj: Any, name: str) -> Any:
        return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)

    raw_sections = get(value, "sections") or ()
    pairs = (
        raw_sections.items()
        if isinstance(raw_sections, dict)
        else ((get(s, "section"), s) for s in raw_sections)
    )
    sections: dict[str, float] = {}
    for heading, section in pairs:
        rate = section if isinstance(section, int | float) else get(section, "rate")
        if rate is not None and heading is not None:
            sections[str(heading)] = float(rate)
    mean, minimum = get(value, "mean"), get(value, "minimum")
    if minimum is None and sections:
        minimum = min(sections.values())
    return Scored(
        score=float(mean) if mean is not None else None,
        min_section=float(minimum) if minimum is not None else None,
        sections=sections,
    )


def pass_share_scorer(outcomes: Iterable[OutcomeRecord]) -> Scored:
    """Share of applicable outcomes that pass, overall and per section (for tests and toy skills)."""
    by_section: dict[str, list[float]] = {}
    applicable = []
    for o in outcomes:
        if o.status not in ("pass", "fail"):
            continue
        value = 1.0 if o.status == "pass" else 0.0
        applicable.append(value)
        by_section.setdefault(o.section or "(report)", []).append(value)
    sections = {k: fmean(v) for k, v in by_section.items()}
    return Scored(
        score=fmean(applicable) if applicable else None,
        min_section=min(sections.values()) if sections else None,
        sections=sections,
    )


def merge_outcomes(checks: list[OutcomeRecord], judged: list[OutcomeRecord]) -> list[OutcomeRecord]:
    """Judge verdicts replace check outcomes of the same item (a check may only mark it as needing a judge)."""
    judged_ids = {o.id for o in judged}
    return [o for o in checks if o.id not in judged_ids] + judged
