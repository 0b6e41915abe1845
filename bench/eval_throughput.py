"""Throughput of the eval harness: cases per second and model calls per second.

Two backends, each at concurrency 1, 8 and 32:

* ``expert``: the offline engine. Everything is CPU: the chain, the expert, rendering, parsing, the
  checks and the store. This measures the harness's per-case overhead (target: 1,000 cases < 30 s).
* ``fake:delay=L``: a stand-in LLM that answers like the expert after sleeping ``L`` seconds per call.
  One ML Workflow case is 8 calls along a 4-deep DAG. ``--concurrency N`` bounds the calls in flight
  per backend, so the ceiling is N / L calls per second (N / (8 L) cases per second); the harness
  should reach at least 80 % of it.

"Per-call throughput" = backend calls completed (counted by the runner's limiter, so re-asks count and
cache hits do not) divided by the wall time of the run phase (first case started to last result
stored, reporters excluded; they are timed separately). The cache is off, so every call is paid.

Usage::

    python bench/eval_throughput.py                       # the full table
    python bench/eval_throughput.py --quick               # fewer cases, for a smoke check
    python bench/eval_throughput.py --backend expert --cases 1000 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def machine() -> str:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(
            (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")),
            "?",
        )
        cpus = next(
            (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("CPU(s)")), "?"
        )
    except (OSError, subprocess.CalledProcessError):
        model, cpus = platform.processor() or "?", "?"
    return f"{model}, {cpus} CPUs, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"


def write_suite(folder: Path, n: int) -> Path:
    """``n`` cases cycled from the shipped ML Workflow suite, with fresh ids."""
    from skillrun.evals._cases import load_suite

    source = load_suite(REPO / "evals" / "ml-workflow")
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i, case in zip(range(n), cycle(source.cases)):
            record = {
                "id": f"b-{i:05d}",
                "request": case.request,
                "expect": case.expect.model_dump(exclude_defaults=True),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def measure(backend: str, cases: int, concurrency: int) -> dict[str, float | int | str]:
    from skillrun.evals._session import EvalRequest, run_eval

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        suite = write_suite(folder, cases)
        request = EvalRequest(
            suite=suite, models=[backend], concurrency=concurrency, out=folder / "out", cache=False
        )
        started = time.perf_counter()
        run = asyncio.run(run_eval(request))
        total = time.perf_counter() - started
    outcome = run.outcome
    elapsed = outcome.elapsed_s
    row: dict[str, float | int | str] = {
        "backend": backend,
        "concurrency": concurrency,
        "cases": outcome.ran,
        "errors": run.summary.errored,
        "run_s": round(elapsed, 2),
        "total_s": round(total, 2),
        "cases_per_s": round(outcome.ran / elapsed, 1),
        "calls": outcome.calls,
        "calls_per_s": round(outcome.calls / elapsed, 1),
    }
    if backend.startswith("fake:"):
        delay = float(backend.split("delay=", 1)[1].split(",", 1)[0])
        ideal = concurrency / delay
        row["ideal_calls_per_s"] = round(ideal, 1)
        row["efficiency"] = round(outcome.calls / elapsed / ideal, 3)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", action="append", help="expert or fake:delay=SECONDS (repeatable)")
    parser.add_argument("--concurrency", type=int, action="append", help="repeatable; default 1, 8, 32")
    parser.add_argument("--cases", type=int, help="cases per expert measurement (default 1000)")
    parser.add_argument(
        "--delay", type=float, default=0.5, help="per-call latency of the fake backend (default 0.5 s)"
    )
    parser.add_argument("--quick", action="store_true", help="a few cases per setting")
    parser.add_argument("--json", action="store_true", help="print rows as JSON lines")
    args = parser.parse_args(argv)
    backends = args.backend or ["expert", f"fake:delay={args.delay}"]
    levels = args.concurrency or [1, 8, 32]
    print(f"machine: {machine()}", file=sys.stderr)
    for backend in backends:
        for level in levels:
            if backend == "expert":
                n = args.cases or (100 if args.quick else 1000)
            else:
                # About 16 s of ideal wall time per setting (a case is 8 calls), so the tail is small.
                delay = float(backend.split("delay=", 1)[1].split(",", 1)[0])
                n = args.cases or max(4, int((8 if args.quick else 16) * level / (8 * delay)))
            row = measure(backend, n, level)
            if args.json:
                print(json.dumps(row))
            else:
                extra = (
                    f", {row['efficiency']:.0%} of {row['ideal_calls_per_s']} calls/s"
                    if "efficiency" in row
                    else ""
                )
                print(
                    f"{backend:<18} c={level:<3} {row['cases']:>5} cases in {row['run_s']:>6.2f} s "
                    f"(+{float(row['total_s']) - float(row['run_s']):.2f} s reporters): "
                    f"{row['cases_per_s']:>7.1f} cases/s, {row['calls_per_s']:>7.1f} calls/s{extra}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
