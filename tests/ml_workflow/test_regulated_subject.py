"""G-06 applies to a decision about a person in credit, insurance, health or hiring (intake/_subject.py).
The domain words of an organisation (a bank, an insurer, a hospital, a job board) are not enough: labels
in a list, forecasts of aggregates and job ads handled as items decide about no one. Sentences are
written for these tests, in five languages."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.checks._facts import request_regulated
from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._subject import mask_class_lists
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

NOT_ABOUT_A_PERSON = [
    # A domain word that only names a label.
    "Credit union: sort incoming e-mails into topics such as card dispute, loan enquiry or address change; hourly batch.",
    "Banco: el asistente virtual clasifica cada mensaje en una de 25 intenciones (bloqueo de tarjeta, consulta de "
    "préstamo, transferencias, ...) en menos de 300 ms.",
    # Forecasts of aggregates in a regulated organisation.
    "Insurer: forecast the number of new motor claims per week per region for the next quarter.",
    "Klinikum: die Belegung des Parkhauses für die nächsten 24 Stunden pro Stunde vorhersagen.",
    "Banque : prévoir les retraits d'espèces par distributeur et par jour pour les deux prochaines semaines.",
    "医院后勤：预测未来一周每天的用电量，用于能源采购。",
    # A count per period read as a regression is an aggregate all the same.
    "Versicherer: Anzahl eingehender Schadenmeldungen pro Woche für das nächste Quartal prognostizieren.",
    # Job ads as items, with nobody they are shown to.
    "Job board: detect scam job postings before they go live.",
    "Site d'emploi : classer chaque offre d'emploi dans un code métier ROME, chaque nuit.",
]

ABOUT_A_PERSON = [
    (
        "ICU: forecast each patient's blood pressure every 5 minutes for the next 2 hours from the bedside monitor.",
        "health",
    ),
    (
        "Lender: classify each loan application into one of the risk grades (A, B, C, D); decision in 2 s.",
        "credit",
    ),
    ("Recruiting platform: rank the applicants for each job posting by fit.", "hiring"),
    ("Insurer: predict how many claims each policyholder will file per year.", "insurance"),
    ("Clinic: forecast blood glucose for each diabetic patient 30 minutes ahead from the CGM.", "health"),
    # Attrition and screening in other words than "employees" and "CVs".
    ("HR: predict who will leave the company in the next 6 months.", "hiring"),
    ("People analytics: flag team members at risk of leaving within a year.", "hiring"),
    ("Recursos humanos: predecir qué personas de la plantilla dejarán la empresa.", "hiring"),
    ("DRH : prédire quels collaborateurs risquent de partir dans l'année.", "hiring"),
    ("Talent acquisition: score inbound applications for the graduate scheme.", "hiring"),
    # Job ads ranked or recommended to a person are targeted job advertising (EU AI Act Annex III 4(a)).
    ("Job board: recommend jobs to each member on the home page.", "hiring"),
    (
        "Portal de empleo: recomendar a cada usuario las ofertas de empleo más relevantes en la portada.",
        "hiring",
    ),
    ("Jobportal: Stellenanzeigen für jeden Jobsuchenden personalisiert sortieren.", "hiring"),
    ("求职网站：为每位求职者推荐职位，每天推送。", "hiring"),
    ("Aseguradora: detectar siniestros fraudulentos en cada parte nuevo antes de pagar.", "insurance"),
]


@pytest.mark.parametrize("text", NOT_ABOUT_A_PERSON)
def test_no_regulated_domain_without_a_decision_about_a_person(text: str) -> None:
    assert read_request(text).regulated is None


@pytest.mark.parametrize(("text", "domain"), ABOUT_A_PERSON)
def test_decisions_about_a_person_stay_regulated(text: str, domain: str) -> None:
    assert read_request(text).regulated == domain


def test_only_the_label_list_is_masked() -> None:
    text = fold(
        "Lender: classify each loan application into risk grades (A, B, C, D) or intents (loan question, card)."
    )
    masked = mask_class_lists(text, knowledge())
    assert len(masked) == len(text)
    assert "loan application" in masked and "loan question" not in masked and "(a, b, c, d)" not in masked


@pytest.mark.parametrize(
    ("text", "problem_type", "domain"),
    [
        ("Retail bank chatbot: route each message to one of 35 intents (card lost, loan question, balance).",
         "text_classification", None),
        ("Hospital estates: forecast car park occupancy per hour for the next day.", "forecasting", None),
        ("ICU: forecast each patient's blood pressure for the next 2 hours.", "forecasting", "health"),
        ("Hospital: forecast 30-day readmission for every discharged patient.", "binary_classification", "health"),
    ],
)  # fmt: skip
def test_the_checks_read_the_same_subject_from_a_request(
    text: str, problem_type: str, domain: str | None
) -> None:
    assert request_regulated(text, problem_type) == domain


@pytest.mark.parametrize(
    ("text", "excluded", "inputs"),
    [
        # The kept inputs are named without their window: whether the learned opinion reads this ranking as
        # temporal (skills_7d_28d) or not (skills) moves with each retrain and is not what is tested here.
        ("Recruiter: rank each applicant for an opening based on age, gender, skills and education.",
         {"age", "gender"}, {"skills", "education"}),
        # Age is a clinical risk factor: a health model may use it (FE-07 "age where prohibited").
        ("Clinic network: predict for each patient whether they will need a hospital stay within a year, based "
         "on age, ethnicity and prior visits.", {"ethnicity"}, {"prior_visits"}),
    ],
)  # fmt: skip
def test_protected_attributes_a_request_lists_are_kept_out_of_the_inputs(
    text: str, excluded: set[str], inputs: set[str]
) -> None:
    rows = {r.feature: r for r in design_report(read_request(text))["FeatureEngineering"].features}  # type: ignore[attr-defined]
    assert {name for name, r in rows.items() if r.transformation.startswith("EXCLUDED: ")} == excluded
    assert inputs <= {name.removesuffix("_7d_28d") for name in rows} | set(rows)


@pytest.mark.parametrize(
    "text",
    [
        "Hospital IT: detect anomalous traffic on the servers that host our appointment system.",
        "Klinikum: Ausfälle der Beatmungsgeräte eine Woche im Voraus vorhersagen, damit die Technik sie tauscht.",
        "Aseguradora: clasificar los correos entrantes y derivarlos al departamento correcto, cada hora.",
        "Versicherung: eingehende E-Mails automatisch der richtigen Abteilung zuordnen.",
    ],
)
def test_equipment_and_routing_without_a_person_are_not_regulated(text: str) -> None:
    assert read_request(text).regulated is None


def test_a_person_in_the_request_keeps_the_domain_for_routing() -> None:
    text = (
        "Mutuelle : orienter chaque demande de remboursement des adhérents vers la bonne équipe de gestion."
    )
    assert read_request(text).regulated is not None
