"""Round 5 (branch intake5): per-frame holds against the learned opinion, and the classes private
held-out requests still missed. The sentences are written for these tests, not taken from any set."""

from __future__ import annotations

from skillrun.packs.ml_workflow._learned import Combiner
from skillrun.packs.ml_workflow.knowledge import knowledge

_WEIGHTS = (1.6, 1.3, 0.6, 1.2, 2.3)


def test_a_held_frame_keeps_the_rules_answer_and_names_the_other_reading() -> None:
    proba = {"hybrid": 0.05, "batch": 0.95}
    scores = {"hybrid": 7.0, "batch": 5.5}
    assert Combiner(_WEIGHTS, 1.0).choose(proba, "hybrid", scores).answer == "batch"
    held = Combiner(_WEIGHTS, 1.0, {"hybrid": 4.0}).choose(proba, "hybrid", scores)
    assert held.answer == "hybrid" and held.close and held.runner_up == "batch"


def test_a_hold_needs_the_rules_own_vote_to_reach_its_floor() -> None:
    proba = {"hybrid": 0.05, "batch": 0.95}
    weak = {"hybrid": 2.0, "batch": 1.5}
    assert Combiner(_WEIGHTS, 1.0, {"hybrid": 4.0}).choose(proba, "hybrid", weak).answer == "batch"


def test_the_shipped_model_holds_only_frames_the_first_looks_support() -> None:
    combiners = knowledge().intake_model.combiners
    assert set(combiners["serving_mode"].hold) <= {"hybrid", "streaming"}
    assert set(combiners["problem_type"].hold) <= {"sequence_labeling"}
    assert combiners["temporal"].hold == {}
