"""What kind of problem a request describes: its domain profile and problem type, read together with its
serving mode (intake/_serving.py) and the learned second opinion on both.

Each decision is a vote: lexicon cues (knowledge/lexicon.yaml) and the matched domain profile
(knowledge/domains.yaml) add weights, a few rules from the rubric settle the known conflicts (an image
word plus "segment" is segmentation, in _image.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._learned import Opinion
from ..brief import RUBRIC_PROBLEM_TYPES
from ..knowledge import Domain, Knowledge
from ._denied import blank_hits
from ._framings import reframe
from ._image import image_rules, places_objects
from ._overrule import TypeEvidence, keep_mode, keep_rules, with_kept
from ._segments import segments_wanted
from ._serving import classify_serving
from ._shown import items_shown, shows_items
from ._task import (
    Task,
    fold_by_modality,
    form_votes,
    listed_choice,
    modality_of,
    read_task,
    without_enumerations,
)

_DOMAIN_VOTE = 3.0
_DOMAIN_PRIOR = 1.0
_NO_LABELS_VOTE = 4.0
"""Rows without labels cannot train a yes/no model: as strong as a stated target form (round 6; was 2)."""
_UNSTATED_UPLIFT = 0.5
_OWN_WORDS = 3.0
"""A target form this strong (tasks.yaml) means the request says what it wants; the domain only leans."""
_ENUMERATED_VOTE = 5.0
_QUANTITY_VOTE = 5.0
"""An explicit class count ("into one of 5 tracks") outweighs a domain's usual binary framing."""


@dataclass
class Reading:
    domain: Domain | None
    domain_score: float
    problem_type: str
    problem_scores: dict[str, float]
    serving_mode: str
    serving_scores: dict[str, float]
    serving_stated: bool
    matched: Domain | None = None
    """The best-matching profile before the problem type was settled (its regulation still applies)."""
    medium: str = "tabular"
    """What the data is, read from the request (image, audio, text or tabular)."""
    type_opinion: Opinion | None = None
    """The rules' and the learned model's problem types and the one taken (None without the model)."""
    mode_opinion: Opinion | None = None


def match_domain(text: str, kb: Knowledge) -> tuple[Domain | None, float]:
    """The domain profile with the most cue hits; profiles listed first win ties (they are more specific)."""
    text = without_enumerations(text)
    best: Domain | None = None
    best_score = 0.0
    for domain in kb.domains:
        score = kb.domain_score(domain, text)
        if score > best_score:
            best, best_score = domain, score
    return best, best_score


def classify_problem(
    text: str, kb: Knowledge, domain: Domain | None, domain_score: float, whole: str | None = None
) -> tuple[str, dict[str, float], str, Task]:
    """The problem type, the votes behind it, the kind of data (image, audio, text or tabular) and the task's
    wording read from ``text`` (the guards of _overrule.py use it too); ``whole``
    is the request before a framing it set aside was dropped (intake/_restate.py). Both come with a medium
    word that names the business blanked (:func:`read`)."""
    task = read_task(text, kb)
    medium = modality_of(task, domain, domain_score)
    if whole is not None and whole != text and not any(task.media.values()):
        medium = modality_of(read_task(whole, kb), domain, domain_score)  # "...no, one label per scan": same data
    reviewed = kb.problem_rules["document_review"].count(text) > 0
    # "auto-fill the 'product area' field of each ticket": one value per text; the field's fill verb is no span.
    field = kb.problem_rules["field_from_text"].count(text) > 0 and not task.signals
    if (reviewed or field) and medium == "tabular" and not task.signals:
        medium = "text"  # the review cues name texts: documents, e-mails, clauses ("Klauseln, die abweichen")
    votes = form_votes(task, medium, kb.problem_rules["amount_per_coming_period"].count(text) > 0)
    if kb.problem_rules["named_values"].count(text) and task.forms["several_labels"] == task.forms["spans"] == 0:
        # "its final grade (prime, second, downgrade or scrap)", "energy class (A to G)": the request names
        # the values of its target, as its own words, so an amount verb ("estimate") or a domain's usual
        # yes/no does not outvote it. Named values that may hold together are several labels; named for
        # spans ("each clause's type (exclusion, deductible, cover)") they are the spans' labels.
        votes["multiclass_classification"] = votes.get("multiclass_classification", 0.0) + _ENUMERATED_VOTE
    if kb.problem_rules["next_in_sequence"].count(text) and task.forms["several_labels"] == 0:
        # "predict the next event code in each machine's log sequence": one of a fixed set of codes per sequence,
        # whatever its "next item" (a recommendation cue), "will" (yes/no) or "codes" (spans) say.
        rivals = ("binary_classification", "recommendation", "sequence_labeling", "regression", "forecasting")
        votes["multiclass_classification"] = votes.get("multiclass_classification", 0.0) + _ENUMERATED_VOTE + max(
            votes.get(k, 0.0) for k in rivals
        )
    if kb.problem_rules["threshold_event"].count(text):
        # "the probability that tomorrow's price exceeds 200 in each hour": an event, not an amount.
        votes.pop("forecasting", None)
        votes.pop("regression", None)
    # The request's own words: lexicon cues plus the target's form (knowledge/tasks.yaml).
    plain = without_enumerations(text)  # listed class names ("fraud, loan, other") are labels, not the task
    explicit = {name: cues.score(plain) for name, cues in kb.problem_cues.items()}
    for kind, vote in votes.items():
        explicit[kind] = explicit.get(kind, 0.0) + vote
    scores = dict(explicit)
    if domain is not None:
        # The domain is a prior: it speaks loudly only when the request does not say what it wants.
        weight = _DOMAIN_VOTE if max(votes.values(), default=0.0) < _OWN_WORDS else _DOMAIN_PRIOR
        scores[domain.problem_type] = scores.get(domain.problem_type, 0) + weight * min(domain_score, 2)
    if "uplift_modeling" not in votes:
        # An effect per unit cannot be targeted without saying so: coupons and retention offers alone
        # are a marketing setting, not an uplift target.
        scores["uplift_modeling"] *= _UNSTATED_UPLIFT
    _target_rules(text, kb, explicit, scores)
    several = task.forms["several_labels"] >= kb.form_cues["several_labels"].weight
    if several:
        # "tag each complaint with one or more of our 15 categories (billing, delivery, ...)": the count and
        # the list name the label set, the "one or more" says several of them hold at once. Without this
        # the count's multiclass votes, folded into text, outvoted the stated multilabel form (round 6).
        scores["multilabel_classification"] += scores["multiclass_classification"]
        scores["multiclass_classification"] = 0.0
    image = medium == "image"
    if medium == "tabular" and task.labels_missing:
        # Rows without any labels: only deviation from normal can be learned (an image or a text without
        # labels is still a labelling job, not an anomaly).
        scores["anomaly_detection"] += _NO_LABELS_VOTE
    if image:
        verdict = votes.get("binary_classification", 0.0) + votes.get("multiclass_classification", 0.0) > 0
        image_rules(text, kb, domain, explicit, scores, verdict, task.labels_missing)
    else:
        # "segment" and "detect" without any image mean customer segments and fraud detection.
        scores["image_segmentation"] = 0.5 * scores["image_segmentation"]
        scores["object_detection"] = 0.5 * scores["object_detection"]
    _folds(explicit, scores, image, task.labels_missing)
    if reviewed and medium == "text":
        # Responsiveness, privilege or clause-deviation review labels each document or clause: the clauses
        # are not spans to mark, "deviate" is no unlabelled outlier, "the model scores the rest" no amount.
        scores["text_classification"] += _QUANTITY_VOTE + max(
            scores["sequence_labeling"], scores["anomaly_detection"], scores["regression"]
        )
    if field and medium == "text":
        # The ticket's field takes one of a fixed list of values: not spans ("fill ... field"), not an order
        # ("queue") and not an amount ("area").
        scores["text_classification"] += _QUANTITY_VOTE + max(
            scores["sequence_labeling"], scores["ranking"], scores["regression"], scores["multiclass_classification"]
        )
    if task.forms["spans"] > 0 and task.forms["order_for_query"] == 0:
        # "tag each part of the search query as brand, colour, size": the query is the text labelled,
        # and its search words say where the labels are used, not that results are ordered.
        scores["ranking"] /= 2
    if kb.problem_rules["ordered_by_likelihood"].count(text):
        # "order the backlog of tickets by the probability they escalate": the outcome is the sort key.
        scores["ranking"] += _QUANTITY_VOTE + scores["binary_classification"]
    if kb.problem_rules["page_order"].count(text):
        # "reshuffle the order of the products within each category page": the page's items, sorted.
        scores["ranking"] += _QUANTITY_VOTE
    items_shown(text, kb, task, explicit, scores)  # a user's feed, alert e-mail or "also bought" block
    reframe(text, kb, task, scores)  # a suggested amount, a content variant per user, candidates for a worker
    if image and several:
        # "which of 11 defect types are present on each board, zero or more": several labels per photo.
        scores["multilabel_classification"] += scores["image_classification"]
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        best = "binary_classification"
    answer = fold_by_modality(best, scores, medium, task)
    if medium == "mixed" and answer != best:
        # Photos and text together: the votes for one medium's type ("image" words) are votes for the
        # decision on the item, so the rules' vote shows what they chose to the learned opinion.
        scores[answer] += scores[best]
        scores[best] = 0.0
    return answer, scores, medium, task


def _target_rules(text: str, kb: Knowledge, explicit: dict[str, float], scores: dict[str, float]) -> None:
    """What the request asks for: an event over a threshold, an amount, or one of N classes."""
    rules = kb.problem_rules
    if rules["threshold_event"].count(text):
        scores["binary_classification"] += _QUANTITY_VOTE  # "probability that the price exceeds 200"
    elif rules["quantity_target"].count(text):
        # A prediction aimed at an amount: a number per entity, or per period over a horizon.
        periodic = rules["periodic"].count(text) > 0 or explicit.get("forecasting", 0) > 0
        periodic = periodic and not rules["pricing_decision"].count(text)
        scores["forecasting" if periodic else "regression"] += _QUANTITY_VOTE
    if any(not _LOGGED_INPUTS.search(text[max(0, start - 60) : start]) for start, *_ in rules["multiclass_enumerated"].hits(text)):
        scores["multiclass_classification"] += _ENUMERATED_VOTE


# "We log three event types (login, payment, transfer)": a list of what is recorded is the inputs, not the classes.
_LOGGED_INPUTS = re.compile(r"\b(?:log|logs|logged|collect|collects|record|records|track|tracks|capture|captures|ingest|ingests)\b[^.;:]*$")


def _folds(explicit: dict[str, float], scores: dict[str, float], image: bool, unlabelled: bool) -> None:
    """Framings that absorb another's votes: a yes/no question about a text is text classification..."""
    if explicit.get("text_classification", 0) >= 4:
        # "flag fraudulent reviews": a yes/no question about a text is text classification.
        scores["text_classification"] += scores.get("binary_classification", 0)
    if explicit.get("text_classification", 0) > 0 and not image and scores.get("multiclass_classification", 0) > 0:
        # "route e-mails into 10 queues" is text classification with several classes.
        scores["text_classification"] += scores["multiclass_classification"]
    if explicit.get("uplift_modeling", 0) >= 4:
        scores["uplift_modeling"] += 4
    if explicit.get("anomaly_detection", 0) >= 3 and unlabelled:
        # Without labels a supervised yes/no model cannot be trained, whatever the domain usually does.
        scores["anomaly_detection"] += scores.get("binary_classification", 0)
    if explicit.get("recommendation", 0) >= 6:
        # "which product is each client most likely to buy next": the likelihood picks among items per
        # client; it is not a yes/no about one product (which never names a choice of items).
        scores["recommendation"] += scores.get("binary_classification", 0)
    if explicit.get("multilabel_classification", 0) >= 4:
        # "which of our 12 products will each customer buy (many buy several)": several yes/no answers.
        scores["multilabel_classification"] += scores.get("binary_classification", 0)


def read(
    text: str,
    kb: Knowledge,
    latency_ms: float | None,
    peak_rps: float | None,
    capacity: float | None = None,
    horizon_days: float | None = None,
    feats: dict[str, float] | None = None,
    whole: str | None = None,
) -> Reading:
    """The rules' reading; with ``feats`` (the request's learned-model features) the learned second
    opinion (knowledge/intake_model.json) may overrule a close problem type or serving mode."""
    # "our video-streaming service", 音频平台: a medium word naming the business, not the data (group ic).
    # "una app de transporte por demanda": how the service is delivered, not a demand to forecast (group ic).
    # The business's name goes first: "vidéo à la demande" is one name, not "vidéo" beside an on-demand service.
    named = kb.problem_rules["medium_in_name"]
    typed, _ = blank_hits(blank_hits(text, named)[0], kb.problem_rules["on_demand"])
    whole = whole if whole is None else blank_hits(whole, named)[0]
    matched, domain_score = match_domain(typed, kb)
    problem_type, problem_scores, medium, task = classify_problem(typed, kb, matched, domain_score, whole)
    type_opinion = mode_opinion = None
    if feats is not None:
        type_opinion = kb.intake_model.opinion("problem_type", feats, problem_type, problem_scores)
        seen = _type_evidence(text, task, kb, problem_type, problem_scores, medium)
        kept = keep_rules(problem_type, type_opinion.answer, problem_scores, text, seen)
        type_opinion = with_kept(type_opinion, kept)
        problem_type = type_opinion.answer
    if segments_wanted(text, kb):
        problem_type, type_opinion = "clustering", None
    domain = matched
    if domain is None or domain.problem_type != problem_type:
        # No profile, or an explicit problem-type cue overrode the matched one: take the best profile of
        # that type the request mentions, else the generic profile of the type (never another business's).
        found = _domain_of_type(text, kb, problem_type)
        domain, domain_score = found if found is not None else (kb.generic[problem_type], 0.0)
    serving = classify_serving(text, kb, domain, problem_type, latency_ms, peak_rps, capacity, horizon_days)
    mode, serving_scores = serving.mode, serving.scores
    # The model has met no segmentation request: its serving vote there would come from the domain words alone.
    if feats is not None and problem_type in RUBRIC_PROBLEM_TYPES:
        mode_opinion = kb.intake_model.opinion("serving_mode", feats, mode, serving_scores)
        kept = keep_mode(
            mode, mode_opinion.answer, serving.computed_online, serving.at_event, serving.named_edge, serving.fed,
            serving.waits,
        )
        mode_opinion = with_kept(mode_opinion, kept)
        mode = mode_opinion.answer
    return Reading(
        domain, domain_score, problem_type, problem_scores, mode, serving_scores, serving.stated, matched, medium,
        type_opinion, mode_opinion,
    )  # fmt: skip


def _type_evidence(
    text: str, task: Task, kb: Knowledge, rule: str, scores: dict[str, float], medium: str
) -> TypeEvidence:
    """The cues the measured guards of _overrule.py read for the rules' answer ``rule``."""
    # Any word that finds, counts or places objects lets the model choose detection over a verdict.
    where = scores["object_detection"] > 0 or kb.problem_rules["detection_verbs"].count(text) > 0
    placed = places_objects(text, kb)  # "where in the picture the cracks are", "every parcel in the frame"
    if kb.problem_rules["item_state"].count(text) and not placed:
        where = False  # "detect whether each panel is soiled": the item's state, nothing placed
    return TypeEvidence(
        medium=medium,
        where=where,
        placed=placed,
        shown=rule == "recommendation" and shows_items(text, kb),
        suggested=kb.problem_rules["suggested_value"].count(text) > 0,  # "suggest a monthly rent", 建议售价
        next_code=kb.problem_rules["next_in_sequence"].count(text) > 0,  # "the next event code in each log sequence"
        listed=listed_choice(text, kb),
        unlabelled=task.labels_missing,  # "about 40 confirmed takeovers, nowhere near enough to learn from"
        page_order=kb.problem_rules["page_order"].count(text) > 0,
        outlined=kb.form_cues["region_outline"].count(text) > 0,  # "pixelgenau markieren", "outline each spill"
        moderated=kb.temporal_adversarial.count(text) > 0,  # abusive, hateful, spam, phishing
    )


def _domain_of_type(text: str, kb: Knowledge, problem_type: str) -> tuple[Domain, float] | None:
    scored = [(d, kb.domain_score(d, text)) for d in kb.domains if d.problem_type == problem_type]
    scored = [(d, s) for d, s in scored if s > 0]
    return max(scored, key=lambda pair: pair[1]) if scored else None
