"""How the request's predictions are consumed: batch, real-time, streaming, edge or hybrid (rubric §0.1, MS-01).

Each mode gets votes: the lexicon's serving cues (knowledge/lexicon.yaml), the consumption groups that settle
the combinations single words get wrong (knowledge/tasks.yaml ``consumption``: a precompute with an online
step, a job on a short schedule, a stream consumed from a broker, an item's own event), the stated latency
and rate figures, and the domain profile's usual mode as a default.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .._frames import sentence_at, sentence_bounds
from ..knowledge import Domain, Knowledge
from ._denied import blank_hits, without_denials
from ._eventtime import EVENT_VOTE, at_the_event
from ._retrieval import per_query_stages

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
"""A stated response budget up to this long means someone waits for the answer."""
_CAPACITY_VOTE = 2.0
_EVENT_DEADLINE_VOTE = 4.0
"""A result wanted minutes to hours after each event outweighs one real-time event phrase plus a default."""
_MINUTE_SCHEDULE_VOTE = 4.0
"""A recompute every few minutes is a stated schedule: as strong as an event-triggered job's deadline."""
_STREAM_HORIZON_DAYS = 0.5
_BATCH_HORIZON_DAYS = 3.0
"""On continuous sensor data, a warning up to half a day ahead runs on the stream; from three days ahead a
batch can score it (and a failure warned of that far ahead is no stream even when the sensors stream)."""


class Serving(NamedTuple):
    mode: str
    scores: dict[str, float]
    stated: bool
    """Whether the request says anything about serving (else the report marks the mode as assumed)."""
    computed_online: bool
    """An online computation on top of a precompute: the hybrid frame the learned opinion may not make a batch."""
    at_event: bool
    """Each item scored at its own event (intake/_eventtime.py)."""
    named_edge: bool = False
    """Edge read from a computer named at the site or machine that decides ("the local server at each
    restaurant runs the detector", "servidor local de la tienda"): the guard in _overrule.py keeps it."""
    waits: bool = False
    """The request says a later result suffices ("next morning is fine", consumption ``wait_allowed``): the
    guard in _overrule.py keeps the rules' batch against a real-time answer."""
    fed: bool = False
    """Streaming read from a named stream source consumed without a caller (Kafka, a Twitter stream, a
    firehose, 消息队列) and no schedule word ("once a month" over an archived stream may be a batch): the guard
    in _overrule.py keeps it."""


def classify_serving(
    text: str,
    kb: Knowledge,
    domain: Domain | None,
    problem_type: str,
    latency_ms: float | None,
    peak_rps: float | None,
    capacity: float | None = None,
    horizon_days: float | None = None,
) -> Serving:
    """The rules' serving mode and the votes and flags behind it."""
    text, off_device = blank_hits(text, kb.consumption_cues["off_device"])  # "nothing runs on the device"
    text, denied = without_denials(text, kb)  # "no real-time needed": the words must not vote real-time
    scores = {name: cues.score(text) for name, cues in kb.serving_cues.items()}
    if off_device:
        # "the phones are old, so nothing runs on the device": the phones, tablets and Androids it names
        # capture and upload; the model answers from a server.
        scores["edge"] = 0.0
    bounds = sentence_bounds(text)
    use = {
        name: cues.count(text) + sum(f.matches(text, bounds) for f in kb.consumption_frames[name])
        for name, cues in kb.consumption_cues.items()
    }
    use["event_deadline"] += denied  # a declined online mode: nobody waits on the answer
    if use["wait_allowed"] and not (use["stream_source"] and _only_nobody_waits(text, kb)):
        # "next morning is fine": a full batch cue. "Nobody waits on it" beside a queue the items land on
        # says there is no caller, not that a later result will do: the stream is consumed as it comes.
        scores["batch"] += kb.serving_cues["batch"].weight
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
    sited = _sited(text, kb, bounds)
    edge = [] if off_device else [text[a:b] for a, b, _ in kb.edge_strong.hits(text)] + sited
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
        return Serving("edge", scores, True, False, False, named_edge=bool(sited))
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
    if horizon_days is not None and continuous:
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
    waits = use["wait_allowed"] > 0 and best == "batch"
    return Serving(
        best, scores, stated, hybrid and use["online_compute"] > 0, event, waits=waits,
        fed=fed and best == "streaming" and explicit["batch"] == 0,
    )


def _sited(text: str, kb: Knowledge, bounds: list[int]) -> list[str]:
    """A computer at each site or machine that decides ("the mini PC in each shop counts the loaves"), unless
    its sentence states a schedule: "every night the mini PC in each store processes the footage" is a batch
    job that happens to run in the store (rubric §0.1: batch is scheduled scoring). The device named as
    deciding itself ("the tablet itself must decide ...; readings are synced each evening") counts whatever
    its sentence schedules."""
    out = [text[a:b] for a, b, _ in kb.edge_itself.hits(text)]
    for a, b, _ in kb.edge_sited.hits(text):
        if not any(factor == 1.0 for *_, factor in kb.serving_cues["batch"].hits(sentence_at(text, bounds, a))):
            out.append(text[a:b])
    return out


_NOBODY = re.compile(r"\W*(?:nobody|no one|no-one|niemand|nadie|personne|\u6ca1\u6709\u4eba|\u6ca1\u4eba|\u65e0\u4eba)")


def _only_nobody_waits(text: str, kb: Knowledge) -> bool:
    """Every ``wait_allowed`` phrase says only that nobody waits ("no one waiting on it"), none that a later
    result is fine ("next morning is fine")."""
    return all(_NOBODY.match(text, start) for start, _, _ in kb.consumption_cues["wait_allowed"].hits(text))


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
