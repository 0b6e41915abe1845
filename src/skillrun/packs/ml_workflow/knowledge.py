"""The expert engine's knowledge base: ``skill/ml-workflow/knowledge/*.yaml``, validated and cached.

The YAML files hold every catalogue and threshold (tools per platform, metrics per problem type, domain
profiles with their feature templates, drift statistics, intake lexicons); this module only gives them
types and compiles the cue lists into regular expressions, once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..._content import find_content
from ...errors import KnowledgeError
from ._cues import Cues, cues_from
from ._english import plural
from ._frames import frames_from
from ._learned import IntakeModel


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeatureTemplate(_Model):
    feature: str
    kind: str
    transformation: str
    type: str
    risk: str
    note: str = ""


class ABProfile(_Model):
    unit: str
    metric: str
    kind: str
    baseline: float | None = None
    sd: float | None = None
    mde: float
    harm: list[str]
    design: str


class DomainVariant(_Model):
    """A profile's facts for a narrower kind of request (an uplift offer that retains members rather than
    sells, an extraction of medications rather than invoice fields): ``when`` patterns run on the folded
    request, and the first variant that matches replaces the listed fields of the profile."""

    when: list[str]
    override: dict[str, Any]


class Domain(_Model):
    id: str
    cues: dict[str, list[str]] = Field(default_factory=dict)
    subject: dict[str, list[str]] | None = None
    """Who or what the profile predicts about (patients, customers), per language. When given, a cue
    counts only in a request that also names the subject: an event word shared with another field (an
    airline passenger's "no-show", a battery's "discharge", a compound's "retention time") must not lend
    a clinic's or a subscription's profile."""
    problem_type: str
    serving: str
    temporal: bool
    modality: str = "tabular"
    regulated: str | None = None
    name: str
    entity: str
    unit: str
    horizon_days: float
    target: str
    label_source: str
    label_delay_days: float
    base_rate: float | None = None
    daily_volume: float | None = None
    business_metric: str
    decision: str
    baseline: str
    feedback_loop: str
    leaky: str
    ab: ABProfile
    features: list[FeatureTemplate] = Field(min_length=5)
    cadence: str | None = None
    period: str | None = None
    """The period of a forecast profile's target ("day" in SKU-store-day); a period the request states replaces it."""
    what: str | None = None
    """Generic profiles: the default for ``{what}`` in the target (the request's own words replace it)."""
    source: str | None = None
    """Where the profile's facts come from (rubric items, sources of ../shared/reference/ml-rubric.md §0)."""
    variants: list[DomainVariant] = Field(default_factory=list)
    metric: dict[str, Any] | None = None
    """Replaces the problem type's metric fields (``metric``, ``short``, ``higher_is_better``, ...) for this
    profile: a wake word is judged by false rejects at a false-accept rate, other audio by its classes."""

    @property
    def generic(self) -> bool:
        return self.id.startswith(GENERIC_PREFIX)

    def for_entity(self, entity: str, what: str | None = None, period: str | None = None) -> Domain:
        """This profile with ``{entity}``, ``{Entity}``, ``{entity_key}``, ``{what}`` and ``{period}`` filled in."""
        if not self.generic:
            return self
        key = re.sub(r"[^a-z0-9]+", "_", entity.lower()).strip("_") or "record"
        fills = {
            "{entity}s": plural(entity),
            "{entity_key}": key, "{Entity}": entity[:1].upper() + entity[1:], "{entity}": entity,
            "{what}": what or self.what or "", "{period}": period or "period",
        }  # fmt: skip
        return Domain.model_validate({**_fill(self.model_dump(), fills), "entity": entity, "period": period})


GENERIC_PREFIX = "generic_"


def _fill(value: Any, fills: dict[str, str]) -> Any:
    if isinstance(value, str):
        for placeholder, text in fills.items():
            value = value.replace(placeholder, text)
        return value
    if isinstance(value, dict):
        return {k: _fill(v, fills) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, fills) for v in value]
    return value


class ProblemType(_Model):
    metric: str
    short: str
    imbalanced_metric: str | None = None
    imbalanced_short: str | None = None
    balanced_metric: str | None = None
    higher_is_better: bool
    gain: float
    baseline: str
    ladder: dict[str, str]
    split: str
    source: str


class Platform(_Model):
    label: str
    storage: str
    warehouse: str
    data_versioning: str
    tracker: str
    tracker_simple: str
    orchestrator: str
    orchestrator_simple: str
    registry: str
    registry_simple: str
    tuning: str
    batch: str
    batch_simple: str
    realtime: str
    realtime_simple: str
    streaming: str
    edge: str
    online_store: str
    feature_store: str
    drift: str
    ops: str
    data_quality: str
    stream_engine: str
    cost: str
    source: str


class EdgeTarget(_Model):
    cues: list[str]
    runtime: str
    size_budget: str
    latency_ms: tuple[float, float]
    compression: str
    update: str
    # Device health in the fleet, which is what the operational monitor watches: no cloud GPU dashboard sees it.
    telemetry: str = "device CPU and memory, temperature and throttling, uptime"
    source: str


class UnitCosts(_Model):
    """Prices and work rates behind the order-of-magnitude monthly cost (platforms.yaml ``unit_costs``)."""

    source: str
    cpu_hour: float
    small_vm_hour: float
    gpu_inference_hour: float
    gpu_training_hour: float
    spot_discount: float
    hours_per_month: float
    rps_per_replica: dict[str, float]
    rows_per_worker_hour: dict[str, float]
    training_hours: dict[str, float]
    min_replicas: int
    min_job_hours: float


class Design(_Model):
    label: str
    split: str
    ramp: str
    # The same steps for a scheduled batch, which has no live traffic to shift: shares of entities per run.
    ramp_batch: str | None = None
    note: str
    icc: float | None = None


class DataSource(_Model):
    name: str
    cues: list[str]
    kind: str
    cloud: str | None = None


class Knowledge:
    """Everything the intake and the designers read, typed; build it with :func:`knowledge`."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        lex = raw["lexicon"]
        self.lexicon = lex
        self.language_words = {lang: set(words) for lang, words in lex["languages"].items()}
        self.language_endings = {lang: tuple(ends) for lang, ends in lex["language_endings"].items()}
        self.language_senses = {
            lang: [(re.compile(pattern), str(word)) for pattern, word in senses.items()]
            for lang, senses in (lex.get("language_senses") or {}).items()
        }
        self.problem_cues = {name: cues_from(e) for name, e in lex["problem_types"].items()}
        self.serving_cues = {name: cues_from(e) for name, e in lex["serving_modes"].items()}
        self.cloud_cues = {name: cues_from(e) for name, e in lex["clouds"].items()}
        self.gpu_cues = {name: cues_from(e) for name, e in lex["gpu"].items()}
        self.budget_cues = {name: cues_from(e) for name, e in lex["budget"].items()}
        self.maturity_cues = {name: cues_from(e) for name, e in lex["maturity"].items()}
        self.regulated_cues = {name: cues_from(e) for name, e in lex["regulated"].items()}
        self.regulated_strong = {name: cues_from(e) for name, e in lex["regulated_strong"].items()}
        subject = lex["regulated_subject"]
        self.class_nouns: str = subject["class_nouns"]
        self.person_series = cues_from(subject["person_series"])
        self.hiring_people = cues_from(subject["hiring_people"])
        self.regulated_people = cues_from(subject["people"])
        self.regulated_things = cues_from({k: subject["equipment"][k] + subject["routing"][k] for k in subject["routing"]})
        self.job_audience = cues_from(subject["job_audience"])
        self.forecast_series: dict[str, list[str]] = {k: [str(c) for c in v] for k, v in lex["forecast_series"].items()}
        self.unit_cues = {name: cues_from(e) for name, e in lex["units"].items()}
        self.edge_strong = cues_from(lex["edge_strong"])
        self.edge_sited = cues_from(lex["edge_sited"])
        self.edge_itself = cues_from(lex["edge_itself"])
        self.problem_rules = {name: cues_from(e) for name, e in lex["problem_rules"].items()}

        self.domains = [Domain.model_validate(d) for d in raw["domains"]["domains"]]
        self.domain_cues = {d.id: cues_from(d.cues) for d in self.domains}
        self.domain_subjects = {d.id: cues_from(d.subject) for d in self.domains if d.subject}
        self.domain_by_id = {d.id: d for d in self.domains}
        gen = raw["generic"]
        self.generic = {
            pt: Domain.model_validate({"id": GENERIC_PREFIX + pt, "problem_type": pt, **profile})
            for pt, profile in gen["generic"].items()
        }
        self.generic_by_source = {k: FeatureTemplate.model_validate(v) for k, v in gen["by_source"].items()}
        self.listed_inputs = gen["listed_inputs"]
        self.entity_words = {w: e for lang in lex["entities"].values() for w, e in lang.items()}
        for singular in set(self.entity_words.values()):
            self.entity_words.setdefault(singular, singular)  # "borrower" as well as "borrowers"
        self.temporal_signals = cues_from(lex["temporal_signals"])
        self.temporal_adversarial = cues_from(lex["temporal_adversarial"])
        self.temporal_history = cues_from(lex["temporal_history"])
        self.temporal_later_outcome = cues_from(lex["temporal_later_outcome"])
        self.problem_types = {
            k: ProblemType.model_validate(v) for k, v in raw["problem_types"]["problem_types"].items()
        }
        self.platforms = {k: Platform.model_validate(v) for k, v in raw["platforms"]["platforms"].items()}
        self.edge_targets = {
            k: EdgeTarget.model_validate(v) for k, v in raw["platforms"]["edge_targets"].items()
        }
        self.unit_costs = UnitCosts.model_validate(raw["platforms"]["unit_costs"])
        self.sources = [DataSource.model_validate(s) for s in raw["sources"]["sources"]]
        self.source_cues = [(s, Cues(s.cues)) for s in self.sources]
        self.monitoring = raw["monitoring"]
        self.drift = raw["monitoring"]["drift_statistics"]
        exp = raw["experiments"]
        self.designs = {k: Design.model_validate(v) for k, v in exp["designs"].items()}
        self.experiments = exp
        self.serving = raw["serving"]["modes"]
        tasks = raw["tasks"]
        self.modality_cues = {name: cues_from(e) for name, e in tasks["modalities"].items()}
        self.form_cues = {name: cues_from(e) for name, e in tasks["forms"].items()}
        self.consumption_cues = {name: cues_from(e) for name, e in tasks["consumption"].items()}
        self.form_frames = {name: frames_from(e) for name, e in tasks["forms"].items()}
        self.modality_frames = {name: frames_from(e) for name, e in tasks["modalities"].items()}
        self.consumption_frames = {name: frames_from(e) for name, e in tasks["consumption"].items()}
        self.time_cues = {name: cues_from(e) for name, e in tasks["time_dependence"].items()}
        self.intake_model = IntakeModel.from_data(raw["intake_model"], set(self.problem_types), set(self.serving))

    def domain_score(self, domain: Domain, text: str) -> float:
        """How strongly ``text`` points to the profile: its cue score, or 0 when the profile names a
        subject (``Domain.subject``) that the text does not mention."""
        subject = self.domain_subjects.get(domain.id)
        if subject is not None and not subject.count(text):
            return 0.0
        return self.domain_cues[domain.id].score(text)


_FILES = (
    "lexicon", "domains", "generic", "problem_types", "platforms", "sources", "monitoring", "experiments", "serving",
    "tasks", "intake_model",
)  # fmt: skip
_JSON = frozenset({"intake_model"})
"""Knowledge files written by a program (the intake's learned weights) are JSON, not YAML."""


def _file_name(name: str) -> str:
    return f"ml-workflow/knowledge/{name}.{'json' if name in _JSON else 'yaml'}"


def _beside_package(relative: str) -> Path | None:
    # A checkout whose skill/ folder has no SKILL.md yet is not a content root for find_content.
    here = Path(__file__).resolve()
    for candidate in (here.parents[4] / "skill" / relative, here.parents[2] / "_bundled" / "skill" / relative):
        if candidate.is_file():
            return candidate
    return None


def _paths() -> list[Path]:
    paths = []
    for name in _FILES:
        relative = _file_name(name)
        path = find_content("skill", relative) or _beside_package(relative)
        if path is None:
            raise KnowledgeError(f"knowledge file {relative} not found")
        paths.append(path)
    return paths


def build(texts: dict[str, str]) -> Knowledge:
    """Parse and validate the knowledge files (``{file stem: text}``) into a :class:`Knowledge`."""
    import json

    import yaml  # only needed when the compiled cache is missing or stale

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw: dict[str, dict[str, Any]] = {}
    for name, text in texts.items():
        try:
            raw[name] = json.loads(text) if name in _JSON else yaml.load(text, Loader=loader)
        except (yaml.YAMLError, ValueError) as exc:
            raise KnowledgeError(f"{_file_name(name)}: {exc}") from exc
    try:
        return Knowledge(raw)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise KnowledgeError(f"knowledge base is invalid: {exc}") from exc


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The knowledge base, validated once per process and reused from the on-disk cache when the YAML
    files are unchanged (see :mod:`._kbcache`)."""
    from ._kbcache import load_or_build

    texts = {}
    for name, path in zip(_FILES, _paths(), strict=True):
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{path}: {exc}") from exc
    return load_or_build(texts, build, Knowledge)
