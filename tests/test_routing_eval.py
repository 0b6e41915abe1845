"""Precision and recall of the built-in router on the labelled routing suites.

``../shared/evals/routing.cases.jsonl`` is the acceptance set (50 messages, hard negatives).
``evals/routing/ml-workflow.cases.jsonl`` is ours: every case carries one split tag. ``dev`` was used
to shape the ML Workflow routing profile; ``test`` was scored once before any change it prompted
(see bench/README.md and the commit log); ``holdout`` was written after that, then scored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillrun.routing import Router, RoutingCase, load_routing_cases, score_routing
from skillrun.spec import load_skills

OWN = "evals/routing/ml-workflow.cases.jsonl"
SPLITS = ("dev", "test", "holdout")


@pytest.fixture(scope="module")
def router(repo: Path) -> Router:
    return Router.from_skills(load_skills([repo / "skill"]))


@pytest.fixture(scope="module")
def own_cases(repo: Path) -> list[RoutingCase]:
    return load_routing_cases(repo / OWN)


def test_shared_suite(shared: Path, router: Router) -> None:
    cases = load_routing_cases(shared / "evals" / "routing.cases.jsonl")
    assert len(cases) == 50
    score = score_routing(router.route_one, cases, default_skill="ml-workflow")
    assert score.precision >= 0.95, score.summary()
    assert score.recall >= 0.90, score.summary()


def test_own_suite_overall(router: Router, own_cases: list[RoutingCase]) -> None:
    score = score_routing(router.route_one, own_cases)
    assert score.precision >= 0.95, score.summary()
    assert score.recall >= 0.90, score.summary()


@pytest.mark.parametrize("split", SPLITS)
def test_own_suite_by_split(router: Router, own_cases: list[RoutingCase], split: str) -> None:
    cases = [c for c in own_cases if split in c.tags]
    score = score_routing(router.route_one, cases)
    assert score.precision >= 0.95, score.summary()
    assert score.recall >= 0.90, score.summary()


def test_own_suite_shape(repo: Path, own_cases: list[RoutingCase]) -> None:
    assert len(own_cases) >= 150
    for case in own_cases:
        assert case.why, case.id
        assert sum(tag in SPLITS for tag in case.tags) == 1, case.id
        assert case.skill == ("ml-workflow" if case.trigger else None), case.id
    tags = {t for c in own_cases for t in c.tags}
    for needed in (
        "lang:es",
        "lang:de",
        "lang:fr",
        "lang:pt",
        "lang:it",
        "lang:zh",
        "lang:ja",
        "conversation",
    ):
        assert needed in tags
    # The harness's case format: plain JSON objects with exactly these keys.
    for line in (repo / OWN).read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"id", "message", "trigger", "skill", "why", "tags"}


def test_bad_case_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    from skillrun.errors import SuiteError

    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "a", "message": "x", "trigger": true}\nnope\n{"id": "a", "message": "y", "trigger": 1}\n'
        '{"id": "b c", "message": "x", "trigger": true}\n{"id": "d", "message": "", "trigger": true}\n'
    )
    with pytest.raises(SuiteError) as info:
        load_routing_cases(path)
    problems = str(info.value).splitlines()
    assert problems[:2] == [
        f"{path}:2: not JSON: Expecting value (column 1)",
        f"{path}:3: duplicate id 'a'",
    ]
    # Validated as the eval harness validates its routing cases: a one-token id, a message with text.
    assert problems[2].startswith(f"{path}:4: id: String should match pattern")
    assert problems[3].startswith(f"{path}:5: message: ") and len(problems) == 4
