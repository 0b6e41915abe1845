"""What kind of problem a request describes: its domain profile, problem type and serving mode.

Each decision is a vote: lexicon cues (knowledge/lexicon.yaml) and the matched domain profile
(knowledge/domains.yaml) add weights, a few rules from the rubric settle the known conflicts (an image
word plus "segment" is segmentation, in _image.py; a recommender with both a homepage and a newsletter is
hybrid).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._frames import sentence_bounds
from .._learned import Opinion
from ..knowledge import Domain, Knowledge
from ._denied import without_denials
from ._eventtime import EVENT_VOTE, at_the_event
from ._framings import reframe
from ._image import image_rules, places_objects
from ._overrule import keep_event, keep_hybrid, keep_rules, with_kept
from ._retrieval import per_query_stages
from ._shown import items_shown, shows_items
from ._task import fold_by_modality, form_votes, modality_of, read_task, without_enumerations

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
_SERVING_DEFAULT_VOTE = 1.5
"""A domain's usual serving mode; one explicit cue in the request ("every night", "at checkout") outweighs it."""
_LATENCY_VOTE = 3.0
_HYBRID_VOTE = 6.0
_STREAM_SOURCE_VOTE = 3.0
_ON_DEVICE_VOTE = 5.0
_OFFLINE = ("offline", "hors ligne", "fuera de linea", "fora de linha", "离线")
_GATEWAY = ("gateway", "passerelle", "pasarela", "网关")
_RELAY_EDGE_VOTE = 2.5
"""A gateway that only passes data on still says where it sits: one weak edge cue's worth."""
_INTERACTIVE_MS = 10_000
_CAPACITY_VOTE = 2.0
_EVENT_DEADLINE_VOTE = 4.0
"""A result wanted minutes to hours after each event outweighs one real-time event phrase plus a default."""
_MINUTE_SCHEDULE_VOTE = 4.0
"""A recompute every few minutes is a stated schedule: as strong as an event-triggered job's deadline."""
_STREAM_HORIZON_DAYS = 0.5
_BATCH_HORIZON_DAYS = 3.0
"""A stated response budget up to this long means someone waits for the answer."""


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
) -> tuple[str, dict[str, float], str]:
    """The problem type, the votes behind it, and the kind of data (image, audio, text or tabular); ``whole``
    is the request before a framing it set aside was dropped (intake/_restate.py)."""
    task = read_task(text, kb)
    medium = modality_of(task, domain, domain_score)
    if whole is not None and whole != text and not any(task.media.values()):
        medium = modality_of(read_task(whole, kb), domain, domain_score)  # "...no, one label per scan": same data
    reviewed = kb.problem_rules["document_review"].count(text) > 0
    # "auto-fill the 'product area' field of each ticket": one value per text; the field's fill verb is no span.
    field = kb.problem_rules["field_from_text"].count(text) > 0 and not task.signals
    if (reviewed or field) and medium == "tabular" and not task.signals:
        medium = "text"  # the review cues name texts: documents, e-mails, clauses ("Klauseln, die abweichen")
    votes = form_votes(task, medium)
    if kb.problem_rules["named_values"].count(text) and task.forms["several_labels"] == task.forms["spans"] == 0:
        # "its final grade (prime, second, downgrade or scrap)", "energy class (A to G)": the request names
        # the values of its target, as its own words, so an amount verb ("estimate") or a domain's usual
        # yes/no does not outvote it. Named values that may hold together are several labels; named for
        # spans ("each clause's type (exclusion, deductible, cover)") they are the spans' labels.
        votes["multiclass_classification"] = votes.get("multiclass_classification", 0.0) + _ENUMERATED_VOTE
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
    return answer, scores, medium


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
    if rules["multiclass_enumerated"].count(text):
        scores["multiclass_classification"] += _ENUMERATED_VOTE


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


def classify_serving(
    text: str,
    kb: Knowledge,
    domain: Domain | None,
    problem_type: str,
    latency_ms: float | None,
    peak_rps: float | None,
    capacity: float | None = None,
    horizon_days: float | None = None,
) -> tuple[str, dict[str, float], bool, bool, bool]:
    """Mode, votes, whether the request states anything about serving, whether it computes online on
    top of a precompute (the hybrid frame the learned opinion may not turn into a batch), and whether it
    scores each item at its own event (intake/_eventtime.py)."""
    text, denied = without_denials(text, kb)  # "no real-time needed": the words must not vote real-time
    scores = {name: cues.score(text) for name, cues in kb.serving_cues.items()}
    bounds = sentence_bounds(text)
    use = {
        name: cues.count(text) + sum(f.matches(text, bounds) for f in kb.consumption_frames[name])
        for name, cues in kb.consumption_cues.items()
    }
    use["event_deadline"] += denied  # a declined online mode: nobody waits on the answer
    stated = any(v > 0 for v in scores.values()) or latency_ms is not None or any(use.values()) or denied > 0
    # "no precomputation at all" names the precompute only to deny it.
    use["precompute"] = max(0.0, use["precompute"] - use["no_precompute"])
    hybrid = _is_hybrid(use)
    if per_query_stages(text, kb, problem_type, use):
        scores["hybrid"] = 0.0  # 召回 then 精排 for each query: two online stages, not a precompute
    scheduled = use["minute_schedule"] > 0 and not hybrid  # "ETAs from an hourly batch, combined live": hybrid
    if scheduled:
        # "recomputed every 5 minutes from the passenger counters": a job on a short schedule reads the
        # sensors in bulk; only scoring each event as it arrives is a stream (rubric §0.1).
        use["stream_source"] = max(0.0, use["stream_source"] - use["minute_schedule"])
        scores["batch"] += _MINUTE_SCHEDULE_VOTE
    edge = [text[a:b] for a, b, _ in kb.edge_strong.hits(text)]
    if edge and use["relay"] and use["stream_source"] and all(any(g in w for g in _GATEWAY) for w in edge):
        # "IoT gateways forward the readings to Kafka in our AWS account": the gateway is named as a relay,
        # the model runs on the stream; a gateway that decides itself is named with "on the gateway".
        scores["edge"] += _RELAY_EDGE_VOTE
        edge = []
    if edge and not (hybrid and all(w.endswith(_OFFLINE) for w in edge)):
        # "embed all documents offline, re-score at query time" precomputes; it does not run on a device.
        # The device named outright decides, so its vote says so: a bare cue weight ("jetson" 2.5 against a
        # latency figure's 2) read as a close call and let the learned opinion move it to real-time (ee-18).
        scores["edge"] += _ON_DEVICE_VOTE
        return "edge", scores, True, False, False
    explicit = dict(scores)
    default = domain.serving if domain is not None and domain.problem_type == problem_type else _default_mode(problem_type)
    if problem_type == "ranking" and not kb.problem_rules["search_words"].count(text):
        default = "batch"  # a ranked list for people to work through, not an answer to a query
    if default == "edge":
        default = _default_mode(problem_type)  # a device is never assumed: edge needs the request to say so
    scores[default] = scores.get(default, 0) + _SERVING_DEFAULT_VOTE
    if hybrid:
        # Scores, candidates or embeddings precomputed offline, then an online step on each request;
        # the request's "online" and "real-time" words describe that step.
        scores["hybrid"] += _HYBRID_VOTE + scores["real-time"] / 2
        explicit["hybrid"] += _HYBRID_VOTE
        scores["real-time"] /= 2
    # Events consumed from a broker (Kafka, Kinesis, Event Hubs...) are a stream, unless a caller waits.
    # A failure warned of days ahead can be scored in a batch even when the sensors stream.
    ahead = horizon_days is not None and horizon_days >= _BATCH_HORIZON_DAYS
    fed = use["stream_source"] > 0 and not use["synchronous"] and not ahead
    if fed:
        # A stream joined with a scheduled precompute ("hourly forecasts combined with live requests")
        # feeds the online step of a hybrid.
        scores["hybrid" if hybrid and use["online_compute"] else "streaming"] += _STREAM_SOURCE_VOTE
        # "within seconds" on a consumed stream is the stream's freshness, not a caller waiting.
        scores["real-time"] *= 0.5
    if use["synchronous"]:
        scores["hybrid" if hybrid else "real-time"] += _STREAM_SOURCE_VOTE
    on_stream = explicit["streaming"] >= 3 or fed  # two stream signals: Kafka, events/s, telemetry...
    # An explicit precompute-plus-online statement owns the latency figures: they describe its online step.
    online = "hybrid" if explicit["hybrid"] >= 3 else "real-time"
    if use["on_device"]:
        online = "edge"  # "within 200 ms from a local GPU box": the budget of a device that decides itself
    if latency_ms is not None and latency_ms <= _INTERACTIVE_MS:
        key = "streaming" if on_stream and not use["synchronous"] else online
        scores[key] += _LATENCY_VOTE
    if peak_rps is not None and peak_rps >= 1 and explicit["batch"] == 0:
        scores["streaming" if on_stream else online] += 2.5
    if capacity and not use["synchronous"]:
        # People working through N cases a day read a worklist; with a caller waiting on each answer the
        # count is its calls ("the planning system calls the model ... 3,000 calls a day").
        scores["batch"] += _CAPACITY_VOTE
    continuous = kb.problem_rules["continuous_data"].count(text) > 0
    if continuous and use["alert_deadline"] and not use["synchronous"] and not (ahead or hybrid or scheduled):
        # Readings every few seconds or minutes and an alarm within minutes: scored on the stream as the
        # readings arrive ("Drucksensoren alle 30 Sekunden ... Alarm innerhalb von 5 Minuten").
        scores["streaming"] += _STREAM_SOURCE_VOTE
    elif use["event_deadline"] and not (on_stream or continuous or use["synchronous"] or hybrid):
        # "within 30 minutes of each scan", "by the next shift": a job the event triggers; nobody waits on a
        # call, so the event words ("when an adjuster uploads", "an answer within") and a profile's usual
        # real-time do not decide. Only a stated budget in seconds or less keeps a share of the vote.
        scores["batch"] += _EVENT_DEADLINE_VOTE
        scores["real-time"] *= 0.5 if latency_ms is not None and latency_ms <= _INTERACTIVE_MS else 0.0
    event = at_the_event(use, explicit, on_stream or continuous or scheduled or hybrid)
    if event:
        scores["real-time"] += EVENT_VOTE
    if horizon_days is not None and kb.problem_rules["continuous_data"].count(text):
        # Continuous sensor data: a warning hours ahead must run on the stream, days ahead can wait for a batch.
        # A level forecast "recomputed every 5 minutes" for the next half hour is a schedule, not a warning.
        if horizon_days <= _STREAM_HORIZON_DAYS and problem_type != "forecasting" and not scheduled:
            scores["streaming"] += _CAPACITY_VOTE
        elif horizon_days >= _BATCH_HORIZON_DAYS:
            scores["batch"] += _CAPACITY_VOTE
    if problem_type in ("recommendation", "ranking") and explicit["batch"] > 0 and explicit["real-time"] + explicit["hybrid"] > 0:
        scores["hybrid"] += 4 if explicit["hybrid"] >= 3 else 2
    if _is_lookup(use):
        # "scored nightly, the app just reads the stored score": the online side runs no model.
        scores["batch"] += _HYBRID_VOTE
    if use["on_device"]:
        scores["edge"] += _ON_DEVICE_VOTE  # a device named with "by itself", "on board", "no signal"...
    if scores["edge"] < 5:
        # Weak edge words ("android app") describe where results are shown, not where the model runs.
        scores["edge"] = 0
    best = max(scores, key=lambda k: (scores[k], k == default))
    return best, scores, stated, hybrid and use["online_compute"] > 0, event


def _is_hybrid(use: dict[str, float]) -> bool:
    """Precomputed output plus an online step that computes on top of it (rubric §0.1 hybrid).

    A nightly precompute with any online step has long read as hybrid. A refresh on another schedule
    ("weekly", "a Sunday batch") needs a step that computes (re-rank, filter, combine with the form or
    the session), and a stored result that is only read back at request time is batch whatever the
    schedule.
    """
    if _is_lookup(use):
        return False
    if use["precompute"] > 0 and use["online_step"] > 0:
        return True
    return use["precompute"] + use["scheduled_refresh"] > 0 and use["online_compute"] > 0


def _is_lookup(use: dict[str, float]) -> bool:
    return use["lookup"] > 0 and use["online_compute"] == 0 and use["precompute"] + use["scheduled_refresh"] > 0


def _default_mode(problem_type: str) -> str:
    return {
        "ranking": "real-time",
        "recommendation": "hybrid",
        "anomaly_detection": "streaming",
        "object_detection": "real-time",
        "text_classification": "real-time",
    }.get(problem_type, "batch")


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
    matched, domain_score = match_domain(text, kb)
    problem_type, problem_scores, medium = classify_problem(text, kb, matched, domain_score, whole)
    type_opinion = mode_opinion = None
    if feats is not None:
        type_opinion = kb.intake_model.opinion("problem_type", feats, problem_type, problem_scores)
        # Any word that finds, counts or places objects lets the model choose detection over a verdict.
        where = problem_scores["object_detection"] > 0 or kb.problem_rules["detection_verbs"].count(text) > 0
        if kb.problem_rules["item_state"].count(text) and not places_objects(text, kb):
            where = False  # "detect whether each panel is soiled": the item's state, nothing placed
        many = kb.problem_rules["many_objects"].count(text) > 0
        shown = problem_type == "recommendation" and shows_items(text, kb)
        suggested = kb.problem_rules["suggested_value"].count(text) > 0  # "suggest a monthly rent", 建议售价
        kept = keep_rules(problem_type, type_opinion.answer, problem_scores, text, medium, where, many, shown, suggested)
        type_opinion = with_kept(type_opinion, kept)
        problem_type = type_opinion.answer
    domain = matched
    if domain is None or domain.problem_type != problem_type:
        # No profile, or an explicit problem-type cue overrode the matched one: take the best profile of
        # that type the request mentions, else the generic profile of the type (never another business's).
        found = _domain_of_type(text, kb, problem_type)
        domain, domain_score = found if found is not None else (kb.generic[problem_type], 0.0)
    mode, serving_scores, stated, computed_online, at_event = classify_serving(
        text, kb, domain, problem_type, latency_ms, peak_rps, capacity, horizon_days
    )
    if feats is not None:
        mode_opinion = kb.intake_model.opinion("serving_mode", feats, mode, serving_scores)
        kept = keep_event(mode, keep_hybrid(mode, mode_opinion.answer, computed_online), at_event)
        mode_opinion = with_kept(mode_opinion, kept)
        mode = mode_opinion.answer
    return Reading(
        domain, domain_score, problem_type, problem_scores, mode, serving_scores, stated, matched, medium,
        type_opinion, mode_opinion,
    )  # fmt: skip


def _domain_of_type(text: str, kb: Knowledge, problem_type: str) -> tuple[Domain, float] | None:
    scored = [(d, kb.domain_score(d, text)) for d in kb.domains if d.problem_type == problem_type]
    scored = [(d, s) for d, s in scored if s > 0]
    return max(scored, key=lambda pair: pair[1]) if scored else None
