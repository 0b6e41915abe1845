"""One way to score routing: ``skillrun.routing.score_routing`` and the eval harness's routing suites
count every message alike, and an undefined precision is reported as such, not as 1.0."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console

from skillrun.evals._cases import load_suite
from skillrun.evals._html import render_html
from skillrun.evals._junit import junit_tree
from skillrun.evals._routing import RoutingRunner
from skillrun.evals._session import EvalRequest, gate_failures
from skillrun.evals._summary import render_summary, summarise
from skillrun.routing import score_routing


@dataclass
class _Match:
    skill: str
    score: float = 1.0
    matched: list[str] = field(default_factory=list)
    why: str = ""


class _Router:
    """Routes each message to the skill in ``table`` (nothing when absent)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def route(self, message: object) -> list[_Match]:
        skill = self.table.get(str(message))
        return [_Match(skill)] if skill else []

    def route_one(self, message: object) -> _Match | None:
        found = self.route(message)
        return found[0] if found else None


CASES = [
    {"id": "tp", "message": "a", "trigger": True, "skill": "ml-workflow"},
    {"id": "wrong", "message": "b", "trigger": True, "skill": "ml-workflow"},
    {"id": "fn", "message": "c", "trigger": True, "skill": "ml-workflow"},
    {"id": "tn", "message": "d", "trigger": False},
    {"id": "fp", "message": "e", "trigger": False},
    # A negative that names its near-miss skill: another skill firing is still a false positive.
    {"id": "fp-other", "message": "f", "trigger": False, "skill": "ml-workflow"},
    {"id": "tn-named", "message": "g", "trigger": False, "skill": "ml-workflow"},
]
ROUTES = {"a": "ml-workflow", "b": "data-viz", "e": "ml-workflow", "f": "data-viz"}


def _suite(tmp_path: Path, cases: list[dict]) -> object:
    path = tmp_path / "routing.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return load_suite(path)


def _harness(tmp_path: Path, cases: list[dict], routes: dict[str, str]):
    suite = _suite(tmp_path, cases)
    runner = RoutingRunner(suite, router=_Router(routes))  # type: ignore[arg-type]
    results = [runner.run_one(case) for case in suite.cases]  # type: ignore[attr-defined]
    return suite, results, summarise(results, "routing", "routing")


def test_router_and_harness_count_every_message_alike(tmp_path: Path) -> None:
    suite, results, summary = _harness(tmp_path, CASES, ROUTES)
    (harness,) = summary.routing
    direct = score_routing(_Router(ROUTES).route_one, suite.cases)  # type: ignore[attr-defined]
    assert (harness.tp, harness.fp, harness.fn, harness.tn) == (direct.tp, direct.fp, direct.fn, direct.tn)
    assert (direct.tp, direct.fp, direct.fn, direct.tn) == (1, 3, 2, 2)
    assert {r.case_id: r.routing.outcome for r in results} == {
        "tp": "tp",
        "wrong": "wrong",
        "fn": "fn",
        "tn": "tn",
        "fp": "fp",
        "fp-other": "fp",
        "tn-named": "tn",
    }
    assert sorted(direct.false_positives) == sorted(row["id"] for row in harness.false_positives)
    assert sorted(direct.misses) == sorted(row["id"] for row in harness.false_negatives)
    assert harness.precision == direct.precision == 0.25
    assert harness.recall == direct.recall == pytest.approx(1 / 3)


def test_precision_without_predictions_is_undefined_everywhere(tmp_path: Path) -> None:
    cases = [c for c in CASES if not c["trigger"]] + [{"id": "miss", "message": "z", "trigger": True}]
    suite, results, summary = _harness(tmp_path, cases, {})
    direct = score_routing(_Router({}).route_one, suite.cases)  # type: ignore[attr-defined]
    (harness,) = summary.routing
    assert direct.precision is None and harness.precision is None and harness.f1 is None
    assert direct.recall == harness.recall == 0.0
    assert "precision n/a" in direct.summary() and direct.as_dict()["precision"] is None
    # Shown as n/a in every report, null in summary.json.
    assert summary.to_json()["routing"][0]["precision"] is None
    console = Console(file=io.StringIO(), width=200)
    render_summary(summary, console)
    assert "n/a" in console.file.getvalue()  # type: ignore[attr-defined]
    assert '<td class="n">n/a</td>' in render_html(results, summary)
    props = {p.get("name"): p.get("value") for p in junit_tree(results, summary).iter("property")}
    assert props["precision"] == "n/a"
    # A gate on an undefined precision fails and says why.
    failures = gate_failures(summary, EvalRequest(suite="routing", min_precision=0.0))
    assert failures == [
        "router: precision n/a (no message was routed to a skill), so --min-precision 0.0 cannot hold"
    ]


def test_the_harness_loads_skills_as_leniently_as_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from typer.testing import CliRunner

    from skillrun.cli import app
    from skillrun.evals._routing import default_router

    broken = tmp_path / "skill" / "broken" / "SKILL.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("---\nname: broken\n---\n# Broken\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the project root: its skill/ first, then the built-in skills
    message = "design a churn model pipeline with retraining"

    router = default_router()  # strict loading raised SkillParseError here
    assert router.route_one(message).skill == "ml-workflow"
    warned = capsys.readouterr().err.splitlines()
    assert warned == [f"skillrun: warning: skipped {broken}:1: missing required key 'description'"]

    cli = CliRunner().invoke(app, ["route", message])
    assert cli.exit_code == 0 and warned[0] in cli.stderr.splitlines()
    # The plugin's loader (tools, mcp) leaves the file out in the same words.
    tools = CliRunner().invoke(app, ["tools"])
    assert tools.exit_code == 0 and warned[0] in tools.stderr.splitlines()
