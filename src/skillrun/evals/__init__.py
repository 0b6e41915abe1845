"""Eval harness: cases, checks, runner, results store, reporters."""

from ._checks import Check, CheckContext, CheckOutcome, Expectations, Status
from ._registry import checks_for, make_context, required_ids, run_checks
from ._score import REPORT_WIDE, Score, SectionScore, score
from ._structure import StructuralCheck, structural_checks

__all__ = [
    "REPORT_WIDE",
    "Check",
    "CheckContext",
    "CheckOutcome",
    "Expectations",
    "Score",
    "SectionScore",
    "Status",
    "StructuralCheck",
    "checks_for",
    "make_context",
    "required_ids",
    "run_checks",
    "score",
    "structural_checks",
]
