"""Figures in Portuguese and Italian notation, budgets of a second in words, Italian horizons.

"5 milhões de transações por dia" read as 5 a day, "2 milioni" as 2, "800 mil assinantes" named no
population, "risposta sotto i 100 ms" and "entro un secondo" gave no latency (so a courier's "answer
within a second of the scan" read as a batch job), and "nei prossimi 30 giorni" no horizon. Sentences
are written for these tests.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._numbers import parse_quantities
from skillrun.packs.ml_workflow.intake._text import prepare


def _q(text: str):  # noqa: ANN202
    return parse_quantities(prepare(text)[0])


@pytest.mark.parametrize(
    ("text", "daily"),
    [
        ("Detectar fraude em 5 milhões de transações por dia.", 5e6),
        ("Circa 2 milioni di transazioni al giorno.", 2e6),
        ("Riceviamo 300 mila ordini al giorno.", 3e5),
        ("Environ 1 200 000 paiements par jour.", 1.2e6),
        ("Etwa 3 Mio. Buchungen pro Tag.", 3e6),
    ],
)
def test_volumes_in_local_notation(text: str, daily: float) -> None:
    assert _q(text).daily_volume == daily


@pytest.mark.parametrize(
    ("text", "population"),
    [("Provedor com 800 mil assinantes.", 8e5), ("Piattaforma con 2 milioni di utenti.", 2e6)],
)
def test_populations_in_portuguese_and_italian(text: str, population: float) -> None:
    assert _q(text).population == population


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("Risposta sotto i 100 ms.", 100.0),
        ("Resposta abaixo de 80 ms.", 80.0),
        ("Risposta entro un secondo dalla scansione.", 1000.0),
        ("Respuesta en menos de un segundo.", 1000.0),
        ("Réponse en moins d'une seconde.", 1000.0),
        ("Antwort innerhalb einer Sekunde.", 1000.0),
        ("Resposta em menos de meio segundo.", 500.0),
        ("Answer in under a second.", 1000.0),
        ("一秒内返回结果。", 1000.0),
    ],
)
def test_latency_budgets(text: str, ms: float) -> None:
    assert _q(text).latency_p99_ms == ms


@pytest.mark.parametrize(
    "text",
    ["Lo procesamos en un segundo plano cada noche.", "Un secondo modello entro un mese.", "In a second step we re-rank."],
)
def test_a_second_that_is_no_budget(text: str) -> None:
    assert _q(text).latency_p99_ms is None


def test_italian_horizon() -> None:
    assert _q("Prevedere il guasto dei motori nei prossimi 30 giorni.").horizon_days == 30.0
    assert _q("Prevedere la domanda delle prossime 6 settimane.").horizon_days == 42.0


def test_a_second_after_the_scan_is_a_caller_waiting(read) -> None:  # noqa: ANN001
    brief = read("Corriere: dire se ogni pacco arriverà in ritardo, con risposta entro un secondo dalla scansione.")
    assert brief.serving_mode == "real-time"
    assert brief.latency.p99_ms == 1000.0


def test_portuguese_volume_reaches_the_brief() -> None:
    brief = read_request("Fintech: detectar fraude no Pix em tempo real, resposta em menos de 100 ms, 5 milhões de transações por dia.")
    assert brief.traffic.daily_volume == 5e6
