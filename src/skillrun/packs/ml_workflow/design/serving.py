"""Model Serving: mode, latency budget or deadline, derived throughput, scaling, fallback, rollout (§6)."""

from __future__ import annotations

from .._english import plural
from ..sections import ModelServing
from ..stats import per_second
from ._cost import cost_note, cost_wanted
from ._plan import Plan, count
from .features import online_store

_FALLBACK = {
    "fraud": "fail-open for low-value transactions (approve with the existing rule engine's decision), fail-closed "
    "to manual review above the high-value limit; timeouts count as model unavailable",
    "credit": "fail-closed: applications are referred to manual underwriting with the existing scorecard",
    "aml_alerts": "the alert queue keeps its current order (the monitoring scenario's score, then age) while the model is "
    "down; no alert is closed or held back for want of a score",
    "moderation": "fail-closed for high-risk channels (hold message, keyword blocklist decides), fail-open with the "
    "keyword blocklist elsewhere; timeout after the p99 budget",
    "recsys": "popularity list (most-popular-recent per section), cached; the page never waits on the model",
    "search": "lexical (BM25) ranking without the re-ranker when the model times out",
    "eta": "current prep-time + maps estimate (the baseline) when the model or a feature times out",
    "ctr_ads": "last-known historical CTR per ad x placement",
    "pricing": "rule-based price within floor/ceiling",
    "medical_imaging": "normal worklist order (first in, first out); radiologists are alerted that triage is off",
    "clinical_deterioration": "the ward's current early warning score (NEWS2/qSOFA) and its trigger rules keep running; "
    "nurses see that model alerts are paused",
    "wake_word": "previous on-device model version (kept on the device); the DSP detector stays as the last resort",
}


def design_serving(plan: Plan) -> ModelServing:
    brief, mode = plan.brief, plan.mode
    p50 = p99 = None
    if mode == "batch":
        sla = _batch_sla(plan)
    else:
        p50, p99 = brief.latency.p50_ms, brief.latency.p99_ms
        p50 = p50 or 50.0
        p99 = max(p99 or p50 * 3, p50)
        sla = _latency_sla(plan, p50, p99)
    return ModelServing(
        serving_mode=mode,  # type: ignore[arg-type]
        serving_detail=_detail(plan),
        latency_p50_ms=p50,
        latency_p99_ms=p99,
        latency_sla=sla,
        throughput=_throughput(plan),
        scaling=_scaling(plan),
        fallback=_fallback(plan),
        notes=_notes(plan),
    )


def _detail(plan: Plan) -> str:
    s, mode = plan.stack, plan.mode
    return {
        "batch": f"{plan.tool('batch')}; results land in a table the consumer reads ({plan.brief.decision.split(';')[0]})",
        "real-time": f"{plan.tool('realtime')} called synchronously inside the request",
        "streaming": f"{s.streaming}; scores are written back to an output topic within seconds",
        "edge": f"on-device inference with {_edge(plan).runtime}; no network needed at prediction time",
        "hybrid": f"batch candidate generation ({plan.tool('batch')}) refreshed on schedule, plus an online re-ranking "
        f"step on {plan.tool('realtime')} at request time",
    }[mode]


def _edge(plan: Plan):  # type: ignore[no-untyped-def]
    return plan.edge


def _job_hours(rows: float) -> int:
    """The batch job's time budget, one number for the SLA and the throughput it implies."""
    return 1 if rows < 5_000_000 else 2


def _batch_sla(plan: Plan) -> str:
    brief = plan.brief
    rows = brief.traffic.daily_volume or 0
    hours = _job_hours(rows)
    deadline = brief.latency.deadline or "06:00 local time"
    return (
        f"completion deadline: scores available by {deadline}; job duration ≤ {hours} h for {count(rows)} rows, "
        "started early enough to allow one retry before the deadline; no per-request latency (batch)"
    )


def _latency_sla(plan: Plan, p50: float, p99: float) -> str:
    budget = plan.kb.serving.get(plan.mode, {}).get("budget") or {"network": 0.2, "features": 0.3, "inference": 0.5}
    if plan.mode == "edge":
        return (
            f"p50 {p50:g} ms / {plan.brief.latency.tail} {p99:g} ms on the device per inference window (feature extraction + model), "
            "no network in the path"
        )
    store = online_store(plan)
    parts = ", ".join(
        f"{name} {p99 * share:.0f} ms" + (f" (the {store} online lookup included)" if store and name == "features" else "")
        for name, share in budget.items()
    )
    stated = " (within the stated limit)" if plan.brief.latency.p99_ms and "latency" in " ".join(plan.brief.constraints) else ""
    tail = plan.brief.latency.tail  # a "p95 under 80 ms" target stays a p95 one
    return f"p50 {p50:g} ms, {tail} {p99:g} ms{stated}; {tail} budget: {parts}; measured end-to-end at the caller"


def _throughput(plan: Plan) -> str:
    t = plan.brief.traffic
    daily = t.daily_volume or 0
    avg = daily / 86_400
    if plan.mode == "batch":
        hours = _job_hours(daily)
        return (
            f"{count(daily)} rows per run ({plural(t.unit)} scored per {plan.scoring} run); ≈ "
            f"{per_second(daily / (3600 * hours), 'rows')} over a {hours}-hour job"
        )
    if plan.mode == "edge":
        return "one inference per window per device (e.g. 50 windows/s for audio, per frame for video); fleet telemetry only"
    peak = t.peak_rps or avg * 3
    return (
        f"peak {per_second(peak, 'requests')}; average ≈ {per_second(avg)} ({count(daily)} {plural(t.unit)}/day / 86,400 s); "
        f"capacity planned for 2x peak = {per_second(peak * 2)}"
    )


def _scaling(plan: Plan) -> str:
    text = plan.kb.serving[plan.mode]["scaling"]
    if plan.mode == "batch" and plan.simple:
        text = "single scheduled job is enough at this volume; partition by entity hash if it exceeds 1 h"
    return text


def _fallback(plan: Plan) -> str:
    specific = _FALLBACK.get(plan.domain.id)
    if specific is None:
        if plan.mode == "batch":
            specific = (
                f"keep serving the previous run's scores (≤ {2 * plan.freshness_hours - 2} h old, two {plan.scoring} runs) "
                "and alert; beyond that the baseline heuristic"
            )
        else:
            specific = f"baseline heuristic ({plan.domain.baseline.split('(')[0].strip()}) on model error or timeout"
    return f"{specific}. Fallback triggers on model error, timeout or missing features, and every fallback is logged."


def _notes(plan: Plan) -> list[str]:
    notes = [
        f"Safe rollout: {plan.kb.serving[plan.mode]['rollout']}.",
        "Prediction logging: request id, features as served, prediction, model version and timestamp are logged "
        "for monitoring, skew measurement and future training sets.",
    ]
    if plan.mode == "edge":
        target = _edge(plan)
        notes.append(
            f"Edge: model size budget {target.size_budget}; {target.compression}; runtime {target.runtime}; "
            f"{target.update}; works fully offline, telemetry (false accepts, version, latency) uploaded when connected."
        )
    if cost_wanted(plan):
        notes.append(cost_note(plan))
    return notes
