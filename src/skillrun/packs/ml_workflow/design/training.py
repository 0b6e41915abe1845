"""Training Pipeline: diagram, split by data shape, model ladder, tuning budget, gate and registry (§5)."""

from __future__ import annotations

import math

from .._english import plural
from ..sections import Stage, TrainingPipeline
from ..stats import plain_number
from ._plan import Plan, days_text

_DEPLOY = {
    "batch": "batch scoring",
    "real-time": "online endpoint",
    "streaming": "stream scorer",
    "edge": "device OTA",
    "hybrid": "batch + online",
}


# The output check in the gate, by what the model outputs: calibration only where scores are probabilities.
_OUTPUT_SANITY = {
    "probability": "calibration error (ECE) ≤ 0.05 on the holdout, since scores are used as probabilities",
    "numeric": "predictions inside the plausible target range (no negative amounts, within the training range "
    "± 20%) and residuals unbiased per slice (mean error within ±5%)",
    "ranked": "no duplicate or unavailable items in the top-k and ranking-score ties below 1%",
    "effect": "predicted uplift inside [-1, 1] and the holdout's decile uplift curve decreasing from the top decile down",
    "spatial": "boxes/masks inside the image bounds and the objects or masked area per image within ±25% of the champion",
    "segments": "every segment above its minimum size and segment shares within ±25% of the previous run",
    "anomaly": "alert rate at the chosen threshold within the review capacity (alerts per day)",
    "spans": "extracted spans inside the document bounds and entities per document within ±25% of the champion",
}


def design_training(plan: Plan) -> TrainingPipeline:
    brief = plan.brief
    return TrainingPipeline(
        diagram=_diagram(plan),
        data_split=_split(plan),
        training=_training(plan),
        tuning=_tuning(plan),
        validation=_gate(plan),
        registry=_registry(plan),
        notes=[
            "Reproducibility and tests: pinned container image and lockfile, fixed random seeds, data snapshot id per "
            "run; unit tests for feature code and the model spec; an end-to-end integration test of the pipeline on "
            "a small sample dataset in CI before any scheduled run.",
            _cadence_note(plan),
            _compute_note(plan),
        ]
        + ([_history_note(plan)] if brief.traffic.history_rows else [])
        + ([_regulated_note(plan)] if brief.regulated else []),
    )


def _history_note(plan: Plan) -> str:
    """The labelled history the request counts ("400k past claims") sizes the training set, not the traffic."""
    rows = plan.brief.traffic.history_rows or 0
    split = "oldest ~70% / next 15% / most recent 15%" if plan.brief.temporal else "70% / 15% / 15%"
    return (
        f"Training data: the {plain_number(rows)} labelled rows of history the request states are the training set "
        f"(≈ {plain_number(rows * 0.7)} / {plain_number(rows * 0.15)} / {plain_number(rows * 0.15)} rows for train / "
        f"validation / test, {split}), not the volume scored per run."
    )


def _diagram(plan: Plan) -> str:
    source = ", ".join(plan.brief.data_sources[:2]) or plan.stack.warehouse.split(" ")[0]
    deploy = _DEPLOY[plan.mode]
    return "\n".join(
        [
            f"[data source: {source}] --> [validate schema] --> [build features (as-of)]",
            "                                                          |",
            "                                                          v",
            f"[monitor drift + {plan.metric_short}] <-- [deploy: {deploy}] <-- [registry] <-- [evaluate + gate] <-- [train]",
            "        |                                                                    ^",
            "        +------------------------- retrain trigger ---------------------------+",
        ]
    )


def _split(plan: Plan) -> Stage:
    brief = plan.brief
    gap = max(math.ceil(plan.label_delay), _horizon_days(brief.horizon))
    if brief.temporal:
        method = (
            "time-based split: train on the oldest ~70% of the history, validate on the next 15%, out-of-time test on "
            f"the most recent 15%; walk-forward (expanding window) backtest with 4 folds, gap ≥ {days_text(gap)} between "
            "the end of training data and the start of each validation window (≥ the label horizon)"
        )
        group = ""
        if plan.group not in ("query", "document source"):
            group = f"; every {plan.group} kept in one fold when testing generalisation to new {plural(plan.group)}"
        notes = (
            "chronological by prediction timestamp; duplicates removed before splitting; scalers, encoders and "
            f"imputers fit on the training fold only (inside one sklearn Pipeline){group}"
        )
    else:
        method = f"{plan.ptype.split}; GroupKFold (5 folds) by {plan.group} for validation, a held-out test set never used for tuning"
        notes = (
            f"near-duplicates removed before splitting; no {plan.group} appears in two splits; normalisation, "
            "vocabularies and augmentation fit/applied on the training split only (inside the pipeline)"
        )
        if brief.regulated == "health" or "site" in plan.group:
            notes += "; external validation on a site/scanner not seen in training"
    return Stage(tool_method=method, notes=notes)


def _horizon_days(horizon: str | None) -> int:
    if not horizon:
        return 0
    number, _, unit = horizon.partition(" ")
    try:
        value = float(number)
    except ValueError:
        return 0
    factor = {"hours": 1 / 24, "day": 1, "days": 1, "months": 30, "year": 365, "years": 365}.get(unit, 1)
    return math.ceil(value * factor)


def _training(plan: Plan) -> Stage:
    brief, ladder = plan.brief, plan.ptype.ladder
    if brief.modality == "text":
        # The text ladder: sparse n-gram baseline, then a small pretrained transformer fine-tuned on the labels;
        # the boosted-trees rung adds little on text.
        first = "start with" if plan.simple else "baseline:"
        model = f"{first} {ladder['simple']}, then a {_small(ladder['deep'])} once the baseline is measured"
    elif plan.simple:
        model = f"start with {ladder['simple']}, then {ladder['tree']} once the baseline is beaten"
    elif brief.modality == "mixed":
        # The problem type's ladder is tabular; photos and text enter as pretrained embeddings first.
        model = f"{ladder['tree']} on pretrained image and text embeddings plus the item's fields first, then a fine-tuned image-text model"
    elif brief.model_complexity == "deep-learning":
        model = f"{ladder['tree']} first, then {ladder['deep']}"
    else:
        model = f"{ladder['simple']} as a sanity check, then {ladder['tree']}"
    orchestrator = plan.tool("orchestrator")
    # Anomaly detectors train on unlabelled data: there are no classes to weight.
    weight = " with class weights" if brief.imbalanced and brief.problem_type != "anomaly_detection" else ""
    if "class weights" in model:
        weight = ""  # the ladder's own wording already says so
    return Stage(
        tool_method=f"{model}{weight}; orchestrated by {orchestrator}",
        notes=f"{plan.cadence} retraining job; one DAG: extract -> validate -> features -> train -> evaluate -> register",
    )


def _small(deep: str) -> str:
    """The deep rung of a text ladder, sized down: a small encoder fits the data and CPU serving."""
    small = deep.split(",")[0].replace("fine-tuned (multilingual) transformer", "fine-tuned small (multilingual) transformer")
    small = small.replace("fine-tuned token-classification transformer", "fine-tuned small token-classification transformer")
    small = small.replace("fine-tuned encoder", "fine-tuned small encoder")
    return f"{small} (DistilBERT/MiniLM-size)"


def _tuning(plan: Plan) -> Stage:
    trials = 30 if plan.simple else 100
    tool = "Optuna" if plan.simple or not plan.managed else plan.stack.tuning
    hours = 1 if plan.simple else 4
    return Stage(
        tool_method=f"Bayesian search (TPE) with {tool}: {trials} trials, ≤ {hours} hour{'s' if hours != 1 else ''} per run, early pruning",
        notes=f"objective on the validation folds only; the {plan.holdout} is touched once, for the final candidate",
    )


def _gate(plan: Plan) -> Stage:
    brief, short = plan.brief, plan.metric_short
    better = "higher" if plan.ptype.higher_is_better else "lower"
    gate = (
        f"promotion gate: the candidate must beat the baseline by ≥ {plan.ptype.gain:.0%} and the current champion by "
        f"≥ 2% relative {short} ({better} is better) on the {plan.holdout}"
    )
    checks = (
        "no important slice worse than the champion by > 5% relative; sanity checks: no NaN/inf predictions, "
        f"prediction distribution PSI < 0.1 vs the champion, {_OUTPUT_SANITY[plan.output_kind]}, latency and "
        "model-size budget met"
    )
    if brief.regulated:
        checks += "; fairness gap across protected groups within tolerance; human sign-off by " + plan.approver
    return Stage(tool_method=gate, notes=checks)


def _registry(plan: Plan) -> Stage:
    registry = plan.tool("registry")
    approval = "approval by the model owner" + (" and compliance" if plan.brief.regulated else "")
    return Stage(
        tool_method=f"{registry}: every model is a new version linked to its run and data snapshot",
        notes=(
            f"aliases/stages champion and challenger; promotion after the gate and {approval}; rollback = re-point the "
            "champion alias to the previous version (minutes, no retraining)"
        ),
    )


def _cadence_note(plan: Plan) -> str:
    if plan.unsupervised:
        return (
            f"Cadence: refit {plan.cadence} on the latest behaviour window; new segments are matched to the previous "
            "run's (Hungarian matching on centroid distance) so that segment ids and names stay stable for the teams "
            f"that use them; cadence is revisited if {plan.metric_short} on fresh data decays faster."
        )
    delay = math.ceil(plan.label_delay)
    return (
        f"Cadence: retrain {plan.cadence}; training uses only matured labels, so the training window ends ≥ "
        f"{days_text(delay)} before the training date (the label delay); cadence is revisited if {plan.metric_short} decays faster."
    )


def _compute_note(plan: Plan) -> str:
    brief = plan.brief
    if brief.gpu is False:
        return "Compute: CPU-only training and inference (GBDT/linear or small quantized networks); ONNX Runtime for inference."
    if plan.mode == "edge" and brief.edge_target in ("jetson", "edge_tpu"):
        # The device carries its own accelerator: inference runs there, not on a CPU.
        return f"Compute: training/fine-tuning on one rented GPU instance; inference on the device's accelerator ({plan.edge.runtime.split(';')[0]})."
    if brief.modality == "text" and brief.model_complexity != "deep-learning":
        return (
            "Compute: the baseline trains on CPU; fine-tuning the small transformer takes one GPU instance "
            "for a few hours (spot/preemptible); inference on CPU with an ONNX/int8 export where the latency budget allows."
        )
    if brief.model_complexity == "deep-learning":
        where = "the available GPU server" if brief.gpu else "one rented GPU instance on spot/preemptible pricing"
        return f"Compute: fine-tuning on {where}; inference optimised for CPU where the latency budget allows."
    model = "k-means/mixture fitting" if plan.unsupervised else "GBDT training"
    return f"Compute: CPU instances are enough for {model} at this scale; no accelerator needed."


def _regulated_note(plan: Plan) -> str:
    return (
        f"Regulated ({plan.brief.regulated}): every promotion records the model card, validation report, fairness "
        f"results and the approver ({plan.approver}) in the registry (audit trail)."
    )
