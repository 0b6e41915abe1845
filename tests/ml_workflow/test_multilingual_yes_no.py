"""A yes/no event per item ("which orders will arrive late") in Spanish, German, French, Portuguese,
Italian and Chinese is binary classification (rubric PD-01 "will X happen"), not an amount.

English had "predict which", "will ... be late" and "late deliveries"; the other languages had no
yes/no cue for a future event per item nor a word for lateness, so the rules voted for nothing (the
binary answer was a default the learned opinion moved to regression or forecasting), and German
"Zahlungsausfall ... vorhersagen" read "Zahl" (number) inside "Zahlung" (payment). Sentences are written
for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake._classify import classify_problem, match_domain
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

EVENTS = [
    "Predecir qué envíos llegarán con retraso, cada mañana.",
    "Vorhersagen, welche Lieferungen verspätet ankommen werden, jeden Morgen.",
    "Prévoir quels colis arriveront en retard demain pour prévenir les clients.",
    "Prever quais entregas vão atrasar amanhã, rodando toda noite.",
    "Prevedere quali ordini arriveranno in ritardo, ogni mattina.",
    "预测哪些包裹会延误，每天早上出结果。",
    "Leasing: Zahlungsausfall je Vertrag in den nächsten 12 Monaten vorhersagen, wöchentlich.",
]
AMOUNTS = [  # controls: how many, how long
    "Predecir cuántos pedidos llegarán cada día de la próxima semana por almacén.",
    "Vorhersagen, wie viele Minuten Verspätung jede Lieferung haben wird.",
    "Prevedere quanti minuti di ritardo avrà ogni spedizione.",
]


def _rule_scores(text: str) -> dict[str, float]:
    kb = knowledge()
    folded, _ = prepare(text)
    domain, score = match_domain(folded, kb)
    return classify_problem(folded, kb, domain, score)[1]


@pytest.mark.parametrize("text", EVENTS)
def test_which_items_will_be_late_is_a_stated_yes_no(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scores = _rule_scores(text)
    # The rules say so in the request's own words (a vote), not by falling back to a default.
    assert scores["binary_classification"] > 0
    assert max(scores, key=scores.__getitem__) == "binary_classification"
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert intake.read_request(text).problem_type == "binary_classification"


@pytest.mark.parametrize("text", AMOUNTS)
def test_how_many_and_how_long_stay_amounts(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type in ("regression", "forecasting")
