"""Power calculations for model A/B tests (normal approximation).

Formulas follow the rubric's checker reference: unpooled two-proportion and difference-in-means sample
sizes per arm, and a duration in whole weeks (minimum 7 days) plus the outcome window.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from ._english import plural
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


_MAX_WEEKS = 52
MAX_USEFUL_DAYS = 56
"""Longest enrolment a randomised test is worth running for; beyond it the report falls back to a
holdout, shadow or backtest design."""


def design_effect(cluster_size: float, icc: float) -> float:
    """Variance inflation of a cluster-randomised design: 1 + (m - 1) x ICC (Donner and Klar)."""
    if cluster_size < 1 or not 0 <= icc < 1:
        raise ValueError("cluster_size must be >= 1 and icc in [0, 1)")
    return 1 + (cluster_size - 1) * icc


def cluster_enrollment_days(
    n_per_arm: int, daily_eligible: float, clusters: int, icc: float, arms: int = 2
) -> tuple[int, float, float] | None:
    """Whole-week test length at which ``clusters`` randomised clusters reach ``n_per_arm`` x design effect.

    Each cluster contributes m = daily x days / clusters observations, so a longer test grows both the
    sample and the design effect; returns ``(days, m, design effect)``, or ``None`` when a year is not
    enough (with few clusters the design effect caps what time can buy: n x ICC clusters per arm at least).
    """
    if daily_eligible <= 0 or clusters < arms or not 0 <= icc < 1:
        raise ValueError("need positive traffic, at least one cluster per arm and icc in [0, 1)")
    for weeks in range(1, _MAX_WEEKS + 1):
        days = 7 * weeks
        m = daily_eligible * days / clusters
        if m < 1:
            continue
        effect = design_effect(m, icc)
        if daily_eligible * days / arms >= n_per_arm * effect:
            return days, m, effect
    return None


def detectable_mde(
    n_per_arm: float, baseline: float, std_dev: float | None = None, sign: int = 1, alpha: float = 0.05, power: float = 0.8
) -> float | None:
    """The smallest relative effect ``n_per_arm`` units per arm detect: the inverse of the sample-size
    formulas above (a rate when ``std_dev`` is None, else a mean). None when no effect in range is detectable."""
    if n_per_arm < 1 or baseline <= 0:
        return None
    z2 = z_sum(alpha, power) ** 2
    if std_dev is not None:
        return math.sqrt(2 * z2 * std_dev**2 / n_per_arm) / baseline
    # n(delta) falls as |delta| grows: bisect for the delta whose n equals the units available.
    room = (1 - baseline) if sign > 0 else baseline
    lo, hi = 0.0, room * (1 - 1e-9)

    def needed(delta: float) -> float:
        p2 = baseline + sign * delta
        return z2 * (baseline * (1 - baseline) + p2 * (1 - p2)) / delta**2

    if needed(hi) > n_per_arm:
        return None
    for _ in range(100):
        mid = (lo + hi) / 2
        if mid == 0 or needed(mid) > n_per_arm:
            lo = mid
        else:
            hi = mid
    return sign * hi / baseline


def _audience_per_arm(plan: SampleSizePlan) -> float:
    """The units of a fixed audience in each arm: the audience's test share split over the arms."""
    return (plan.audience or 0) * plan.traffic_fraction / plan.arms


def _audience(plan: SampleSizePlan, n: int) -> dict[str, object]:
    """A fixed audience: all units are assigned at once, so the test lasts the exposure plus the outcome
    window; it is feasible when the arms fit in the share of the audience the design puts in the test."""
    per_arm = _audience_per_arm(plan)
    update: dict[str, object] = {
        "enrollment_days": plan.exposure_days, "total_days": plan.exposure_days + plan.label_window_days,
        "feasible": per_arm >= n, "detectable_mde": None,
    }  # fmt: skip
    if per_arm < n:
        sign = 1 if plan.mde_relative >= 0 else -1
        sd = plan.std_dev if plan.metric_kind == "mean" else None
        update["detectable_mde"] = detectable_mde(per_arm, plan.baseline, sd, sign, plan.alpha, plan.power)
    return update


def complete_plan(plan: SampleSizePlan) -> SampleSizePlan:
    """Return ``plan`` with ``n_per_arm``, ``enrollment_days`` and ``total_days`` computed from its inputs.

    Whatever numbers the plan carried before (an LLM's guess, say) are replaced. A plan with ``clusters``
    and ``icc`` is sized as a cluster-randomised test (design effect on top of the unit-level n).
    """
    if plan.metric_kind == "proportion":
        p2 = plan.baseline * (1 + plan.mde_relative)
        n = n_per_arm_proportion(plan.baseline, p2, plan.alpha, plan.power)
    else:
        if plan.std_dev is None:
            raise ValueError("a mean metric needs std_dev")
        n = n_per_arm_mean(plan.std_dev, plan.baseline * plan.mde_relative, plan.alpha, plan.power)
    if plan.audience:
        return plan.model_copy(update={"n_per_arm": n, **_audience(plan, n)})
    days = enrollment_days(n, plan.daily_eligible_units, plan.traffic_fraction, plan.arms)
    update: dict[str, object] = {"n_per_arm": n, "enrollment_days": days, "total_days": days + plan.label_window_days}
    if plan.slot_size and plan.icc is not None and not plan.clusters:
        # Switchback: the slots keep coming, so the slot size m is fixed and only the n grows by DE.
        effect = design_effect(max(plan.slot_size, 1.0), plan.icc)
        inflated = math.ceil(n * effect)
        days = enrollment_days(inflated, plan.daily_eligible_units, plan.traffic_fraction, plan.arms)
        update.update(
            enrollment_days=days, total_days=days + plan.label_window_days, cluster_size=plan.slot_size,
            design_effect=effect, n_clustered=inflated,
        )  # fmt: skip
    elif plan.clusters and plan.icc is not None and plan.clusters >= plan.arms:
        daily = plan.daily_eligible_units * plan.traffic_fraction
        found = cluster_enrollment_days(n, daily, plan.clusters, plan.icc, plan.arms)
        if found is None:
            m = daily * 7 * _MAX_WEEKS / plan.clusters
            effect = design_effect(max(m, 1.0), plan.icc)
            days, feasible = 7 * _MAX_WEEKS, False
        else:
            days, m, effect = found
            feasible = True
        update.update(
            enrollment_days=days, total_days=days + plan.label_window_days, cluster_size=m,
            design_effect=effect, n_clustered=math.ceil(n * effect), feasible=feasible,
        )  # fmt: skip
    return plan.model_copy(update=update)


def describe_duration(plan: SampleSizePlan) -> str:
    """The Min duration cell: the result with the arithmetic that produced it."""
    if plan.audience:
        return _audience_duration(plan)
    share = f" x {plan.traffic_fraction:.0%} of traffic" if plan.traffic_fraction < 1 else ""
    raw = math.ceil(plan.arms * plan.n_per_arm / (plan.daily_eligible_units * plan.traffic_fraction))
    unit_days = max(7, 7 * math.ceil(raw / 7))
    window = f" + {plan.label_window_days}-day outcome window" if plan.label_window_days else ""
    sizing = (
        f"n = {plan.n_per_arm:,} per arm ({_effect(plan)}, alpha = {plan.alpha:g} two-sided, power = {plan.power:.0%}); "
        f"{plan.arms} x {plan.n_per_arm:,} / ({plain_number(plan.daily_eligible_units)} units/day{share}) "
        f"= {raw} day{'' if raw == 1 else 's'}, rounded up to {unit_days} days (whole weeks, 7-day minimum)"
    )
    if plan.slot_size and plan.icc is not None and plan.n_clustered and not plan.clusters:
        return _switchback_duration(plan, sizing, window)
    if not plan.clusters or plan.icc is None or plan.n_clustered == 0:
        if plan.enrollment_days > MAX_USEFUL_DAYS:
            # Printed bare, a three-year "minimum duration" reads like a plan; say that nobody will run it.
            return (
                f"{plan.total_days} days, too long to wait for (enrolment beyond {MAX_USEFUL_DAYS} days), so the "
                f"decision rests on the design in the notes below: {sizing}{window}"
            )
        return f"{plan.total_days} days: {sizing}{window}"
    per_arm = plan.clusters / plan.arms
    icc = plan.icc
    if not plan.feasible:
        # The design effect grows with cluster size, so time cannot buy power: show it at four weeks.
        m = plan.daily_eligible_units * plan.traffic_fraction * 28 / plan.clusters
        effect = design_effect(max(m, 1.0), icc)
        return (
            f"no powered length: {sizing}{window} ({unit_days + plan.label_window_days} days in all) if units could "
            "be randomised one by one. Randomising "
            f"{plan.clusters} clusters ({per_arm:g} per arm), ICC = {icc:g} (assumption): over 28 days each cluster "
            f"contributes m = {plain_number(m)} units, DE = 1 + (m - 1) x ICC = {plain_number(effect)}, so "
            f"n x DE = {math.ceil(plan.n_per_arm * effect):,} per arm; since DE grows with m, at least n x ICC = "
            f"{math.ceil(plan.n_per_arm * icc):,} clusters per arm are needed however long the test runs"
        )
    m = plan.cluster_size
    return (
        f"{plan.total_days} days with clustering: {plan.clusters} clusters ({per_arm:g} per arm), ICC = {icc:g} "
        f"(assumption); over {plan.enrollment_days} days each cluster contributes m = {plain_number(m)} units, "
        f"DE = 1 + (m - 1) x ICC = 1 + ({plain_number(m)} - 1) x {icc:g} = {plain_number(plan.design_effect)}, so "
        f"n x DE = {plan.n_clustered:,} per arm, reached after {plan.enrollment_days} days{window}. Unit-level "
        f"sizing it starts from: {sizing} ({unit_days + plan.label_window_days} days{window and ' incl. the window'})"
    )


def _audience_duration(plan: SampleSizePlan) -> str:
    audience, nouns = plain_number(plan.audience or 0), plural(plan.audience_noun)
    window = f" + {plan.label_window_days}-day outcome window" if plan.label_window_days else ""
    length = (
        f"{plan.total_days} days = {plan.exposure_days}-day exposure{window}: a fixed audience of {audience} {nouns}, "
        "all assigned at once, so the length is the exposure plus the outcome window, not an enrolment rate"
    )
    sizing = f"n = {plan.n_per_arm:,} per arm ({_effect(plan)}, alpha = {plan.alpha:g} two-sided, power = {plan.power:.0%})"
    per_arm = _audience_per_arm(plan)
    share = f"{audience} x {plan.traffic_fraction:.0%} test share / {plan.arms} arms = {plain_number(per_arm)} per arm"
    if plan.feasible:
        return f"{length}; {sizing}; {plan.arms} x {plan.n_per_arm:,} = {plan.arms * plan.n_per_arm:,} {nouns} fit ({share})"
    detectable = (
        f"the smallest detectable effect with {plain_number(per_arm)} per arm is MDE {plan.detectable_mde:+.1%} relative"
        f" = {_absolute(plan, plan.detectable_mde)} absolute"
        if plan.detectable_mde is not None else f"no effect in range is detectable with {plain_number(per_arm)} per arm"
    )  # fmt: skip
    return (
        f"{length}. Audience too small for the target effect: {sizing} needs {plan.arms} x {plan.n_per_arm:,} = "
        f"{plan.arms * plan.n_per_arm:,} {nouns}, but {share}; {detectable}"
    )


def _absolute(plan: SampleSizePlan, relative: float | None) -> str:
    delta = abs(plan.baseline * (relative or 0))
    return percent(delta) if plan.metric_kind == "proportion" else plain_number(delta)


def _switchback_duration(plan: SampleSizePlan, sizing: str, window: str) -> str:
    m, icc = plan.cluster_size, plan.icc or 0.0
    daily = plan.daily_eligible_units * plan.traffic_fraction
    raw = math.ceil(plan.arms * plan.n_clustered / daily)
    return (
        f"{plan.total_days} days with switchback slots: each randomised region-slot carries m = {plain_number(m)} "
        f"units, ICC = {icc:g} (assumption), DE = 1 + (m - 1) x ICC = 1 + ({plain_number(m)} - 1) x {icc:g} = "
        f"{plain_number(plan.design_effect)}, so n x DE = {plan.n_clustered:,} per arm "
        f"(≈ {math.ceil(plan.n_clustered / m):,} slots per arm); {plan.arms} x {plan.n_clustered:,} / "
        f"({plain_number(daily)} units/day) = {raw} day{'' if raw == 1 else 's'}, rounded up to "
        f"{plan.enrollment_days} days{window}. Unit-level sizing it starts from: {sizing}"
    )


def _effect(plan: SampleSizePlan) -> str:
    if plan.metric_kind == "proportion":
        p2 = plan.baseline * (1 + plan.mde_relative)
        return (
            f"baseline {percent(plan.baseline)}, MDE {plan.mde_relative:+.0%} relative "
            f"= {percent(abs(p2 - plan.baseline))} absolute"
        )
    return (
        f"baseline mean {plain_number(plan.baseline)}, sd {plain_number(plan.std_dev or 0)}, "
        f"MDE {plan.mde_relative:+.0%} relative = {plain_number(abs(plan.baseline * plan.mde_relative))} absolute"
    )


def percent(share: float) -> str:
    """A share as a percentage with three significant digits ("0.015%", "5.00%"), never rounded to zero."""
    value = share * 100
    if value == 0:
        return "0%"
    digits = max(2, 2 - math.floor(math.log10(abs(value))))
    return f"{value:.{digits}f}%"


def plain_number(value: float) -> str:
    """A number as people write it: thousands separators, no exponent, at most 4 significant digits."""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    digits = max(0, 3 - math.floor(math.log10(abs(value))))
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def per_second(value: float, noun: str = "") -> str:
    """A rate as people write it: "2,000 requests/s", "1.7/s", and below one a second two significant digits
    with the hourly count beside it ("0.35/s = 1,250/h"), never "0.3472/s"."""
    what = f" {noun}" if noun else ""
    if value >= 10:
        return f"{short_count(value)}{what}/s"
    if value >= 1:
        return f"{value:.1f}{what}/s"
    if value <= 0:
        return f"0{what}/s"
    return f"{value:.2g}{what}/s = {value * 3600:,.0f}/h"


def short_count(value: float) -> str:
    """A count as a report prints it: "4.32bn", "2.0M", "150k", "1,250", "1.7", "0.35"."""
    if value >= 1_000_000_000:
        # Two decimals keep "4.32bn" distinct from "4.3bn"; the checks read "bn" as a multiplier.
        return f"{value / 1_000_000_000:,.2f}".rstrip("0").rstrip(".") + "bn"
    if value >= 1_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if value >= 10_000:
        return f"{value / 1_000:,.0f}k"
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if value >= 1 else plain_number(value)
