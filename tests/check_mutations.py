"""The harness of the ML Workflow check mutations: the good hand-written reports, their outcomes, and the
Mutation record that edits one of them so that one rubric item is violated (tests/test_checks_ml.py)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from fixture_skill import CASES, REPORTS, SKILL

from skillrun.evals import CheckOutcome, make_context, run_checks

GOOD = {
    "churn": ("churn-fitness-gcp.md", "ml-020"),
    "readmission": ("readmission-azure.md", "ml-011"),
    "wakeword": ("wakeword-edge.md", "ml-015"),
    "toxicity": ("toxicity-aws.md", "ml-016"),
}


def report(name: str) -> str:
    return (REPORTS / GOOD[name][0]).read_text(encoding="utf-8")


def outcomes(markdown: str, case_id: str) -> dict[str, CheckOutcome]:
    case = CASES[case_id]
    ctx = make_context(SKILL, markdown, case["request"], expect=case["expect"])
    return {o.id: o for o in run_checks(ctx)}


@functools.cache
def good_outcomes(name: str) -> dict[str, CheckOutcome]:
    """The outcomes of a good report on its own case, computed once per session (read, never changed)."""
    return outcomes(report(name), GOOD[name][1])


@dataclass(frozen=True)
class Mutation:
    check: str
    report: str
    edits: list[tuple[str, str]] = field(default_factory=list)
    case: str | None = None
    """Run the (edited) report against this case's request and labels instead of its own."""
    note: str = ""
