"""Wording a senior reviewer refuses to sign, asserted on whole expert reports (one class per test).

Each test generates the report for realistic requests and checks one property that the rubric asks of
every report of that kind; the requests vary the domain, problem type and serving mode.
"""

from __future__ import annotations

import re

import pytest

from skillrun.packs.ml_workflow import PACK
from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

from .report_text import report_text


def _report(request: str) -> tuple:
    brief = read_request(request)
    sections = design_report(brief)
    return brief, sections, report_text(sections)


# Regulated domains: the approver is named for the domain, not one role that fits all four.
REGULATED = [
    ("credit", "A retail bank wants to predict probability of default for personal loan applicants at application "
     "time, 400k applications a year, decision within 300 ms, AWS.", r"model-risk management", r"clinical|HR/"),
    ("insurance", "An insurer wants to score car insurance claims for fraud nightly in a batch on GCP, 2M claims a "
     "year, investigators review the top ones.", r"actuary", r"clinical|HR/|model-risk/"),
    ("health", "A hospital wants to predict 30-day readmission risk for discharged patients, scored every night, "
     "50k discharges a year, Azure.", r"clinical safety officer", r"model-risk|HR/|works-council"),
    ("hiring", "An HR tech company wants to rank job applicants' CVs for recruiters when they open a job posting, "
     "1M applications per month.", r"employment-law counsel", r"clinical|IRB|model-risk"),
]


@pytest.mark.parametrize(("domain", "request_text", "named", "foreign"), REGULATED, ids=[r[0] for r in REGULATED])
def test_regulated_approver_is_named_per_domain(domain: str, request_text: str, named: str, foreign: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.regulated == domain
    gate = sections["TrainingPipeline"].validation.notes
    policy = sections["MonitoringDrift"].retraining_policy
    for where, text in (("promotion gate", gate), ("retraining policy", policy)):
        assert re.search(named, text), f"{where} does not name the {domain} approver: {text}"
        assert not re.search(foreign, text), f"{where} names another domain's approver: {text}"
    ab_notes = " ".join(sections["ABTesting"].notes)
    assert not re.search(foreign, ab_notes), f"A/B notes name another domain's review: {ab_notes}"


# Outputs that are not probabilities: no ECE and no "scores in [0, 1]" checks on them.
NOT_PROBABILITIES = [
    ("regression", "Predict the sale price of apartments from listing attributes for a real estate portal, real-time "
     "when an agent creates a listing, 200k listings."),
    ("forecasting", "Weekly demand forecast per store and SKU for a grocery chain with 300 stores and 20k SKUs, 8 weeks "
     "ahead, retrained weekly on BigQuery."),
    ("ranking", "Rank search results for an e-commerce site with 10M queries a day, latency under 100 ms."),
    ("object_detection", "Detect and count vehicles in traffic camera video streams in real time for 400 intersections."),
    ("image_segmentation", "Segment tumours in MRI scans for radiologists, batch overnight, 10k scans a year."),
    ("clustering", "Segment our 2M e-commerce customers into groups for marketing, monthly."),
    ("anomaly_detection", "Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, "
     "streaming, we have almost no labelled incidents."),
    ("sequence_labeling", "Extract company names and amounts from contracts, 5k contracts a month, batch."),
]


@pytest.mark.parametrize(("ptype", "request_text"), NOT_PROBABILITIES, ids=[r[0] for r in NOT_PROBABILITIES])
def test_no_probability_checks_on_non_probability_outputs(ptype: str, request_text: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.problem_type == ptype
    checked = "\n".join([
        sections["TrainingPipeline"].validation.notes,
        sections["MonitoringDrift"].model_drift.threshold,
        *sections["MonitoringDrift"].notes,
    ])
    assert not re.search(r"\bECE\b|calibration error|reliability curve", checked), checked
    assert "scores outside [0, 1]" not in checked


def test_probability_outputs_keep_calibration() -> None:
    _, sections, _ = _report(REGULATED[0][1])
    assert "ECE" in sections["TrainingPipeline"].validation.notes
    assert "[0, 1]" in " ".join(sections["MonitoringDrift"].notes)


# Anomaly detection learns normal behaviour without labels: nothing to weight by class.
ANOMALY = [
    "Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, streaming, we have almost "
    "no labelled incidents.",
    "Flag unusual vibration patterns on 300 wind turbines from 10-second sensor data so engineers can inspect them; "
    "failures are rare and barely labelled.",
    "Detectar anomalías en el consumo eléctrico de 20.000 contadores inteligentes cada hora, casi no hay etiquetas.",
]


@pytest.mark.parametrize("request_text", ANOMALY)
def test_anomaly_detection_has_no_class_weights(request_text: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.problem_type == "anomaly_detection"
    training = sections["TrainingPipeline"].training.tool_method
    assert "class weights" not in training, training
    notes = " ".join(sections["ProblemDefinition"].notes)
    assert not re.search(r"(?<!no )class weights in the loss|isotonic calibration", notes), notes


# Freshness bounds follow the stated schedule: a weekly batch is not stale after 24 h.
SCHEDULES = [
    ("Predict which subscribers will churn next month, scored weekly in batch on Snowflake, 2M subscribers, "
     "retrained weekly.", 170, "weekly"),
    ("Queremos predecir la baja de clientes de telefonía móvil cada semana, 3 millones de clientes, en AWS, "
     "en un proceso batch.", 170, None),
    ("Telco: score all subscribers for churn every month for the retention team; we retrain the model quarterly.",
     722, "quarterly"),
    ("A hospital wants to predict 30-day readmission risk for discharged patients, scored every night, 50k "
     "discharges a year, Azure.", 26, None),
]


@pytest.mark.parametrize(("request_text", "hours", "retrain"), SCHEDULES)
def test_batch_freshness_follows_the_scoring_cadence(request_text: str, hours: int, retrain: str | None) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.serving_mode == "batch"
    md = sections["MonitoringDrift"]
    assert f"scores older than {hours} h" in md.operational.threshold, md.operational.threshold
    assert any(f"features older than {hours} h" in note for note in md.notes), md.notes
    if retrain:
        assert f"retrain {retrain}" in md.retraining_policy, md.retraining_policy


# Edge: the operational monitor watches the device the model runs on, not a cloud or phone dashboard.
EDGE = [
    ("Detect defects on PCBs from camera images on an NVIDIA Jetson Orin on the production line, 20 boards per "
     "second, offline factory.", r"GPU utilisation.*thermal-throttling", r"battery|crash rate"),
    ("Count people in retail stores from ceiling cameras with a model running on NVIDIA Jetson Nano boxes in each of "
     "500 stores, real-time.", r"GPU utilisation.*thermal-throttling", r"battery|crash rate"),
    ("Classify plant diseases from leaf photos on farmers' phones, on-device offline model.", r"crash rate|battery",
     r"GPU utilisation"),
]


@pytest.mark.parametrize(("request_text", "watched", "foreign"), EDGE)
def test_edge_monitoring_covers_the_device(request_text: str, watched: str, foreign: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.serving_mode == "edge"
    ops = sections["MonitoringDrift"].operational.threshold
    assert re.search(watched, ops), ops
    assert not re.search(foreign, ops), ops
    if brief.edge_target == "jetson":
        compute = " ".join(sections["TrainingPipeline"].notes)
        assert "inference optimised for CPU" not in compute, compute


# Batch has no live traffic: it ramps by share of entities per run and rolls back by re-publishing output.
BATCH_AB = [
    "Predict which subscribers will churn next month, scored weekly in batch on Snowflake, 2M subscribers, retrained "
    "weekly.",
    "An airline wants to predict passenger no-shows per booking to optimise overbooking, 5M bookings a year, scored "
    "daily.",
    "A retailer wants an uplift model to choose which customers get a 10% coupon by email, 5M customers, weekly "
    "campaigns.",
    "A retail bank wants to score every credit card account monthly in a batch for probability of default, 3M accounts.",
]


@pytest.mark.parametrize("request_text", BATCH_AB)
def test_batch_rollout_wording(request_text: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.serving_mode == "batch"
    ab = sections["ABTesting"]
    assert not re.search(r"after 24 h|route 100%|for 5 minutes|for 15 minutes", ab.rollback_criteria + ab.traffic_split)
    assert "previous run's output" in ab.rollback_criteria, ab.rollback_criteria
    if "ramp 1%" in ab.traffic_split or "challenger" in ab.traffic_split:
        assert re.search(r"scoring run", ab.traffic_split), ab.traffic_split


# Slices name kinds of row that exist for the problem: a listing, an order or a server window has no tenure.
NOT_PEOPLE = [
    ("Predict the sale price of apartments from listing attributes for a real estate portal, real-time when an agent "
     "creates a listing, 200k listings.", r"price band"),
    ("A grocery delivery app wants to predict delivery time (ETA) at checkout, 1M orders a month.", r"distance band"),
    ("Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, streaming, we have almost "
     "no labelled incidents.", r"service"),
    ("Rank search results for an e-commerce site with 10M queries a day, latency under 100 ms.", r"head/torso/tail"),
    ("Extract medication names and dosages from scanned prescriptions for a pharmacy chain, 100k prescriptions a "
     "month.", r"document type"),
]


@pytest.mark.parametrize(("request_text", "expected"), NOT_PEOPLE)
def test_slices_fit_the_row_kind(request_text: str, expected: str) -> None:
    _, sections, _ = _report(request_text)
    slices = sections["ExperimentTracking"].notes[-1]
    assert not re.search(r"new vs returning|tenure band|message length", slices), slices
    assert re.search(expected, slices), slices


@pytest.mark.parametrize(
    "request_text",
    [
        "Bike-courier coop: predict whether each newly signed-up rider will complete at least 20 deliveries in their"
        " first month; weekly batch.",
        "Retail: which shoppers in our loyalty programme are likely to respond to a 'buy 2 get 1' offer; monthly list.",
    ],
)
def test_people_rows_slice_by_new_vs_returning(request_text: str) -> None:
    # Riders and shoppers are people: the A/B designer counted them so, the slices had them as generic rows.
    _, sections, _ = _report(request_text)
    assert re.search(r"new vs returning|tenure band", sections["ExperimentTracking"].notes[-1])


# Unstructured inputs: no SHAP over pixels, tokens or samples; explanations that fit the input.
UNSTRUCTURED_INPUTS = [
    ("Segment tumours in MRI scans for radiologists, batch overnight, 10k scans a year.", r"Grad-CAM|saliency"),
    ("Detect defects on PCBs from camera images on an NVIDIA Jetson Orin on the production line, 20 boards per second, "
     "offline factory.", None),
    ("Classify customer support emails into 30 categories for routing, 50k emails per day, real-time.", None),
    ("Classify bird species from audio recordings uploaded by citizen scientists, 100k recordings a month.", None),
    ("A hospital wants to triage chest X-rays for pneumothorax so radiologists read urgent ones first, 500 images a "
     "day.", r"Grad-CAM|saliency"),
]


@pytest.mark.parametrize(("request_text", "explained"), UNSTRUCTURED_INPUTS)
def test_no_shap_on_unstructured_inputs(request_text: str, explained: str | None) -> None:
    brief, _, text = _report(request_text)
    assert brief.modality in ("image", "text", "audio")
    assert "SHAP" not in text, [line for line in text.splitlines() if "SHAP" in line]
    if explained:
        assert re.search(explained, text)


def test_tabular_regulated_keeps_shap_reason_codes() -> None:
    _, _, text = _report(REGULATED[0][1])
    assert "reason codes (SHAP)" in text


# Text follows the complexity ladder: a sparse baseline, then a small fine-tuned transformer, in both sections.
TEXT = [
    "Classify customer support emails into 30 categories for routing, 50k emails per day, real-time.",
    "Analyse the sentiment of product reviews, 2M reviews a month, batch daily.",
    "Extract company names and amounts from contracts, 5k contracts a month, batch.",
    "Clasificar los tickets de soporte por urgencia a partir del texto, 10.000 tickets al día.",
]


@pytest.mark.parametrize("request_text", TEXT)
def test_text_follows_the_complexity_ladder(request_text: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.modality == "text"
    training = sections["TrainingPipeline"].training.tool_method
    assert re.search(r"TF-IDF|CRF", training), training
    assert re.search(r"fine-tuned small [\w()\- ]*(transformer|encoder)", training), training
    assert "LightGBM" not in training and "span scorer" not in training, training
    representation = next(n for n in sections["FeatureEngineering"].notes if n.startswith("Text representation"))
    assert "fine-tuned small transformer" in representation
    if brief.problem_type == "sequence_labeling":
        assert "TF-IDF" not in representation, representation
    compute = " ".join(sections["TrainingPipeline"].notes)
    assert "no accelerator needed" not in compute, compute


# Prose: plurals built from the request's nouns, sentences after a full stop, slugs cut at a word boundary.
PROSE = [
    "Wir möchten den Energieverbrauch von 10.000 Gebäuden stündlich für die nächsten 48 Stunden vorhersagen.",
    "A grocery delivery app wants to predict delivery time (ETA) at checkout, 1M orders a month, tested with a "
    "switchback experiment across cities.",
    "An airline wants to predict passenger no-shows per booking to optimise overbooking, 5M bookings a year, scored "
    "daily.",
    "A retail bank wants to predict probability of default for personal loan applicants at application time, 400k "
    "applications a year, decision within 300 ms, AWS.",
    "Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, streaming, we have almost "
    "no labelled incidents.",
    "A music streaming app wants to predict how long users will listen to an auto-generated playlist (dwell time in "
    "minutes) when they open it, 20M users.",
    "Predict which subscribers will churn next month, scored weekly in batch on Snowflake, 2M subscribers.",
]
_BAD_PROSE = [
    (r"\bseriess\b|\bspeciess\b", "a doubled plural"),
    (r"(?<![\d.,])\b1 (?:hours|days|weeks|months)\b", "'1' with a plural unit"),
    (r"\)s\b", "a plural 's' after a parenthesis"),
    (r"(?<!e\.g)(?<!i\.e)(?<!vs)(?<!approx)\. (?!e\.g\.)[a-z]", "a sentence starting in lower case"),
    (r"class weights[^;|]*with class weights", "class weights said twice"),
]


@pytest.mark.parametrize("request_text", PROSE)
def test_prose_grammar_and_slug(request_text: str) -> None:
    _, sections, text = _report(request_text)
    for pattern, what in _BAD_PROSE:
        hits = [m.group(0) for m in re.finditer(pattern, text)]
        assert not hits, f"{what}: {hits[:3]}"
    organisation = sections["ExperimentTracking"].organization.choice
    slug = re.search(r"project '([^']+)'", organisation).group(1)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 40, slug
    words = set(re.findall(r"[a-z0-9]+", sections["ExperimentTracking"].organization.choice.lower()))
    assert all(part in words for part in slug.split("-"))
    # The report's title, which follows the profile's variant (a booking's no-shows) where one applies.
    title_words = re.findall(r"[a-z0-9]+", PACK.title(read_request(request_text)).lower())
    assert slug.split("-") == title_words[: len(slug.split("-"))], (slug, title_words)


# A profile's wording stays in its own domain: a retention offer is not a coupon sale, and prescriptions name
# drugs and doses, not parties and invoice amounts.
WRONG_DOMAIN = [
    ("A gym chain wants an uplift model to decide which members should get a free personal-training session to "
     "reduce cancellations, 80k members, monthly campaigns.", r"cancel", r"purchase|spend per category|revenue per customer"),
    ("Una cadena de gimnasios quiere un modelo de uplift para decidir a qué socios ofrecer un descuento para evitar "
     "la baja, 50.000 socios.", r"cancel", r"purchase|spend per category"),
    ("Extract medication names and dosages from scanned prescriptions for a pharmacy chain, 100k prescriptions a "
     "month.", r"drug name", r"party|vendor|invoice|amount"),
    ("A retailer wants an uplift model to choose which customers get a 10% coupon by email, 5M customers, weekly "
     "campaigns.", r"purchase", r"cancel"),
    ("Extract company names and amounts from contracts, 5k contracts a month, batch.", r"party", r"drug"),
    ("A music streaming app wants to predict how long users will listen to an auto-generated playlist (dwell time in "
     "minutes) when they open it, 20M users.", r"listen", r"cost per user|backlog|size_measures|cost of estimation"),
    ("Predict the sale price of apartments from listing attributes for a real estate portal, real-time when an agent "
     "creates a listing, 200k listings.", r"price", r"playback|engaged minutes"),
    ("An airline wants to predict passenger no-shows per booking to optimise overbooking, 5M bookings a year, scored "
     "daily.", r"no-show", r"the outcome the request describes|outcome rate among"),
    ("A hotel group wants to predict booking cancellations 30 days ahead, scored nightly for 200 hotels.",
     r"cancelled", r"the outcome the request describes|outcome rate among"),
    ("An HR tech company wants to rank job applicants' CVs for recruiters when they open a job posting, 1M "
     "applications per month.", r"applicant", r"clicks/dwell|search success|session with a click"),
    ("Rank search results for an e-commerce site with 10M queries a day, latency under 100 ms.", r"relevance grade",
     r"applicant|recruiter"),
]


@pytest.mark.parametrize(("request_text", "own", "foreign"), WRONG_DOMAIN)
def test_profile_wording_fits_the_request(request_text: str, own: str, foreign: str) -> None:
    brief, sections, _ = _report(request_text)
    pd, fe, ab = sections["ProblemDefinition"], sections["FeatureEngineering"], sections["ABTesting"]
    assert re.search(own, pd.target_variable), pd.target_variable
    wording = "\n".join([pd.target_variable, pd.business_metric, ab.primary_metric,
                         *(f"{r.feature} {r.transformation}" for r in fe.features)])
    assert not re.search(foreign, wording), [line for line in wording.splitlines() if re.search(foreign, line)]


# A stream has no batch to block: its staleness bound is event-time lag, not "features older than 24 h".
STREAMS = [
    "Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, streaming, we have almost "
    "no labelled incidents.",
    "Score every card payment event from our Kafka stream for fraud within 2 seconds, 3M events a day.",
]


@pytest.mark.parametrize("request_text", STREAMS)
def test_streaming_staleness_is_event_time_lag(request_text: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.serving_mode == "streaming"
    staleness = next(n for n in sections["MonitoringDrift"].notes if n.startswith("Staleness"))
    assert "batch scoring" not in staleness and "event time" in staleness, staleness


# The baseline is named once: the problem type's generic baseline is not appended when the profile's says it.
RESTATED_BASELINES = [
    "Detect anomalies in server metrics (CPU, latency, error rate) for 5,000 microservices, streaming, we have almost "
    "no labelled incidents.",
    "Rank search results for an e-commerce site with 10M queries a day, latency under 100 ms.",
    "A retailer wants an uplift model to choose which customers get a 10% coupon by email, 5M customers, weekly "
    "campaigns.",
]


@pytest.mark.parametrize("request_text", RESTATED_BASELINES)
def test_baseline_is_not_restated(request_text: str) -> None:
    _, sections, _ = _report(request_text)
    baseline = sections["ProblemDefinition"].baseline_performance.split(". Expected")[0]
    assert "; also " not in baseline, baseline


def test_a_different_generic_baseline_is_still_added() -> None:
    _, sections, _ = _report(REGULATED[0][1])
    assert "; also zero-rule" in sections["ProblemDefinition"].baseline_performance


# One number per fact: the batch job's hours in the SLA and in the throughput; design ids read as words.
def test_batch_job_hours_agree_and_design_ids_read_as_words() -> None:
    _, sections, text = _report(
        "Weekly demand forecast per store and SKU for a grocery chain with 300 stores and 20k SKUs, 8 weeks ahead, "
        "retrained weekly on BigQuery."
    )
    ms = sections["ModelServing"]
    sla_hours = re.search(r"job duration ≤ (\d+) h", ms.latency_sla).group(1)
    assert f"over a {sla_hours}-hour job" in ms.throughput, (ms.latency_sla, ms.throughput)
    assert not re.search(r"\b(cluster ab|user ab|stepped wedge)\b", text)


# A weekly forecast is planned, labelled and lagged in weeks; a daily one keeps the daily wording.
GRAIN = [
    ("Weekly demand forecast per store and SKU for a grocery chain with 300 stores and 20k SKUs, 8 weeks ahead, "
     "retrained weekly on BigQuery.", "week", r"target day|every morning|per SKU-store-day|\(7, 14, 28 days\)"),
    ("Pronóstico semanal de ventas por tienda y producto para 120 tiendas, 6 semanas vista.", "week",
     r"target day|every morning|per SKU-store-day|\(7, 14, 28 days\)"),
    ("Daily demand forecast per SKU and store for 50 stores, 14 days ahead.", "day", r"per SKU-store-week|52 weeks"),
]


@pytest.mark.parametrize(("request_text", "period", "foreign"), GRAIN)
def test_forecast_wording_follows_the_grain(request_text: str, period: str, foreign: str) -> None:
    brief, sections, text = _report(request_text)
    assert brief.problem_type == "forecasting" and f"-{period}" in brief.target
    assert not re.search(foreign, text), [line for line in text.splitlines() if re.search(foreign, line)][:3]


# Why ML beats rules is argued for the input at hand, not with a table's "many weak signals interact".
@pytest.mark.parametrize(("request_text", "word"), [
    ("Classify bird species from audio recordings uploaded by citizen scientists, 100k recordings a month.", "noise"),
    ("Classify plant diseases from leaf photos on farmers' phones, on-device offline model.", "visual"),
    ("Classify customer support emails into 30 categories for routing, 50k emails per day, real-time.", "worded"),
])
def test_ml_justification_fits_the_input(request_text: str, word: str) -> None:
    _, sections, _ = _report(request_text)
    why = next(n for n in sections["ProblemDefinition"].notes if n.startswith("ML vs heuristic"))
    assert "many weak signals interact" not in why and word in why, why


# An uplift is a difference of two probabilities: in [-1, 1], with no prediction interval to cover.
UPLIFT = [
    "Charity fundraising: we mail 200k donors each quarter; send the appeal only to donors whose giving goes up "
    "because of the letter. We have 3 years of mailings with random holdout groups.",
    "Telecom: choose which customers to call with a retention offer, only those the call makes stay; two years of "
    "randomised call campaigns, monthly list, GCP.",
]


@pytest.mark.parametrize("request_text", UPLIFT)
def test_uplift_outputs_are_effects_not_amounts(request_text: str) -> None:
    brief, _, text = _report(request_text)
    assert brief.problem_type == "uplift_modeling"
    assert "[-1, 1]" in text
    assert "interval coverage" not in text and "negative amounts" not in text and "outside [0, 1]" not in text
