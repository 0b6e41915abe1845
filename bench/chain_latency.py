"""Chain latency against a loopback OpenAI-compatible server with a fixed per-call delay D.

The ML Workflow chain is intake -> problem definition -> {features, tracking, serving} ->
{training, A/B test, monitoring}: four calls deep, so with enough concurrency the whole run should take
about 4 x D plus overhead. The budget is 4.5 x D.

Valid answers are the offline expert engine's sections for the same request, served by section name,
so the guardrail checks pass and no repair asks are made (a run with open findings would add a call).
The server runs in a process of its own, as a provider would: in this process its threads would
compete with the chain for the GIL. One warm-up run (imports, first connections) precedes the timed
runs; its time is reported as "cold".

    .venv/bin/python bench/chain_latency.py [--delays 0.1 0.2 0.5 1.0 2.0] [--runs 5] [--concurrency 4]

The verdict is taken for D >= --min-delay (0.5 s; LLM calls take seconds). Smaller D only probe the
fixed overhead of our own work per chain (prompts, validation, checks, SDK), which is reported for
every row as median - 4 x D. A last row runs the chain with concurrency 1 for contrast (about 8 x D).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from skillrun import arun, build_chain, find_skill
from skillrun.chain._events import ReportDone
from skillrun.models import ModelSettings

SERVER = Path(__file__).resolve().parents[1] / "tests" / "wire_server.py"

REQUEST = (
    "Predict which subscribers will cancel in the next 30 days. 2M subscribers, data in BigQuery, "
    "daily scores for the retention team, small team of three on GCP."
)
BUDGET = 4.5


async def expert_answers() -> dict[str, str]:
    """Section JSON by schema name, from an offline run of the same request."""
    report = await arun(REQUEST, model="expert")
    answers = {type(s.value).__name__: s.value.model_dump_json() for s in report.sections}
    if report.brief is not None:
        answers[type(report.brief).__name__] = report.brief.model_dump_json()
    return answers


async def one_run(concurrency: int) -> tuple[float, int, int]:
    """One chain run; the clock covers the chain (intake and seven sections), not loading the skill."""
    settings = ModelSettings(timeout=30.0, deadline=120.0)
    chain = build_chain(
        find_skill("ml-workflow"), "openai:bench-model", concurrency=concurrency, settings=settings
    )
    started = time.perf_counter()
    report = None
    async for event in chain.stream(REQUEST):
        if isinstance(event, ReportDone):
            report = event.report
    elapsed = time.perf_counter() - started
    assert report is not None
    fallbacks = len(report.run.fallback_sections) + int(
        bool(report.run.intake and report.run.intake.fallback)
    )
    return elapsed, report.run.usage.requests, fallbacks


def serve(delay: float, answers: str) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--delay", str(delay), "--answers", answers],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, int(process.stdout.readline())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--delays", type=float, nargs="+", default=[0.1, 0.2, 0.5, 1.0, 2.0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--min-delay",
        type=float,
        default=0.5,
        help="smallest D the budget is judged on; smaller D probe the overhead",
    )
    args = parser.parse_args()

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({k: json.loads(v) for k, v in asyncio.run(expert_answers()).items()}, f)
    os.environ["OPENAI_API_KEY"] = "sk-bench-loopback"

    def measure(delay: float, concurrency: int, runs: int) -> tuple[float, list[tuple[float, int, int]]]:
        process, port = serve(delay, f.name)
        os.environ["OPENAI_BASE_URL"] = f"http://127.0.0.1:{port}/v1"
        try:
            cold = asyncio.run(one_run(concurrency))[0]
            return cold, [asyncio.run(one_run(concurrency)) for _ in range(runs)]
        finally:
            process.communicate("")

    worst = 0.0
    print(
        f"{'D (s)':>6} {'conc':>4} {'cold (s)':>8} {'runs':>4} {'median (s)':>10} {'max (s)':>8} {'max/D':>6} "
        f"{'overhead (ms)':>13} {'calls':>5} {'fallbacks':>9}"
    )
    rows = [(d, args.concurrency) for d in args.delays] + [(max(args.delays[0], args.min_delay), 1)]
    for delay, concurrency in rows:
        cold, results = measure(delay, concurrency, args.runs if concurrency > 1 else 1)
        times = [r[0] for r in results]
        ratio = max(times) / delay
        judged = delay >= args.min_delay and concurrency == args.concurrency
        if judged:
            worst = max(worst, ratio)
        # The chain is four calls deep; whatever exceeds 4 x D is our own work on the critical path.
        overhead = (statistics.median(times) - 4 * delay) * 1000
        note = (
            "" if judged else ("  (sequential, for contrast)" if concurrency == 1 else "  (overhead probe)")
        )
        print(
            f"{delay:6.2f} {concurrency:4d} {cold:8.3f} {len(times):4d} {statistics.median(times):10.3f} "
            f"{max(times):8.3f} {ratio:6.2f} {overhead:13.0f} {results[0][1]:5d} {max(r[2] for r in results):9d}{note}"
        )
    os.unlink(f.name)
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"worst max/D for D >= {args.min_delay:g} s = {worst:.2f}: {verdict} the {BUDGET} x D budget")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
