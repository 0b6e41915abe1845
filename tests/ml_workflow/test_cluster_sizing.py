"""Cluster-randomised sizing: design effect 1 + (m - 1) x ICC on top of the unit-level n (stats.py)."""

from __future__ import annotations

import math

import pytest

from skillrun.packs.ml_workflow.sections import SampleSizePlan
from skillrun.packs.ml_workflow.stats import (
    cluster_enrollment_days,
    complete_plan,
    describe_duration,
    design_effect,
)


def test_design_effect_formula() -> None:
    assert design_effect(1, 0.05) == 1
    assert design_effect(101, 0.02) == pytest.approx(3.0)
    with pytest.raises(ValueError):
        design_effect(0.5, 0.1)


def test_cluster_length_is_the_first_week_that_reaches_power() -> None:
    n = 13_493
    days, m, effect = cluster_enrollment_days(n, 3000, 600, 0.01)  # type: ignore[misc]
    assert days == 21 and m == pytest.approx(105) and effect == pytest.approx(2.04)
    assert 3000 * days / 2 >= n * effect
    shorter = 14
    m_short = 3000 * shorter / 600
    assert 3000 * shorter / 2 < n * design_effect(m_short, 0.01)


def test_too_few_clusters_is_reported_not_sized() -> None:
    # n x ICC = 135 clusters per arm are needed however long the test runs; 3 hospitals cannot do it.
    assert cluster_enrollment_days(13_493, 150, 3, 0.01) is None
    plan = complete_plan(
        SampleSizePlan(
            metric_kind="proportion",
            baseline=0.1,
            mde_relative=-0.1,
            daily_eligible_units=150,
            clusters=3,
            icc=0.01,
            label_window_days=30,
        )  # fmt: skip
    )
    assert not plan.feasible
    text = describe_duration(plan)
    assert (
        "no powered length" in text and "ICC = 0.01 (assumption)" in text and "135 clusters per arm" in text
    )


def test_feasible_cluster_plan_shows_the_arithmetic() -> None:
    plan = complete_plan(
        SampleSizePlan(
            metric_kind="proportion",
            baseline=0.1,
            mde_relative=-0.1,
            daily_eligible_units=3000,
            clusters=600,
            icc=0.01,
            label_window_days=30,
        )  # fmt: skip
    )
    assert plan.feasible and plan.enrollment_days == 21 and plan.total_days == 51
    assert plan.n_clustered == math.ceil(plan.n_per_arm * plan.design_effect)
    text = describe_duration(plan)
    assert "DE = 1 + (m - 1) x ICC = 1 + (105 - 1) x 0.01 = 2.04" in text
    assert f"n x DE = {plan.n_clustered:,} per arm" in text


def test_unit_level_plans_are_unchanged() -> None:
    plan = complete_plan(
        SampleSizePlan(
            metric_kind="proportion",
            baseline=0.05,
            mde_relative=-0.1,
            daily_eligible_units=20_000,
            label_window_days=30,
        )
    )
    assert plan.n_per_arm == 28_406 and plan.total_days == 37 and plan.design_effect == 1.0
