"""A/B Testing: unit, split, one primary metric, guardrails, computed sample size and duration (§7).

The sample size and duration always come from ``stats.complete_plan``; when a plain user-level test is
infeasible (too little traffic, regulated decisions, device fleets, slow labels) the section still shows
the computed numbers, and says which alternative design carries the decision instead (AB-11).
"""

from __future__ import annotations

import math
import re

from .._english import plural
from ..sections import ABTesting, SampleSizePlan
from ..stats import MAX_USEFUL_DAYS, complete_plan, describe_duration, percent, plain_number
from ._audience import Audience, audience_fields, audience_notes, counts_before, fixed_audience
from ._plan import EXPERIMENT_REVIEW, PEOPLE, Plan

_REGULATED_DESIGN = {"health": "stepped_wedge", "credit": "champion_challenger", "hiring": "consented_pilot"}


_CLUSTER_DESIGNS = ("cluster_ab", "stepped_wedge")
_DEFAULT_CLUSTERS = 20


def design_ab(plan: Plan) -> ABTesting:
    brief, ab = plan.brief, plan.domain.ab
    design_id = _REGULATED_DESIGN.get(brief.regulated or "", ab.design)
    if plan.mode == "edge":
        design_id = "cohort_rollout"
    audience = fixed_audience(plan, design_id, _unit(plan, design_id).split(" (")[0])
    if audience is not None:
        # A list mailed once or a fleet randomised once: sized against that audience, not a daily rate.
        sample = complete_plan(_sample_plan(plan, design_id).model_copy(update=audience_fields(audience)))
        infeasible = False
    else:
        sample = complete_plan(_sample_plan(plan, design_id))
        infeasible = _infeasible(plan, design_id, sample)
    if infeasible and design_id == "user_ab":
        design_id = "holdout" if plan.mode in ("batch", "hybrid") else "shadow_backtest"
        sample = complete_plan(_sample_plan(plan, design_id))
    design = plan.kb.designs[design_id]
    unit = _unit(plan, design_id)
    if audience is not None and not audience.one_shot:
        unit = audience.noun + (" (" + unit.split(" (", 1)[1] if " (" in unit else "")
    p99 = brief.latency.p99_ms
    trust = plan.kb.experiments["trust_guardrails"]
    operational = f"{brief.latency.tail} latency ≤ {p99:g} ms and error rate ≤ 1%" if p99 and plan.mode != "batch" else "scoring job success and on-time delivery"
    notes = [
        f"Design: {_fill(design.label, unit)}. {_sentence(_fill(design.note, unit))}.",
        f"Statistics: baseline {_baseline_text(sample)}{_assumed(plan, sample)}, MDE {ab.mde:+.0%} relative, "
        f"alpha = {sample.alpha:g} (two-sided), power = {sample.power:.0%}; n per arm from the two-sample formula "
        "(unpooled variance).",
        plan.kb.experiments["no_peeking"].capitalize() + ".",
    ]
    users_assumed = eligible_units(plan, design_id)[1]
    if users_assumed and audience is None:
        notes.append(users_assumed)
    if audience is not None:
        notes.extend(audience_notes(plan, sample, audience))
    if sample.clusters and sample.icc is not None:
        notes.append(_cluster_note(plan, sample, unit))
    if sample.slot_size:
        notes.append(_switchback_note(plan, sample))
    if sample.label_window_days and sample.label_window_days > sample.enrollment_days:
        notes.append(
            f"Label delay: the primary metric matures {sample.label_window_days} days after assignment, so a leading "
            "proxy (e.g. model-driven action rate, early engagement) is read weekly for safety, and the decision waits "
            "for the lagging metric."
        )
    if infeasible:
        notes.append(_feasibility_note(plan, sample, design_id))
    if brief.problem_type in ("ranking", "recommendation"):
        notes.append(
            "Ranking specifics: interleaving (team-draft) for a fast, sensitive offline-online check; position bias "
            "handled by logging positions and randomising a small top-k swap; a 5% long-term holdout measures "
            "feedback-loop effects."
        )
    if brief.regulated:
        notes.append(
            f"Ethics and compliance: {EXPERIMENT_REVIEW[brief.regulated]} before any randomised change to decisions "
            f"about people, signed by {plan.approver}; shadow phase first."
        )
    key = unit.split(" ")[0].split("-")[0]
    return ABTesting(
        randomization_unit=f"{unit}: randomised by a salted hash of the {key} id; analysis at the same unit",
        traffic_split=f"{_fill(design.split, unit)}; ramp {_fill(_ramp(plan, design, audience), unit)}",
        primary_metric=f"{ab.metric} (the online counterpart of the business metric)",
        guardrail_metrics=(
            f"trust/operational: {trust}; {operational}. Business/user harm: {'; '.join(ab.harm)}"
        ),
        min_duration=describe_duration(sample),
        rollback_criteria=_rollback(plan, ab.harm[0], p99, unit),
        plan=sample,
        notes=notes,
    )


# A switchback randomises region-slots, not orders. Slots per day: hourly slots over the operating hours, or
# one slot per day; regions default to an assumed 10 when the request names none.
_OPERATING_HOURS = 16
_DEFAULT_REGIONS = 10


def _slots(plan: Plan) -> tuple[int, int, str]:
    """(regions, slots per region per day, slot length) for the switchback's unit."""
    unit = plan.domain.ab.unit
    per_day, length = (_OPERATING_HOURS, "1-hour") if "hour" in unit else (1, "1-day")
    return plan.brief.traffic.clusters or _DEFAULT_REGIONS, per_day, length


def _switchback_note(plan: Plan, sample: SampleSizePlan) -> str:
    regions, per_day, length = _slots(plan)
    stated = "" if plan.brief.traffic.clusters else " (assumption: the request names no count)"
    return (
        f"Switchback sizing: {length} slots in {regions} regions{stated}, {per_day} slot{'s' if per_day != 1 else ''} "
        f"per region per day, so each slot carries m = {plain_number(sample.cluster_size)} "
        f"{plural(plan.brief.traffic.unit)} per {length.split('-')[1]} per region; {plural(plan.brief.traffic.unit)} "
        "in one slot share couriers, supply and "
        "prices, so the order-level n is inflated by the design effect and the analysis runs on slot means with "
        "cluster-robust errors; slots next to a switch are dropped as wash-out when carry-over is likely."
    )


def _plural_unit(unit: str) -> str:
    """ "store (cluster)" -> "stores (cluster)", "city x hour (switchback)" -> "city x hours (switchback)"."""
    head, sep, tail = unit.partition(" (")
    return plural(head) + sep + tail


def _fill(text: str, unit: str) -> str:
    return text.replace("{unit}s", _plural_unit(unit)).replace("{unit}", unit)


def _sentence(text: str) -> str:
    """A note that follows a full stop starts with a capital."""
    return text[:1].upper() + text[1:]


def _ramp(plan: Plan, design, audience: Audience | None = None) -> str:  # type: ignore[no-untyped-def] - a knowledge Design
    if audience is not None and audience.one_shot:
        # One send: nothing to ramp over; a small seed send only checks the mechanics.
        return "none (a single send): a 1% seed send a day earlier checks rendering, links and tracking, not the effect"
    return design.ramp_batch if plan.mode == "batch" and design.ramp_batch else design.ramp


def _rollback(plan: Plan, harm: str, p99: float | None, unit: str) -> str:
    if plan.mode == "batch":
        # No traffic to route: a batch rolls back by publishing the previous run's (control) output again.
        return (
            f"re-publish the previous run's output (control scores) for every {unit.split(' (')[0]} if any harm "
            f"guardrail ({harm}) degrades by > 2% relative with p < 0.05, if a scoring run misses its deadline twice, "
            "if more than 1% of a run's rows fail or score NaN, or on SRM (p < 0.001)"
        )
    latency = f"{plan.brief.latency.tail} latency exceeds {p99:g} ms for 15 minutes" if p99 else "the scoring path breaches its SLO for 15 minutes"
    return (
        f"route 100% to control if any harm guardrail ({harm}) degrades by > 2% relative with p < 0.05, "
        f"if {latency}, if the error rate exceeds 1% for 5 minutes, or on SRM (p < 0.001)"
    )


def _infeasible(plan: Plan, design_id: str, sample: SampleSizePlan) -> bool:
    if design_id in _CLUSTER_DESIGNS:
        return not sample.feasible or sample.enrollment_days > MAX_USEFUL_DAYS
    return sample.enrollment_days > MAX_USEFUL_DAYS or eligible_units(plan, design_id)[0] < _low_traffic(plan)


def _unit(plan: Plan, design_id: str) -> str:
    unit = plan.domain.ab.unit.replace("{entity}", plan.brief.entity)
    if design_id in _CLUSTER_DESIGNS and not any(w in unit for w in ("cluster", "site", "stepped", "hospital", "store", "clinic")):
        noun = plan.brief.traffic.cluster_noun or "site"
        return f"{noun} (cluster)"
    return unit


def _clusters(plan: Plan) -> int:
    return plan.brief.traffic.clusters or _DEFAULT_CLUSTERS


def _cluster_note(plan: Plan, sample: SampleSizePlan, unit: str) -> str:
    stated = plan.brief.traffic.clusters is not None
    count = f"{sample.clusters} {plural(unit.split(' (')[0])}" + ("" if stated else " (assumption: the request names no count)")
    text = (
        f"Cluster sizing: {count}; ICC = {sample.icc:g} is an assumption, to be replaced by the between-cluster "
        "variance of the primary metric over past weeks. Outcomes of units in one cluster move together, so the "
        "unit-level n is inflated by the design effect DE = 1 + (m - 1) x ICC before the test length is read off."
    )
    if not sample.feasible:
        text += (
            f" With {sample.clusters} clusters the inflated sample is out of reach (at least n x ICC = "
            f"{sample.n_per_arm * (sample.icc or 0):,.0f} clusters per arm would be needed however long the test runs)."
        )
    return text


# Design ids in words ("cluster_ab" is no English): what the feasibility note calls the kept rollout.
_DESIGN_WORDS = {
    "cluster_ab": "cluster-randomised", "stepped_wedge": "stepped-wedge", "user_ab": "A/B", "cohort_rollout": "staged",
    "shadow_backtest": "shadow", "champion_challenger": "champion-challenger", "consented_pilot": "consented pilot",
}  # fmt: skip


def _feasibility_note(plan: Plan, sample: SampleSizePlan, design_id: str) -> str:
    label = _DESIGN_WORDS.get(design_id, design_id.replace("_", " "))
    if design_id in _CLUSTER_DESIGNS:
        return (
            f"Feasibility: a randomised comparison is underpowered with {sample.clusters} clusters; the {label} "
            "rollout is kept for safety and learning, while the decision rests on an out-of-time backtest, a "
            "shadow period and a pre/post comparison per cluster (read with caveats: seasonality, other changes)."
        )
    return (
        f"Feasibility: at about {sample.daily_eligible_units:,.0f} eligible units/day a plain randomised "
        f"test needs {sample.enrollment_days} days to enrol, too long or underpowered; the {label} design above plus "
        "an out-of-time backtest carry the decision, with the pre/post comparison read with caveats."
    )


# The people a test randomises come back many times: a volume of queries or transactions is not a count of
# users. Without a stated user count, at least 1 user per 50 requests is assumed (a conservative floor: fewer
# users means a longer test), stated in the report and used for every number that depends on it.
_REQUESTS_PER_USER = 50


def eligible_units(plan: Plan, design_id: str) -> tuple[float, str | None]:
    """Units entering the test per day, and the assumption that turned a request count into people (or None)."""
    traffic = plan.brief.traffic
    eligible = max(traffic.daily_eligible_units or traffic.daily_volume or 1000.0, 1.0)
    person = _unit(plan, design_id).split(":")[0].strip()
    counts_requests = traffic.unit not in PEOPLE and not traffic.unit.endswith(("user", "customer", "subscriber"))
    people_a_day = [n for cue in plan.kb.experiments.get("daily_people_cues", []) for n in counts_before(plan.folded, cue)]
    if person in PEOPLE and people_a_day:
        return max(people_a_day), None  # "4M daily users", "500k DAU": the people a day, stated
    if person in PEOPLE and counts_requests and traffic.daily_volume and eligible >= traffic.daily_volume:
        users = max(traffic.daily_volume / _REQUESTS_PER_USER, 1.0)
        why = (
            f"Assumption: the test randomises {plural(person)}, not {plural(traffic.unit)}; with no {person} count stated, a "
            f"{traffic.unit}-to-{person} ratio of at most {_REQUESTS_PER_USER} (at least one {person} per "
            f"{_REQUESTS_PER_USER}) is assumed, so "
            f"{plain_number(traffic.daily_volume)} {plural(traffic.unit)}/day give ≈ {plain_number(users)} {plural(person)}/day "
            "entering the test (replace with the measured daily count)."
        )
        return users, why
    return eligible, None


def _low_traffic(plan: Plan) -> float:
    return float(plan.kb.experiments.get("low_traffic_units_per_day", 300))


def _sample_plan(plan: Plan, design_id: str) -> SampleSizePlan:
    brief, ab = plan.brief, plan.domain.ab
    fraction = {"champion_challenger": 0.2, "holdout": 0.2}.get(design_id, 1.0)
    eligible = eligible_units(plan, design_id)[0]
    clusters = icc = None
    if design_id in _CLUSTER_DESIGNS:
        # Whole clusters are randomised; every scored unit in them is an observation.
        eligible = max(brief.traffic.daily_volume or eligible, 1.0)
        clusters, icc = _clusters(plan), plan.kb.designs[design_id].icc
    slot_size = None
    if design_id == "switchback":
        regions, per_day, _ = _slots(plan)
        slot_size = max(eligible * fraction / (regions * per_day), 1.0)
        icc = plan.kb.designs[design_id].icc
    window = int(math.ceil(plan.label_delay)) if plan.label_delay >= 1 else 0
    if ab.kind == "proportion":
        base = ab.baseline or (brief.base_rate if plan.domain.problem_type == brief.problem_type else None)
        stated = _stated_rate(plan)
        if stated and _OUTCOME_RATE.search(ab.metric):
            # The test's metric is the rate the request states ("conversion is about 2%"): the profile's
            # typical value would size the test for a rate the business does not have.
            base = stated
        base = min(max(base or plan.domain.base_rate or 0.05, 0.0005), 0.95)
        mde = ab.mde if base * (1 + ab.mde) < 1 else -abs(ab.mde)
        return SampleSizePlan(
            metric_kind="proportion", baseline=base, mde_relative=mde, daily_eligible_units=eligible,
            traffic_fraction=fraction, label_window_days=window, clusters=clusters, icc=icc, slot_size=slot_size,
        )  # fmt: skip
    return SampleSizePlan(
        metric_kind="mean", baseline=ab.baseline or 1.0, std_dev=ab.sd or 1.0, mde_relative=ab.mde,
        daily_eligible_units=eligible, traffic_fraction=fraction, label_window_days=window, clusters=clusters, icc=icc,
        slot_size=slot_size,
    )  # fmt: skip


_OUTCOME_RATE = re.compile(r"^(?:incremental )?outcome rate|^conversion rate|^response rate")


def _stated_rate(plan: Plan) -> float | None:
    """The outcome rate the request states; the brief keeps one only for classification, an uplift
    request's "conversion is about 2%" is read again here."""
    if plan.brief.base_rate:
        return plan.brief.base_rate
    return plan.quantities.base_rate


def _assumed(plan: Plan, sample: SampleSizePlan) -> str:
    """Marks a baseline the request did not give: the sizing is only as good as this number."""
    stated = sample.metric_kind == "proportion" and sample.baseline == _stated_rate(plan)
    if stated:
        return ""
    return " (assumed, typical for this metric: replace it with the measured baseline, e.g. from an A/A period)"


def _baseline_text(sample: SampleSizePlan) -> str:
    if sample.metric_kind == "proportion":
        return percent(sample.baseline)
    return f"mean {plain_number(sample.baseline)} (sd {plain_number(sample.std_dev or 0)})"
