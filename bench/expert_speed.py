"""Time the offline expert engine in-process: intake + the seven designers, per report.

Run: python bench/expert_speed.py [repeats]. Prints the median and p95 in milliseconds over the example
requests of tests/ml_workflow/requests.py (the knowledge base is loaded once before timing).
"""

from __future__ import annotations

import statistics
import sys
import time

from example_requests import example_requests

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.knowledge import knowledge


def main(repeats: int = 5) -> None:
    started = time.perf_counter()
    knowledge()
    load_ms = (time.perf_counter() - started) * 1000
    texts = example_requests()
    design_report(read_request(texts[0]))  # warm caches (typo index, regexes)
    timings: list[float] = []
    for _ in range(repeats):
        for text in texts:
            t0 = time.perf_counter()
            for section in design_report(read_request(text)).values():
                section.to_body()
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"knowledge load (once per process): {load_ms:.0f} ms")
    print(
        f"reports: {len(timings)}  median: {statistics.median(timings):.2f} ms  p95: {p95:.2f} ms  max: {timings[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
