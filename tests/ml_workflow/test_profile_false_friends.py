"""Domain profiles whose cue word has another sense: the profile must match only in its own sense, because a
matched profile brings its problem type, serving mode, temporal flag, metrics, A/B unit and features with it.
Each wrong-sense request is paired with a control where the same profile is right."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._classify import match_domain
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # These are cue tables: the rules alone must read them, whatever a retrained opinion thinks.
    monkeypatch.setattr(intake, "features", lambda text: None)


def _profile(text: str) -> str | None:
    domain, _ = match_domain(fold(text), knowledge())
    return domain.id if domain is not None else None


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Pharma lab for our clients: predict the HPLC retention time of each compound from its descriptors.",
            "churn",
        ),
        (
            "Soil lab for farm clients: estimate the water retention capacity of each sample from its texture.",
            "churn",
        ),
        ("Which commits in our app will cause a bug, from code churn and file age; nightly list.", "churn"),
        ("Oncology lab: classify each blood smear as AML (acute myeloid leukemia) or normal.", "fraud"),
        ("Loja: no ato da compra, sugerir o tamanho certo de cada peça em menos de 200 ms.", "fraud"),
        ("Prefeitura: prever os casos de golpe de calor por dia na próxima semana.", "fraud"),
        (
            "Restaurant reserving app: predict whether each booked table is cancelled late.",
            "insurance_severity",
        ),
        (
            "Hydrology: forecast river discharge at each gauge near the hospital for the next 48 hours.",
            "readmission",
        ),
        (
            "Despacho: predecir si cada demanda laboral terminará en acuerdo antes del juicio.",
            "demand_forecast",
        ),
        (
            "Versicherer: Einbruchsrisiko je Police im nächsten Jahr, quartalsweise für den ganzen Bestand.",
            "demand_forecast",
        ),
        ("软件公司：把每条需求文档分类为功能、性能或安全，每晚批量处理。", "demand_forecast"),
        ("Docs site: give each Markdown file one topic label, nightly.", "pricing"),
        ("Banca: prevedere se il cliente aprirà un fondo pensione, usando età, reddito e saldo.", "eta"),
        ("Hearing aid: classify the acoustic scene on the DSP chip itself, every second.", "ctr_ads"),
        ("Construction firm: will we win each public tender we are bidding on? Weekly scoring.", "ctr_ads"),
        (
            "Orthopaedic clinic: predict whether the surgeon will recommend surgery for each knee patient.",
            "recsys",
        ),
        (
            "Feed mill: predict the protein content of each batch of animal feeds from the NIR spectrum.",
            "recsys",
        ),
        (
            "Banco: predecir si el comité recomendará aprobar cada hipoteca, en la misma llamada a la API.",
            "recsys",
        ),
        ("Data warehouse: predict the runtime of each SQL query before it runs.", "search"),
        (
            "Laboratoire de recherche en agronomie : prédire la teneur en protéines de chaque échantillon.",
            "search",
        ),
        ("Mountain rescue: search-and-rescue drones detect people in thermal frames on board.", "search"),
        (
            "Pharmacy benefits: which patients on opioids will develop opioid abuse within a year?",
            "moderation",
        ),
        (
            "Sleep clinic: decide from oximetry whether each night shows moderate or severe apnea.",
            "moderation",
        ),
        ("Teleradiology: a second opinion on each chest X-ray, normal or abnormal.", "sentiment"),
        ("在线教育：根据作业成绩和老师的评价分数预测学生是否及格。", "sentiment"),
        ("Dental group: will a tooth extraction lead to a dry socket? Shown at the chair.", "doc_extraction"),
        ("Quit-smoking app: will each user stay smoke-free 90 days after the quit date?", "attrition"),
        ("Job board: estimate the salaries of new job postings from their text.", "attrition"),
        ("Bond desk: estimate the fair coupon rate of each new bond issue, on request.", "uplift_marketing"),
        (
            "Our data arrives in incremental daily loads; predict days to pay per invoice, nightly.",
            "uplift_marketing",
        ),
        (
            "Die Daten kommen inkrementell jede Nacht; Umsatz je Kunde in 12 Monaten schätzen.",
            "uplift_marketing",
        ),
        (
            "Accounts payable: assign each payment voucher to a ledger account from its text.",
            "uplift_marketing",
        ),
        (
            "Prenatal scans: does each ultrasound image show a congenital heart anomaly? On the machine.",
            "anomaly_ops",
        ),
        ("Versicherer: Wahrscheinlichkeit eines Einbruchs je Hausratpolice im nächsten Jahr.", "anomaly_ops"),
        ("We start from scratch: forecast daily load per substation for the next week.", "visual_inspection"),
        (
            "Which source files will have a defect reported in the next release? Nightly list.",
            "visual_inspection",
        ),
        ("Dairy: predict the remaining shelf life in days of each yogurt batch.", "retail_detection"),
        ("Pharmacies : clients par jour selon la population dans un rayon de 2 km.", "retail_detection"),
        (
            "Self-checkout: from the barcode scans, flag an under-scanned basket before payment.",
            "medical_imaging",
        ),
        (
            "Entrepôt : chaque colis partira-t-il en retard, d'après le scanner de codes-barres ?",
            "medical_imaging",
        ),
    ],
)
def test_a_cue_word_in_another_sense_does_not_match_its_profile(text: str, wrong: str) -> None:
    assert _profile(text) != wrong


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("Telecom: predict which prepaid customers will churn in the next 30 days, weekly.", "churn"),
        ("SaaS: raise customer retention by finding accounts that will not renew; weekly scoring.", "churn"),
        # AML alerts worked by analysts have their own profile (test_known_misreadings); laundering words still
        # name the payment-fraud profile when nothing says alerts are triaged.
        ("AML team: predict which transaction alerts lead to a suspicious activity report.", "aml_alerts"),
        ("Payments: flag money laundering on each transfer as it is made, under 100 ms.", "fraud"),
        ("Bank: detect account takeover (ATO) attempts at login in under 100 ms.", "fraud"),
        ("Insurer: claim severity model for reserving, monthly batch.", "insurance_severity"),
        ("Hospital: predict 30-day readmission for each patient at discharge, nightly.", "readmission"),
        (
            "Supermercado: prever la demanda de cada producto por tienda para las próximas 4 semanas.",
            "demand_forecast",
        ),
        ("Fashion retailer: choose the markdown on each item at the end of the season.", "pricing"),
        ("Food delivery: predict the ETA of each order when the customer checks out.", "eta"),
        ("DSP: predict the click-through rate of each ad impression for real-time bidding.", "ctr_ads"),
        ("Streaming app: recommend the next video on each user's homepage.", "recsys"),
        ("E-commerce: rank the products for each search query by relevance.", "search"),
        ("Moteur de recherche interne : ordonner les résultats de recherche par pertinence.", "search"),
        (
            "Forum: moderate user comments for hate speech and harassment before they are posted.",
            "moderation",
        ),
        ("Classify the sentiment of each hotel review as positive, neutral or negative.", "sentiment"),
        ("Extract the invoice number and total from each scanned invoice.", "doc_extraction"),
        ("HR: which employees will quit in the next 6 months? Monthly.", "attrition"),
        ("Grande entreprise : quels salariés vont démissionner dans les 6 mois ?", "attrition"),
        (
            "Retailer: target coupons to the customers with the highest incremental purchases.",
            "uplift_marketing",
        ),
        ("Detect anomalous traffic in our server logs in real time.", "anomaly_ops"),
        ("Bottling line: a camera spots scratch and crack defects on each bottle.", "visual_inspection"),
        ("Hospital: flag each chest CT scan with a suspected nodule for the radiologist.", "medical_imaging"),
        ("Count the products on each shelf from store camera photos.", "retail_detection"),
    ],
)
def test_the_profile_still_matches_in_its_own_sense(text: str, profile: str) -> None:
    assert _profile(text) == profile


@pytest.mark.parametrize(
    ("text", "problem_type"),
    [
        # The profile brought its type with it: a lawsuit read as demand forecasting, a barcode scanner as a
        # CT scanner, a chromatographic retention time as customer churn, a research lab as search ranking.
        (
            "Despacho de abogados: predecir si cada demanda laboral que recibimos terminará en acuerdo antes del"
            " juicio; se calcula una vez al día.",
            "binary_classification",
        ),
        (
            "Entrepôt : prédire si chaque colis partira en retard, à partir des lectures du scanner de codes-barres"
            " aux quais ; calculé toutes les heures.",
            "binary_classification",
        ),
        (
            "Analytical lab serving pharma clients: predict the HPLC retention time of each new compound from its"
            " molecular descriptors, in a one-off batch.",
            "regression",
        ),
        (
            "Laboratoire de recherche en agronomie : prédire la teneur en protéines de chaque échantillon de blé à"
            " partir de son spectre, en lot chaque semaine.",
            "regression",
        ),
        (
            "Banco: queremos predecir si el comité recomendará aprobar o no cada solicitud de hipoteca; la"
            " respuesta debe llegar al gestor en la misma llamada a la API.",
            "binary_classification",
        ),
    ],
)
def test_a_wrong_profile_no_longer_sets_the_problem_type(text: str, problem_type: str) -> None:
    assert read_request(text).problem_type == problem_type


@pytest.mark.parametrize(
    "text",
    [
        "Gaming studio: predict each player's chance of quitting this week, daily batch.",
        "Multiplayer game: will a match end with someone rage-quitting? Scored when the lobby forms.",
        "HR tech: predict which applicants will pass the technical interview so recruiters review them first.",
        "Compliance: spot insider trading in employee trade events streamed via Kinesis.",
        "HR: will each employee's performance appraisal be 'exceeds expectations'? Once before calibration.",
    ],
)
def test_staff_attrition_needs_staff_who_leave(text: str) -> None:
    # A player who quits, an applicant, an employee's trades or appraisal: no staff leaving the company.
    assert _profile(text) not in ("attrition", "property_valuation")


@pytest.mark.parametrize(
    "text",
    [
        "HR asks us to predict which employees are likely to quit in the next 6 months.",
        "Empresa: predecir qué empleados presentarán su renuncia este año, cálculo mensual.",
        "Mittelständler: welche Mitarbeiter kündigen in den nächsten 6 Monaten? Monatlich berechnet.",
        "公司：预测哪些员工会在半年内离职，每月计算一次。",
    ],
)
def test_staff_attrition_still_matches(text: str) -> None:
    assert _profile(text) == "attrition"


def test_a_filed_sar_is_no_satellite_imagery() -> None:
    # An AML team's suspicious activity report is no synthetic-aperture radar: no satellite data source.
    brief = read_request(
        "Bank: predict which monitoring alerts end with a SAR being filed; hourly re-scoring."
    )
    assert "Satellite imagery" not in brief.data_sources
    radar = read_request(
        "Flood mapping from Sentinel-1 SAR images of each river basin, nightly segmentation."
    )
    assert "Satellite imagery" in radar.data_sources
