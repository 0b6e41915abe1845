"""Time the report parser and all checks (structural + ML Workflow domain) per report, in-process.

Run: python bench/checks_speed.py [repeats]. The reports are the offline expert engine's answers to the
example requests of tests/ml_workflow/requests.py plus the hand-written fixtures in tests/fixtures/reports.
The lexicon is loaded before timing. Prints the median and p95, in milliseconds, of parse_markdown and of
run_checks (each report's best of ``repeats``, which filters out other processes on a shared machine).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from example_requests import example_requests

from skillrun import find_skill, run, to_markdown
from skillrun.evals import make_context, run_checks
from skillrun.report import parse_markdown

REPO = Path(__file__).resolve().parents[1]


def _reports() -> list[tuple[str, str]]:
    reports = [(text, to_markdown(run(text))) for text in example_requests()]
    fixtures = REPO / "tests" / "fixtures" / "reports"
    reports += [("", path.read_text(encoding="utf-8")) for path in sorted(fixtures.glob("*.md"))]
    return reports


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main(repeats: int = 5) -> None:
    skill = find_skill("ml-workflow")
    reports = _reports()
    run_checks(make_context(skill, reports[0][1], reports[0][0]))  # lexicon load, regex compilation
    parse_ms: list[float] = []
    check_ms: list[float] = []
    sizes: list[int] = []
    for request, markdown in reports:
        parsed = parse_markdown(markdown)
        best_parse = best_checks = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            parse_markdown(markdown)
            best_parse = min(best_parse, time.perf_counter() - t0)
            ctx = make_context(skill, parsed, request)
            t0 = time.perf_counter()
            run_checks(ctx)
            best_checks = min(best_checks, time.perf_counter() - t0)
        parse_ms.append(best_parse * 1000)
        check_ms.append(best_checks * 1000)
        sizes.append(len(markdown))
    print(f"{len(reports)} reports, median size {statistics.median(sizes) / 1000:.1f} kB")
    print(f"parse_markdown: median {statistics.median(parse_ms):.1f} ms, p95 {_p95(parse_ms):.1f} ms")
    print(
        f"run_checks ({len(run_checks(make_context(skill, reports[0][1], reports[0][0])))} checks): "
        f"median {statistics.median(check_ms):.1f} ms, p95 {_p95(check_ms):.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
