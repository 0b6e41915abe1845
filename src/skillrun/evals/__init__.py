"""Eval harness: cases, checks, runner, results store, reporters."""

from ._cache import CachedModel, ModelCache, cache_dir
from ._cases import Case, JudgeItem, RoutingCase, Suite, load_suite
from ._checks import Check, CheckContext, CheckOutcome, Expectations, Status
from ._diff import RunDiff, diff_runs
from ._html import render_html
from ._judge import Judge, Verdict
from ._junit import write_junit
from ._registry import checks_for, make_context, required_ids, run_checks
from ._results import Result
from ._routing import RoutingRunner
from ._runner import ReportRunner, RunOptions
from ._score import REPORT_WIDE, Score, SectionScore, score
from ._session import EvalRequest, EvalRun, run_eval
from ._stats import mean_ci, paired_comparison
from ._store import ResultStore, read_results
from ._structure import StructuralCheck, structural_checks
from ._summary import Summary, summarise

__all__ = [
    "REPORT_WIDE",
    "CachedModel",
    "Case",
    "Check",
    "CheckContext",
    "CheckOutcome",
    "EvalRequest",
    "EvalRun",
    "Expectations",
    "Judge",
    "JudgeItem",
    "ModelCache",
    "ReportRunner",
    "Result",
    "ResultStore",
    "RoutingCase",
    "RoutingRunner",
    "RunDiff",
    "RunOptions",
    "Score",
    "SectionScore",
    "Status",
    "StructuralCheck",
    "Suite",
    "Summary",
    "Verdict",
    "cache_dir",
    "checks_for",
    "diff_runs",
    "load_suite",
    "make_context",
    "mean_ci",
    "paired_comparison",
    "read_results",
    "render_html",
    "required_ids",
    "run_checks",
    "run_eval",
    "score",
    "structural_checks",
    "summarise",
    "write_junit",
]
