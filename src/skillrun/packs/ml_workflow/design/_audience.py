"""Fixed audiences for the A/B section: a one-shot send and a fleet of entities (rubric AB-06, AB-11).

A campaign mailed once to 200k customers, or a test that randomises 20k servers, has no daily inflow of
new units: every unit is there on day one and no waiting adds more. The test is then feasible or not with
that audience, it lasts the exposure plus the outcome window, and when the audience is too small the report
says so and gives, computed, what it can detect and which design would reach the MDE instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .._english import plural
from ..intake._numbers import counts_followed_by
from ..sections import SampleSizePlan
from ..stats import design_effect, detectable_mde, percent, plain_number
from ._plan import PEOPLE, Plan, stated_schedules

# Designs that randomise single units; cluster, switchback and stepped designs size themselves.
_UNIT_DESIGNS = ("user_ab", "holdout", "shadow_backtest", "champion_challenger", "cohort_rollout", "consented_pilot")
_PEOPLE_NOUNS = frozenset(
    "users customers clients subscribers members accounts patients players borrowers policyholders donors "
    "usuarios clientes suscriptores socios pacientes nutzer kunden mitglieder abonnenten patienten utilisateurs "
    "abonnes adherents assinantes utenti clienti abbonati 用户 客户 会员 患者".split()
)
_FLEET_DAYS = 7
"""A fleet's exposure: one week, so every weekday's load is in both arms."""
_MAX_WEEKS = 52
_MIN_HOLDOUT_FLEET = 100
"""Below this a 10% holdout is a handful of entities: no comparison, only anecdotes."""
_PERIOD_DAYS = (("quarter", 91), ("trimestr", 91), ("quartal", 91), ("季度", 91), ("month", 30), ("mensual", 30),
                ("monatlich", 30), ("mensuel", 30), ("week", 7), ("semanal", 7), ("annual", 365), ("yearly", 365))  # fmt: skip


@dataclass(frozen=True)
class Audience:
    size: float
    noun: str
    """One unit of it, singular: "customer", "server"."""
    exposure_days: int
    one_shot: bool
    """A send (campaign, mailing); else a fleet of entities randomised once."""
    assumed: bool = False
    """The size is the intake's default volume, not a number the request gave."""
    people: bool = False
    """A base of people: no switchback (a person carries the last arm's treatment over)."""


def fixed_audience(plan: Plan, design_id: str, unit_noun: str) -> Audience | None:
    if design_id not in _UNIT_DESIGNS:
        return None
    kb, folded = plan.kb.experiments, plan.folded
    if _one_shot(plan, folded):
        size, assumed = _list_size(plan, folded)
        if size >= 1:
            return Audience(size, unit_noun, _campaign_days(folded, kb["campaign_length"]), True, assumed)
    if unit_noun in PEOPLE:
        # A customer base scored in batch ("40k customers, weekly scoring") is all there at once: n cannot
        # exceed it however many days pass. People counted as monthly actives arrive day by day instead.
        qty = plan.quantities
        if plan.mode == "batch" and qty.population and not qty.monthly_active and qty.population_noun in _PEOPLE_NOUNS:
            return Audience(qty.population, unit_noun, _FLEET_DAYS, False, people=True)
        return None
    fleet = _fleet(folded, kb["fleet_nouns"])
    if fleet is not None:
        return Audience(fleet[0], fleet[1], _FLEET_DAYS, False)
    return None


# Targeting a send: who gets it. A forecast, a price or a bid run for campaigns is a daily flow.
_SEND_TYPES = ("uplift_modeling", "binary_classification", "multiclass_classification", "ranking", "recommendation")


def _one_shot(plan: Plan, folded: str) -> bool:
    if plan.mode != "batch" or plan.brief.problem_type not in _SEND_TYPES:
        return False
    if stated_schedules(plan.brief.request).get("score") in ("daily", "weekly"):
        return False  # "score every client weekly for the campaign": a recurring flow
    return any(re.search(cue, folded) for cue in plan.kb.experiments["one_shot_cues"])


def _list_size(plan: Plan, folded: str) -> tuple[float, bool]:
    """The units one send reaches: a stated population ("200k customers"), a per-period count times its
    period ("200k donors each quarter" was read as 2,198 a day), else the run's volume (perhaps assumed)."""
    qty = plan.quantities
    if qty.population:
        return qty.population, False
    every = _period_days(folded)
    if qty.daily_volume and every:
        return float(round(qty.daily_volume * every)), False
    assumed = any(a.field == "traffic.daily_volume" and "not stated" in a.reason for a in plan.brief.assumptions)
    return plan.brief.traffic.daily_volume or 0.0, assumed


def _period_days(folded: str) -> int | None:
    return next((days for word, days in _PERIOD_DAYS if word in folded), None)


def _campaign_days(folded: str, pattern: str) -> int:
    m = re.search(pattern, folded)
    if m is None:
        return 1  # a single send: the day it goes out
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(5), m.group(6))
    return int(number) * (7 if unit == "week" else 1)


def _fleet(folded: str, nouns: dict[str, str]) -> tuple[float, str] | None:
    words = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    best: tuple[float, str] | None = None
    for count, m in counts_followed_by(folded, r"\s+(?:[a-z-]+\s){0,2}?(?P<noun>" + words + r")\b"):
        if count >= 2 and (best is None or count > best[0]):
            best = (count, nouns[m.group("noun")])
    return best


def counts_before(folded: str, cue: str) -> list[float]:
    """The numbers written right before ``cue`` ("4m daily users" -> [4,000,000])."""
    return [count for count, _ in counts_followed_by(folded, r"\s*(?:" + cue + ")")]


def audience_fields(audience: Audience) -> dict[str, object]:
    return {"audience": audience.size, "audience_noun": audience.noun, "exposure_days": audience.exposure_days}


def audience_notes(plan: Plan, sample: SampleSizePlan, audience: Audience) -> list[str]:
    nouns = plural(audience.noun)
    size = plain_number(audience.size)
    kind = "one send" if audience.one_shot else "the whole population"
    source = " (assumption: the request states no list size; replace it with the real count)" if audience.assumed else ""
    first = (
        f"Fixed audience: {size} {nouns}{source} are all there at the start ({kind}); n is counted in {nouns}, "
        f"and the test lasts the {sample.exposure_days}-day exposure plus the {sample.label_window_days}-day outcome "
        "window, whatever the daily event volume."
    )
    if sample.feasible:
        return [first]
    needed = sample.arms * sample.n_per_arm
    lines = [first + f" It is too small for the target effect: {sample.arms} x {sample.n_per_arm:,} = {needed:,} {nouns} needed."]
    whole = detectable_mde(audience.size / sample.arms, sample.baseline, _sd(sample), _sign(sample), sample.alpha, sample.power)
    options = []
    if needed <= audience.size:
        share = math.ceil(needed / audience.size * 20) / 20
        options.append(f"put {share:.0%} of the list in the test (50/50) instead of {sample.traffic_fraction:.0%}")
    elif whole is not None:
        options.append(f"with the whole audience 50/50 the detectable effect is MDE {whole:+.1%} relative")
    if audience.one_shot:
        options.append(_pooling(plan, sample, audience))
    else:
        if not audience.people:
            options.append(_switchback(plan, sample, audience))
        if audience.size >= _MIN_HOLDOUT_FLEET:
            options.append(_holdout(sample, audience))
        else:
            options.append(f"{plain_number(audience.size)} {nouns} are too few for a holdout: an out-of-time backtest and a shadow period carry the decision")
    lines.append("Alternatives, computed: " + "; ".join(o for o in options if o) + ".")
    return lines


def _sd(sample: SampleSizePlan) -> float | None:
    return sample.std_dev if sample.metric_kind == "mean" else None


def _sign(sample: SampleSizePlan) -> int:
    return 1 if sample.mde_relative >= 0 else -1


def _pooling(plan: Plan, sample: SampleSizePlan, audience: Audience) -> str:
    """Sends of the same campaign analysed together: how many, and how long that takes at its cadence."""
    per_send = audience.size * sample.traffic_fraction
    sends = math.ceil(sample.arms * sample.n_per_arm / per_send)
    every = _period_days(plan.folded)
    when = f" (≈ {round(sends * every / 30)} months at the campaign's cadence)" if every and sends > 1 else ""
    return (
        f"pool {sends} sends of this campaign at the same {sample.traffic_fraction:.0%} test share, randomised the "
        f"same way and analysed together{when}"
    )


def _switchback(plan: Plan, sample: SampleSizePlan, audience: Audience) -> str:
    """Each entity alternates arms week by week: entity-weeks keep coming, inflated by the within-entity
    correlation (the cluster design effect over the weeks one entity spends in an arm, a conservative bound)."""
    icc = float(plan.kb.experiments.get("entity_week_icc", 0.05))
    noun = audience.noun
    for weeks in range(2, _MAX_WEEKS + 1):
        m = weeks / sample.arms
        effect = design_effect(max(m, 1.0), icc)
        if audience.size * weeks / sample.arms >= sample.n_per_arm * effect:
            return (
                f"a switchback by {noun}-week (each {noun} alternates arms on a randomised weekly schedule): "
                f"{plain_number(audience.size)} {plural(noun)} give {plain_number(audience.size / sample.arms)} "
                f"{noun}-weeks per arm per week; with a within-{noun} correlation of {icc:g} (assumption) the weeks one "
                f"{noun} spends in an arm inflate n by 1 + ({plain_number(m)} - 1) x {icc:g} = {plain_number(effect)}, to "
                f"{math.ceil(sample.n_per_arm * effect):,} {noun}-weeks per arm, reached after {weeks} weeks (a stepped rollout in "
                "waves is the alternative when switching back is unsafe)"
            )
    return f"even a switchback by {noun}-week does not reach the target effect within {_MAX_WEEKS} weeks"


def _holdout(sample: SampleSizePlan, audience: Audience) -> str:
    """A 90/10 holdout: unequal arms carry the information of 2 / (1/n1 + 1/n2) units per arm."""
    n1, n2 = audience.size * 0.9, audience.size * 0.1
    equal = 2 / (1 / n1 + 1 / n2)
    mde = detectable_mde(equal, sample.baseline, _sd(sample), _sign(sample), sample.alpha, sample.power)
    effect = f"detects MDE {mde:+.1%} relative" if mde is not None else "detects no effect in range"
    return (
        f"a 10% long-term holdout of {plural(audience.noun)} ({plain_number(n2)} on the current process) "
        f"{effect} (≈ {plain_number(equal)} per arm equivalent), read beside an out-of-time backtest; baseline "
        f"{percent(sample.baseline) if sample.metric_kind == 'proportion' else plain_number(sample.baseline)}"
    )
