"""Problem Definition: framing, operational target, metrics, baseline and the bar to ship (rubric §2)."""

from __future__ import annotations

import re

from .._learned import fold
from ..brief import Brief
from ..sections import ProblemDefinition
from ..stats import plain_number
from ._plan import EXPLANATIONS, Plan, days_text


def share(rate: float) -> str:
    """A base rate as people write it: 8%, 2.5%, 0.05%."""
    return f"{plain_number(rate * 100)}%"

_FEW_POSITIVES = 200


def design_problem(plan: Plan) -> ProblemDefinition:
    brief, domain = plan.brief, plan.domain
    notes = [f"Decision and consumer: {brief.decision}."]
    notes.append(_justification(plan))
    if brief.imbalanced and brief.base_rate is not None and brief.problem_type == "anomaly_detection":
        # Unlabelled by nature: there is no loss over classes to weight, and no labels to calibrate against.
        notes.append(
            f"Rarity: anomalies are ~{share(brief.base_rate)} of windows and mostly unlabelled, so no class weights or "
            "resampling: the detector learns normal behaviour, the alert threshold is set by the review capacity "
            "(alerts per day the on-call team can triage), and the few labelled incidents are used only to check "
            "recall at that threshold."
        )
    elif brief.imbalanced and brief.base_rate is not None:
        notes.append(
            f"Imbalance: base rate ~{share(brief.base_rate)}. Handling: class weights in the loss (no resampling), "
            "the operating threshold chosen on the validation split by capacity/cost, and isotonic calibration "
            "fit on validation so scores read as probabilities."
        )
    elif brief.imbalanced is None and brief.problem_type == "binary_classification":
        notes.append(
            "Base rate: not stated, so it is measured first (share of positives per month). If positives are under "
            "~10%, the loss uses class weights (no resampling), the threshold is chosen on the validation split by "
            "capacity/cost, and scores are calibrated (isotonic, fit on validation)."
        )
    if brief.regulated:
        notes.append(_regulated_note(brief))
    notes.append(f"Feedback loop: {domain.feedback_loop.replace('{entity}', brief.entity)}.")
    return ProblemDefinition(
        problem_type=brief.problem_type,
        problem_type_detail=_framing(plan),
        target_variable=f"{brief.target}. Label source: {domain.label_source}; {_label_timing(plan)}.",
        business_metric=(
            f"{domain.business_metric}. Link to the model: the prediction drives '{brief.decision.split(';')[0]}', so "
            f"a better {plan.metric_short} offline should move this metric online (checked in the A/B test)"
        ),
        evaluation_metric=_evaluation(plan),
        baseline_performance=_baseline(plan),
        success_threshold=_threshold(plan),
        notes=notes,
    )


def _framing(plan: Plan) -> str:
    brief = plan.brief
    target = brief.target.split(";")[0].split(". ")[0]
    parts = [f"assign the {target}" if plan.unsupervised else f"predict {target}"]
    if brief.base_rate is not None:
        balance = "imbalanced" if brief.imbalanced else "roughly balanced"
        parts.append(f"{balance}, positives ~{share(brief.base_rate)}")
    elif brief.imbalanced:
        parts.append("imbalanced classes (long-tailed frequencies)")
    parts.append("temporal data (time-based validation)" if brief.temporal else "no time dependence in the label")
    return "; ".join(parts)


def _evaluation(plan: Plan) -> str:
    brief = plan.brief
    text = plan.metric
    if brief.decision and "stated capacity" in brief.decision:
        capacity = brief.decision.split("stated capacity: ")[-1].rstrip(")")
        text += f"; precision@k at the stated capacity ({capacity}) is the operating metric"
    if brief.problem_type == "forecasting":
        text += f", measured at the {brief.horizon} horizon"
    return text


def _baseline(plan: Plan) -> str:
    brief, short = plan.brief, plan.metric_short
    named = brief.existing_baseline
    baseline = f"existing system ({named})" if named else plan.domain.baseline
    if plan.domain.problem_type != brief.problem_type and not named:
        baseline = plan.ptype.baseline
    if brief.base_rate is not None and short == "PR-AUC":
        number = (
            f"zero-rule PR-AUC = base rate ≈ {plain_number(brief.base_rate)}; the heuristic typically reaches "
            f"{plain_number(min(0.9, brief.base_rate * 2.5))}"
        )
    elif short == "ROC-AUC":
        number = "random ROC-AUC = 0.50; the heuristic typically reaches 0.60-0.70"
    else:
        number = f"its {short} is computed on the same {plan.holdout} before any model work"
    also = "" if plan.domain.generic or _restates(baseline, plan.ptype.baseline) else f"; also {plan.ptype.baseline}"
    return f"Baseline: {baseline}{also}. Expected: {number} (measured in week 1 on the holdout)."


_WORD = re.compile(r"[a-z0-9]{3,}")


def _restates(baseline: str, generic: str) -> bool:
    """True when the problem type's baseline says again what the profile's already names ("static thresholds /
    3-sigma rules" after "static thresholds and 3-sigma rules on key metrics")."""
    said = set(_WORD.findall(baseline.lower()))
    words = set(_WORD.findall(generic.lower())) - {"the", "and", "per", "one", "rule", "rules"}
    return bool(words) and len(words & said) / len(words) >= 0.5


def _threshold(plan: Plan) -> str:
    brief, short, gain = plan.brief, plan.metric_short, plan.ptype.gain
    direction = "higher" if plan.ptype.higher_is_better else "lower"
    bar = f"{short} ≥ {gain:.0%} {direction} (relative) than the baseline on the {plan.holdout}"
    if short == "PR-AUC" and brief.base_rate is not None:
        floor = min(0.9, max(brief.base_rate * 4, brief.base_rate + 0.10))
        bar += f" and PR-AUC ≥ {floor:.2f} absolute"
    elif short == "ROC-AUC":
        bar += " and ROC-AUC ≥ 0.75 absolute"
    ab = plan.domain.ab
    business = f"online: {ab.metric} improves by ≥ {abs(ab.mde):.0%} relative vs control"
    return f"{bar}; no important slice worse than the baseline; {business}"


def _label_timing(plan: Plan) -> str:
    delay = days_text(plan.label_delay)
    if plan.unsupervised:
        return f"the outcome of the actions taken per segment is known about {delay} after assignment"
    return f"labels arrive about {delay} after the prediction point (label delay)"


def _justification(plan: Plan) -> str:
    brief = plan.brief
    if plan.unsupervised:
        return (
            "ML vs heuristic: rule segments (RFM quintiles) cut one signal at a time; clustering groups entities on "
            "many behaviours at once. The rule segments stay as the baseline, and the clusters replace them only if "
            "they are more stable and tailored actions on them convert better."
        )
    if brief.maturity == "first-model" or (brief.base_rate is not None and brief.base_rate < 0.01):
        text = (
            "ML vs heuristic: ship the heuristic baseline first (days, not weeks) and move to ML only if the "
            "model clears the bar"
        )
        if brief.base_rate is not None:
            text += (
                f"; with fewer than ~{_FEW_POSITIVES} positive examples prefer rules or an anomaly/health-score "
                "approach"
            )
        return text + "."
    return "ML vs heuristic: " + _WHY_ML.get(brief.modality, _WHY_ML["tabular"])


# Why rules fall short depends on the input: "many weak signals interact" is a table's argument, not a picture's.
_WHY_ML = {
    "tabular": "many weak signals interact (non-linear, changing over time), which hand-written rules cannot track; "
    "the baseline stays as the fallback and the yardstick.",
    "time-series": "demand moves with seasonality, promotions, holidays and trends at once across many series, "
    "which per-series rules cannot follow; the seasonal-naive baseline stays as the fallback and the yardstick.",
    "image": "the visual patterns (shape, texture, context) vary with lighting, angle and device, which hand-written "
    "pixel rules cannot describe; a pretrained network learns them from labelled examples, and the baseline stays "
    "as the fallback and the yardstick.",
    "audio": "the sounds to recognise vary with background noise, distance and recording device, which energy or "
    "band-pass rules cannot separate; a network on log-mel features learns them, and the baseline stays as the "
    "fallback and the yardstick.",
    "text": "the same meaning is worded in many ways (synonyms, typos, languages), which keyword rules miss; a learned "
    "text model generalises from labelled examples, and the rules stay as the fallback and the yardstick.",
    "mixed": "the signal is spread over photos, text and fields together, which rules on any one of them miss; the "
    "baseline stays as the fallback and the yardstick.",
}


# The rules a regulated model answers to depend on where it decides: US fair-lending notices mean nothing to
# a BaFin-supervised bank, and the EU AI Act's high-risk list (credit scoring, life and health insurance
# pricing, recruitment) nothing to a US lender. Unknown jurisdiction: both are named as examples.
_LAWS = {
    "credit": {
        "eu": "GDPR Art. 22 (automated decisions: meaningful explanation and human review), the Consumer Credit "
        "Directive's creditworthiness assessment, EBA loan-origination guidelines, and the EU AI Act (credit scoring "
        "of people is high-risk)",
        "uk": "FCA Consumer Duty and creditworthiness rules (CONC), UK GDPR on automated decisions",
        "us": "fair-lending rules (ECOA/Reg B adverse-action notices, FCRA) and disparate-impact testing",
        "any": "fair-lending and data-protection rules where it decides (e.g. ECOA/Reg B adverse-action notices in the "
        "US; GDPR Art. 22 and the EU AI Act's high-risk duties in the EU)",
    },
    "health": {
        "eu": "GDPR special-category health data (Art. 9), the EU MDR when the score informs clinical decisions "
        "(software as a medical device), and the EU AI Act",
        "uk": "UK GDPR health data, NHS DSPT and DCB0129/DCB0160 clinical-safety standards",
        "us": "HIPAA (PHI, minimum necessary) and FDA guidance on clinical decision support software",
        "any": "health-data rules where it runs (HIPAA in the US, GDPR Art. 9 in the EU) and medical-device rules if "
        "it informs clinical decisions",
    },
    "insurance": {
        "eu": "IDD/Solvency II fair treatment of customers, GDPR, and the EU AI Act (life and health insurance "
        "pricing is high-risk)",
        "uk": "FCA Consumer Duty and pricing-practices rules, UK GDPR",
        "us": "state insurance regulation (rate filings, unfair-discrimination statutes) and the NAIC model bulletin "
        "on AI",
        "any": "insurance pricing/claims regulation and data-protection law (GDPR in the EU)",
    },
    "hiring": {
        "eu": "GDPR, national employment law with works-council co-determination (Germany: BetrVG), and the EU AI Act "
        "(recruitment is high-risk)",
        "uk": "Equality Act 2010 and UK GDPR on automated decisions",
        "us": "EEOC Title VII disparate-impact tests (four-fifths rule) and local bias-audit laws (NYC Local Law 144)",
        "any": "employment law (disparate-impact tests such as the EEOC four-fifths rule), GDPR and works-council review",
    },
}
_JURISDICTIONS = (
    ("uk", r"\b(uk|u\.k\.|united kingdom|britain|british|england|fca|nhs|ico)\b"),
    # Not a bare "us": "help us predict" is a pronoun.
    ("us", r"\b(usa|u\.s\.|in the us|us-based|us (?:credit|banks?|lenders?|insurers?|hospitals?|health|compan\w+|market|customers|patients)|united states|cfpb|fcra|ecoa|hipaa|fda|eeoc|naic|medicare|medicaid)\b"),
    ("eu", r"\b(eu|e\.u\.|gdpr|dsgvo|rgpd|bafin|eba|ecb|europe|european|germany|deutschland|france|spain|espana|"
     r"italy|italia|netherlands|austria|osterreich|belgium|ireland|portugal|cnil|aepd|ai act)\b"),
)
_EU_LANGUAGES = ("de", "fr", "it", "nl")


def _jurisdiction(brief: Brief) -> str:
    folded = fold(brief.request)
    for name, pattern in _JURISDICTIONS:
        if re.search(pattern, folded):
            return name
    return "eu" if brief.language in _EU_LANGUAGES else "any"


def _regulated_note(brief: Brief) -> str:
    law = _LAWS[brief.regulated or "health"][_jurisdiction(brief)]
    return (
        f"Regulated domain ({brief.regulated}): {law}. Controls: {EXPLANATIONS.get(brief.modality, EXPLANATIONS['tabular'])}, "
        "a model card and model-risk documentation, fairness/slice evaluation on protected groups, lineage/audit "
        "trail from every prediction to model version and data snapshot, privacy controls (PII minimised, "
        "pseudonymised ids, access logging), and protected attributes excluded from inputs."
    )
