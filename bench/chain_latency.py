"""Chain latency against a loopback OpenAI-compatible server with a fixed per-call delay D.

The ML Workflow chain is intake -> problem definition -> {features, tracking, serving} ->
{training, A/B test, monitoring}: four calls deep, so with enough concurrency the whole run should take
about 4 x D plus overhead. The budget is 4.5 x D.

Valid answers are the offline expert engine's sections for the same request, served by section name,
so the guardrail checks pass and no repair asks are made (a run with open findings would add a call).

    .venv/bin/python bench/chain_latency.py [--delays 0.2 0.5 1.0] [--runs 3] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the loopback wire server lives with the tests

from wire_server import WireServer  # noqa: E402

from skillrun import arun  # noqa: E402
from skillrun.models import ModelSettings  # noqa: E402

REQUEST = (
    "Churn prediction for a streaming service with 2M subscribers on GCP: score every subscriber "
    "nightly so the retention team can call the 500 riskiest; 12% churn within 30 days; team of 3."
)
BUDGET = 4.5


async def expert_answers() -> dict[str, str]:
    """Section JSON by schema name, from an offline run of the same request."""
    report = await arun(REQUEST, model="expert")
    answers = {type(s.value).__name__: s.value.model_dump_json() for s in report.sections}
    if report.brief is not None:
        answers[type(report.brief).__name__] = report.brief.model_dump_json()
    return answers


async def one_run(server: WireServer, concurrency: int) -> tuple[float, int, int]:
    settings = ModelSettings(timeout=30.0, deadline=120.0)
    started = time.perf_counter()
    report = await arun(
        REQUEST,
        model=f"openai:bench-model",
        concurrency=concurrency,
        settings=settings,
    )
    elapsed = time.perf_counter() - started
    fallbacks = len(report.run.fallback_sections) + int(bool(report.run.intake and report.run.intake.fallback))
    return elapsed, report.run.usage.requests, fallbacks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delays", type=float, nargs="+", default=[0.2, 0.5, 1.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    import os

    server = WireServer().start()
    os.environ["OPENAI_BASE_URL"] = server.openai_url
    os.environ["OPENAI_API_KEY"] = "sk-bench-loopback"
    answers = asyncio.run(expert_answers())
    server.answer = lambda name, schema, body: answers[name]

    worst = 0.0
    print(f"{'D (s)':>6} {'runs':>4} {'median (s)':>10} {'max (s)':>8} {'max/D':>6} {'calls':>5} {'fallbacks':>9}")
    for delay in args.delays:
        server.delay = delay
        results = [asyncio.run(one_run(server, args.concurrency)) for _ in range(args.runs)]
        times = [r[0] for r in results]
        ratio = max(times) / delay
        worst = max(worst, ratio)
        print(
            f"{delay:6.2f} {args.runs:4d} {statistics.median(times):10.3f} {max(times):8.3f} "
            f"{ratio:6.2f} {results[0][1]:5d} {max(r[2] for r in results):9d}"
        )
    server.stop()
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"worst max/D = {worst:.2f}: {verdict} the {BUDGET} x D budget")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
