"""`skillrun eval SUITE ...` (run a suite) and `skillrun eval diff RUN_A RUN_B` (compare two runs).

``run`` is the default sub-command, so ``skillrun eval evals/ml-workflow`` works as written. The harness
is imported inside the commands: ``skillrun --help`` stays fast and imports no SDK.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ._common import one_line_errors, stderr_console


class _RunByDefault(TyperGroup):
    """A group whose first argument, when it is no sub-command, goes to ``run``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_RunByDefault,
    name="eval",
    help="Run eval suites against backends (default command), or compare two runs (diff).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("run")
@one_line_errors
def run(
    suite: Annotated[
        str, typer.Argument(help="Suite folder or file (JSONL/YAML), or a suite name under evals/.")
    ],
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Backend to evaluate; repeat for several (default: expert)."),
    ] = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, help="Model calls in flight per backend.")
    ] = 8,
    repeat: Annotated[int, typer.Option("--repeat", "-r", min=1, help="Runs of each case per backend.")] = 1,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Run folder (default: runs/<suite>-<timestamp>).")
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue the run folder (default: the suite's newest run), skipping finished cases.",
        ),
    ] = False,
    retry_errors: Annotated[
        bool, typer.Option("--retry-errors", help="With --resume: run errored cases again.")
    ] = False,
    junit: Annotated[Path | None, typer.Option("--junit", help="Also write JUnit XML to FILE.")] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", min=0.0, max=1.0, help="Exit 1 if a backend's mean score is lower."),
    ] = None,
    min_precision: Annotated[
        float | None,
        typer.Option(
            "--min-precision", min=0.0, max=1.0, help="Routing suites: exit 1 below this precision."
        ),
    ] = None,
    min_recall: Annotated[
        float | None,
        typer.Option("--min-recall", min=0.0, max=1.0, help="Routing suites: exit 1 below this recall."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the model-call cache.")
    ] = False,
    judge: Annotated[
        str | None, typer.Option("--judge", help="Backend that judges the suite's [judge] rubric items.")
    ] = None,
    no_fallback: Annotated[
        bool,
        typer.Option("--no-fallback", help="A failed section is an error, not written by the expert engine."),
    ] = False,
    case: Annotated[
        list[str] | None, typer.Option("--case", help="Only cases whose id matches (glob; repeatable).")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Only cases with this tag (repeatable: all must match).")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Base URL of an OpenAI-compatible server.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Processes that parse and check reports (default: 2 for 100+ cases, else 0).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary tables.")
    ] = False,
) -> None:
    """Run every case of SUITE on each backend; write results, JUnit and HTML into the run folder."""
    from ..evals._session import EvalRequest

    request = EvalRequest(
        suite=suite,
        models=list(model or ["expert"]),
        repeat=repeat,
        concurrency=concurrency,
        out=out,
        resume=resume,
        retry_errors=retry_errors,
        cache=not no_cache,
        judge=judge,
        fallback=not no_fallback,
        junit=junit,
        min_score=min_score,
        min_precision=min_precision,
        min_recall=min_recall,
        case_ids=list(case or []),
        tags=list(tag or []),
        model_options={"base_url": base_url} if base_url else {},
        check_workers=workers,
    )
    code = execute(request, as_json=as_json, quiet=quiet)
    raise typer.Exit(code)


def execute(request: Any, *, as_json: bool = False, quiet: bool = False) -> int:
    """Run the request with a progress bar on stderr (TTY only) and the summary on stdout."""
    import asyncio

    from rich.console import Console

    from ..evals._session import run_eval
    from ..evals._summary import render_summary

    err = stderr_console()
    progress = _Progress(err, enabled=not quiet and err.is_terminal)
    try:
        with progress:
            result = asyncio.run(run_eval(request, on_plan=progress.plan, on_result=progress.advance))
    except KeyboardInterrupt:
        err.print("skillrun: interrupted; finished cases are saved, continue with --resume", markup=False)
        return 130
    outcome = result.outcome
    if as_json:
        data = result.summary.to_json()
        data.update(out=str(result.out), exit_code=result.exit_code, gate_failures=result.gate_failures)
        data.update(ran=outcome.ran, skipped=outcome.skipped, elapsed_s=round(outcome.elapsed_s, 3))
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    elif not quiet:
        render_summary(result.summary, Console(highlight=False, soft_wrap=True))
    for note in outcome.notes:
        err.print(f"note: {note}", markup=False)
    done = f"{outcome.ran} ran, {outcome.skipped} already done, {outcome.elapsed_s:.1f} s"
    if outcome.cache_hits:
        done += f", {outcome.cache_hits} cached calls"
    err.print(f"{done}; results in {result.out}/ (report.html, junit.xml)", markup=False, soft_wrap=True)
    for failure in result.gate_failures:
        err.print(f"gate failed: {failure}", markup=False, soft_wrap=True)
    if result.summary.errored:
        err.print(f"{result.summary.errored} results errored (exit 3)", markup=False)
    return result.exit_code


class _Progress:
    """A rich progress bar on stderr, shown only on a terminal (quiet in CI logs and pipes)."""

    def __init__(self, console: Any, enabled: bool) -> None:
        self.enabled = enabled
        self.console = console
        self._progress: Any = None
        self._task: Any = None
        self.counts = {"pass": 0, "fail": 0, "error": 0}

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("eval"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def plan(self, total: int, done: int) -> None:
        if self._progress is not None:
            self._task = self._progress.add_task(self._describe(), total=total, completed=done)

    def advance(self, result: Any) -> None:
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=self._describe())

    def _describe(self) -> str:
        c = self.counts
        return f"pass {c['pass']} · fail {c['fail']} · error {c['error']}"


@app.command("diff")
@one_line_errors
def diff(
    run_a: Annotated[Path, typer.Argument(help="Baseline run folder.")],
    run_b: Annotated[Path, typer.Argument(help="Run folder to compare with the baseline.")],
    model_a: Annotated[str | None, typer.Option("--model-a", help="Backend of run A to compare.")] = None,
    model_b: Annotated[str | None, typer.Option("--model-b", help="Backend of run B to compare.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when B is significantly worse than A (the paired CI lies below 0).",
        ),
    ] = False,
) -> None:
    """Per-case and per-check deltas between two runs, with a paired comparison of their scores."""
    from rich.console import Console

    from ..evals._diff import diff_runs, render_diff

    diffs = diff_runs(run_a, run_b, model_a, model_b)
    if as_json:
        sys.stdout.write(json.dumps([d.to_json() for d in diffs], indent=2, default=str) + "\n")
    else:
        console = Console(highlight=False, soft_wrap=True)
        for d in diffs:
            render_diff(d, console)
    worse = [
        d for d in diffs if d.paired is not None and d.paired.diff.high is not None and d.paired.diff.high < 0
    ]
    if fail_on_regression and worse:
        stderr_console().print(
            "regression: "
            + "; ".join(f"{d.model_b} vs {d.model_a}: {d.paired.diff.mean:+.4f}" for d in worse if d.paired),
            markup=False,
        )
        raise typer.Exit(1)
