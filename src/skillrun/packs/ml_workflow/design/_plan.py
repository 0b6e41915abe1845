"""Decisions every section shares, taken once per brief: platform stack, metric, mode, cadence, slices.

The designers read these instead of deciding again, which keeps the report consistent (rubric XC-01..06):
the serving mode, the evaluation metric, the label delay and the platform are the same in every section.
When an earlier section is passed in ``inputs`` (perhaps written by an LLM), its choices win.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from .._learned import fold
from ..brief import Brief
from ..intake._numbers import Quantities, parse_quantities
from ..knowledge import Domain, Knowledge, Platform, ProblemType, knowledge
from ..sections import ModelServing, ProblemDefinition
from ..stats import short_count

_CLOUD_TO_PLATFORM = {"aws": "aws", "gcp": "gcp", "azure": "azure", "alibaba": "alibaba"}
_GROUPS = {
    "patient": "patient", "applicant": "applicant", "employee": "employee", "subscriber": "user", "user": "user",
    "customer": "customer", "account": "account", "asset": "asset", "turbine": "turbine", "device": "device",
    "trial user": "account", "transaction": "card/account", "order": "restaurant", "claim": "policyholder",
    "appointment": "patient", "patient discharge": "patient", "message": "sender", "ticket": "customer",
    "imaging study": "patient", "image tile": "spatial block/event", "audio frame window": "speaker",
    "part image": "production batch", "image frame": "camera/site", "query": "query", "document": "document source",
    "SKU-store": "store", "listing": "listing", "property": "postcode area", "impression": "user", "review": "product",
    "alert": "customer",
}  # fmt: skip
_CADENCE = {
    "recsys": "daily", "moderation": "weekly", "fraud": "weekly", "ctr_ads": "daily", "demand_forecast": "weekly",
    "search": "weekly", "pricing": "weekly", "eta": "weekly", "anomaly_ops": "weekly", "no_show": "monthly",
    "wake_word": "quarterly", "visual_inspection": "quarterly", "medical_imaging": "quarterly", "credit": "quarterly",
    "remote_sensing": "quarterly", "insurance_severity": "quarterly", "attrition": "quarterly",
}  # fmt: skip
_CADENCE_DAYS = {"daily": 1, "weekly": 7, "monthly": 30, "quarterly": 91}
# A schedule the request states ("scored weekly", "retrained monthly", "cada semana", "每周"): the period word
# belongs to the nearest retraining or scoring word in its clause. Folded text (lower case, no accents).
_PERIODS = {
    "daily": r"daily|every (?:day|night|morning)|each (?:day|night)|nightly|diari[oa]\w*|cada (?:dia|noche)|taglich\w*|"
    r"jeden tag|jede nacht|quotidien\w*|chaque (?:jour|nuit)|tous les jours|每天|每日|每晚",
    "weekly": r"weekly|every week|each week|once a week|semanal\w*|cada semana|wochentlich\w*|jede woche|"
    r"hebdomadaire\w*|chaque semaine|toutes les semaines|每周",
    "monthly": r"monthly|every month|each month|once a month|mensual\w*|cada mes|monatlich\w*|jeden monat|"
    r"mensuel\w*|chaque mois|tous les mois|每月",
    "quarterly": r"quarterly|every quarter|each quarter|trimestral\w*|quartalsweise|trimestriel\w*|每季度",
}
_RETRAIN_WORDS = re.compile(r"retrain\w*|re-train\w*|reentren\w*|neu trainiert|nachtrainiert|reentrain\w*|重新训练|重训")
_SCORE_WORDS = re.compile(
    r"scor\w*|batch\w*|\bjob\b|\bruns?\b|refresh\w*|recomput\w*|predict\w*|forecast\w*|predec\w*|pronostic\w*|"
    r"vorhers\w*|prognos\w*|bewert\w*|predi\w*|prevo\w*|calcul\w*|预测|评分|计算"
)

_COUNTED = re.compile(r"\d[\d.,]*\s*(?:k|m|bn|thousand|million|mil|millones|mio\.?)?\s+[a-z]+\s+$")


def stated_schedules(request: str) -> dict[str, str]:
    """{"retrain": period, "score": period} for the schedules the request states, e.g. "scored weekly"."""
    folded = fold(request)
    found: dict[str, str] = {}
    for clause in re.split(r"[,;.!?，；。]", folded):
        for period, pattern in _PERIODS.items():
            for m in re.finditer(pattern, clause):
                if _COUNTED.search(clause[: m.start()]):
                    continue  # "40k orders weekly" is a volume, not a schedule
                distance = {
                    kind: min((abs(w.start() - m.start()) for w in words.finditer(clause)), default=None)
                    for kind, words in (("retrain", _RETRAIN_WORDS), ("score", _SCORE_WORDS))
                }
                near = [(d, kind) for kind, d in distance.items() if d is not None]
                if near:
                    found.setdefault(min(near)[1], period)
    return found

# Entities that are people: an A/B test counts them, not their requests, and their rows slice by new vs returning
# and tenure rather than by what a row is.
PEOPLE = frozenset({
    "user", "customer", "account", "card/account", "subscriber", "member", "applicant", "patient", "player", "viewer",
    "listener", "driver", "rider", "seller", "buyer", "shopper", "visitor", "reader", "student", "employee",
    "trial user", "candidate", "guest", "merchant",
})  # fmt: skip

# Who signs a regulated model off, and who reviews a randomised test of it, differs by domain; a single
# "model-risk/clinical/HR owner" names nobody a reviewer could hold to account (rubric: named approver).
APPROVERS = {
    "credit": "the model-risk management (MRM) validator and the credit-risk owner",
    "insurance": "the responsible actuary and the compliance officer",
    "health": "the clinical safety officer and the clinical lead of the using service",
    "hiring": "the HR/talent-acquisition lead and employment-law counsel (works council where one exists)",
}
# What a model's output is, which decides the checks that make sense on it: ECE and "scores in [0, 1]"
# only mean something for class probabilities, not for a price, a forecast, a ranking score or a box.
OUTPUT_KIND = {
    "regression": "numeric", "forecasting": "numeric", "uplift_modeling": "effect", "ranking": "ranked",
    "recommendation": "ranked", "object_detection": "spatial", "image_segmentation": "spatial", "clustering": "segments",
    "anomaly_detection": "anomaly", "sequence_labeling": "spans",
}  # fmt: skip
# How one prediction is explained, by input: SHAP attributions need meaningful features, which pixels,
# tokens and audio samples are not; those get saliency or attribution over the input itself.
EXPLANATIONS = {
    "tabular": "explanations/reason codes (SHAP) per decision",
    "time-series": "explanations per forecast (SHAP on the lag, calendar and driver features)",
    "image": "visual explanations per decision (Grad-CAM / integrated-gradients saliency over the image, shown with "
    "each finding for the reviewer)",
    "text": "highlighted evidence spans that explain each decision (token saliency by integrated gradients, or the "
    "linear baseline's weighted n-grams)",
    "audio": "explanations per decision as the time segments and frequency bands that drove it (saliency over the "
    "log-mel spectrogram)",
    "mixed": "explanations per decision: SHAP for the structured fields, saliency and token attributions for the "
    "photos and text",
}
EXPERIMENT_REVIEW = {
    "credit": "model-risk and compliance review",
    "insurance": "actuarial and compliance review (fair treatment of customers)",
    "health": "IRB/ethics committee approval",
    "hiring": "legal and works-council review",
}


@dataclass(frozen=True)
class Plan:
    brief: Brief
    kb: Knowledge
    domain: Domain
    ptype: ProblemType
    stack: Platform
    platform: str
    simple: bool
    mode: str
    metric: str
    metric_short: str
    cadence: str
    group: str
    label_delay: float
    scoring: str = "daily"
    """How often a batch scores: as the request states it, else nightly (daily)."""

    @cached_property
    def folded(self) -> str:
        """The request folded for matching (lower case, no accents), once for every designer that reads it."""
        return fold(self.brief.request)

    @cached_property
    def quantities(self) -> Quantities:
        """The request's figures as the intake's number parser reads them (list sizes, stated rates)."""
        return parse_quantities(self.folded)

    @property
    def cadence_days(self) -> int:
        return _CADENCE_DAYS[self.cadence]

    @property
    def freshness_hours(self) -> int:
        """Oldest acceptable input or output age for a batch: one scoring period plus 2 h of slack (26 h for a
        nightly job, 170 h for a weekly one); a fixed 24 h would block every weekly run."""
        return _CADENCE_DAYS[self.scoring] * 24 + 2

    @property
    def holdout(self) -> str:
        """The final test split, named as the problem and the training sections both call it."""
        return "out-of-time holdout" if self.brief.temporal else "held-out test set"

    @property
    def unsupervised(self) -> bool:
        """Segments with no target (clustering): nothing is labelled, so nothing "matures"."""
        return self.brief.problem_type == "clustering"

    @property
    def managed(self) -> bool:
        return self.platform != "oss"

    @property
    def air_gapped(self) -> bool:
        return self.brief.cloud == "air-gapped"

    @property
    def output_kind(self) -> str:
        """"probability" for class scores; otherwise what the prediction is (see ``OUTPUT_KIND``)."""
        return OUTPUT_KIND.get(self.brief.problem_type, "probability")

    @property
    def edge(self):  # type: ignore[no-untyped-def] - the knowledge's EdgeTarget
        """The device class an edge model runs on. A brief from an LLM may name a class the knowledge does not
        have; a CPU gateway is the safe reading, as it is when the request names none."""
        targets = self.kb.edge_targets
        return targets.get(self.brief.edge_target or "gateway") or targets["gateway"]

    @property
    def approver(self) -> str:
        """The named sign-off for this domain; unregulated models are approved by their owner."""
        return APPROVERS.get(self.brief.regulated or "", "the model owner")

    def tool(self, purpose: str) -> str:
        """The platform's tool for ``purpose``, the lighter one for small or first-model teams."""
        simple = getattr(self.stack, f"{purpose}_simple", None)
        return simple if self.simple and simple else getattr(self.stack, purpose)


def plan_for(brief: Brief, inputs: dict[str, BaseModel] | None = None) -> Plan:
    kb = knowledge()
    named = kb.domain_by_id.get(brief.domain)
    raw = None if named else kb.generic[brief.problem_type]
    domain = named or raw.for_entity(brief.entity)  # type: ignore[union-attr]
    domain, brief = _specialise(domain, brief, raw)
    ptype = kb.problem_types[brief.problem_type]
    if domain.metric:
        ptype = ptype.model_copy(update=domain.metric)
    platform = _CLOUD_TO_PLATFORM.get(brief.cloud, "oss")
    simple = brief.maturity == "first-model" or (brief.team_size is not None and brief.team_size <= 3)
    metric, short = _metric(brief, ptype)
    mode = brief.serving_mode
    for value in (inputs or {}).values():
        if isinstance(value, ProblemDefinition) and value.evaluation_metric.strip():
            metric = value.evaluation_metric
        if isinstance(value, ModelServing):
            mode = value.serving_mode
    cadence = _CADENCE.get(domain.id) or domain.cadence or "monthly"
    if brief.maturity == "first-model" and cadence == "daily":
        cadence = "weekly"
    schedules = stated_schedules(brief.request)  # read once: the scoring period is asked for in several sections
    cadence = schedules.get("retrain", cadence)
    group = _GROUPS.get(brief.entity, brief.entity)
    delay = brief.label_delay_days if brief.label_delay_days is not None else domain.label_delay_days
    return Plan(
        brief, kb, domain, ptype, kb.platforms[platform], platform, simple, mode, metric, short, cadence, group, delay,
        schedules.get("score", "daily"),
    )  # fmt: skip


def _specialise(domain: Domain, brief: Brief, raw: Domain | None = None) -> tuple[Domain, Brief]:
    """The profile's variant for this request, if one fits; the brief's target, decision and label delay
    follow it where the brief took the profile's own (wording the request or an LLM wrote itself is kept).
    ``raw`` is a generic profile before its placeholders were filled: the variant is filled the same way."""
    # The brief's own reading (a target "per SKU-store-week") can select a variant as well as the request.
    folded = fold(brief.request) + "\n" + fold(brief.target)
    for variant in (raw or domain).variants:
        if not any(re.search(pattern, folded) for pattern in variant.when):
            continue
        update: dict[str, object] = {}
        if raw is not None:
            # The request's own words for the quantity ("the time users will listen ...") fill {what} again.
            what = brief.target.split(" for each ")[0] if raw.target.startswith("{what} for each ") else None
            merged = Domain.model_validate({**raw.model_dump(), **variant.override, "variants": []})
            special = merged.for_entity(brief.entity, what=what, period=domain.period)
            if what is not None:
                update["target"] = special.target
            elif "target" in variant.override and (
                brief.target == domain.target or (raw.what and raw.what in brief.target)
            ):
                # The brief kept the profile's placeholder outcome: the variant names it.
                update["target"] = special.target.replace("{horizon}", brief.horizon or "30 days")
        else:
            special = Domain.model_validate({**domain.model_dump(), **variant.override, "variants": []})
            prefix = domain.target.split("{")[0]
            if "target" in variant.override and prefix and brief.target.startswith(prefix):
                # The horizon the intake filled in ("30 days") is kept; only the profile's wording changes.
                words = brief.target[len(prefix):].split(" ")
                horizon = " ".join(words[:2]) if "{" in domain.target else (brief.horizon or "")
                update["target"] = special.target.replace("{entity}", brief.entity).replace("{horizon}", horizon)
        if brief.decision == domain.decision:
            update["decision"] = special.decision
        if "name" in variant.override and _profile_title(brief, domain):
            update["project_name"] = _title(special.name, brief.entity)
        if "label_delay_days" in variant.override and brief.label_delay_days == domain.label_delay_days:
            update["label_delay_days"] = special.label_delay_days  # the profile's delay, not a stated one
        return special, brief.model_copy(update=update)
    return domain, brief


# The titles the intake gives when nothing narrower is known: the profile's own name or a problem type's
# label ("Binary classifier for flights"). A variant's name is narrower ("Flight booking no-show and
# cancellation prediction"); a title the request's own words made ("Churn model: ...") is kept.
_GENERIC_TITLES = re.compile(
    r"^(?:Binary|Multiclass|Multilabel|Text|Image|Audio) classifier\b|^(?:Regression|Ranking|Forecasting|Uplift) model\b|"
    r"^(?:Recommender|Anomaly detection|Sequence labeling|Object detection|Image segmentation|Segmentation)\b"
)


def _title(name: str, entity: str) -> str:
    filled = name.replace("{Entity}", entity[:1].upper() + entity[1:]).replace("{entity}", entity)
    # "{Entity} booking ..." for an entity that is itself the booking must not say it twice.
    return re.sub(r"\b(\w+) \1\b", r"\1", filled, flags=re.IGNORECASE)


def _profile_title(brief: Brief, domain: Domain) -> bool:
    return brief.project_name == _title(domain.name, brief.entity) or bool(_GENERIC_TITLES.match(brief.project_name))


def _metric(brief: Brief, ptype: ProblemType) -> tuple[str, str]:
    if brief.imbalanced and ptype.imbalanced_metric:
        return ptype.imbalanced_metric, ptype.imbalanced_short or ptype.short
    if brief.imbalanced is None and brief.problem_type == "binary_classification" and ptype.imbalanced_metric:
        # Prevalence unknown: PR-AUC stays informative if positives turn out rare; ROC-AUC rides along.
        return ptype.imbalanced_metric + "; ROC-AUC reported alongside until the base rate is measured", ptype.imbalanced_short or ptype.short
    if brief.imbalanced is False and ptype.balanced_metric:
        return ptype.balanced_metric, ptype.balanced_metric.split(" ")[0]
    return ptype.metric, ptype.short


def days_text(days: float) -> str:
    """A span in words: hours below a day, otherwise whole days rounded up ("1 day", "30 days")."""
    if days <= 0:
        return "0 days"
    if days < 1:
        hours = max(1, round(days * 24))
        return "1 hour" if hours == 1 else f"{hours} hours"
    whole = math.ceil(days)
    return "1 day" if whole == 1 else f"{whole:,} days"


def count(value: float | None) -> str:
    if value is None:
        return "n/a (not stated)"
    return short_count(value)


def source_for(plan: Plan, kind: str) -> str:
    """The request's own source for a data kind when it named one, else a generic description."""
    named = _named_sources(plan)
    if kind in named:
        return named[kind]
    if kind in ("events", "billing", "crm", "transactions", "db", "hr", "maintenance") and "db" in named:
        return named["db"]
    if "warehouse" in named and kind not in ("image", "audio", "external", "calendar"):
        return named["warehouse"]
    if kind == "sensor":
        # Sensor words in the request would have named the "Sensor telemetry" source; without them the
        # signals are the request's own timestamped records (order books, flows), not a sensor feed.
        return named.get("stream") or ("event stream" if plan.mode == "streaming" else "timestamped event records")
    return _GENERIC_SOURCES.get(kind, kind)


def _named_sources(plan: Plan) -> dict[str, str]:
    out: dict[str, str] = {}
    for src in plan.kb.sources:
        if src.name in plan.brief.data_sources:
            out.setdefault(src.kind, src.name)
    return out


_GENERIC_SOURCES: dict[str, Any] = {
    "events": "product event logs", "billing": "billing system", "crm": "CRM", "transactions": "transaction log",
    "db": "application database", "text": "text records", "ehr": "EHR",
    "maintenance": "maintenance logs", "calendar": "calendar table (derived)", "external": "external data feed",
    "erp": "ERP / promotion plan", "catalog": "item catalogue", "image": "image store", "audio": "audio recordings",
    "logs": "system logs", "hr": "HRIS", "geo": "geodata",
}  # fmt: skip
