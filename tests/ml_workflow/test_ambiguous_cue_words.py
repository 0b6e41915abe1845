"""Words that name the data or the decision in one sense and something else in another: a registration is no
recording, concert tickets are no support tickets, a radio archive is sound, "block or allow" is a yes/no,
"twice a day" is a schedule, and the moment a person validates or fills in a form is the scoring point."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # These are cue tables: the rules alone must read them, whatever a retrained opinion thinks.
    monkeypatch.setattr(intake, "features", lambda text: None)


@pytest.mark.parametrize(
    "text",
    [
        "Piattaforma di e-commerce: individuare gli account falsi al momento della registrazione, sotto i 200 ms.",
        "Plateforme de location : détecter les faux comptes lors de l'enregistrement du client, en moins d'une seconde.",
    ],
)
def test_an_account_registration_is_not_a_recording(text: str) -> None:
    brief = read_request(text)
    assert brief.modality != "audio"
    assert brief.problem_type == "binary_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Call center: classificare le registrazioni delle chiamate per motivo del contatto, ogni notte.",
        "Centre d'appels : classer les enregistrements des appels par motif, chaque nuit.",
        "Public broadcaster: for each hour of archived radio, tell whether each minute is speech, music or silence.",
        "Radio archive: label every programme segment as speech or music, batch job, no deadline.",
    ],
)
def test_recordings_and_radio_are_sound(text: str) -> None:
    assert read_request(text).problem_type == "audio_classification"


def test_concert_tickets_are_not_support_tickets() -> None:
    brief = read_request(
        "Ticketing platform: bots buy up concert tickets at sale start. For each purchase attempt we block or"
        " allow in under 50 ms."
    )
    assert brief.problem_type == "binary_classification"
    assert brief.serving_mode == "real-time"


@pytest.mark.parametrize(
    "text",
    [
        "Card issuer: for each online payment, approve or decline within 100 ms.",
        "Pasarela de pagos: para cada pago, bloquear o permitir en menos de 100 ms.",
        "Zahlungsdienst: jede Zahlung blockieren oder freigeben, in unter 100 ms.",
        "Passerelle de paiement : pour chaque paiement, bloquer ou autoriser en moins de 100 ms.",
        "支付网关：每笔支付在100毫秒内决定拦截还是放行。",
    ],
)
def test_a_choice_between_two_actions_is_yes_no(text: str) -> None:
    assert read_request(text).problem_type == "binary_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Game studio: sort bug tickets into 4 severities from their text and logs; tickets are triaged twice a day.",
        "Clasificar los tickets de soporte en 5 categorías a partir del texto; se revisan dos veces al día.",
        "Support-Tickets werden zweimal am Tag einer von 5 Kategorien zugeordnet.",
        "Les tickets sont classés dans 5 catégories deux fois par jour.",
        "每天两次把工单分到8个类别。",
    ],
)
def test_a_few_runs_a_day_are_batch(text: str) -> None:
    assert read_request(text).serving_mode == "batch"


@pytest.mark.parametrize(
    "text",
    [
        "Hospital lab: estimate a failed potassium value from the other analytes; the result is needed when the"
        " lab technician validates the sample.",
        "Marketplace: suggest a price for each new listing while they fill in the form.",
    ],
)
def test_the_moment_a_person_validates_or_fills_in_is_real_time(text: str) -> None:
    assert read_request(text).serving_mode == "real-time"


@pytest.mark.parametrize("quote", ["'", "\u2019", "\u02bc"])
def test_a_typographic_apostrophe_reads_like_a_plain_one(quote: str) -> None:
    # Word processors and phones type "d’une" and "doesn’t"; the French and English cues are written with "'".
    text = f"Assureur : classer chaque demande de remboursement en moins d{quote}une seconde."
    assert read_request(text).serving_mode == "real-time"
