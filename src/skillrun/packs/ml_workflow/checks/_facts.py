"""What the checks need to know about the request, and where each fact came from.

Each fact is taken from the eval case's labels (``ctx.expect``) when it has one, else from the run's
Brief (``ctx.brief``), else read from the request text with the lexicon's keyword lists. The request
reading is deliberately simple: it only matters for runs that have neither labels nor a brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ....evals._checks import CheckContext
from ._lexicon import lexicon
from ._text import CLAUSE_END, has, quantities

UNSTRUCTURED_TYPES = {
    "text_classification": "text",
    "sequence_labeling": "text",
    "image_classification": "image",
    "object_detection": "image",
    "image_segmentation": "image",
    "audio_classification": "audio",
}
CLASSIFICATION_TYPES = frozenset(
    {
        "binary_classification",
        "multiclass_classification",
        "multilabel_classification",
        "text_classification",
        "image_classification",
        "audio_classification",
        "anomaly_detection",
    }
)

_PROBLEM_RULES: list[tuple[str, str]] = [
    ("recommendation", r"recommend|which items to show|personali[sz]ed (?:feed|rows)|homepage rows"),
    ("ranking", r"\brank|search|similar products|retrieval|re-?rank"),
    ("forecasting", r"forecast|demand for|next \d+ (?:days|weeks) per|how many .* (?:next|per)"),
    ("image_segmentation", r"segment(?:ation)?\b.*(?:image|satellite|SAR)|extent mapping|mask"),
    ("object_detection", r"bounding box|detect (?:objects|defects) in|object detection"),
    ("image_classification", r"x-?ray|image|photo|radiolog|scan\b"),
    ("audio_classification", r"wake ?word|audio|speech|keyword spotting|sound"),
    ("text_classification", r"toxic|moderation|chat message|sentiment|spam|text classification"),
    ("anomaly_detection", r"unusual|anomal|without labels"),
    ("multiclass_classification", r"categori[sz]e|\d+ categories|into \d+ classes|classify .* into"),
    ("regression", r"\bETA\b|how much|severity|price|duration|time to|amount"),
    (
        "binary_classification",
        r"churn|abandono|convert|will .* (?:happen|quit|fail)|which .* (?:will|likely)|"
        r"risk score|failure|no-?show|quit|fraud|default|readmission|predict whether|réadmission",
    ),
]
_PROBLEM_PATTERNS = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _PROBLEM_RULES]
_LATENCY_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?)\b", re.I)
_LATENCY_BOUND = re.compile(
    r"(?:<|≤|<=|under|below|within|less than|at most|max(?:imum)?)\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?)\b",
    re.I,
)
_RATE_UNITS = re.compile(
    r"^\s*(?P<unit>(?:[\w-]+\s){0,2}?(?P<word>msgs?|messages?|events?|requests?|req|queries|QPS|RPS|TPS|orders|"
    r"transactions?|appointments?|rendez-vous|predictions?|calls|clicks|sessions|images?|readers|users|"
    r"subscribers|employees|trials|products|items|visits|records|rows|claims|patients)\b"
    r"(?:\s*/\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hr|hours?|day|d|wk|weeks?|month)\b"
    r"|\s+(?:per|an?|par|por|al)\s+(?:second|seconde|segundo|minute|minuto|hour|heure|hora|day|jour|d[ií]a|"
    r"week|semaine|semana|month|mois|mes)\b)?)",
    re.IGNORECASE,
)
# The unit spelt out counts like its abbreviation ("queries/second" is "queries/s").
_PER_SECOND = re.compile(
    r"/\s*s(?:ecs?|econds?)?\b|per second|QPS|RPS|TPS|a second|par seconde|por segundo", re.IGNORECASE
)
_PER_MINUTE = re.compile(r"/\s*min(?:ute)?s?\b|per minute|a minute|par minute|por minuto", re.IGNORECASE)
_PER_HOUR = re.compile(r"/\s*(?:h|hr|hour)s?\b|per hour|an hour|par heure|por hora", re.IGNORECASE)
_PER_DAY = re.compile(
    r"/\s*d(?:ay)?\b|per day|a day|par jour|por d[ií]a|daily|each day|nightly", re.IGNORECASE
)
_PER_WEEK = re.compile(r"/\s*w(?:ee)?ks?\b|per week|a week|weekly|par semaine|por semana", re.IGNORECASE)
_PER_MONTH = re.compile(r"monthly|/\s*month|per month|a month|al mes|par mois|mensuel", re.IGNORECASE)
_PERS = (
    ("second", _PER_SECOND),
    ("minute", _PER_MINUTE),
    ("hour", _PER_HOUR),
    ("day", _PER_DAY),
    ("week", _PER_WEEK),
    ("month", _PER_MONTH),
)
_DAYS_PER = {"second": 86400, "minute": 1440, "hour": 24, "day": 1, "week": 1 / 7, "month": 1 / 30}


def per_of(text: str) -> str:
    """``second``, ``minute``, ``hour``, ``day``, ``week``, ``month`` or ``count`` for the words after a
    number."""
    for per, pattern in _PERS:
        if pattern.search(text):
            return per
    return "count"


@dataclass(frozen=True)
class Rate:
    """A quantity the request states, e.g. 20,000 messages per second."""

    value: float
    per: str
    """``second``, ``minute``, ``hour``, ``day``, ``week``, ``month`` or ``count`` (a total with no time
    unit)."""
    noun: str
    word: str = ""
    """The counted thing alone (``msgs``, ``orders``)."""
    capacity: bool = False
    """What the people acting on the predictions can work through ("investigators review 60 claims a
    day"), not a volume the model scores: never compared with a throughput (MS-03, XC-04)."""
    per_unit: bool = False
    """A share of the volume ("2,000 transactions per day per branch", "each of our 12 warehouses ships
    5,000 orders a day"): the report's total is that times the sites, so it is never compared either."""

    @property
    def volume(self) -> bool:
        """A rate in time (not a total) of the things the model scores."""
        return self.per != "count" and not self.capacity and not self.per_unit

    @property
    def per_day(self) -> float | None:
        return to_per_day(self.value, self.per)


def to_per_day(value: float, per: str) -> float | None:
    return value * _DAYS_PER[per] if per in _DAYS_PER else None


@dataclass
class Facts:
    problem_type: str | None = None
    serving_mode: str | None = None
    temporal: bool | None = None
    imbalanced: bool | None = None
    platforms: frozenset[str] = frozenset()
    """Subset of aws, gcp, azure, alibaba, on-prem, air-gapped."""
    regulated: str | None = None
    no_gpu: bool = False
    budget_tight: bool = False
    small_team: bool = False
    first_model: bool = False
    team_size: int | None = None
    label_delay_days: float | None = None
    latency_limit_ms: float | None = None
    modality: str = "tabular"
    repeated_entities: bool = False
    rates: list[Rate] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)
    """Where each fact came from: ``expect``, ``brief`` or ``request``."""

    @property
    def clouds(self) -> frozenset[str]:
        return self.platforms - {"on-prem", "air-gapped"}

    @property
    def on_prem_only(self) -> bool:
        return bool(self.platforms & {"on-prem", "air-gapped"}) and not self.clouds


def _brief(ctx: CheckContext, name: str, default: Any = None) -> Any:
    return getattr(ctx.brief, name, default) if ctx.brief is not None else default


def _labelled(ctx: CheckContext, facts: Facts, name: str, guess: Any) -> Any:
    """``name`` from the case labels, else the brief, else ``guess`` (read from the request)."""
    expect = ctx.expect
    value = getattr(expect, name, None) if expect is not None else None
    if value is not None:
        facts.source[name] = "expect"
        return value
    value = _brief(ctx, name)
    if value is not None:
        facts.source[name] = "brief"
        return value
    facts.source[name] = "request"
    return guess() if callable(guess) else guess


def _request_problem_type(request: str) -> str | None:
    for kind, pattern in _PROBLEM_PATTERNS:
        if pattern.search(request):
            return kind
    return None


def _request_serving(request: str) -> str | None:
    lex = lexicon()
    edge = lex.patterns("request_facts", "edge")
    if edge.search(request):
        return "edge"
    if lex.patterns("request_facts", "streaming").search(request):
        return "streaming"
    realtime = lex.patterns("request_facts", "real_time").search(request)
    batch = lex.patterns("request_facts", "batch").search(request)
    if realtime and batch:
        return "hybrid"
    if realtime:
        return "real-time"
    if batch:
        return "batch"
    return None


def request_platforms(request: str) -> set[str]:
    lex = lexicon()
    found = {cloud for cloud, pattern in lex.cloud_requests.items() if pattern.search(request)}
    if lex.air_gapped_request.search(request):
        found |= {"air-gapped", "on-prem"}
    elif has(lex.on_prem_request, request):
        found.add("on-prem")
    return found


def request_team_size(request: str) -> int | None:
    lex = lexicon()
    words = lex.data["request_facts"]["numbers_words"]
    nouns = "|".join(lex.data["request_facts"]["team_nouns"])
    number = r"(\d{1,3}|" + "|".join(words) + r")"
    patterns = [
        rf"(?<!\w){number}\s+(?:(?:ML|data|senior|full-time)\s+)?(?:{nouns})\b",
        rf"team of {number}\b",
        rf"(?:somos|nous sommes|we are|we're)\s+{number}\b",
    ]
    for p in patterns:
        m = re.search(p, request, re.IGNORECASE)
        if m:
            token = m.group(1).lower()
            return int(token) if token.isdigit() else int(words[token])
    return None


def request_latency_limit(request: str) -> float | None:
    """The tightest latency bound the request states, in ms (a range counts by its upper end)."""
    limits: list[float] = []
    for m in _LATENCY_RANGE.finditer(request):
        scale = 1 if m.group(3).lower() == "ms" else 1000
        limits.append(max(float(m.group(1)), float(m.group(2))) * scale)
    for m in _LATENCY_BOUND.finditer(request):
        scale = 1 if m.group(2).lower() == "ms" else 1000
        limits.append(float(m.group(1)) * scale)
    return min(limits) if limits else None


def is_capacity(text: str, start: int, end: int, value: float) -> bool:
    """Whether ``value``, written at ``text[start:end]``, is the capacity of the people who act on
    predictions.

    Read from its clause: a role and (in other words) a verb of working through a queue before it
    ("investigators can review 60 claims a day", "caseworkers do 120 visits"), a human capacity before
    it ("review capacity: 60/day"), or a cue after it ("60 claims per investigator", "can be reviewed").
    Machine units (requests, events, per second) and amounts no team works through are never one.
    """
    lex = lexicon()
    cues = ("request_facts", "capacity")
    if value > lex.data["request_facts"]["capacity"]["max"]:
        return False
    before = text[max(0, start - 100) : start]
    breaks = list(CLAUSE_END.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = text[end : end + 60]
    cut = CLAUSE_END.search(after)
    if cut:
        after = after[: cut.start()]
    if lex.patterns(*cues, "machine").search(after[:30]):
        return False
    if lex.patterns(*cues, "capacity").search(before) or lex.patterns(*cues, "after").search(after):
        return True
    roles = [m.span() for m in lex.patterns(*cues, "roles").finditer(before)]
    if not roles:
        return False
    return any(
        all(m.end() <= a or b <= m.start() for a, b in roles)
        for m in lex.patterns(*cues, "verbs").finditer(before)
    )


def request_rates(request: str) -> list[Rate]:
    rates: list[Rate] = []
    for q in quantities(request):
        if q.value < 10:
            continue
        tail = request[q.end : q.end + 48]
        unit = _RATE_UNITS.match(tail)
        if unit is None:
            continue
        noun = unit.group("unit").strip()
        capacity = is_capacity(request, q.start, q.end, q.value)
        word = unit.group("word").lower()
        per_unit = _per_unit(request, q.start, q.end + unit.end(), word)
        rates.append(Rate(q.value, per_of(noun), noun, word, capacity, per_unit))
    return rates


_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:per|each|/|in each|at each)\s*(?:of (?:our|the|its) \d+ )?"
    r"(?!(?:s|sec|second|min|minute|h|hour|d|day|week|month|year|the|our|a|an)\b)(?P<unit>[a-z]{2,})",
    re.IGNORECASE,
)
_PER_UNIT_BEFORE = re.compile(
    r"(?:\beach (?:of (?:our|the|its|these) \d+ )?(?P<unit>[a-z]{2,})|\b\d+ (?:[a-z-]+ )?(?P<units>[a-z]{2,}) each)"
    r"[^.;!?]{0,60}$",
    re.IGNORECASE,
)


def _per_unit(request: str, start: int, end: int, word: str) -> bool:
    """Whether the rate written at ``request[start:end]`` is per line, store or user rather than the
    total (a rate "per transaction" of transactions says nothing more)."""
    match = _PER_UNIT_AFTER.match(request[end : end + 40]) or _PER_UNIT_BEFORE.search(
        request[max(0, start - 90) : start]
    )
    if match is None:
        return False
    unit = (match.groupdict().get("unit") or match.group("units") or "").lower()
    return unit[:4] != word[:4]


REGULATED_DOMAINS = ("health", "credit", "insurance", "hiring")
# Rubric items that exist only for regulated decisions: a case that labels one says the domain is.
_REGULATED_ITEMS = re.compile(r"^\s*(?:G-06|FE-07|AP-14|AP-15)\b")


def request_regulated(request: str, problem_type: str | None = None) -> str | None:
    """The regulated domain of a decision about a person the request describes (G-06), else ``None``.

    A strong cue of a domain settles it; a weak one needs a cue of the domain's context as well. Words
    inside a list of labels do not count, and a forecast decides about a person only per person.
    """
    lex = lexicon()
    rf = "request_facts"
    if problem_type == "forecasting" and not lex.patterns(rf, "regulated_person_series").search(request):
        return None  # an insurer's call volume, a hospital's bed occupancy: aggregates, nobody's decision
    for m in lex.patterns(rf, "regulated_labels").finditer(request):
        for group in ("list", "such"):
            start, end = m.span(group)
            if start >= 0:
                request = request[:start] + " " * (end - start) + request[end:]
    for domain in REGULATED_DOMAINS:
        if lex.patterns("request_facts", "regulated", domain, "strong").search(request):
            return domain
        if lex.patterns("request_facts", "regulated", domain, "weak").search(request):
            if lex.patterns("request_facts", "regulated", domain, "context").search(request):
                return domain
    return None


def _regulated(ctx: CheckContext, facts: Facts, request: str) -> str | None:
    """Labels first: a case that requires G-06, FE-07, AP-14 or AP-15 is regulated. Then the brief, whose
    ``regulated`` (a domain or ``None``) decides. Only then the request text."""
    expect = ctx.expect
    if expect is not None and any(_REGULATED_ITEMS.match(i) for i in [*expect.must, *expect.must_not]):
        facts.source["regulated"] = "expect"
        return _brief(ctx, "regulated") or request_regulated(request, facts.problem_type) or "regulated"
    if ctx.brief is not None and hasattr(ctx.brief, "regulated"):
        facts.source["regulated"] = "brief"
        return ctx.brief.regulated  # type: ignore[no-any-return]
    facts.source["regulated"] = "request"
    return request_regulated(request, facts.problem_type)


def read_facts(ctx: CheckContext) -> Facts:
    """Resolve every fact for ``ctx`` (labels, then brief, then request text)."""
    request = ctx.request or _brief(ctx, "request", "") or ""
    lex = lexicon()
    facts = Facts()
    rf = "request_facts"
    facts.problem_type = _labelled(ctx, facts, "problem_type", lambda: _request_problem_type(request))
    facts.serving_mode = _labelled(ctx, facts, "serving_mode", lambda: _request_serving(request))
    facts.temporal = _labelled(
        ctx, facts, "temporal", lambda: bool(lex.patterns(rf, "temporal").search(request))
    )
    facts.imbalanced = _labelled(
        ctx,
        facts,
        "imbalanced",
        lambda: (
            bool(lex.patterns(rf, "imbalanced").search(request))
            if facts.problem_type in CLASSIFICATION_TYPES
            else None
        ),
    )
    platforms = request_platforms(request)
    cloud = _brief(ctx, "cloud")
    if cloud and cloud != "unspecified":
        platforms.add(cloud)
        if cloud == "air-gapped":
            platforms.add("on-prem")
    facts.platforms = frozenset(platforms)
    facts.regulated = _regulated(ctx, facts, request)
    gpu = _brief(ctx, "gpu")
    facts.no_gpu = gpu is False or (gpu is None and bool(lex.patterns(rf, "no_gpu").search(request)))
    budget = _brief(ctx, "budget")
    facts.budget_tight = budget == "tight" or (
        budget in (None, "unspecified") and bool(lex.patterns(rf, "budget").search(request))
    )
    facts.team_size = _brief(ctx, "team_size") or request_team_size(request)
    maturity = _brief(ctx, "maturity")
    facts.first_model = maturity == "first-model" or bool(lex.patterns(rf, "first_model").search(request))
    facts.small_team = (facts.team_size is not None and facts.team_size <= 5) or bool(
        lex.patterns(rf, "small_team").search(request)
    )
    facts.label_delay_days = _brief(ctx, "label_delay_days")
    latency = _brief(ctx, "latency")
    facts.latency_limit_ms = getattr(latency, "p99_ms", None) or request_latency_limit(request)
    modality = _brief(ctx, "modality")
    facts.modality = UNSTRUCTURED_TYPES.get(facts.problem_type or "", modality or "tabular")
    facts.repeated_entities = bool(lex.patterns(rf, "repeated_entities").search(request))
    facts.rates = request_rates(request)
    return facts
