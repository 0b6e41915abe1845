"""A quantity wanted for each future period is a forecast even when the request never says "forecast"
(rubric PD-01: "for next N days/weeks per SKU" is forecasting): "rooms booked for each future night over the
next 100 nights", "an jedem Tag der nächsten Woche", "par ligne et par jour pour les 30 prochains jours".
An amount per entity that is not indexed by future periods stays regression (a house price, a customer's
spend in the next 30 days, a delivery time, remaining useful life, length of stay). Sentences are written
for these tests, in six languages."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

PER_PERIOD = [
    "Predict rooms booked per hotel for each future night of the next 100 nights.",
    "Library network: loans per branch for every opening day of the next 4 weeks.",
    "Bus operator: boardings per route per week over the next 8 weeks, refreshed on Mondays.",
    "Aerolínea: predecir el número de pasajeros por vuelo y por día durante las próximas 5 semanas.",
    "Operador de tranvía: estimar los viajeros por parada y por hora para mañana; se calcula cada noche.",
    "Wasserwerk: Wie viel Wasser wird jede Druckzone an jedem Tag der kommenden Woche verbrauchen?",
    "Wie viel Strom wird jedes Umspannwerk an jedem Tag der nächsten Woche liefern?",
    "Réseau de bus : estimer les montées par ligne et par jour pour les 30 prochains jours.",
    "Estimer le nombre de nuitées réservées par hôtel et par nuit pour les 60 prochaines nuits, recalculé chaque matin.",
    "Prever o número de chamadas por hora para amanhã em cada central, calculado toda noite.",
]  # fmt: skip

NOT_PER_PERIOD = [
    "Predict each customer's spend in the next 30 days, weekly batch.",
    "Estimate the remaining useful life of each pump, refreshed every day over the next year.",
    "Estimate each household's electricity use for next month from smart-meter history.",
    "Predict the delivery time of each order at checkout.",
    "Estimate the length of stay of each admitted patient.",
    "Predict the sale price of each house listed this week.",
    "Motor insurer: predict the claim cost of each policy for the next year at renewal.",
]


# Retrained on 2,270 requests (2026-11-28), the model read two per-day counts as one amount; the retrain on 2,680
# (group ic's period adjectives among them) reads them right.
_MODEL_OVERRULES: set[str] = set()


@pytest.mark.parametrize("text", PER_PERIOD)
def test_a_quantity_for_each_future_period_is_a_forecast(read, model_overrules, text: str) -> None:  # noqa: ANN001
    if text in _MODEL_OVERRULES:
        model_overrules("a quantity per future day read as one amount")
    assert read(text).problem_type == "forecasting"


@pytest.mark.parametrize("text", NOT_PER_PERIOD)
def test_an_amount_not_indexed_by_future_periods_stays_regression(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "regression"


@pytest.mark.parametrize(
    "text",
    [
        "for each future night over the next 120 nights",
        "units requested per week over the next 6 weeks",
        "covers for every lunch and dinner service of the next 14 days",
        "the flow in each district for every hour of tomorrow",
        "an jedem Tag der nächsten zwei Wochen",
        "par borne et par heure pour les 48 prochaines heures",
        "por estación y por hora para mañana",
    ],
)
def test_period_wordings_are_read_as_per_period(text: str) -> None:
    assert read_task(fold(text), knowledge()).forms["per_period"] > 0


def test_a_schedule_is_not_a_total_so_its_amount_keeps_its_reading() -> None:
    # "refreshed every day over the next year" names when the score is refreshed, not an amount per period
    # (the per-period form skips a period after a refresh verb), and nothing is totalled over many units.
    task = read_task(fold("Estimate the remaining useful life of each pump, refreshed every day over the next year."), knowledge())
    assert task.forms["per_period"] == 0 and task.forms["aggregate"] == 0
