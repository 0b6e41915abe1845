"""Two words with a second sense that pulled reports off course.

- "Fraud" without money moving (a fake job posting, a fake review, a seller banned later) is not the payment
  fraud profile, whose target is a transaction scored at authorisation with chargeback labels. The profile now
  needs a payment subject in the request (domains.yaml fraud.subject), in every language; requests about cards,
  transfers, bets, invoices or laundering keep it.
- "Reviews" as a verb ("QA reviews flagged batches weekly", "the analyst reviews each alert") is a person at
  work, not review texts: it no longer makes the data text.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request

PAYMENT_FRAUD = [
    "Fraud detection for card payments, 2k TPS, decision in 50 ms.",
    "Betrug oder nicht: jede Kartenzahlung soll während der Autorisierung bewertet werden, Antwort in 50 ms.",
    "Detectar fraude en pagos con tarjeta en el momento de la autorización.",
    "Détecter la fraude sur les virements sortants avant leur exécution.",
    "识别信用卡盗刷交易，每笔交易在授权时打分。",
    "fraud rt api aws p99 30ms",
    "Sportsbook: score each bet for fraud when it is placed.",
]
NOT_PAYMENT_FRAUD = [
    "HR platform: detect whether a job posting is fraudulent from its title, description and employer metadata; checked in a batch every 15 minutes.",
    "Portal inmobiliario: a partir de las fotos y de la descripción de cada anuncio, decidir si el anuncio es un fraude.",
    "Marketplace: no cadastro de cada novo vendedor, prever se ele será banido por fraude nos primeiros 90 dias.",
]


@pytest.mark.parametrize("request_text", PAYMENT_FRAUD)
def test_fraud_on_money_keeps_the_payment_profile(request_text: str) -> None:
    assert read_request(request_text).domain == "fraud"


@pytest.mark.parametrize("request_text", NOT_PAYMENT_FRAUD)
def test_fraud_without_money_moving_is_not_payment_fraud(request_text: str) -> None:
    brief = read_request(request_text)
    assert brief.domain not in ("fraud", "ctr_ads")
    assert brief.entity != "transaction"


@pytest.mark.parametrize(
    "request_text",
    [
        "Pharma manufacturing: find unusual batches from 400 process sensor summaries per batch; no failure labels; QA reviews flagged batches weekly.",
        "Predict which machines fail in the next 7 days from vibration and temperature; the planner reviews the list every morning.",
    ],
)
def test_reviews_as_a_verb_is_not_a_text_input(request_text: str) -> None:
    assert read_request(request_text).modality == "tabular"


@pytest.mark.parametrize(
    "request_text", ["Classify product reviews by sentiment.", "Flag suspicious reviews before they are published."]
)
def test_review_texts_are_still_text(request_text: str) -> None:
    assert read_request(request_text).modality == "text"
