"""Score the offline expert engine on labelled ML Workflow cases (issue 4's "Done when" numbers).

A helper, not a test module: ``test_expert_suite.py`` asserts the thresholds with it, and
``bench/expert_eval.py`` prints the same numbers for any case file. Case files are JSONL (one case per
line, as in ``../shared/evals``) or YAML with a ``cases:`` list (the eval suite's format).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from skillrun import find_skill, run, to_markdown
from skillrun.evals import Expectations, make_context, run_checks, score

CHECK_PASS_RATE = 0.95
CASE_SCORE = 0.85
FRAMING_ACCURACY = 0.95


@dataclass
class CaseResult:
    id: str
    mean: float
    minimum: float
    passed: int
    failed: int
    problem_type: tuple[str, str]
    """(expected, engine's)."""
    serving_mode: tuple[str, str]
    failures: list[str] = field(default_factory=list)

    @property
    def type_right(self) -> bool:
        return self.problem_type[0] == self.problem_type[1]

    @property
    def mode_right(self) -> bool:
        return self.serving_mode[0] == self.serving_mode[1]


@dataclass
class SuiteResult:
    cases: list[CaseResult]

    @property
    def pass_rate(self) -> float:
        passed = sum(c.passed for c in self.cases)
        return passed / max(1, passed + sum(c.failed for c in self.cases))

    @property
    def min_case_score(self) -> float:
        return min(min(c.mean, c.minimum) for c in self.cases)

    @property
    def type_accuracy(self) -> float:
        return sum(c.type_right for c in self.cases) / len(self.cases)

    @property
    def mode_accuracy(self) -> float:
        return sum(c.mode_right for c in self.cases) / len(self.cases)

    def meets_targets(self) -> bool:
        return (
            self.pass_rate >= CHECK_PASS_RATE
            and self.min_case_score >= CASE_SCORE
            and self.type_accuracy >= FRAMING_ACCURACY
            and self.mode_accuracy >= FRAMING_ACCURACY
        )

    def summary(self) -> str:
        checks = sum(c.passed + c.failed for c in self.cases)
        return (
            f"{len(self.cases)} cases: checks passed {self.pass_rate:.1%} of {checks}; "
            f"min case score {self.min_case_score:.2f}; problem type {self.type_accuracy:.0%}, "
            f"serving mode {self.mode_accuracy:.0%}"
        )

    def details(self) -> str:
        lines = []
        failures: Counter[str] = Counter()
        for c in self.cases:
            marks = "" if c.type_right else f" TYPE {c.problem_type[1]} (want {c.problem_type[0]})"
            marks += "" if c.mode_right else f" MODE {c.serving_mode[1]} (want {c.serving_mode[0]})"
            lines.append(
                f"{c.id}: mean {c.mean:.2f} min {c.minimum:.2f} {c.passed}/{c.passed + c.failed}{marks}"
            )
            lines += [f"    {f}" for f in c.failures]
            failures.update(f.split(":")[0] for f in c.failures)
        lines.append(
            "most common failures: " + (", ".join(f"{k} x{n}" for k, n in failures.most_common(12)) or "none")
        )
        return "\n".join(lines)


def load_cases(path: Path) -> list[dict]:
    """Cases from a JSONL file, a YAML file with ``cases:``, or every such file in a folder."""
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix in (".jsonl", ".yaml", ".yml") and p.stem != "suite"
        )
        return [case for p in files for case in load_cases(p)]
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = yaml.safe_load(text) or {}
    return list(data.get("cases", [])) if isinstance(data, dict) else []


def score_case(case: dict) -> CaseResult:
    skill = find_skill("ml-workflow")
    expect = Expectations(**{k: v for k, v in case["expect"].items() if k in Expectations.model_fields})
    report = run(case["request"])
    ctx = make_context(skill, to_markdown(report), case["request"], brief=report.brief, expect=expect)
    outcomes = run_checks(ctx)
    s = score(outcomes)
    brief = report.brief
    return CaseResult(
        id=case["id"],
        mean=s.mean or 0.0,
        minimum=s.minimum or 0.0,
        passed=s.passed,
        failed=s.failed,
        problem_type=(expect.problem_type or "", getattr(brief, "problem_type", "")),
        serving_mode=(expect.serving_mode or "", getattr(brief, "serving_mode", "")),
        failures=[f"{o.id}: {o.reason}" for o in s.failures],
    )


def score_suite(cases: list[dict]) -> SuiteResult:
    return SuiteResult([score_case(c) for c in cases])
