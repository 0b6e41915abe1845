"""The load a brief plans for: traffic (peak per second, daily volume, units eligible for an experiment)
and the latency budget or batch deadline, each stated figure kept and each missing one assumed in the
brief's assumptions with the arithmetic or the default behind it."""

from __future__ import annotations

import re

from .._english import plural
from ..brief import Latency, Traffic
from ..knowledge import Domain, Knowledge
from ..stats import per_second
from ._context import edge_target
from ._numbers import Quantities

_PEAK_FACTOR = 3.0
_DAU_SHARE = 0.25


def traffic_for(qty: Quantities, domain: Domain | None, mode: str, entity: str, assume) -> Traffic:  # type: ignore[no-untyped-def]
    unit = domain.unit if domain else "prediction"
    daily, peak = qty.daily_volume, qty.peak_rps
    if peak and "peak_rps" in qty.derived:
        assume("traffic.peak_rps", per_second(peak), qty.derived["peak_rps"])
    if daily and "daily_volume" in qty.derived:
        assume("traffic.daily_volume", f"{daily:,.0f} {plural(unit)}/day", qty.derived["daily_volume"])
    implied = qty.implied
    if implied and not (daily or peak) and implied.daily >= (qty.population or 0):
        # Nothing stated, but a fleet's cadence or a forecast's series count gives the volume. A fleet's
        # readings are scored one by one only when serving is online; a nightly batch scores the fleet.
        if implied.scored or mode in ("real-time", "streaming"):
            daily = implied.daily
            assume("traffic.daily_volume", f"{daily:,.0f} {plural(unit)}/day", implied.why)
            if implied.stream and mode in ("real-time", "streaming", "hybrid"):
                peak = daily / 86_400
                assume("traffic.peak_rps", per_second(peak), "a steady stream at that cadence: the peak is the average")
        elif implied.members:
            daily = implied.members
            why = f"{implied.why}; a {mode} run scores each of the {implied.members:,.0f} once"
            assume("traffic.daily_volume", f"{daily:,.0f} {plural(unit)}/day", why)
    if peak and not daily:
        daily = peak * 86_400 / _PEAK_FACTOR
        assume("traffic.daily_volume", f"{daily:,.0f}/day", f"stated peak {peak:,.0f}/s, average taken as 1/{_PEAK_FACTOR:g} of peak")
    population = qty.monthly_active or qty.population
    if not daily and population:
        daily = population * (_DAU_SHARE if qty.monthly_active else 1.0)
        what = "daily actives = 25% of monthly actives" if qty.monthly_active else "every entity scored once per run"
        if not qty.monthly_active and "population" in qty.derived:
            what = f"{qty.derived['population']}, every one scored once per run"
        assume("traffic.daily_volume", f"{daily:,.0f} {plural(unit)}/day", what)
    if not daily:
        daily = (domain.daily_volume if domain and domain.daily_volume else None) or (
            50_000.0 if mode in ("real-time", "streaming", "hybrid") else 10_000.0
        )
        assume("traffic.daily_volume", f"{daily:,.0f} {plural(unit)}/day", "volume not stated; a mid-size workload, revisit with real numbers")
    if not peak and mode in ("real-time", "streaming", "hybrid"):
        peak = daily / 86_400 * _PEAK_FACTOR
        assume("traffic.peak_rps", per_second(peak), f"{daily:,.0f}/day spread over 24 h with a {_PEAK_FACTOR:g}x peak factor")
    eligible = _eligible(qty, daily, domain)
    return Traffic(
        peak_rps=peak, daily_volume=daily, daily_eligible_units=eligible, unit=unit,
        clusters=qty.clusters, cluster_noun=qty.cluster_noun, history_rows=qty.history_rows,
    )  # fmt: skip


# People an experiment enrols, a quarter of them a day: "8M listeners", "3 millones de oyentes".
_AUDIENCE = frozenset(
    "users customers subscribers members readers viewers players accounts usuarios clientes nutzer kunden "
    "utilisateurs 用户 listeners fans followers shoppers visitors learners oyentes ouvintes horer auditeurs "
    "ascoltatori 听众 abonnes assinantes utenti clienti abbonati".split()
)


def _eligible(qty: Quantities, daily: float, domain: Domain | None) -> float:
    if qty.monthly_active:
        return qty.monthly_active * _DAU_SHARE
    if qty.population and qty.population_noun in _AUDIENCE:
        return qty.population * _DAU_SHARE
    if qty.population and not qty.daily_volume:
        return max(qty.population / 30, 1.0)
    return max(daily, 1.0)


def latency_for(qty: Quantities, mode: str, kb: Knowledge, folded: str, assume) -> Latency:  # type: ignore[no-untyped-def]
    if mode == "batch":
        deadline = _deadline(qty.deadline)
        if qty.deadline is None:
            assume("latency.deadline", deadline, "batch scores must be ready before the working day starts")
        return Latency(deadline=deadline)
    if mode == "edge":
        target = kb.edge_targets[edge_target(folded, kb)]
        p50, p99 = target.latency_ms
    else:
        defaults = kb.serving[mode]
        p50, p99 = float(defaults["p50_ms"]), float(defaults["p99_ms"])
    if qty.latency_p99_ms:
        p99 = qty.latency_p99_ms
        p50 = qty.latency_p50_ms or round(p99 * 0.4)
        if qty.latency_percentile:
            return Latency(p50_ms=p50, p99_ms=p99, tail_percentile=qty.latency_percentile, deadline=None)
    elif qty.latency_p50_ms:
        p50 = qty.latency_p50_ms
        p99 = p50 * 3
        assume("latency.p99_ms", f"{p99:g} ms", "only a median was stated; tail budget set at 3x the median")
    else:
        assume("latency", f"p50 {p50:g} ms / p99 {p99:g} ms", f"no latency budget stated; typical for {mode} serving")
    return Latency(p50_ms=p50, p99_ms=p99, deadline=None)


def _deadline(stated: str | None) -> str:
    if not stated:
        return "06:00 local time"
    if re.match(r"\d", stated):
        return stated if ":" in stated or "m" in stated else f"{stated}:00"
    if "hour" in stated:
        return stated
    return "06:00 local time (next morning)"
