"""Eval harness: cases, checks, runner, results store, reporters."""

from ._cache import CachedModel, ModelCache, cache_dir
from ._cases import Case, JudgeItem, RoutingCase, Suite, load_suite
from ._checks import CheckContext, CheckOutcome, Expectations
from ._diff import RunDiff, diff_runs
from ._html import render_html
from ._judge import Judge, Verdict
from ._junit import write_junit
from ._results import Result
from ._routing import RoutingRunner
from ._runner import ReportRunner, RunOptions
from ._session import EvalRequest, EvalRun, run_eval
from ._stats import mean_ci, paired_comparison
from ._store import ResultStore, read_results
from ._summary import Summary, summarise

__all__ = [
    "CachedModel",
    "Case",
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
    "Suite",
    "Summary",
    "Verdict",
    "cache_dir",
    "diff_runs",
    "load_suite",
    "mean_ci",
    "paired_comparison",
    "read_results",
    "render_html",
    "run_eval",
    "summarise",
    "write_junit",
]
