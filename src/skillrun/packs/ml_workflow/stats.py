"""Power calculations for model A/B tests (normal approximation).

Formulas follow the rubric's checker reference: unpooled two-proportion and difference-in-means sample
sizes per arm, and a duration in whole weeks (minimum 7 days) plus the outcome window.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from .sections import SampleSizePlan

_STD_NORMAL = NormalDist()


def z_sum(alpha: float = 0.05, power: float = 0.8) -> float:
    """z(1-alpha/2) + z(power), the factor every two-sided sample-size formula shares."""
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError("alpha and power must lie strictly between 0 and 1")
    return _STD_NORMAL.inv_cdf(1 - alpha / 2) + _STD_NORMAL.inv_cdf(power)


def n_per_arm_proportion(p1: float, p2: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Units per arm to tell rate ``p1`` from ``p2`` (unpooled variance)."""
    if not (0 < p1 < 1 and 0 < p2 < 1) or p1 == p2:
        raise ValueError("rates must lie in (0, 1) and differ")
    variance = p1 * (1 - p1) + p2 * (1 - p2)
    return math.ceil(z_sum(alpha, power) ** 2 * variance / (p2 - p1) ** 2)


def n_per_arm_mean(std_dev: float, delta: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Units per arm to detect an absolute difference ``delta`` in a mean with standard deviation ``std_dev``."""
    if std_dev <= 0 or delta == 0:
        raise ValueError("std_dev must be positive and delta non-zero")
    return math.ceil(2 * z_sum(alpha, power) ** 2 * std_dev**2 / delta**2)


def enrollment_days(n_per_arm: int, daily_eligible: float, fraction: float = 1.0, arms: int = 2) -> int:
    """Days to enrol ``arms * n_per_arm`` units, rounded up to whole weeks with a 7-day minimum."""
    if daily_eligible <= 0 or not 0 < fraction <= 1:
        raise ValueError("daily_eligible must be positive and fraction in (0, 1]")
    raw = math.ceil(arms * n_per_arm / (daily_eligible * fraction))
    return max(7, 7 * math.ceil(raw / 7))


def complete_plan(plan: SampleSizePlan) -> SampleSizePlan:
    """Return ``plan`` with ``n_per_arm``, ``enrollment_days`` and ``total_days`` computed from its inputs.

    Whatever numbers the plan carried before (an LLM's guess, say) are replaced.
    """
    if plan.metric_kind == "proportion":
        p2 = plan.baseline * (1 + plan.mde_relative)
        n = n_per_arm_proportion(plan.baseline, p2, plan.alpha, plan.power)
    else:
        if plan.std_dev is None:
            raise ValueError("a mean metric needs std_dev")
        n = n_per_arm_mean(plan.std_dev, plan.baseline * plan.mde_relative, plan.alpha, plan.power)
    days = enrollment_days(n, plan.daily_eligible_units, plan.traffic_fraction, plan.arms)
    return plan.model_copy(
        update={"n_per_arm": n, "enrollment_days": days, "total_days": days + plan.label_window_days}
    )


def describe_duration(plan: SampleSizePlan) -> str:
    """The Min duration cell: the result with the arithmetic that produced it."""
    share = f" x {plan.traffic_fraction:.0%} of traffic" if plan.traffic_fraction < 1 else ""
    raw = math.ceil(plan.arms * plan.n_per_arm / (plan.daily_eligible_units * plan.traffic_fraction))
    text = (
        f"{plan.total_days} days: n = {plan.n_per_arm:,} per arm "
        f"({_effect(plan)}, alpha = {plan.alpha:g} two-sided, power = {plan.power:.0%}); "
        f"{plan.arms} x {plan.n_per_arm:,} / ({plan.daily_eligible_units:,.0f} units/day{share}) "
        f"= {raw} days, rounded up to {plan.enrollment_days} days (whole weeks, 7-day minimum)"
    )
    if plan.label_window_days:
        text += f" + {plan.label_window_days}-day outcome window"
    return text


def _effect(plan: SampleSizePlan) -> str:
    if plan.metric_kind == "proportion":
        p2 = plan.baseline * (1 + plan.mde_relative)
        return (
            f"baseline {plan.baseline:.2%}, MDE {plan.mde_relative:+.0%} relative "
            f"= {abs(p2 - plan.baseline):.2%} absolute"
        )
    return (
        f"baseline mean {plain_number(plan.baseline)}, sd {plain_number(plan.std_dev or 0)}, "
        f"MDE {plan.mde_relative:+.0%} relative = {plain_number(abs(plan.baseline * plan.mde_relative))} absolute"
    )


def plain_number(value: float) -> str:
    """A number as people write it: thousands separators, no exponent, at most 4 significant digits."""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    digits = max(0, 3 - math.floor(math.log10(abs(value))))
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")
