"""What kind of problem a request describes: its domain profile, problem type and serving mode.

Each decision is a vote: lexicon cues (knowledge/lexicon.yaml) and the matched domain profile
(knowledge/domains.yaml) add weights, a few rules from the rubric settle the known conflicts (an image
word plus "segment" is segmentation; a recommender with both a homepage and a newsletter is hybrid).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import Domain, Knowledge

_DOMAIN_VOTE = 3.0
_SERVING_DEFAULT_VOTE = 2.0
_IMAGE_TYPES = ("image_classification", "object_detection", "image_segmentation")


@dataclass
class Reading:
    domain: Domain | None
    domain_score: float
    problem_type: str
    problem_scores: dict[str, float]
    serving_mode: str
    serving_scores: dict[str, float]
    serving_stated: bool


def match_domain(text: str, kb: Knowledge) -> tuple[Domain | None, float]:
    """The domain profile with the most cue hits; profiles listed first win ties (they are more specific)."""
    best: Domain | None = None
    best_score = 0.0
    for domain in kb.domains:
        score = kb.domain_cues[domain.id].score(text)
        if score > best_score:
            best, best_score = domain, score
    return best, best_score


def classify_problem(text: str, kb: Knowledge, domain: Domain | None, domain_score: float) -> tuple[str, dict[str, float]]:
    scores = {name: cues.score(text) for name, cues in kb.problem_cues.items()}
    if domain is not None:
        scores[domain.problem_type] = scores.get(domain.problem_type, 0) + _DOMAIN_VOTE * min(domain_score, 2)
    image = scores.get("image_classification", 0) > 0 or (domain is not None and domain.modality == "image")
    if not image:
        # "segment" and "detect" without any image mean customer segments and fraud detection.
        scores["image_segmentation"] = min(scores["image_segmentation"], 0.5 * scores["image_segmentation"])
        scores["object_detection"] = 0.5 * scores["object_detection"]
    else:
        # An image task is never a plain binary/multiclass tabular task: fold those votes into the image type.
        tabular = scores.get("binary_classification", 0) + scores.get("multiclass_classification", 0)
        scores["image_classification"] += 0.5 * tabular
        for finer in ("image_segmentation", "object_detection"):
            if scores[finer] >= 4:
                scores[finer] += 6
    if scores.get("text_classification", 0) > 0 and scores.get("multiclass_classification", 0) > 0:
        # "route e-mails into 10 queues" is text classification with several classes.
        scores["text_classification"] += scores["multiclass_classification"]
    if scores.get("uplift_modeling", 0) >= 4:
        scores["uplift_modeling"] += 4
    if scores.get("anomaly_detection", 0) >= 3 and "label" in text:
        scores["anomaly_detection"] += 3
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        best = "binary_classification"
    return best, scores


def classify_serving(
    text: str,
    kb: Knowledge,
    domain: Domain | None,
    problem_type: str,
    latency_ms: float | None,
    peak_rps: float | None,
) -> tuple[str, dict[str, float], bool]:
    scores = {name: cues.score(text) for name, cues in kb.serving_cues.items()}
    stated = any(v > 0 for v in scores.values()) or latency_ms is not None
    if kb.edge_strong.count(text):
        return "edge", scores, True
    batch_cues = scores["batch"]
    default = domain.serving if domain is not None and domain.problem_type == problem_type else _default_mode(problem_type)
    scores[default] = scores.get(default, 0) + _SERVING_DEFAULT_VOTE
    on_stream = scores["streaming"] >= 3  # two stream signals: Kafka, events/s, telemetry...
    if latency_ms is not None:
        key = "real-time" if (latency_ms <= 1000 and not on_stream) or scores["streaming"] == 0 else "streaming"
        scores[key] += 2
    if peak_rps is not None and peak_rps >= 1 and batch_cues == 0:
        scores["streaming" if on_stream else "real-time"] += 2.5
    if problem_type in ("recommendation", "ranking") and scores["batch"] > 0 and scores["real-time"] + scores["hybrid"] > 0:
        scores["hybrid"] += 2
    if scores["edge"] < 5:
        # Weak edge words ("android app") describe where results are shown, not where the model runs.
        scores["edge"] = 0
    best = max(scores, key=lambda k: (scores[k], k == default))
    return best, scores, stated


def _default_mode(problem_type: str) -> str:
    return {
        "ranking": "real-time",
        "recommendation": "hybrid",
        "anomaly_detection": "streaming",
        "object_detection": "real-time",
        "text_classification": "real-time",
    }.get(problem_type, "batch")


def read(text: str, kb: Knowledge, latency_ms: float | None, peak_rps: float | None) -> Reading:
    domain, domain_score = match_domain(text, kb)
    problem_type, problem_scores = classify_problem(text, kb, domain, domain_score)
    if domain is not None and domain.problem_type != problem_type:
        # A strong explicit problem-type cue overrode the domain; prefer a profile of that type if one fits,
        # else keep the domain (its features still describe the data) under the new framing.
        alternative = _domain_of_type(text, kb, problem_type)
        if alternative is not None and alternative[1] > 0:
            domain, domain_score = alternative
    elif domain is None:
        domain, domain_score = _domain_of_type(text, kb, problem_type) or (None, 0.0)
    mode, serving_scores, stated = classify_serving(text, kb, domain, problem_type, latency_ms, peak_rps)
    return Reading(domain, domain_score, problem_type, problem_scores, mode, serving_scores, stated)


def _domain_of_type(text: str, kb: Knowledge, problem_type: str) -> tuple[Domain, float] | None:
    scored = [(d, kb.domain_cues[d.id].score(text)) for d in kb.domains if d.problem_type == problem_type]
    scored = [(d, s) for d, s in scored if s > 0]
    if scored:
        return max(scored, key=lambda pair: pair[1])
    fallback = next((d for d in kb.domains if d.problem_type == problem_type), None)
    return (fallback, 0.0) if fallback is not None else None
