"""The pieces under the ML Workflow checks: power-calculation reading, latency parsing, request facts, lexicon."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from fixture_skill import FIXTURES, SKILL
from rubric_worked_examples import WORKED

from skillrun.evals import make_context
from skillrun.packs.ml_workflow.checks import lexicon, read_facts
from skillrun.packs.ml_workflow.checks._power import acceptable_durations, expected_n, read_power
from skillrun.packs.ml_workflow.checks.problem import report_problem_type
from skillrun.packs.ml_workflow.checks.serving import percentiles
from skillrun.packs.ml_workflow.sections import SampleSizePlan
from skillrun.packs.ml_workflow.stats import complete_plan, describe_duration

LEXICON_FILE = Path(__file__).resolve().parents[1] / "skill" / "ml-workflow" / "knowledge" / "checks.yaml"



@pytest.mark.parametrize(("plan", "n", "days"), WORKED, ids=["E1", "E2", "E3"])
def test_power_reading_recomputes_the_expert_arithmetic(plan: SampleSizePlan, n: int, days: int) -> None:
    done = complete_plan(plan)
    assert (done.n_per_arm, done.total_days) == (n, days)
    text = describe_duration(done)
    reading = read_power(text, "", text)
    assert reading.n == n
    assert any(abs(e - n) / n < 0.01 for e in expected_n(reading))
    assert days in acceptable_durations(reading)
    assert days in reading.durations


@pytest.mark.parametrize(
    ("text", "n_ok"),
    [
        ("n = 30,400 per arm using 16σ²/δ² (baseline 5%, MDE -10% relative, alpha 0.05, power 80%)", True),
        ("n = 20,000 per arm (baseline 5%, MDE -10% relative)", False),
        ("28.4k users per arm; baseline churn 5%; minimum detectable effect of 0.5 percentage points", True),
        ("n = 25,117 per variant with baseline mean $60, sd $40 and an MDE of $1 absolute", True),
    ],
)
def test_sample_size_tolerance_is_ten_percent(text: str, n_ok: bool) -> None:
    reading = read_power(text, "", text)
    best = min(expected_n(reading), key=lambda e: abs(reading.n - e))  # type: ignore[operator]
    assert (abs(reading.n - best) / best <= 0.10) is n_ok  # type: ignore[operator]


def test_duration_accepts_one_day_either_side_before_rounding() -> None:
    reading = read_power("n = 7,000 per arm; 2,000 users/day", "", "7 days")
    assert acceptable_durations(reading) == {7, 14}  # raw 7.0 days: 6 -> 7, 7 -> 7, 8 -> 14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p50 ≤ 40 ms, p99 ≤ 120 ms", {"p50": 40, "p99": 120}),
        ("p50/p99 = 40/120 ms", {"p50": 40, "p99": 120}),
        ("p50 < 0.3 s and p99 < 1.5 s end-to-end", {"p50": 300, "p99": 1500}),
        ("P99 of 200ms, p95 150 ms, P50 20 ms", {"p50": 20, "p95": 150, "p99": 200}),
        ("average latency 30 ms", {}),
    ],
)
def test_percentiles(text: str, expected: dict[str, float]) -> None:
    assert percentiles(text) == expected


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("Binary classification: will the user churn", "binary_classification"),
        ("Classification (40 categories)", "multiclass_classification"),
        ("Learning to rank for search", "ranking"),
        ("Semantic segmentation of flood pixels", "image_segmentation"),
        ("Time-series forecasting, daily per SKU", "forecasting"),
        ("Something else", None),
    ],
)
def test_report_problem_type(cell: str, kind: str | None) -> None:
    assert report_problem_type(cell) == kind


REQUEST_FACTS = {
    "ml-005": {"platforms": {"gcp"}, "team_size": 2, "regulated": None},
    "ml-011": {"platforms": {"azure"}, "regulated": "health"},
    "ml-012": {"platforms": set(), "team_size": 5, "first_model": True},
    "ml-015": {"platforms": set(), "no_gpu": True, "serving_mode": "edge"},
    "ml-016": {"platforms": {"aws"}, "latency_limit_ms": 2000, "serving_mode": "streaming"},
    "ml-017": {"platforms": set(), "team_size": 12},
    "ml-020": {"platforms": {"gcp"}, "team_size": 2, "budget_tight": True},
    "ml-021": {"platforms": {"azure", "on-prem"}},
    "ml-023": {"platforms": {"on-prem"}, "regulated": "health"},
    "ml-025": {"platforms": {"azure"}, "regulated": "insurance"},
    "ml-028": {"platforms": {"aws"}, "latency_limit_ms": 150},
    "ml-036": {"platforms": {"aws"}, "team_size": 3},
    "ml-038": {"platforms": {"gcp"}},
    "ml-039": {"platforms": set(), "team_size": 2, "regulated": "hiring"},
    "ml-042": {"platforms": {"gcp"}, "regulated": None},
    "ml-046": {"platforms": {"on-prem"}, "regulated": "health"},
}


def test_facts_read_from_every_eval_request(shared: Path) -> None:
    cases = [
        json.loads(line)
        for line in (shared / "evals" / "ml-workflow.cases.jsonl").read_text().splitlines()
        if line
    ]
    assert {c["id"] for c in cases} == set(REQUEST_FACTS)
    for case in cases:
        facts = read_facts(make_context(SKILL, "# x", case["request"]))
        for name, value in REQUEST_FACTS[case["id"]].items():
            got = getattr(facts, name)
            assert (set(got) if name == "platforms" else got) == value, (case["id"], name)
        labelled = read_facts(make_context(SKILL, "# x", case["request"], expect=case["expect"]))
        assert labelled.problem_type == case["expect"]["problem_type"]
        assert labelled.source["serving_mode"] == "expect"


def test_embedded_cases_match_shared(shared: Path) -> None:
    cases = {
        json.loads(line)["id"]: json.loads(line)
        for line in (shared / "evals" / "ml-workflow.cases.jsonl").read_text().splitlines()
        if line
    }
    embedded = json.loads((FIXTURES / "reports" / "cases.json").read_text(encoding="utf-8"))
    for case_id, case in embedded.items():
        assert case == {"request": cases[case_id]["request"], "expect": cases[case_id]["expect"]}


def test_lexicon_file_is_yaml_with_sources() -> None:
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    assert lexicon().path is not None
    for key, entry in data.items():
        if key == "version":
            continue
        assert isinstance(entry, dict) and entry.get("source"), key
    rubric_id = re.compile(r"^(?:[A-Z]{1,2}-\d{2}|AB-infeasible)$")
    assert all(rubric_id.match(k) for k in data["keywords"] if k != "source")
    # YAML 1.1 would read bare yes/no keys as booleans.
    assert {"yes", "no"} <= set(data["keywords"]["FE-04"])


def test_every_lexicon_pattern_compiles() -> None:
    compiled: list[re.Pattern[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            compiled.append(re.compile(node))
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in ("source", "kind"):
                    walk(value)

    walk(yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8")))
    # Not vacuous: a change in the file's layout that hid the patterns from the walk would show here.
    assert len(compiled) > 1000, len(compiled)
