"""The rubric's A/B sizing examples, shared by the stats and the checks tests."""

from __future__ import annotations

from skillrun.packs.ml_workflow.sections import SampleSizePlan

# The rubric's worked examples (§10.3): E1 churn, E2 order value, E3 CTR with 20% allocation.
WORKED = [
    (
        SampleSizePlan(
            metric_kind="proportion",
            baseline=0.05,
            mde_relative=-0.10,
            daily_eligible_units=20_000,
            label_window_days=30,
        ),
        28_406,
        37,
    ),
    (
        SampleSizePlan(
            metric_kind="mean", baseline=60, std_dev=40, mde_relative=1 / 60, daily_eligible_units=5_000
        ),
        25_117,
        14,
    ),
    (
        SampleSizePlan(
            metric_kind="proportion",
            baseline=0.02,
            mde_relative=0.05,
            daily_eligible_units=100_000,
            traffic_fraction=0.2,
        ),
        315_204,
        35,
    ),
]
