"""Cold start of the CLI: wall time of `skillrun run "<request>"` (expert backend) and `skillrun --help`.

Each sample is a fresh process, so Python start-up, imports, skill loading, knowledge loading, the
chain and rendering are all included. Run: `python bench/cold_run.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time

REQUEST = (
    "Predict which subscribers will cancel in the next 30 days. 2M subscribers, data in BigQuery, "
    "daily scores for the retention team, small team of three on GCP."
)


def wall(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("skillrun") or f"{sys.prefix}/bin/skillrun"
    cases = {"skillrun --help": [exe, "--help"], "skillrun run REQUEST": [exe, "run", "--quiet", REQUEST]}
    print(f"python {platform.python_version()} on {platform.machine()}, {runs_label(args.runs)}")
    for label, cmd in cases.items():
        wall(cmd)  # warm the OS file cache, as any second invocation would be
        samples = sorted(wall(cmd) for _ in range(args.runs))
        p90 = samples[min(len(samples) - 1, int(round(0.9 * (len(samples) - 1))))]
        print(f"{label:24s} median {statistics.median(samples) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms")


def runs_label(runs: int) -> str:
    return f"{runs} runs each"


if __name__ == "__main__":
    main()
