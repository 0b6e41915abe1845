"""Experiment Tracking: tracker fitted to the platform and team, what is logged, how runs are organised (§4)."""

from __future__ import annotations

import re

from .._learned import fold
from ..sections import ChoiceWithRationale, ExperimentTracking
from ._plan import PEOPLE, Plan

_SLICES = {
    "health": "hospital/site, scanner or unit, age band, sex, race/ethnicity, payer",
    "credit": "product, channel, region, and protected groups (for fairness testing only)",
    "insurance": "line of business, region, claim size band, and protected groups (testing only)",
    "hiring": "department, location, and protected groups (gender, age band, ethnicity; testing only)",
}
_MODALITY_SLICES = {
    "text": "language, channel, message length band",
    "image": "site, device/scanner, lighting or capture condition",
    "audio": "speaker accent/gender, noise level, device model",
    "mixed": "category, language, photo count and source device, text length band",
    "time-series": "region, category, high vs low volume series",
    "tabular": "region, device/channel, new vs returning, tenure band",
}
# Rows that are not people (a listing, an order, a server window, a query) have no "new vs returning" or
# "tenure": their slices come from what the row is, by problem type first, then by entity.
_TYPE_SLICES = {
    "anomaly_detection": "service or asset type, signal family, time of day / weekday, deploy or maintenance windows",
    "ranking": "query frequency (head/torso/tail), query category, locale, device",
    "recommendation": "new vs returning users, head vs long-tail items, platform/surface",
    "sequence_labeling": "document type/template, source (scanned vs digital), language, length band",
    "forecasting": "region, category, high vs low volume series",
}
_ENTITY_SLICES = {
    "listing": "region, listing category, price band, listing age",
    "property": "region, property type, price band",
    "order": "city/zone, hour of day, order size band, distance band",
    "booking": "market (route or property), booking channel, lead-time band, party size",
    "transaction": "merchant category, channel (card-present vs online), amount band, account age",
    "review": "language, product category, review length band",
    "article": "source, section/topic, language, length band",
    "document": "document type/template, source (scanned vs digital), language, length band",
}
_GENERIC_ROW_SLICES = "region, category, size/volume band, time period"


_SPEECH = re.compile(
    r"speech|speak|spoken|voice|voz|stimme|\bvoix|keyword|wake|hotword|transcri|dictat|call(s|er)?\b|llamada|anruf|appel|"
    r"utterance|accent|language|idioma|sprache|langue|语音|说话"
)


def _slices(plan: Plan) -> str:
    brief = plan.brief
    if brief.regulated in _SLICES:
        return _SLICES[brief.regulated]
    if brief.problem_type in _TYPE_SLICES:
        return _TYPE_SLICES[brief.problem_type]
    if brief.entity in _ENTITY_SLICES:
        return _ENTITY_SLICES[brief.entity]
    if brief.modality == "audio" and not _SPEECH.search(fold(brief.request)) and plan.domain.id != "wake_word":
        # Machine sounds and bird calls have no speaker: their slices are where and how they were recorded.
        return "sound class, site/microphone position, background-noise level, recording device model"
    if brief.modality != "tabular":
        return _MODALITY_SLICES.get(brief.modality, _GENERIC_ROW_SLICES)
    return _MODALITY_SLICES["tabular"] if brief.entity in PEOPLE else _GENERIC_ROW_SLICES


def design_tracking(plan: Plan) -> ExperimentTracking:
    brief = plan.brief
    tracker = plan.tool("tracker")
    if plan.air_gapped:
        why = "air-gapped: self-hosted inside the network, no SaaS calls; images and packages come from internal mirrors"
    elif brief.cloud == "on-prem":
        why = "on-prem: self-hosted open-source tracker next to the data, no managed cloud or SaaS dependency"
    elif plan.managed and plan.simple:
        why = f"lightweight on {plan.stack.label} for a team of {brief.team_size}; MLflow APIs keep the code portable"
    elif plan.managed:
        why = f"native to {plan.stack.label}: IAM, storage and the model registry are already there; MLflow-compatible APIs"
    else:
        why = "open-source and self-hostable: no vendor lock-in, free, one container to start with"
    if brief.budget == "tight":
        why += "; no per-seat licence cost"
    slices = _slices(plan)
    tracked = (
        f"code version (git SHA), data version/snapshot id ({plan.stack.data_versioning}), hyperparameters, "
        f"metrics on train/validation and the {plan.holdout} including the baseline ({plan.metric_short} and the business "
        f"proxy), per-slice metrics ({slices}), model artifact with signature, environment (Docker image digest + "
        "lockfile), random seed, feature list and schema version"
    )
    project = _slug(brief.project_name)
    organisation = (
        f"project '{project}' -> experiment per question (e.g. '{project}-baseline', '{project}-gbdt-features-v2') -> "
        f"runs named model-snapshot-date (e.g. 'lgbm-snap2024w23-0612', never 'run_42'); tags: owner, dataset version, problem type, git branch; every "
        "registry model version links back to its run id (lineage)"
    )
    return ExperimentTracking(
        tool=ChoiceWithRationale(choice=tracker, rationale=why),
        whats_tracked=ChoiceWithRationale(
            choice=tracked, rationale="enough to reproduce any run and to audit which data and code made a model"
        ),
        organization=ChoiceWithRationale(
            choice=organisation,
            rationale="comparison via the tracker's run table and an automated report (candidate vs champion vs "
            "baseline, per slice) attached to each pull request",
        ),
        notes=[
            f"Data versioning: {plan.stack.data_versioning}; the snapshot id is logged with every run.",
            f"Slice metrics logged per segment: {slices}.",
        ],
    )


def _slug(name: str) -> str:
    """A lower-case, hyphenated id of at most 40 characters, cut at a word boundary (never "telemet")."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(slug) > 40:
        cut = slug[:41]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:40]
    return slug.strip("-") or "ml-model"
