"""The expert engine on labelled cases: checks pass rate, minimum case score, framing accuracy.

Run: python bench/expert_eval.py [CASES...] [-v]. CASES are JSONL files, YAML suites or folders; the
default is the shared 16 example cases, the eval suite (evals/ml-workflow, when present) and the
held-out requests. Targets (issue 4): >= 95% of applicable checks pass, every case scores >= 0.85
(section mean and minimum), problem type and serving mode right in >= 95% of cases.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _suite_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("expert_suite", REPO / "tests" / "ml_workflow" / "suite.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _default_sets() -> list[Path]:
    shared = Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
    candidates = [
        shared / "evals" / "ml-workflow.cases.jsonl",
        REPO / "evals" / "ml-workflow",
        REPO / "tests" / "ml_workflow" / "holdout_requests.jsonl",
    ]
    return [p for p in candidates if p.exists()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="per-case scores and failed checks")
    args = parser.parse_args()
    suite = _suite_module()
    for path in args.cases or _default_sets():
        cases = suite.load_cases(path)
        if not cases:
            continue
        result = suite.score_suite(cases)
        print(
            f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {result.summary()}"
            f"{'' if result.meets_targets() else '  (below target)'}"
        )
        if args.verbose:
            print(result.details())


if __name__ == "__main__":
    main()
