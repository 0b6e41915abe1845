"""One ``skillrun eval`` invocation: pick the run folder, resume it, run the suite, write the reporters,
apply the gates. The CLI is a thin layer over :func:`run_eval`; Python callers can use it directly.

Exit codes: 0 when every gate holds, 1 when a gate fails (``min_score``, ``min_precision``,
``min_recall``), 3 when results errored (errors win over gate failures: an infrastructure problem must
not read as a quality verdict), 2 for usage errors (raised as exceptions before anything runs).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from .._files import write_atomic
from ..errors import UsageError
from ._cases import Suite, load_suite
from ._html import write_html
from ._junit import write_junit
from ._results import Invocation, Result, ResultKey, RunManifest
from ._runner import ReportRunner, RunOptions, RunOutcome, now_iso
from ._store import ResultStore, read_manifest, write_manifest
from ._summary import Summary, summarise

EXIT_OK, EXIT_GATE, EXIT_USAGE, EXIT_ERRORS = 0, 1, 2, 3
RUNS_DIR = Path("runs")


@dataclass
class EvalRequest:
    suite: str | Path
    models: list[str] = field(default_factory=lambda: ["expert"])
    repeat: int = 1
    concurrency: int = 8
    out: Path | None = None
    resume: bool = False
    retry_errors: bool = False
    cache: bool = True
    judge: str | None = None
    fallback: bool = True
    junit: Path | None = None
    min_score: float | None = None
    min_precision: float | None = None
    min_recall: float | None = None
    case_ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    model_options: dict[str, Any] = field(default_factory=dict)
    check_workers: int | None = None
    argv: list[str] = field(default_factory=lambda: list(sys.argv))
    runs_dir: Path = RUNS_DIR

    def __post_init__(self) -> None:
        # Here rather than in the CLI, so a Python caller is refused the same way.
        if self.retry_errors and not self.resume:
            raise UsageError("--retry-errors continues a run: add --resume")


@dataclass(repr=False)
class EvalRun:
    out: Path
    suite: Suite
    outcome: RunOutcome
    summary: Summary
    gate_failures: list[str]
    exit_code: int
    files: dict[str, Path]

    def __repr__(self) -> str:  # see RunOutcome.__repr__: keep asyncio's exit path cheap
        return f"EvalRun(out={str(self.out)!r}, exit_code={self.exit_code}, outcome={self.outcome!r})"


def default_out(suite_name: str, runs_dir: Path = RUNS_DIR) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = runs_dir / f"{suite_name}-{stamp}"
    n = 2
    while candidate.exists():
        candidate = runs_dir / f"{suite_name}-{stamp}-{n}"
        n += 1
    return candidate


def latest_run(suite_name: str, runs_dir: Path = RUNS_DIR) -> Path | None:
    """The newest ``runs/<suite>-<timestamp>`` folder of this suite, for ``--resume`` without ``--out``."""
    pattern = re.compile(re.escape(suite_name) + r"-\d{8}-\d{6}(-\d+)?$")
    folders = sorted(p for p in runs_dir.glob(f"{suite_name}-*") if p.is_dir() and pattern.match(p.name))
    return folders[-1] if folders else None


def choose_out(request: EvalRequest, suite: Suite) -> Path:
    if request.out is not None:
        out = request.out
    elif request.resume:
        found = latest_run(suite.name, request.runs_dir)
        if found is None:
            raise UsageError(
                f"nothing to resume: no {request.runs_dir}/{suite.name}-* folder; give --out DIR"
            )
        out = found
    else:
        out = default_out(suite.name, request.runs_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; --out takes a run folder")
    results = out / "results.jsonl"
    if not request.resume and results.exists() and results.stat().st_size > 0:
        raise UsageError(f"{out} already holds results; add --resume to continue it, or choose another --out")
    manifest = read_manifest(out) if out.exists() else None
    if manifest is not None and manifest.suite != suite.name:
        raise UsageError(f"{out} holds a run of suite {manifest.suite!r}, not {suite.name!r}")
    return out


def _update_manifest(out: Path, suite: Suite, request: EvalRequest) -> None:
    manifest = read_manifest(out) or RunManifest(
        suite=suite.name,
        suite_path=str(suite.path),
        kind=suite.kind,
        skillrun_version=__version__,
        created_at=now_iso(),
    )
    manifest.cases = len(suite.cases)
    manifest.invocations.append(
        Invocation(
            at=now_iso(),
            argv=request.argv,
            models=request.models if suite.kind == "report" else ["router"],
            repeat=request.repeat,
            judge=request.judge,
            cache=request.cache,
        )
    )
    write_manifest(out, manifest)


def gate_failures(summary: Summary, request: EvalRequest) -> list[str]:
    failures = []
    if request.min_score is not None:
        for m in summary.models:
            if m.score is None:
                failures.append(
                    f"{m.model}: no scored results, so --min-score {request.min_score} cannot hold"
                )
            elif m.score.mean < request.min_score:
                failures.append(f"{m.model}: mean score {m.score.mean:.4f} < --min-score {request.min_score}")
    for name, threshold in (("precision", request.min_precision), ("recall", request.min_recall)):
        if threshold is None:
            continue
        for r in summary.routing:
            value = getattr(r, name)
            if value is None:
                # An undefined ratio is not a perfect one: the gate fails, saying why.
                why = "no message was routed to a skill" if name == "precision" else "no case expects a skill"
                failures.append(f"{r.model}: {name} n/a ({why}), so --min-{name} {threshold} cannot hold")
            elif value < threshold:
                failures.append(f"{r.model}: {name} {value:.4f} < --min-{name} {threshold}")
    return failures


def exit_code_for(summary: Summary, failures: list[str]) -> int:
    if summary.errored:
        return EXIT_ERRORS
    return EXIT_GATE if failures else EXIT_OK


def write_reports(out: Path, results: list[Result], summary: Summary, junit: Path | None) -> dict[str, Path]:
    import json

    files = {"results": out / "results.jsonl", "html": out / "report.html", "junit": out / "junit.xml"}
    write_junit(files["junit"], results, summary)
    if junit is not None:
        write_junit(junit, results, summary)
        files["junit_copy"] = junit
    write_html(files["html"], results, summary)
    summary_path = out / "summary.json"
    write_atomic(summary_path, json.dumps(summary.to_json(), indent=2, default=str) + "\n")
    files["summary"] = summary_path
    return files


async def run_eval(
    request: EvalRequest,
    *,
    on_plan: Callable[[int, int], None] | None = None,
    on_result: Callable[[Result], None] | None = None,
    runner_options: dict[str, Any] | None = None,
) -> EvalRun:
    """Run (or resume) a suite into its run folder and write every reporter.

    ``on_plan(total, already_done)`` is called once the work is known; ``on_result`` after each result is
    stored. ``runner_options`` go to the runner (tests inject toy chains, checkers or a router there).
    """
    suite = load_suite(request.suite)
    if request.case_ids or request.tags:
        suite = suite.select(request.case_ids or None, request.tags or None)
        if not suite.cases:
            raise UsageError("no case matches the --case/--tag filters")
    if suite.kind == "routing" and request.judge:
        raise UsageError("--judge applies to report suites, not routing suites")
    if suite.kind == "report" and (request.min_precision is not None or request.min_recall is not None):
        raise UsageError("--min-precision/--min-recall apply to routing suites")
    out = choose_out(request, suite)
    runner = _make_runner(suite, request, on_result, runner_options or {})
    store = ResultStore(out)
    existing = store.open()
    try:
        _update_manifest(out, suite, request)
        planned = runner.plan()
        if request.retry_errors:
            _forget_errors(store, existing, planned)
        if on_plan is not None:
            on_plan(len(planned), sum(1 for k in planned if k in existing))
        outcome = await runner.run(store, existing)
    finally:
        store.close()
    summary = summarise(outcome.results, suite.name, suite.kind)
    files = write_reports(out, outcome.results, summary, request.junit)
    failures = gate_failures(summary, request)
    return EvalRun(out, suite, outcome, summary, failures, exit_code_for(summary, failures), files)


def _forget_errors(store: ResultStore, existing: dict[ResultKey, Result], planned: list[ResultKey]) -> None:
    """``--retry-errors``: drop the errored results of ``planned``, from the file too, so they run again."""
    retry = {k for k in planned if k in existing and existing[k].status == "error"}
    store.drop(retry)
    for k in retry:
        existing.pop(k)


def _make_runner(suite: Suite, request: EvalRequest, on_result: Any, extra: dict[str, Any]) -> Any:
    if suite.kind == "routing":
        from ._routing import RoutingRunner

        return RoutingRunner(suite, on_result=on_result, **extra)
    # The request carries every run option under the same name.
    options = RunOptions(**{f.name: getattr(request, f.name) for f in dataclasses.fields(RunOptions)})
    return ReportRunner(suite, options, on_result=on_result, **extra)
