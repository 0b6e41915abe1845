"""A handful of confirmed cases beside a flag-the-unusual intent is anomaly detection (rubric PD-01, §0.1):
"only a dozen confirmed leak records; flag meters whose night flow looks unusual". The few known positives
evaluate the detector; they cannot train a yes/no model. Plenty of labels, or a yes/no question with no
unusual intent, stay binary classification. Sentences are written for these tests, in six languages."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

SCARCE = [
    "Telecom: only a handful of confirmed subscription-fraud rings; flag accounts whose activity is out of line with similar accounts, daily.",
    "We know of a couple of dozen confirmed account-takeover cases; detect suspicious logins as they stream in.",
    "E-commerce: very few confirmed cases of coupon abuse; detect suspicious orders every hour.",
    "Solo 15 casos confirmados de fraude; detectar reclamaciones sospechosas cada semana.",
    "Aseguradora: los fraudes confirmados son muy escasos; señalar cada semana los siniestros fuera de lo normal.",
    "Seulement une dizaine de fuites avérées ; repérer chaque matin les compteurs dont la consommation sort de l'ordinaire.",
    "Apenas uma dúzia de fraudes confirmadas; sinalizar diariamente as contas com movimentação fora do padrão.",
]  # fmt: skip

LABELLED_OR_YES_NO = [
    "Only a handful of confirmed fraud cases; predict whether each transaction is fraud at authorisation in 50 ms.",
    "Predict whether each loan will default in the next 12 months; we have only 40 confirmed defaults so far.",
    "We have a few thousand labelled fraud cases; flag unusual transactions as they arrive on Kafka.",
    "We have 3 years of labelled chargebacks; flag suspicious card payments in real time.",
    "A few known incidents in our logs; predict whether each login is malicious, in real time.",
    "Manufacturer with 3 years of failure logs across 800 pumps: predict whether each pump will fail in the next 14 days.",
]  # fmt: skip


@pytest.mark.parametrize("text", SCARCE)
def test_a_handful_of_known_cases_and_an_unusual_intent_is_anomaly_detection(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "anomaly_detection"


# The learned opinion reads "flag unusual transactions" as anomaly detection despite the thousands of labels
# (the model shipped on main did so too; the rules say yes/no). Kept as a strict xfail of the whole engine so
# a retrain that settles it shows up.
_MODEL_OVERRULES = {LABELLED_OR_YES_NO[2]}


@pytest.mark.parametrize("text", LABELLED_OR_YES_NO)
def test_ample_labels_or_a_plain_yes_no_stay_binary(read, text: str, model_overrules) -> None:  # noqa: ANN001
    if text in _MODEL_OVERRULES:
        model_overrules("'flag unusual' beside thousands of labels")
    assert read(text).problem_type == "binary_classification"


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("only a dozen confirmed leak records; flag meters whose night flow looks unusual", True),
        ("a few known incidents; detect suspicious sessions", True),
        ("labelled skimming cases are very rare; flag withdrawals unlike the card's usual pattern", True),
        ("nur eine Handvoll bestätigter Betrugsfälle; Meldungen finden, die vom Üblichen abweichen", True),
        ("确认的案例只有十几个，找出交易行为异常的账户", True),
        # A handful of cases without anything unusual to flag is a small labelled set, not missing labels.
        ("only a dozen confirmed leak records; predict whether each meter leaks next month", False),
        # "a few thousand" is not a handful.
        ("a few thousand confirmed fraud cases; flag unusual payments", False),
    ],
)
def test_scarce_labels_count_as_missing_only_beside_an_unusual_intent(text: str, missing: bool) -> None:
    assert read_task(fold(text), knowledge()).labels_missing is missing
