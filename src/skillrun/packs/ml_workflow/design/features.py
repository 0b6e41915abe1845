"""Feature Engineering: domain feature table with honest leakage ratings, and the feature-store call (§3)."""

from __future__ import annotations

from ..sections import FeatureEngineering, FeatureRow
from ._plan import Plan, source_for

_PROTECTED = {
    "health": "race, ethnicity, sex, age band, payer",
    "credit": "race, ethnicity, religion, sex, marital status, age",
    "insurance": "race, ethnicity, religion, sex (where prohibited)",
    "hiring": "age, gender, ethnicity, religion, disability, photo, name",
}
_UNSTRUCTURED = ("image", "audio", "text")


def design_features(plan: Plan) -> FeatureEngineering:
    rows = [_row(plan, f) for f in plan.domain.features]
    brief = plan.brief
    if brief.regulated and not any("protected" in r.leakage_note.lower() or "EXCLUDED from inputs" in r.transformation for r in rows):
        rows.append(
            FeatureRow(
                feature="protected_attributes",
                source=source_for(plan, "hr" if brief.regulated == "hiring" else "db"),
                transformation=f"EXCLUDED from inputs ({_PROTECTED[brief.regulated]}); kept apart for fairness testing only",
                type="categorical",
                leakage_risk="High",
                leakage_note="protected attributes and close proxies (postcode, first name) excluded from the model",
            )
        )
    use_store, detail = _feature_store(plan)
    return FeatureEngineering(features=rows, feature_store=use_store, feature_store_detail=detail, notes=_notes(plan))


def _row(plan: Plan, template) -> FeatureRow:  # type: ignore[no-untyped-def]
    note = template.note
    if template.risk in ("Med", "High") and not note:
        note = "computed as of the prediction time (point-in-time join)"
    return FeatureRow(
        feature=template.feature,
        source=source_for(plan, template.kind),
        transformation=template.transformation,
        type=template.type,
        leakage_risk=template.risk,
        leakage_note=note if template.risk != "Low" else "",
    )


def _feature_store(plan: Plan) -> tuple[bool, str]:
    brief = plan.brief
    online = plan.mode in ("real-time", "streaming", "hybrid")
    if plan.simple or brief.maturity == "first-model":
        return False, (
            f"a first model by a team of {brief.team_size}: one model, no reuse across teams yet, and the operational "
            "cost of a store outweighs its value; point-in-time-correct training sets come from as-of SQL joins in "
            "one shared feature module. Revisit when a second model reuses these features or online features appear."
        )
    if brief.modality in _UNSTRUCTURED:
        return False, (
            f"inputs are mainly unstructured ({brief.modality}); embeddings are computed inside the model pipeline, "
            "so a feature store would add little (no shared, timestamped tabular features to serve)"
        )
    if online and brief.temporal and (brief.maturity == "platform" or plan.mode != "hybrid"):
        tool = plan.stack.feature_store
        text = (
            f"{tool}: online low-latency serving of behavioural features at request time, streaming freshness, "
            "point-in-time-correct training sets from timestamped data, and one definition for training and serving "
            "removes training-serving skew; features are reusable by other models."
        )
        if brief.latency.p99_ms is not None and brief.latency.p99_ms <= 20:
            text += (
                f" The {brief.latency.p99_ms:g} ms p99 leaves only a few ms for feature retrieval, so the hottest "
                f"counters live in an in-memory {plan.stack.online_store} cache next to the model."
            )
        return True, text
    return False, (
        f"{plan.mode} scoring of one model: features are computed in the scoring job from the warehouse with "
        "as-of joins, no online retrieval is needed and the team is small relative to the cost of running a store; "
        f"reconsider ({plan.stack.feature_store}) when features are shared across models or served online."
    )


def _notes(plan: Plan) -> list[str]:
    brief = plan.brief
    notes = [
        "One transformation path: the same feature code (one versioned Python package / SQL view) builds training "
        "sets and serving inputs; served feature values are logged so training-serving skew can be measured.",
        f"Schema and data validation: expected types, ranges, null rates and allowed categories are captured in a "
        f"schema and checked on every run with {plan.stack.data_quality}.",
        "Pruning: permutation/SHAP importance and ablation on the validation split; features that add no lift or "
        "cost too much (latency, licensing) are dropped.",
        f"Leakage deny-list (never features): {plan.domain.leaky}.",
    ]
    if brief.temporal:
        notes.append(
            "Temporal features use explicit lags and rolling windows shifted so that only data available at the "
            "prediction time is used (as-of/point-in-time joins); calendar and holiday features are included."
        )
    if brief.modality in _UNSTRUCTURED:
        notes.append(_modality_note(brief.modality))
    if brief.regulated or brief.entity in ("patient", "employee", "applicant", "patient discharge", "user", "customer"):
        notes.append(
            "Protected and sensitive attributes are excluded from inputs (used only for fairness testing); proxies "
            "such as postcode or first name are reviewed; PII is minimised or hashed."
        )
    if plan.mode in ("real-time", "streaming") and brief.modality in ("tabular", "time-series") and plan.simple:
        notes.append(
            "Online freshness: request-time features are read directly from the application database at request "
            "time (fresh within seconds); aggregates older than 15 minutes fall back to the batch value. A stream "
            "processor comes later, when volume or freshness needs it."
        )
    elif plan.mode in ("real-time", "streaming") and brief.modality in ("tabular", "time-series"):
        notes.append(
            f"Online freshness: behavioural counters are updated within 5 s by the stream processor and read from "
            f"{plan.stack.online_store}; staleness above 60 s falls back to the batch value and is alerted."
        )
    return notes


def _modality_note(modality: str) -> str:
    return {
        "text": "Text representation: TF-IDF (word + character n-grams) with a linear model as the baseline, then "
        "subword tokenization and a fine-tuned transformer; vocabularies are fit on the training split only.",
        "image": "Image representation: pretrained backbone, fixed resize and normalisation with training statistics; "
        "augmentation (flips, brightness, crops) on the training split only.",
        "audio": "Audio representation: log-mel spectrogram / MFCC features with per-channel normalisation from the "
        "training split; noise and reverb augmentation on training only.",
    }[modality]
