"""Rubric properties asserted on the expert designers' output (ml-rubric.md §1-§10)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from rubric_worked_examples import WORKED

from skillrun.models import SectionTask
from skillrun.packs.ml_workflow import PACK
from skillrun.packs.ml_workflow.brief import Brief
from skillrun.packs.ml_workflow.design import design_report, design_section
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.sections import ABTesting, ProblemDefinition, SampleSizePlan
from skillrun.packs.ml_workflow.stats import complete_plan, n_per_arm_proportion

from .report_text import report_text

_spec = importlib.util.spec_from_file_location("own_requests", Path(__file__).with_name("requests.py"))
assert _spec and _spec.loader
_own = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_own)
REQUESTS = [text for text, *_ in _own.OWN_REQUESTS]

CLOUD_WORDS = {
    "aws": r"SageMaker|\bS3\b|Redshift|Athena|Kinesis|\bMSK\b|CloudWatch|DynamoDB|\bECS\b|\bEKS\b|ElastiCache|Step Functions|MWAA",
    "gcp": r"Vertex|BigQuery|Dataflow|Pub/Sub|Cloud Composer|\bGCS\b|Cloud Run|\bGKE\b|Bigtable|Memorystore|Cloud Monitoring|Dataproc",
    "azure": r"Azure|Synapse|Data Factory|Event Hubs|\bAKS\b|ADLS|Cosmos DB",
    "alibaba": r"\bPAI\b|PAI-|MaxCompute|DataWorks|Hologres|Realtime Compute",
}
SAAS = r"Weights & Biases|\bW&B\b|Neptune|Comet|Databricks|Snowflake"


def _report(text: str) -> tuple[Brief, dict, str]:
    brief = read_request(text)
    sections = design_report(brief)
    return brief, sections, report_text(sections)


@pytest.mark.parametrize("request_text", REQUESTS)
def test_rubric_properties(request_text: str) -> None:
    brief, sections, text = _report(request_text)
    pd, fe, tp, ms, ab, md = (
        sections["ProblemDefinition"], sections["FeatureEngineering"], sections["TrainingPipeline"],
        sections["ModelServing"], sections["ABTesting"], sections["MonitoringDrift"],
    )  # fmt: skip
    # G-02 no placeholders; never the ambiguous "OSS"
    assert not re.search(r"\b(TBD|TODO|lorem)\b|\?\?\?|<[^>]{0,20}>", text)
    assert not re.search(r"\bOSS\b", text)
    # G-04 / AP-07 platform consistency
    for cloud, words in CLOUD_WORDS.items():
        if cloud != brief.cloud:
            assert not re.search(words, text), (cloud, re.search(words, text))
    if brief.cloud in ("on-prem", "air-gapped"):
        assert not re.search(SAAS, text)
    # PD-04 / AP-02 never accuracy on imbalanced data
    if brief.imbalanced:
        assert "accuracy" not in pd.evaluation_metric.lower()
    # PD-06 quantitative threshold naming the metric
    assert re.search(r"(≥|>=|>|at least|\+)\s*\d", pd.success_threshold)
    # PD-10 label source and delay
    assert re.search(r"label[^\n]{0,200}(delay|days|weeks)", pd.target_variable)
    # FE-01/02 well-formed table, Med/High rows mitigated
    assert len(fe.features) >= 5
    assert all(row.leakage_note for row in fe.features if row.leakage_risk in ("Med", "High"))
    # TP-01 / AP-01 temporal split
    split = tp.data_split.tool_method + " " + tp.data_split.notes
    if brief.temporal:
        assert re.search(r"time-based|out-of-time|chronolog", split) and re.search(
            r"walk-forward|expanding window", split
        )
        assert not re.search(r"random split|shuffle|StratifiedKFold|(?<!Group)KFold", split)
    # TP-05 tuning budget; TP-06 gate with a number; TP-08 diagram with >= 6 stages and arrows
    assert re.search(r"\d+\s*trials", tp.tuning.tool_method)
    assert re.search(r"gate", tp.validation.tool_method) and re.search(r"\d", tp.validation.tool_method)
    stages = [
        "data source",
        "validate",
        "features",
        "train",
        "evaluate",
        "registry",
        "deploy",
        "monitor",
        "retrain",
    ]
    assert sum(stage in tp.diagram for stage in stages) >= 6 and "-->" in tp.diagram
    # MS-01 mode consistency, MS-02 percentiles within the stated limit
    assert ms.serving_mode == brief.serving_mode
    if ms.serving_mode == "batch":
        assert "deadline" in ms.latency_sla
    else:
        assert ms.latency_p50_ms is not None and ms.latency_p99_ms is not None
        assert ms.latency_p99_ms >= ms.latency_p50_ms
        if brief.latency.p99_ms:
            assert ms.latency_p99_ms <= brief.latency.p99_ms
        assert re.search(r"p50[^\n]{0,20}\d+\s*ms", ms.latency_sla) and re.search(
            r"p99[^\n]{0,20}\d+\s*ms", ms.latency_sla
        )
    assert re.search(r"fallback|fail-open|fail-closed|baseline|previous", ms.fallback, re.I)
    # AB-02 split sums to 100, AB-04 guardrails, AB-06/07 computed sample size, AB-08 SRM
    split_numbers = re.search(r"(\d+)/(\d+)", ab.traffic_split)
    if split_numbers:
        assert int(split_numbers.group(1)) + int(split_numbers.group(2)) == 100
    assert "SRM" in ab.guardrail_metrics and "chi-squared" in ab.guardrail_metrics
    assert ab.plan is not None and ab.plan.n_per_arm > 0
    assert ab.plan.total_days == ab.plan.enrollment_days + ab.plan.label_window_days
    assert complete_plan(ab.plan) == ab.plan
    assert re.search(r"\d", ab.rollback_criteria)
    # MD-01/02/04/08/09/11/12
    for monitor in (md.data_drift, md.model_drift, md.concept_drift, md.operational):
        assert re.search(r"\d", monitor.threshold) and monitor.action
    assert re.search(r"PSI|Wasserstein|Jensen|ROC AUC|Kolmogorov|ADWIN", md.data_drift.threshold)
    assert "P(y|x)" in md.concept_drift.threshold
    assert (
        re.search(r"weekly|monthly|daily|quarterly", md.retraining_policy) and "gate" in md.retraining_policy
    )
    assert re.search(r"older than \d+ days", md.retraining_policy)
    notes = " ".join(md.notes)
    assert "NaN" in notes and "data contracts" in notes and "schema" in notes
    # XC-02 metric reused in gate and monitoring
    assert re.split(r"[ ,(]", pd.evaluation_metric)[0] in tp.validation.tool_method + md.model_drift.threshold
    # G-06 regulated controls
    if brief.regulated:
        groups = [
            r"explain|SHAP|reason code",
            r"model card|documentation",
            r"fairness|protected",
            r"lineage|audit",
            r"PII|HIPAA|GDPR|privacy",
        ]
        assert sum(bool(re.search(g, text)) for g in groups) >= 4


def test_no_gpu_means_no_gpu_requirement() -> None:
    brief, sections, text = _report("fraud scoring on CPU-only servers, no GPU, on-prem, 200 TPS")
    assert not re.search(r"\bGPU\b|A100|H100|CUDA", text)


def test_first_model_stays_simple() -> None:
    brief, sections, text = _report(
        "we r a small startup (3 ppl), first model: predict trial conversion, postgres"
    )
    assert sections["FeatureEngineering"].feature_store is False
    assert not re.search(r"Kubeflow|Kafka|Flink", text)
    assert "logistic regression" in sections["TrainingPipeline"].training.tool_method


def test_platform_realtime_gets_feature_store() -> None:
    _, sections, _ = _report(
        "card fraud at authorization, 3k TPS, p99 < 80 ms, 15 ML engineers, feature store exists, AWS"
    )
    assert sections["FeatureEngineering"].feature_store is True


@pytest.mark.parametrize(("plan", "n", "total"), WORKED, ids=["E1", "E2", "E3"])
def test_worked_examples_e1_e3(plan: SampleSizePlan, n: int, total: int) -> None:
    done = complete_plan(plan)
    assert abs(done.n_per_arm - n) / n <= 0.01 and done.total_days == total


def test_designer_plan_matches_formula_and_includes_label_window() -> None:
    brief = read_request("Telco churn: 2M subscribers, 5% monthly churn, retention offers, batch, GCP")
    ab = design_section("ABTesting", brief)
    assert isinstance(ab, ABTesting) and ab.plan is not None
    p1 = ab.plan.baseline
    expected = n_per_arm_proportion(p1, p1 * (1 + ab.plan.mde_relative))
    assert abs(ab.plan.n_per_arm - expected) / expected <= 0.01
    assert (
        ab.plan.label_window_days >= 30
        and f"+ {ab.plan.label_window_days}-day outcome window" in ab.min_duration
    )


def test_inputs_keep_sections_consistent() -> None:
    brief = read_request("recommend articles on our homepage, GCP")
    pd = design_section("ProblemDefinition", brief)
    custom = pd.model_copy(update={"evaluation_metric": "MAP@20 on next-day clicks"})
    md = design_section("MonitoringDrift", brief, {"problem_definition": custom})
    tp = design_section("TrainingPipeline", brief, {"problem_definition": custom})
    assert isinstance(pd, ProblemDefinition)
    assert md.model_drift.threshold  # still complete
    assert tp.validation.tool_method


def test_pack_expert_and_finalize() -> None:
    brief = PACK.expert(
        SectionTask(skill="ml-workflow", step="intake", output_type=Brief, request="churn, GCP")
    )
    assert isinstance(brief, Brief)
    ab = PACK.expert(
        SectionTask(
            skill="ml-workflow", step="ab_testing", output_type=ABTesting, request="churn, GCP", brief=brief
        )
    )
    final = PACK.finalize(
        SectionTask(skill="ml-workflow", step="ab_testing", output_type=ABTesting, request="", brief=brief),
        ab,
    )
    assert final.plan == ab.plan and PACK.title(brief) and PACK.assumptions(brief)


def test_example_cases_rubric_specifics(shared: Path) -> None:
    cases = {
        c["id"]: c
        for c in map(json.loads, (shared / "evals" / "ml-workflow.cases.jsonl").read_text().splitlines())
    }
    _, s, text = _report(cases["ml-015"]["request"])
    assert "TFLite Micro" in text and "int8" in text and "speaker" in s["TrainingPipeline"].data_split.notes
    _, s, text = _report(cases["ml-011"]["request"])
    assert "IRB" in text and "40" in s["ProblemDefinition"].evaluation_metric
    _, s, _ = _report(cases["ml-005"]["request"])
    assert (
        s["FeatureEngineering"].feature_store is False
        and "popular" in s["ProblemDefinition"].baseline_performance
    )
    _, s, _ = _report(cases["ml-036"]["request"])
    assert "switchback" in s["ABTesting"].randomization_unit + s["ABTesting"].notes[0]
    assert "prep time" in s["ProblemDefinition"].baseline_performance


def test_mean_metric_duration_text_has_no_exponents():
    from skillrun.packs.ml_workflow.sections import SampleSizePlan
    from skillrun.packs.ml_workflow.stats import complete_plan, describe_duration

    plan = complete_plan(
        SampleSizePlan(
            metric_kind="mean", baseline=25_000, std_dev=20_000, mde_relative=0.05, daily_eligible_units=900
        )
    )
    text = describe_duration(plan)
    assert "e+" not in text and "sd 20,000" in text and "1,250 absolute" in text


@pytest.mark.parametrize(("daily_units", "too_long"), [(40, True), (5_000, False)])
def test_a_test_longer_than_useful_says_it_will_not_be_run(daily_units: int, too_long: bool) -> None:
    from skillrun.packs.ml_workflow.sections import SampleSizePlan
    from skillrun.packs.ml_workflow.stats import MAX_USEFUL_DAYS, complete_plan, describe_duration

    plan = complete_plan(
        SampleSizePlan(
            metric_kind="mean", baseline=100, std_dev=80, mde_relative=-0.05, daily_eligible_units=daily_units
        )
    )
    text = describe_duration(plan)
    assert text.startswith(f"{plan.total_days} days")
    assert ("too long to wait for" in text) is too_long is (plan.enrollment_days > MAX_USEFUL_DAYS)


@pytest.mark.parametrize(
    ("request_text", "deadline"),
    [
        ("Nightly forecast of parcels per depot for tomorrow; the dispatchers plan the tours at 5am.", "5am"),
        (
            "Day-ahead forecast of our load per 15-minute interval, submitted to the exchange at 11:00.",
            "11:00",
        ),
        ("Weekly churn list for the retention team, ready by 7am on Mondays.", "7am"),
    ],
)
def test_a_stated_clock_time_becomes_the_batch_deadline(request_text: str, deadline: str) -> None:
    brief = read_request(request_text)
    assert brief.serving_mode == "batch"
    assert brief.latency.deadline == deadline
    assert not any(a.field == "latency.deadline" for a in brief.assumptions)


def test_one_day_is_singular_in_the_report() -> None:
    from skillrun.packs.ml_workflow.design._plan import days_text

    assert [days_text(d) for d in (0, 1 / 24, 0.5, 1, 1.2, 30)] == [
        "0 days",
        "1 hour",
        "12 hours",
        "1 day",
        "2 days",
        "30 days",
    ]


def test_counts_in_the_report_use_k_m_and_bn() -> None:
    from skillrun.packs.ml_workflow.design._plan import count

    assert [count(v) for v in (None, 0.5, 3, 250, 15_000, 2_500_000, 4_320_000_000, 1e9)] == [
        "n/a (not stated)",
        "0.5",
        "3.0",
        "250",
        "15k",
        "2.5M",
        "4.32bn",
        "1bn",
    ]


@pytest.mark.parametrize(
    ("request_text", "fragments"),
    [
        (
            "Scooter operator: we need predicted rentals per zone for each hour of the next 48 hours.",
            ["rentals per zone", "each hour of the next 2 days", "previous hour"],
        ),
        (
            "Contact centre: forecast the number of chats per half hour for the next 3 weeks.",
            ["the number of chats", "each half hour of the next 21 days"],
        ),
        (
            "Grid operator: day-ahead forecast of feeder load in each 15-minute interval.",
            ["15-minute interval of the next 1 day"],
        ),
    ],
)
def test_forecast_target_names_the_quantity_period_and_horizon(
    request_text: str, fragments: list[str]
) -> None:
    brief = read_request(request_text)
    assert brief.problem_type == "forecasting"
    for fragment in fragments:
        assert fragment in brief.target, brief.target


@pytest.mark.parametrize(
    ("request_text", "title", "absent"),
    [
        (
            "Taxi app: estimate the journey time for each booking when the passenger confirms, p99 40 ms.",
            "Trip ETA",
            "restaurant",
        ),
        (
            "Grocery delivery: show the delivery ETA at checkout for each order, couriers in 5 cities.",
            "Delivery ETA",
            "rider",
        ),
    ],
)
def test_trip_and_delivery_etas_get_their_own_profiles(request_text: str, title: str, absent: str) -> None:
    import skillrun

    text = skillrun.to_markdown(skillrun.run(request_text))
    assert text.splitlines()[0].startswith(f"# ML Workflow: {title}"), text.splitlines()[0]
    assert absent not in text.lower()


@pytest.mark.parametrize(
    ("request_text", "device", "runtime"),
    [
        (
            "Count birds at the feeder with a Coral USB accelerator on a Raspberry Pi, fully offline.",
            "edge_tpu",
            "Edge TPU compiler",
        ),
        (
            "Detect forklifts in warehouse video on Jetson Xavier boxes next to each camera, on site.",
            "jetson",
            "TensorRT",
        ),
        (
            "Classify machine sounds on a Raspberry Pi gateway in each substation, no cloud link.",
            "gateway",
            "ONNX Runtime",
        ),
        ("Keyword spotting on an ESP32 microcontroller with 320 KB RAM, on-device.", "mcu", "TFLite Micro"),
    ],
)
def test_edge_runtime_follows_the_named_device(request_text: str, device: str, runtime: str) -> None:
    brief = read_request(request_text)
    assert brief.serving_mode == "edge"
    assert brief.edge_target == device
    import skillrun

    assert runtime in skillrun.to_markdown(skillrun.run(request_text))


@pytest.mark.parametrize(
    ("request_text", "volume"),
    [
        ("Forecast daily sales per store for 30 stores; we have 4 years of daily sales in BigQuery.", None),
        ("Tag each paper with its fields (a paper usually has 1-3) in the weekly batch.", None),
        ("Churn runs at ~2.5%/month across our 40k subscribers.", None),
        ("We have 2 years of hourly logs and about 1,200 sign-ups per day.", 1200),
    ],
)
def test_history_spans_rates_and_brackets_are_no_volumes(request_text: str, volume: float | None) -> None:
    from skillrun.packs.ml_workflow.intake._numbers import parse_quantities
    from skillrun.packs.ml_workflow.intake._text import prepare

    folded, _ = prepare(request_text)
    found = parse_quantities(folded).daily_volume
    assert found == pytest.approx(volume) if volume is not None else found is None, found


@pytest.mark.parametrize(
    ("request_text", "fragments"),
    [
        (
            "Energy retailer: predict which of our 1.4M prepaid meters will run out of credit in the next month.",
            ["will run out of credit", "within the 30 days"],
        ),
        (
            "Marketplace: catch counterfeit listings before they go live; 40k labelled examples.",
            ["the listing is counterfeit"],
        ),
        ("Estimate for each train how many seats will stay empty at departure.", ["the number of seats"]),
        ("Score which of our members will cancel in the next quarter.", ["within the 91 days"]),
    ],
)
def test_generic_targets_use_the_requests_words(request_text: str, fragments: list[str]) -> None:
    target = read_request(request_text).target
    for fragment in fragments:
        assert fragment in target, target


def test_a_vendor_to_clinics_predicts_accounts_not_patients() -> None:
    brief = read_request(
        "Practice-management SaaS for dentists, ~4k clinics on annual plans. Each Monday, predict which clinics "
        "will not renew in the next 90 days so account managers can call them."
    )
    assert brief.regulated is None
    assert brief.traffic.clusters is None
    assert brief.traffic.daily_volume == 4000


def test_clinics_of_a_hospital_group_stay_clusters() -> None:
    brief = read_request(
        "Hospital group with 12 clinics: predict no-shows for each appointment the day before, patients get an SMS."
    )
    assert brief.regulated == "health"
    assert brief.traffic.clusters == 12


@pytest.mark.parametrize(
    ("request_text", "fragment"),
    [
        (
            "solar park: need energy yield forecast per inverter per hour for next 24h",
            "yield per inverter for each hour",
        ),
        (
            "Every minute the dispatcher asks for expected taxi demand per zone for the next 30 minutes.",
            "each minute of the next 30",
        ),
        ("Rank carriers for each lane by predicted likelihood of an on-time delivery.", None),
        (
            "Score each application by predicted likelihood of an approved application.",
            "the application is approved",
        ),
        ("Estimate their annual premium for each new driver from the quote form.", "annual premium"),
    ],
)
def test_target_wording_has_no_doubled_or_dangling_words(request_text: str, fragment: str | None) -> None:
    target = read_request(request_text).target
    assert not re.search(r"\b(\w+ \w+) \1\b", target), target  # "per turbine per turbine"
    assert not target.startswith(("its ", "their ")), target
    if fragment:
        assert fragment in target, target


@pytest.mark.parametrize(
    "request_text",
    [
        "Auf Fotos vom Gleisbau sollen alle Schwellen und Weichen mit Rahmen markiert werden, sobald das Foto hochgeladen ist.",
        "Auf Bildern der Kontrolleure sollen alle Schäden mit einem Kasten markiert werden.",
    ],
)
def test_german_boxes_drawn_on_photos_are_object_detection(request_text: str) -> None:
    assert read_request(request_text).problem_type == "object_detection"


def test_assumed_volumes_use_the_plural_of_the_unit() -> None:
    brief = read_request("Search: rank results for each query by relevance, 100 ms budget.")
    (volume,) = [a for a in brief.assumptions if a.field == "traffic.daily_volume"]
    assert "queries/day" in volume.value and "querys" not in volume.value
