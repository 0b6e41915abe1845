"""Score the offline expert engine's reports for the 16 example eval cases with every check.

The pass rate is reported, not asserted (it is the expert engine's target, not the checks'). What is
asserted: the expert's markdown parses into the seven sections, and no check errors on it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from skillrun import find_skill, run, to_markdown
from skillrun.evals import Expectations, make_context, run_checks, score


@pytest.fixture(scope="module")
def expert_outcomes(shared: Path) -> dict[str, list]:
    skill = find_skill("ml-workflow")
    lines = (shared / "evals" / "ml-workflow.cases.jsonl").read_text(encoding="utf-8").splitlines()
    results = {}
    for case in (json.loads(line) for line in lines if line.strip()):
        report = run(case["request"])
        markdown = to_markdown(report)
        ctx = make_context(
            skill, markdown, case["request"], brief=report.brief, expect=Expectations(**case["expect"])
        )
        results[case["id"]] = run_checks(ctx)
    return results


def test_expert_reports_are_scored(expert_outcomes: dict[str, list]) -> None:
    assert len(expert_outcomes) == 16
    failures: Counter[str] = Counter()
    print()
    for case_id, outcomes in expert_outcomes.items():
        by_id = {o.id: o for o in outcomes}
        assert by_id["G-01"].status == "pass", (case_id, by_id["G-01"])
        assert not [o for o in outcomes if o.reason.startswith("check error")], case_id
        s = score(outcomes)
        print(f"{case_id}: {s.summary()}")
        for o in s.failures:
            failures[o.id] += 1
            print(f"    {o.id}: {o.reason}")
    overall = score([o for outcomes in expert_outcomes.values() for o in outcomes])
    print(f"all 16 cases: {overall.summary()}")
    print("most common failures: " + (", ".join(f"{k} x{n}" for k, n in failures.most_common(10)) or "none"))
