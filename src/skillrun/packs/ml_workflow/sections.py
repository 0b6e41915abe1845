"""One pydantic model per report section, and how each maps onto the Output Format.

The models are what a section agent asks a backend for, so they are kept friendly to every provider's
structured-output mode: no dict fields, no open objects, every field typed. ``to_body`` turns a section
into the template's tables, bold fields and diagram; column names and row labels are spelled exactly as
the skill's Output Format prescribes, and the renderer refuses anything else.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...report import SectionBody, Table
from .brief import ProblemType, ServingMode

LeakageRisk = Literal["Low", "Med", "High"]

PROBLEM_TYPE_LABELS: dict[str, str] = {
    "binary_classification": "Binary classification",
    "multiclass_classification": "Multiclass classification",
    "multilabel_classification": "Multilabel classification",
    "regression": "Regression",
    "ranking": "Ranking",
    "recommendation": "Recommendation",
    "forecasting": "Forecasting",
    "anomaly_detection": "Anomaly detection",
    "text_classification": "Text classification",
    "sequence_labeling": "Sequence labeling",
    "image_classification": "Image classification",
    "object_detection": "Object detection",
    "image_segmentation": "Image segmentation",
    "audio_classification": "Audio classification",
    "uplift_modeling": "Uplift modeling",
    "clustering": "Clustering (segmentation, no target)",
}

SERVING_MODE_LABELS: dict[str, str] = {
    "batch": "Batch",
    "real-time": "Real-time",
    "streaming": "Streaming",
    "edge": "Edge",
    "hybrid": "Hybrid",
}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes: list[str] = Field(
        default_factory=list, description="Short extra points shown as a list under the section's table."
    )

    def to_body(self) -> SectionBody:  # pragma: no cover - every section overrides it
        raise NotImplementedError


def _joined(head: str, detail: str) -> str:
    return f"{head}: {detail}" if detail else head


class ProblemDefinition(_Section):
    problem_type: ProblemType
    problem_type_detail: str = Field(
        description="One line on the framing: what exactly is predicted, balance."
    )
    target_variable: str = Field(
        description="Entity, event, horizon, prediction point; label source and delay."
    )
    business_metric: str = Field(description="Money, rate or time metric the business tracks.")
    evaluation_metric: str = Field(
        description="Offline ML metric fitting the problem type and class balance."
    )
    baseline_performance: str = Field(description="A non-ML or trivial baseline with its (expected) number.")
    success_threshold: str = Field(description="Numeric bar on the evaluation metric versus the baseline.")

    def to_body(self) -> SectionBody:
        label = PROBLEM_TYPE_LABELS[self.problem_type]
        rows = [
            ["Problem type", _joined(label, self.problem_type_detail)],
            ["Target variable", self.target_variable],
            ["Business metric", self.business_metric],
            ["Evaluation metric", self.evaluation_metric],
            ["Baseline performance", self.baseline_performance],
            ["Success threshold", self.success_threshold],
        ]
        return SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=rows)], notes=self.notes)


class FeatureRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feature: str
    source: str
    transformation: str
    type: str = Field(description="Data type: numeric, categorical, boolean, text, embedding, ...")
    leakage_risk: LeakageRisk
    leakage_note: str = Field("", description="For Med/High: the mitigation (as-of join, cutoff, exclusion).")

    def cells(self) -> list[str]:
        risk = _joined(self.leakage_risk, self.leakage_note) if self.leakage_note else self.leakage_risk
        return [self.feature, self.source, self.transformation, self.type, risk]


class FeatureEngineering(_Section):
    features: list[FeatureRow] = Field(min_length=5)
    feature_store: bool
    feature_store_detail: str = Field(description="Tool choice and rationale by the feature-store criteria.")

    def to_body(self) -> SectionBody:
        table = Table(
            columns=["Feature", "Source", "Transformation", "Type", "Leakage Risk"],
            rows=[f.cells() for f in self.features],
        )
        decision = "Yes" if self.feature_store else "No"
        return SectionBody(
            tables=[table],
            fields={"Feature store": f"{decision} — {self.feature_store_detail}"},
            notes=self.notes,
        )


class ChoiceWithRationale(BaseModel):
    model_config = ConfigDict(extra="forbid")

    choice: str
    rationale: str


class ExperimentTracking(_Section):
    tool: ChoiceWithRationale
    whats_tracked: ChoiceWithRationale
    organization: ChoiceWithRationale

    def to_body(self) -> SectionBody:
        rows = [
            ["Tool", self.tool.choice, self.tool.rationale],
            ["What's tracked", self.whats_tracked.choice, self.whats_tracked.rationale],
            ["Organization", self.organization.choice, self.organization.rationale],
        ]
        return SectionBody(
            tables=[Table(columns=["Aspect", "Choice", "Rationale"], rows=rows)], notes=self.notes
        )


class Stage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool_method: str
    notes: str


class TrainingPipeline(_Section):
    diagram: str = Field(
        description="ASCII diagram: data -> validate -> features -> train -> evaluate -> register."
    )
    data_split: Stage
    training: Stage
    tuning: Stage
    validation: Stage
    registry: Stage

    def to_body(self) -> SectionBody:
        stages = [
            ("Data split", self.data_split),
            ("Training", self.training),
            ("Tuning", self.tuning),
            ("Validation", self.validation),
            ("Registry", self.registry),
        ]
        table = Table(
            columns=["Stage", "Tool/Method", "Notes"],
            rows=[[label, s.tool_method, s.notes] for label, s in stages],
        )
        return SectionBody(tables=[table], diagram=self.diagram, notes=self.notes)


class ModelServing(_Section):
    serving_mode: ServingMode
    serving_detail: str = Field(description="How predictions reach the consumer in this mode.")
    latency_p50_ms: float | None = Field(None, description="Target p50 in ms (None for pure batch).")
    latency_p99_ms: float | None = Field(None, description="Target p99 in ms (None for pure batch).")
    latency_sla: str = Field(
        description="p50/p99 with the budget breakdown, or the batch completion deadline."
    )
    throughput: str = Field(description="Peak and average load with the derivation from the request.")
    scaling: str
    fallback: str

    def to_body(self) -> SectionBody:
        rows = [
            ["Serving mode", _joined(SERVING_MODE_LABELS[self.serving_mode], self.serving_detail)],
            ["Latency SLA", self.latency_sla],
            ["Throughput", self.throughput],
            ["Scaling", self.scaling],
            ["Fallback", self.fallback],
        ]
        return SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=rows)], notes=self.notes)


class SampleSizePlan(BaseModel):
    """The inputs and results of the power calculation; the numbers are always recomputed by code."""

    model_config = ConfigDict(extra="forbid")

    metric_kind: Literal["proportion", "mean"]
    baseline: float = Field(description="Baseline rate (proportion) or mean of the primary metric.")
    std_dev: float | None = Field(None, description="Standard deviation, for a mean metric.")
    mde_relative: float = Field(description="Minimum detectable effect relative to the baseline, e.g. 0.05.")
    alpha: float = 0.05
    power: float = 0.8
    arms: int = 2
    daily_eligible_units: float
    traffic_fraction: float = Field(1.0, description="Share of eligible units in the experiment (all arms).")
    label_window_days: int = Field(0, description="Days after assignment until the outcome is observed.")
    clusters: int | None = Field(
        None, description="Clusters (sites, stores, hospitals) randomised across all arms; None when units are."
    )
    icc: float | None = Field(None, description="Assumed intra-cluster correlation, for a cluster design.")
    slot_size: float | None = Field(
        None, description="Switchback: units per randomised region-slot (m), for the design effect with icc."
    )
    audience: float | None = Field(
        None,
        description="A fixed set of units available once (a campaign's mailing list, a fleet of servers): the test "
        "is feasible or not with it; no daily rate enrols more.",
    )
    audience_noun: str = Field("unit", description="What one unit of the audience is, e.g. 'customer', 'server'.")
    exposure_days: int = Field(
        0, description="With an audience: days the treatment runs (the campaign or send; a week for a fleet)."
    )
    n_per_arm: int = 0
    enrollment_days: int = 0
    total_days: int = 0
    cluster_size: float = Field(0.0, description="Computed: observations per cluster over the test (m).")
    design_effect: float = Field(1.0, description="Computed: 1 + (m - 1) x ICC.")
    n_clustered: int = Field(0, description="Computed: n per arm inflated by the design effect.")
    feasible: bool = Field(True, description="Computed: False when no test length within a year reaches power.")
    detectable_mde: float | None = Field(
        None, description="Computed, with an audience too small for the MDE: the relative effect it can detect."
    )


class ABTesting(_Section):
    randomization_unit: str = Field(description="user, account, device, store, cluster, switchback slot, ...")
    traffic_split: str
    primary_metric: str
    guardrail_metrics: str
    min_duration: str = Field(description="Duration with the arithmetic; includes the label window.")
    rollback_criteria: str
    plan: SampleSizePlan | None = Field(
        None, description="The power calculation; None when a plain A/B is not feasible (see notes)."
    )

    def to_body(self) -> SectionBody:
        # The template has no row for the unit, and a split means little without it: it rides along.
        split = self.traffic_split
        if self.randomization_unit and self.randomization_unit.lower() not in split.lower():
            split = f"{split}; randomisation unit: {self.randomization_unit}"
        rows = [
            ["Traffic split", split],
            ["Primary metric", self.primary_metric],
            ["Guardrail metrics", self.guardrail_metrics],
            ["Min duration", self.min_duration],
            ["Rollback criteria", self.rollback_criteria],
        ]
        return SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=rows)], notes=self.notes)


class Monitor(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool: str
    threshold: str = Field(description="Named statistic with a numeric threshold.")
    action: str


class MonitoringDrift(_Section):
    data_drift: Monitor
    model_drift: Monitor
    concept_drift: Monitor
    operational: Monitor
    retraining_policy: str = Field(
        description="Scheduled / Triggered / Continuous with cadence, triggers, gate."
    )

    def to_body(self) -> SectionBody:
        monitors = [
            ("Data drift", self.data_drift),
            ("Model drift", self.model_drift),
            ("Concept drift", self.concept_drift),
            ("Operational", self.operational),
        ]
        table = Table(
            columns=["Monitor", "Tool", "Threshold", "Action"],
            rows=[[label, m.tool, m.threshold, m.action] for label, m in monitors],
        )
        return SectionBody(
            tables=[table], fields={"Retraining policy": self.retraining_policy}, notes=self.notes
        )


SECTION_TYPES: dict[str, type[_Section]] = {
    cls.__name__: cls
    for cls in (
        ProblemDefinition,
        FeatureEngineering,
        ExperimentTracking,
        TrainingPipeline,
        ModelServing,
        ABTesting,
        MonitoringDrift,
    )
}
