"""How often a model is retrained says nothing about how it serves (rubric §0.1 serving_mode is about how
predictions are consumed): "we retrain monthly" beside "at onboarding" or a 50 ms budget is still real-time,
while a score of every customer each month stays a batch whatever the retraining schedule."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._denied import without_denials
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

ONLINE_WITH_A_RETRAINING_SCHEDULE = [
    "Marketplace: predict whether each new seller will get a chargeback in its first 90 days, at onboarding. We"
    " retrain the model monthly.",
    "Insurer: estimate the fraud probability of each motor claim at first notice of loss; the model is retrained"
    " weekly.",
    "Payments: score each card transaction during authorisation in under 40 ms; weekly retraining.",
    "Banco: en cada solicitud de préstamo, predecir el impago a 12 meses en menos de 300 ms; reentrenamiento mensual.",
    "Versicherer: bei jeder Online-Antragstellung das Betrugsrisiko in unter 200 ms vorhersagen; das Modell wird"
    " monatlich neu trainiert.",
    "Banque : à chaque demande de crédit en ligne, prédire le défaut en moins d'une seconde ; réentraînement mensuel.",
    "在用户提交借款申请时实时预测违约概率，200毫秒内返回；模型每月重新训练。",
]
SCHEDULED_SCORING = [
    "Telco: score all subscribers for churn every month for the retention team; we retrain the model quarterly.",
]


@pytest.mark.parametrize("text", ONLINE_WITH_A_RETRAINING_SCHEDULE)
def test_a_retraining_schedule_does_not_make_serving_a_batch(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"


@pytest.mark.parametrize("text", SCHEDULED_SCORING)
def test_scheduled_scoring_stays_batch_beside_a_retraining_schedule(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "batch"


def test_the_retraining_span_is_blanked_but_not_counted_as_a_denial() -> None:
    folded, _ = prepare("Score each claim at first notice of loss; the model is retrained weekly.")
    blanked, denied = without_denials(folded, knowledge())
    assert "weekly" not in blanked and "first notice of loss" in blanked
    assert len(blanked) == len(folded) and denied == 0
