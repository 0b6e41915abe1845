"""A domain profile follows what is predicted and about whom, not a word shared with another field
(branch intake-qty): an airline's no-show passengers are not a clinic's patients, a battery's discharge
is no hospital stay, a compound's retention time is no churn, and an ICU sepsis warning is not a
readmission score. Sentences written for these tests, not taken from any labelled set."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.mark.parametrize(
    "text",
    [
        "Airline: predict which booked passengers will be no-shows on each flight, 48 hours before departure.",
        "Hotel chain: flag reservations likely to end in a no-show so we can overbook a few rooms. Nightly.",
        "Restaurantes: predecir qué reservas terminarán en no-show al confirmarlas en la app.",
        "Compagnie ferroviaire : prédire les no-shows des voyageurs réservés sur chaque train.",
    ],
)
def test_a_no_show_outside_health_care_does_not_borrow_the_clinic_profile(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.domain != "no_show"
    assert brief.regulated != "health"
    assert "patient" not in brief.target and brief.traffic.unit != "appointment"


@pytest.mark.parametrize(
    "text",
    [
        "Dental chain: predict which patients will miss their appointment next week, daily reminder list.",
        "Hausarztpraxis: No-Shows bei Patiententerminen vorhersagen, damit wir gezielt erinnern.",
        "门诊预约爽约预测：提前三天找出可能爽约的患者。",
    ],
)
def test_a_patient_no_show_keeps_the_clinic_profile(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.domain == "no_show" and brief.regulated == "health"


@pytest.mark.parametrize(
    "text",
    [
        "ICU: warn the charge nurse when a patient is likely to develop sepsis in the next 6 hours, from vitals every minute.",
        "Hospital: predict in-hospital mortality or unplanned ICU transfer for ward patients from the live chart.",
        "UCI: alerta temprana de sepsis para cada paciente a partir de los signos vitales, cada 5 minutos.",
        "Réanimation : prédire la dégradation clinique des patients dans les 4 heures à partir des constantes.",
        "重症监护室：根据生命体征提前6小时预测患者脓毒症。",
    ],
)
def test_an_in_hospital_warning_is_not_a_readmission_score(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.domain == "clinical_deterioration", brief.domain
    assert brief.traffic.unit == "patient-hour" and "readmission" not in brief.target
    assert brief.regulated == "health"


def test_a_readmission_request_keeps_its_profile(read) -> None:  # noqa: ANN001
    brief = read("Hospital: 30-day readmission risk for every discharged patient, scored at discharge.")
    assert brief.domain == "readmission" and brief.traffic.unit == "discharge"


@pytest.mark.parametrize(
    "text",
    [
        "Battery plant: predict the discharge capacity of each cell after formation, from its first cycles.",
        "Hydrology: predict whether river discharge at each gauge will exceed the flood threshold tomorrow.",
        "Poultry farm: flag flocks likely to exceed 5% mortality before slaughter, weekly.",
        "Chromatography lab: predict the retention time of each compound from its structure.",
        "Compliance: flag documents that break our data retention policy, nightly batch.",
    ],
)
def test_a_shared_word_does_not_lend_a_profile(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.domain not in ("readmission", "clinical_deterioration", "churn", "no_show"), brief.domain
    assert brief.regulated != "health"


def test_a_profile_with_a_subject_scores_zero_without_it() -> None:
    kb = knowledge()
    churn = kb.domain_by_id["churn"]
    without, _ = prepare("predict the retention time of each compound")
    with_subject, _ = prepare("predict the retention of our subscribers")
    assert kb.domain_score(churn, without) == 0.0
    assert kb.domain_score(churn, with_subject) > 0.0
    # Profiles without a subject score their cues as before.
    ctr = kb.domain_by_id["ctr_ads"]
    assert kb.domain_subjects.get("ctr_ads") is None and kb.domain_score(ctr, "predict the ctr of each ad") > 0
    # Payment fraud needs money moving: a fake job posting is fraud of another kind.
    fraud = kb.domain_by_id["fraud"]
    assert kb.domain_score(fraud, "card fraud") > 0 and kb.domain_score(fraud, "fraudulent job postings") == 0.0


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "Predict the final hardness of every steel coil from the furnace temperatures and line speed.",
            "coil",
        ),
        (
            "Predict the retention time (minutes) of each compound from its descriptors; run in batches.",
            "compound",
        ),
        (
            "Estimate the remaining useful life in cycles for each aircraft engine from its sensor history.",
            "engine",
        ),
        ("Predict the number of bikes available at each docking station 20 minutes ahead.", "station-period"),
    ],
)
def test_the_unit_is_the_thing_each_prediction_is_about(read, text: str, unit: str) -> None:  # noqa: ANN001
    assert read(text).traffic.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Smartwatch: detect atrial fibrillation from the pulse signal on the battery-constrained watch itself.",
        "Flag abusive user-generated comments before they are shown; the customer-facing app waits 200 ms.",
    ],
)
def test_a_word_that_only_modifies_a_compound_is_not_the_unit(read, text: str) -> None:  # noqa: ANN001
    unit = read(text).traffic.unit
    assert unit not in ("battery", "user", "customer"), unit


def test_what_each_query_side_names_is_not_the_ranked_item(read) -> None:  # noqa: ANN001
    brief = read("Ad platform: rank the ads eligible for each auction by expected revenue, 10 ms budget.")
    assert brief.problem_type == "ranking" and brief.entity != "auction"
