"""`skillrun run [SKILL] REQUEST|-`: run a skill and print its report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ._common import SkillsDir, checked_skills_dir, one_line_errors, read_text_arg, stderr_console


@one_line_errors
def run(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="[SKILL] REQUEST",
            help="The request text, or - for stdin; SKILL defaults to ML Workflow.",
        ),
    ],
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            help="expert (offline, default), openai:MODEL, openai-compat:MODEL, anthropic:MODEL.",
        ),
    ] = "expert",
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Provider endpoint, e.g. http://localhost:11434/v1 for Ollama."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    no_fallback: Annotated[
        bool,
        typer.Option("--no-fallback", help="Fail (exit 3) instead of letting the expert engine stand in."),
    ] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1, help="Sections in flight.")] = 4,
    skills_dir: SkillsDir = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Run a skill on a request and print the report (markdown by default) on stdout."""
    if output_format not in ("md", "json"):
        raise UsageError(f"--format must be md or json, not {output_format!r}")
    if len(args) > 2:
        raise UsageError("expected [SKILL] REQUEST; quote the request")
    skill_name, request_arg = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    request = read_text_arg(request_arg)
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: no such directory {output.parent}")

    import asyncio

    from .._run import find_skill, to_markdown
    from ..models import get_model

    skill = find_skill(skill_name or "ml-workflow", checked_skills_dir(skills_dir))
    options = {"base_url": base_url} if base_url else {}
    backend = get_model(model, **options)
    report = asyncio.run(_run_with_progress(request, skill, backend, concurrency, not no_fallback, quiet))
    text = report.model_dump_json(indent=2) + "\n" if output_format == "json" else to_markdown(report, skill)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        _write_report(output, text)
    if not quiet:
        _summary(report, output)


async def _run_with_progress(request, skill, backend, concurrency, fallback, quiet):  # type: ignore[no-untyped-def]
    from .._run import build_chain
    from ..chain._events import IntakeDone, ReportDone, SectionDone

    chain = build_chain(skill, backend, concurrency=concurrency, fallback=fallback)
    console = stderr_console()
    show = not quiet and console.is_terminal
    async for event in chain.stream(request):
        if show and isinstance(event, IntakeDone):
            console.print(f"[dim]intake done ({event.provenance.backend})[/dim]")
        elif show and isinstance(event, SectionDone):
            p = event.result.provenance
            mark = "[yellow]fallback[/yellow]" if p.fallback else "[green]ok[/green]"
            console.print(
                f"[{event.done}/{event.total}] {event.result.heading}: {mark} ({p.latency_ms:.0f} ms)"
            )
        elif isinstance(event, ReportDone):
            return event.report
    raise AssertionError("the chain ended without a report")  # pragma: no cover


def _summary(report, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    console = stderr_console()
    run = report.run
    parts = [f"{len(report.sections)} sections", run.model, f"{run.duration_ms:.0f} ms"]
    if run.usage.requests:
        parts.append(f"{run.usage.input_tokens:,} in / {run.usage.output_tokens:,} out tokens")
        parts.append("cost unknown" if run.cost_usd is None else f"${run.cost_usd:.4f}")
    if run.fallback_sections:
        parts.append(f"{len(run.fallback_sections)} fallback")
    if output is not None:
        parts.append(f"written to {output}")
    if report.banner:
        console.print(f"note: {report.banner}", markup=False, soft_wrap=True)
    console.print(" · ".join(parts), markup=False, style="dim", soft_wrap=True)


def _write_report(path: Path, text: str) -> None:
    from .._files import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
