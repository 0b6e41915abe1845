"""Monitoring and Drift: statistics that fit the data, label-delay-aware performance, ops SLOs, retraining (§8)."""

from __future__ import annotations

import math

from ..brief import UNSTRUCTURED
from ..sections import Monitor, MonitoringDrift
from ._plan import Plan, days_text

_SMALL_REFERENCE_ROWS = 1000


def design_monitoring(plan: Plan) -> MonitoringDrift:
    drift_tool = _drift_tool(plan)
    return MonitoringDrift(
        data_drift=Monitor(
            tool=drift_tool,
            threshold=_data_drift_threshold(plan),
            action="investigate within 1 business day (owner: ML on-call); check matured performance before any "
            "retrain: drift alone does not trigger automatic retraining",
        ),
        model_drift=Monitor(
            tool=drift_tool,
            threshold=f"prediction/score distribution {_prediction_shift(plan)}; {_performance_drop(plan)}",
            action="alert the model owner; > 15% relative drop = retrain and gate, or rollback to the previous version",
        ),
        concept_drift=_concept_monitor(plan, drift_tool),
        operational=Monitor(tool=plan.stack.ops, threshold=_ops_threshold(plan), action="page on-call; rollback or fall back per the serving plan"),
        retraining_policy=_retraining(plan),
        notes=_notes(plan),
    )


def _prediction_shift(plan: Plan) -> str:
    kind = plan.output_kind
    if kind == "probability":
        return plan.kb.monitoring["prediction_shift"] + "; calibration (reliability curve, ECE)"
    return plan.kb.monitoring["prediction_shift_by_output"][kind]


def _drift_tool(plan: Plan) -> str:
    if plan.managed:
        return plan.stack.drift
    return plan.kb.platforms["oss"].drift + (" (self-hosted)" if plan.brief.cloud in ("on-prem", "air-gapped") else "")


def _data_drift_threshold(plan: Plan) -> str:
    brief, stats = plan.brief, plan.kb.drift
    reference = "a seasonally matched reference window (same weeks last period)" if brief.temporal else "the training data"
    if brief.modality in UNSTRUCTURED:
        text = (
            f"{stats['domain_classifier']['name']}: {stats['domain_classifier']['threshold']} between {reference} and "
            f"the last 7 days of {'image and text' if brief.modality == 'mixed' else brief.modality} embeddings"
        )
        if brief.modality in ("text", "mixed"):
            text += "; out-of-vocabulary rate and language mix tracked"
        return text + f"; metadata features: {stats['psi']['name']} ≥ 0.1 investigate / ≥ 0.25 act"
    daily = brief.traffic.daily_volume or 0
    if daily and daily < _SMALL_REFERENCE_ROWS:
        return (
            f"small samples (< 1,000 rows per window): {stats['ks']['name']} {stats['ks']['threshold']} for numerical and "
            f"{stats['chi2']['name']} {stats['chi2']['threshold']} for categorical features vs {reference}; "
            f"{stats['psi']['name']} ≥ 0.25 on the score"
        )
    text = (
        f"per feature vs {reference}: {stats['psi']['threshold']}; {stats['wasserstein']['name']} "
        f"{stats['wasserstein']['threshold']} (numerical) and {stats['jensen_shannon']['name']} "
        f"{stats['jensen_shannon']['threshold']} (categorical) with > 1,000 reference rows; dataset drift at "
        f"{stats['dataset_share']['threshold']}"
    )
    if plan.mode == "streaming":
        text += f"; streams: {stats['adwin']['name']} on feature means ({stats['adwin']['threshold']})"
    return text


def _performance_drop(plan: Plan) -> str:
    if plan.unsupervised:
        return (
            f"{plan.metric_short} of the current assignments on the latest window below 90% of its training value, "
            "or > 5% of entities farther from their centroid than the training 99th-percentile distance"
        )
    delay = days_text(math.ceil(plan.label_delay))
    return f"matured-label {plan.metric_short}: {plan.kb.monitoring['performance_drop']} (cohort scored ≥ {delay} ago)"


def _concept_monitor(plan: Plan, drift_tool: str) -> Monitor:
    if plan.unsupervised:
        # No P(y|x) to drift: what changes is the structure of the data and what each segment is worth.
        return Monitor(
            tool=f"{drift_tool} + a scheduled refit-stability job",
            threshold=(
                "segment structure: adjusted Rand index < 0.7 between the current assignments and a refit on the "
                "latest window; the outcome of segment-tailored actions vs the holdout (per segment) drops > 10% "
                "relative over two campaign cycles"
            ),
            action="refit and re-run the gate; if a segment changed meaning, re-describe it with the teams that act on "
            "it before the next campaign (owner: model owner, severity high)",
        )
    return Monitor(
        tool=f"{drift_tool} + tracked matured-label backtests",
        threshold=_concept_threshold(plan),
        action="retrain on recent matured data and re-run the promotion gate; if the relationship changed "
        "structurally, revisit features (owner: model owner, severity high)",
    )


def _concept_threshold(plan: Plan) -> str:
    delay = math.ceil(plan.label_delay)
    text = (
        f"concept drift = change in P(y|x) (not just P(x) or P(y)): performance decay of {plan.metric_short} on matured "
        f"labels (label delay ~{days_text(delay)}) > 10% relative vs the previous 4 matured cohorts at the same season; "
        "residual drift per segment"
    )
    if plan.mode in ("streaming", "real-time"):
        text += "; ADWIN on the stream of labelled errors once labels arrive"
    return text


def _ops_threshold(plan: Plan) -> str:
    brief = plan.brief
    if plan.mode == "batch":
        return (
            f"job failure or duration > 2x the median; output freshness: scores older than {plan.freshness_hours} h "
            f"({plan.scoring} scoring); row count ±30% vs the 4-week median; feature freshness and null rates per run"
        )
    p99 = brief.latency.p99_ms or 200
    p50 = brief.latency.p50_ms or p99 / 3
    extra = "consumer lag > 30 s; " if plan.mode == "streaming" else ""
    hardware = "GPU" if brief.gpu else "CPU"
    if plan.mode == "edge":
        return (
            f"on-device p50 > {p50:g} ms or {brief.latency.tail} > {p99:g} ms from telemetry; "
            f"share of fleet on each model version; {plan.edge.telemetry}"
        )
    return (
        f"p50 > {p50:g} ms or {brief.latency.tail} > {p99:g} ms for 15 min; error rate > 1% over 5 min; {extra}throughput vs forecast "
        f"±50%; {hardware} and memory > 80%; feature freshness and null rates"
    )


def _retraining(plan: Plan) -> str:
    brief = plan.brief
    approval = (
        f"human approval by {plan.approver} with updated documentation"
        if brief.regulated
        else "automatic promotion only through the gate, with the owner notified"
    )
    max_age = math.ceil(plan.cadence_days * plan.kb.monitoring["staleness"]["model_age_factor"])
    if plan.unsupervised:
        return (
            f"Scheduled + triggered: refit {plan.cadence} on the latest behaviour window; triggers: {plan.metric_short} on "
            "fresh data below 90% of its training value, segment-share PSI ≥ 0.25, or adjusted Rand index < 0.7 against "
            f"a refit. Every refit passes the gate ({plan.metric_short} and stability vs the current segments and the rule "
            f"baseline), segment ids are matched to the previous run, and {approval}. Staleness bound: page if the "
            f"segments are older than {max_age} days."
        )
    return (
        f"Scheduled + triggered: retrain {plan.cadence} on a sliding window of matured labels; triggers: matured "
        f"{plan.metric_short} drop > 10% relative, data drift confirmed by a performance check, or a new data volume "
        f"of ≥ 20% since the last training. Every candidate passes the promotion gate (validation on the {plan.holdout}, "
        f"slices, sanity checks) and {approval}. Staleness bound: page if the model is older than {max_age} days."
    )


def _staleness_note(plan: Plan, lag: int) -> str:
    if plan.mode == "streaming":
        # A stream has no batch to block: the bound is how far processing lags behind event time.
        return (
            "Staleness: events processed more than 5 minutes after their event time are flagged as late and alerted, "
            "and windows with late inputs are re-scored; model age is checked daily."
        )
    if plan.mode in ("real-time", "edge"):
        # No batch to block: a stale input is handled per request, by the serving fallback.
        where = "on the device" if plan.mode == "edge" else "at request time"
        return (
            f"Staleness: an input older than {lag} h {where} is treated as missing (the serving fallback answers and "
            "the event is counted), and an alert fires when more than 1% of requests in 15 minutes hit it; model age "
            "is checked daily."
        )
    return f"Staleness: features older than {lag} h block batch scoring and alert; model age is checked daily."


def _numerical(plan: Plan) -> str:
    m = plan.kb.monitoring
    text = m["numerical"].replace("{range}", m["output_range"][plan.output_kind])
    if plan.mode in ("real-time", "streaming", "edge"):
        # Online there is no batch to block: the one bad prediction is replaced, and a burst pages.
        text = text.replace(", block the batch or page on-call", ": the fallback answers instead of that prediction, and on-call is paged above 0.1% of predictions in 5 minutes")
    return text


def _notes(plan: Plan) -> list[str]:
    m, brief = plan.kb.monitoring, plan.brief
    # Online features have their own seconds-level freshness; for batch inputs one scoring period is the bound.
    lag = plan.freshness_hours if plan.mode in ("batch", "hybrid") else plan.kb.monitoring["staleness"]["feature_lag_hours"]
    return [
        f"Data quality at serving time: {m['data_quality']}.",
        f"Numerical stability: {_numerical(plan)}.",
        _staleness_note(plan, lag),
        f"Upstream dependencies: {m['upstream']}.",
        f"Feedback loop: {plan.domain.feedback_loop.replace('{entity}', brief.entity)}.",
        "Every alert has an owner (ML on-call for drift and performance, platform on-call for operations) and a "
        "severity; dashboards show all four monitor groups.",
    ]
