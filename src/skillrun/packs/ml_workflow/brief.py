"""The Brief: what intake understood from the request, plus everything it had to assume.

The six Inputs of the skill (problem type, data sources, model complexity, serving requirements, team
and maturity, infrastructure) are fields here, with the figures the later sections need (traffic,
latency, label delay). Whatever the request did not say is filled with a default *and* recorded in
``assumptions`` with the value used, so the report never passes a guess off as a fact.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ProblemType = Literal[
    "binary_classification",
    "multiclass_classification",
    "multilabel_classification",
    "regression",
    "ranking",
    "recommendation",
    "forecasting",
    "anomaly_detection",
    "text_classification",
    "sequence_labeling",
    "image_classification",
    "object_detection",
    "image_segmentation",
    "audio_classification",
    "uplift_modeling",
    # Not in the rubric's vocabulary (§0.1): segments asked for with no target to predict.
    "clustering",
]
PROBLEM_TYPES: tuple[str, ...] = ProblemType.__args__  # type: ignore[attr-defined]
RUBRIC_PROBLEM_TYPES: tuple[str, ...] = tuple(t for t in PROBLEM_TYPES if t != "clustering")
"""The rubric's vocabulary (§0.1), the classes the learned second opinion knows; clustering is read by rules alone."""

ServingMode = Literal["batch", "real-time", "streaming", "edge", "hybrid"]
SERVING_MODES: tuple[str, ...] = ServingMode.__args__  # type: ignore[attr-defined]

Cloud = Literal["aws", "gcp", "azure", "alibaba", "on-prem", "air-gapped", "unspecified"]
Maturity = Literal["first-model", "growing", "platform"]
Complexity = Literal["simple", "tree-based", "deep-learning"]
Modality = Literal["tabular", "text", "image", "audio", "time-series", "mixed"]
UNSTRUCTURED: tuple[Modality, ...] = ("text", "image", "audio", "mixed")
"""Inputs a model reads through learned representations (embeddings), not as table fields; "mixed" is an
item read from its photos and its text."""
Budget = Literal["tight", "moderate", "ample", "unspecified"]
Regulated = Literal["credit", "insurance", "health", "hiring"]


class _Strict(BaseModel):
    # extra="forbid" keeps the JSON schema strict-mode friendly for the LLM backends.
    model_config = ConfigDict(extra="forbid")


class Assumption(_Strict):
    """Something the request did not say, and the value the design uses instead."""

    field: str = Field(description="Brief field or quantity assumed, e.g. 'traffic.peak_rps'.")
    value: str = Field(description="The value used, with units.")
    reason: str = Field(description="Why this value: typical for the domain, implied by the request, ...")

    def line(self) -> str:
        return f"{self.field}: {self.value} ({self.reason})"


class Traffic(_Strict):
    peak_rps: float | None = Field(None, description="Peak requests or events per second.")
    daily_volume: float | None = Field(None, description="Predictions per day (rows per batch for batch).")
    daily_eligible_units: float | None = Field(
        None, description="Randomisation units (users, accounts, devices) entering an experiment per day."
    )
    unit: str = Field("request", description="What one prediction is about: transaction, user, SKU-day, ...")
    clusters: int | None = Field(
        None, description="Sites, stores or hospitals the request names: the units of a cluster-randomised test."
    )
    cluster_noun: str | None = Field(None, description="What a cluster is, e.g. 'store', 'hospital'.")
    history_rows: float | None = Field(
        None, description="Labelled history the request states (400k past claims; 60 hotels x 90 days): training rows, not traffic."
    )


class Latency(_Strict):
    p50_ms: float | None = Field(None, description="Stated or implied median latency budget in ms.")
    p99_ms: float | None = Field(None, description="Stated or implied tail latency budget in ms.")
    tail_percentile: float | None = Field(
        None, description="The percentile p99_ms was stated at when not p99, e.g. 95 for 'p95 under 80 ms'."
    )
    deadline: str | None = Field(None, description="For batch: when scores must be ready, e.g. '06:00 UTC'.")

    @property
    def tail(self) -> str:
        """The tail budget's percentile as the request named it: "p99" unless it said "p95" or "p99.9"."""
        return f"p{self.tail_percentile or 99:g}"


class Brief(_Strict):
    """The structured reading of an ML Workflow request."""

    request: str = Field(description="The request text as given.")
    project_name: str = Field(description="Short name for the title, e.g. 'Subscriber churn prediction'.")
    language: str = Field("en", description="ISO 639-1 code of the request's language.")
    problem_type: ProblemType
    target: str = Field(description="What is predicted, operationally: entity, event, horizon.")
    entity: str = Field(description="The unit a prediction is about: customer, transaction, SKU-store, ...")
    horizon: str | None = Field(None, description="Prediction horizon or window, e.g. '30 days'.")
    domain: str = Field("general", description="Business domain: retail, fintech, health, ads, ...")
    data_sources: list[str] = Field(default_factory=list)
    feature_candidates: list[str] = Field(default_factory=list)
    modality: Modality = "tabular"
    model_complexity: Complexity = "tree-based"
    serving_mode: ServingMode
    team_size: int | None = None
    maturity: Maturity = "growing"
    cloud: Cloud = "unspecified"
    gpu: bool | None = Field(
        None, description="True if GPUs are available, False if ruled out, None if not said."
    )
    budget: Budget = "unspecified"
    edge_target: str | None = Field(None, description="Device class for edge serving: phone, MCU, gateway.")
    traffic: Traffic = Field(default_factory=Traffic)
    latency: Latency = Field(default_factory=Latency)
    label_delay_days: float | None = Field(None, description="Days until the true label is known.")
    temporal: bool = Field(description="True when a random split would leak the future.")
    imbalanced: bool | None = None
    base_rate: float | None = Field(
        None, description="Share of positives (0-1) for classification, if known."
    )
    regulated: Regulated | None = None
    decision: str | None = Field(None, description="Who acts on a prediction and how, e.g. '40 calls/day'.")
    existing_baseline: str | None = Field(
        None, description="The rule system or model in place today, if any."
    )
    constraints: list[str] = Field(default_factory=list)
    assumptions: list[Assumption] = Field(default_factory=list)
