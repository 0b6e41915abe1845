"""Feature Engineering: domain feature table with honest leakage ratings, and the feature-store call (§3)."""

from __future__ import annotations

import re

from ..brief import UNSTRUCTURED
from ..sections import FeatureEngineering, FeatureRow
from ._plan import Plan, source_for

_PROTECTED = {
    "health": "race, ethnicity, sex, age band, payer",
    "credit": "race, ethnicity, religion, sex, marital status, age",
    "insurance": "race, ethnicity, religion, sex (where prohibited)",
    "hiring": "age, gender, ethnicity, religion, disability, photo, name",
}
# The same attributes as words a request may list among its inputs ("from income, age and gender"). Age and
# sex are clinical risk factors, so health keeps them as inputs (rubric FE-07: "age where prohibited").
_PROTECTED_WORDS = {
    "health": r"race|ethnicity|ethnic origin|religion|nationality",
    "credit": r"race|ethnicity|religion|sex|gender|marital status|age|date of birth|nationality",
    "insurance": r"race|ethnicity|religion|gender|sex|nationality",
    "hiring": r"age|date of birth|gender|sex|race|ethnicity|religion|disability|nationality|marital status|photo",
}
_SAID = {"mixed": "photos and text"}
"""How a modality is named in prose (the brief's "mixed" is an item read from its photos and its text)."""


def design_features(plan: Plan) -> FeatureEngineering:
    rows = [_row(plan, f) for f in plan.domain.features]
    if plan.domain.generic:
        rows = _generic_rows(plan, rows)
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


def _generic_rows(plan: Plan, rows: list[FeatureRow]) -> list[FeatureRow]:
    """A generic profile's rows, then one per kind of source the request names, then its listed inputs."""
    kb, brief = plan.kb, plan.brief
    kinds = {f.kind for f in plan.domain.features}
    named = {src.kind for src in kb.sources if src.name in brief.data_sources}
    extra = [kb.generic_by_source[k] for k in sorted(named - kinds) if k in kb.generic_by_source]
    entity = brief.entity
    for template in extra:
        filled = template.model_copy(update={"transformation": template.transformation.replace("{entity}", entity)})
        rows.append(_row(plan, filled))
    if brief.language == "en":
        rows += _listed_rows(plan, {r.feature for r in rows})
    return rows


_LISTED = re.compile(
    r"\b(?:from|using|based on|out of|with data (?:on|from)|data on)\s+(?P<list>[^.;:!?()\n]{4,200})", re.IGNORECASE
)
_SPLIT = re.compile(r",|\band\b|\bplus\b|&|/", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|our|their|its|a|an|all|any|some|each|every|both|either|historical|past)\s+", re.IGNORECASE)
_PHRASE = re.compile(r"^[a-z][a-z-]*(?: [a-z][a-z-]*){0,3}$")
_NOT_INPUTS = frozenset(
    "scratch day one the start zero cloud internet now today data history records it them there here phone phones "
    "camera cameras app apps users customers model models team "
    # Photos and texts are the unstructured input itself (a representation note covers them), not a field.
    "photo photos image images picture pictures text texts description descriptions title titles caption captions".split()
)


def _listed_rows(plan: Plan, existing: set[str]) -> list[FeatureRow]:
    """Inputs the request names in a list ("from GPS loads, training logs and match minutes")."""
    spec = plan.kb.listed_inputs
    brief = plan.brief
    match = _LISTED.search(brief.request)
    if match is None:
        return []
    source_words = {w.lower() for src in plan.kb.sources for w in [src.name, *src.cues]}
    rows: list[FeatureRow] = []
    kept = 0
    for raw in _SPLIT.split(match.group("list")):
        phrase = raw.strip().lower()
        while _LEADING.match(phrase):
            phrase = _LEADING.sub("", phrase, count=1)
        protected = bool(brief.regulated and re.fullmatch(_PROTECTED_WORDS[brief.regulated], phrase))
        if not _PHRASE.match(phrase) or phrase in _NOT_INPUTS or phrase in source_words or (len(phrase) < 4 and not protected):
            continue
        name = re.sub(r"[^a-z0-9]+", "_", phrase).strip("_")
        if name in existing or phrase.split()[-1] in _NOT_INPUTS:
            continue
        if protected:
            # Named by the request, but a protected attribute of the person decided about (FE-07, AP-14).
            rows.append(_excluded(plan, name, phrase))
            existing.add(name)
            continue
        temporal = brief.temporal
        template = spec["temporal" if temporal else "static"]
        rows.append(
            FeatureRow(
                feature=f"{name}_7d_28d" if temporal else name,
                source=source_for(plan, "db"),
                transformation=template.replace("{input}", phrase).replace("{entity}", brief.entity),
                type="numeric",
                leakage_risk="Med" if temporal else "Low",
                leakage_note=spec["note"] if temporal else "",
            )
        )
        existing.add(name)
        kept += 1
        if kept >= int(spec["max"]):
            break
    return rows


def _excluded(plan: Plan, name: str, phrase: str) -> FeatureRow:
    return FeatureRow(
        feature=name,
        source=source_for(plan, "hr" if plan.brief.regulated == "hiring" else "db"),
        transformation=f"EXCLUDED: {phrase} is a protected attribute, not a model input; kept for fairness testing only",
        type="categorical",
        leakage_risk="High",
        leakage_note="named in the request; used only to test fairness across groups",
    )


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


# A budget under which the feature store's lookup is a visible share of the request time.
_TIGHT_MS = 100


def online_store(plan: Plan) -> str | None:
    """The feature store read at request time, by its tool's short name ("Feast"); ``None`` when features
    are not fetched online."""
    uses, _ = _feature_store(plan)
    return plan.stack.feature_store.split(" (")[0] if uses and plan.mode in ("real-time", "streaming", "hybrid") else None


def _feature_store(plan: Plan) -> tuple[bool, str]:
    brief = plan.brief
    online = plan.mode in ("real-time", "streaming", "hybrid")
    if plan.simple or brief.maturity == "first-model":
        return False, (
            f"a first model by a team of {brief.team_size}: one model, no reuse across teams yet, and the operational "
            "cost of a store outweighs its value; point-in-time-correct training sets come from as-of SQL joins in "
            "one shared feature module. Revisit when a second model reuses these features or online features appear."
        )
    if brief.modality in UNSTRUCTURED:
        return False, (
            f"inputs are mainly unstructured ({_SAID.get(brief.modality, brief.modality)}); embeddings are computed inside the model pipeline, "
            "so a feature store would add little (no shared, timestamped tabular features to serve)"
        )
    if online and brief.temporal and (brief.maturity == "platform" or plan.mode != "hybrid"):
        tool = plan.stack.feature_store
        text = (
            f"{tool}: online low-latency serving of behavioural features at request time, streaming freshness, "
            "point-in-time-correct training sets from timestamped data, and one definition for training and serving "
            "removes training-serving skew; features are reusable by other models."
        )
        p99 = brief.latency.p99_ms
        if p99 is not None and p99 <= 20:
            text += (
                f" The {p99:g} ms {brief.latency.tail} leaves only a few ms for feature retrieval, so the hottest "
                f"counters live in an in-memory {plan.stack.online_store} cache next to the model."
            )
        elif p99 is not None and p99 <= _TIGHT_MS:
            share = plan.kb.serving.get(plan.mode, {}).get("budget", {}).get("features", 0.3)
            text += (
                f" The online lookup is inside the {p99:g} ms {brief.latency.tail} budget: feature retrieval gets "
                f"{p99 * share:.0f} ms of it (Model Serving), so all of a request's features come in one batched "
                f"read from {plan.stack.online_store} in the same zone, and a lookup that runs over is a timeout "
                "that serves the fallback."
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
        _pruning(brief.modality),
        f"Leakage deny-list (never features): {plan.domain.leaky}.",
    ]
    if brief.temporal:
        notes.append(
            "Temporal features use explicit lags and rolling windows shifted so that only data available at the "
            "prediction time is used (as-of/point-in-time joins); calendar and holiday features are included."
        )
    if brief.modality in UNSTRUCTURED:
        notes.append(_modality_note(brief.modality, brief.problem_type))
    if brief.regulated or brief.entity in ("patient", "employee", "applicant", "patient discharge", "user", "customer"):
        notes.append(
            "Protected and sensitive attributes are excluded from inputs (used only for fairness testing); proxies "
            "such as postcode or first name are reviewed; PII is minimised or hashed."
        )
    freshness = _freshness(plan)
    if freshness:
        notes.append(freshness)
    return notes


def _pruning(modality: str) -> str:
    if modality in UNSTRUCTURED and modality != "mixed":
        # Pixels, tokens and samples are not features to rank one by one: input choices are ablated instead.
        return (
            "Pruning: ablation on the validation split of input choices (resolution/crop, sequence length, sample "
            "rate, context fields) and of the side metadata; choices that add no lift or cost too much (latency, "
            "model size) are dropped."
        )
    return (
        "Pruning: permutation/SHAP importance and ablation on the validation split; features that add no lift or "
        "cost too much (latency, licensing) are dropped."
    )


def _freshness(plan: Plan) -> str | None:
    """How fresh online features are and what happens when they are not (rubric MS-10)."""
    brief, stack = plan.brief, plan.stack
    if plan.mode in ("batch", "edge"):
        return None
    if plan.mode == "hybrid":
        if plan.simple:
            return (
                f"Online freshness: candidate lists are rebuilt {plan.cadence} by the scheduled job and a fresh-items "
                "list every 15 minutes; the online step only uses request-time context (session, page, time of day), "
                "so its features are seconds old. A stream processor comes later, when freshness needs it."
            )
        return (
            f"Online freshness: session and recent-activity features are updated within 5 s by the stream processor "
            f"({stack.stream_engine}) and read from {stack.online_store}; candidate sets are refreshed {plan.cadence}; "
            "features staler than 60 s fall back to their batch values and the staleness is alerted."
        )
    if brief.modality in UNSTRUCTURED:
        source = f"the stream processor ({stack.stream_engine})" if not plan.simple else "the application database"
        return (
            f"Online freshness: the {_SAID.get(brief.modality, brief.modality)} itself is scored as it arrives (nothing to go stale); context "
            f"features about its source (e.g. the sender's or author's recent history) are updated within 60 s by "
            f"{source} and read at request time; when they are staler than 5 minutes the model runs on the content alone."
        )
    if plan.simple:
        return (
            "Online freshness: request-time features are read directly from the application database at request "
            "time (fresh within seconds); aggregates older than 15 minutes fall back to the batch value. A stream "
            "processor comes later, when volume or freshness needs it."
        )
    return (
        f"Online freshness: behavioural counters are updated within 5 s by the stream processor and read from "
        f"{stack.online_store}; staleness above 60 s falls back to the batch value and is alerted."
    )


def _modality_note(modality: str, problem_type: str) -> str:
    if modality == "text" and problem_type == "sequence_labeling":
        # Spans are labelled token by token: a bag of n-grams has no positions to tag.
        return (
            "Text representation: tokens with word-shape, casing, context-window and gazetteer features for the CRF "
            "baseline, then subword tokenization and a fine-tuned small transformer (token classification, labels "
            "aligned to the first subword); vocabularies and gazetteers are fit on the training split only."
        )
    return {
        "text": "Text representation: TF-IDF (word + character n-grams) with a linear model as the baseline, then "
        "subword tokenization and a fine-tuned small transformer (DistilBERT/MiniLM-size); vocabularies are fit on "
        "the training split only.",
        "image": "Image representation: pretrained backbone, fixed resize and normalisation with training statistics; "
        "augmentation (flips, brightness, crops) on the training split only.",
        "audio": "Audio representation: log-mel spectrogram / MFCC features with per-channel normalisation from the "
        "training split; noise and reverb augmentation on training only.",
        "mixed": "Photo and text representation: embeddings from a pretrained image backbone and a pretrained text "
        "encoder, concatenated with the item's structured fields (late fusion) for the first model; a jointly "
        "fine-tuned image-text model only if it beats that; image statistics and vocabularies from the training split only.",
    }[modality]
