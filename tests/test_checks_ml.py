"""ML Workflow domain checks: each one passes on a good hand-written report and fails on a broken copy.

The good reports in ``fixtures/reports`` answer real eval requests (``cases.json`` holds copies of those
cases). Every mutation (``mutations_design.py``, ``mutations_delivery.py``) edits one report, or pairs it
with another request, so that one rubric item is violated, and asserts that its check turns from pass to fail.
"""

from __future__ import annotations

import mutations_delivery
import mutations_design
import pytest
from check_mutations import GOOD, Mutation, good_outcomes, outcomes, report

from skillrun.packs.ml_workflow.checks import CHECK_IDS

MUTATIONS = mutations_design.MUTATIONS + mutations_delivery.MUTATIONS


def _id(m: Mutation) -> str:
    return f"{m.check}-{m.note.replace(' ', '_')}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=_id)
def test_check_fails_on_mutation_and_passes_on_original(mutation: Mutation) -> None:
    original = report(mutation.report)
    case_id = GOOD[mutation.report][1]
    # A request swap breaks a check whose condition the original request does not meet: it is seen to
    # pass on the good report written for that request.
    good = next((n for n, (_, c) in GOOD.items() if c == mutation.case), mutation.report)
    before = good_outcomes(good)[mutation.check]
    assert before.status == "pass", before

    edited = original
    for old, new in mutation.edits:
        assert old in edited, f"fixture drifted: {old[:60]!r}"
        edited = edited.replace(old, new)
    after = outcomes(edited, mutation.case or case_id)[mutation.check]
    assert after.status == "fail", after
    assert after.reason


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_reports_have_no_failures(name: str) -> None:
    results = good_outcomes(name)
    failures = [o for o in results.values() if o.status == "fail"]
    assert failures == []
    assert not any(o.reason.startswith("check error") for o in results.values())


def test_every_domain_check_is_seen_to_pass_and_to_fail() -> None:
    failing = {m.check for m in MUTATIONS}
    passing = {o.id for name in GOOD for o in good_outcomes(name).values() if o.status == "pass"}
    assert CHECK_IDS - failing == set()
    assert CHECK_IDS - passing == set()


def test_reasons_are_one_line() -> None:
    for name in GOOD:
        for outcome in good_outcomes(name).values():
            assert "\n" not in outcome.reason and outcome.reason.strip(), outcome
