"""A score wanted at a step of the item's business process is real-time (rubric §0.1, MS-01; intake/_eventtime.py).

"At publish time", "at discharge", "when the background check clears", "at checkout", "at boarding", "at
dispatch", "at hand-over", "at contract renewal", "at the moment of sale": the step itself asks for the score,
as an upload or a first notice of loss does, and nobody names a caller. knowledge/tasks.yaml
consumption.item_event had the upload, onboarding and quote steps but not these, so a yes/no or amount
request fell to its profile's usual batch. A daily or weekly job over that step's items ("every morning we
score yesterday's discharges"), a deadline of hours and a stream keep their mode; a retraining schedule
does not make the step a batch.

The step named as when a feature was taken ("the drugs prescribed at discharge", "the price at the time of
sale", "die bei der Entlassung erhobenen Werte") is no trigger. Also read here: "whether they will complete
N trips" in Chinese (能否) is yes/no, and a count of days or of reads per item is an amount. Sentences written
for these tests; none is taken from bench/intake_model/hf_requests.jsonl.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

AT_THE_STEP = [
    "Recipe site: at publish time, predict whether each recipe will be saved more than 500 times in its first week.",
    "Clinic: at discharge, estimate the probability that the patient will miss the follow-up appointment.",
    "Staffing agency: when a candidate's reference check clears, predict whether they will finish the first"
    " 3-month assignment.",
    "Grocery delivery: at dispatch, estimate how many minutes late each order will arrive.",
    "Ferry operator: at boarding, predict whether each vehicle will need extra deck space.",
    "Equipment rental: at hand-over, predict whether the tool will come back damaged.",
    "Gym chain: at contract renewal, predict whether the member will cancel within 6 months.",
    "Electronics store: at the moment of sale, predict whether the buyer will return the item within 30 days.",
    "Bookshop: once an order is shipped, predict whether the parcel will be reported lost.",
    "Portal de empleo: al publicar la oferta, predecir si recibirá más de 50 candidaturas en una semana.",
    "Clínica: en el momento del alta, estimar la probabilidad de que el paciente vuelva en 15 días.",
    "Reparto: cuando se supera la verificación del nuevo mensajero, predecir si seguirá activo a los 3 meses.",
    "Autovermietung: bei der Fahrzeugübergabe vorhersagen, ob der Wagen verspätet zurückgegeben wird.",
    "Reha-Klinik: sobald ein Patient entlassen wird, das Risiko eines Sturzes in den ersten 60 Tagen schätzen.",
    "Boutique en ligne : au moment du paiement, prédire si le client va demander un remboursement.",
    "Clinique : à la sortie du patient, estimer le nombre de jours avant sa prochaine consultation.",
    "外卖平台：用户下单时预测该订单是否会被取消。",
    "医院：病人出院时预测其是否会在60天内再次就诊。",
]
STEP_ITEMS_IN_A_LIST = [  # controls: the step names the items of a scheduled job, a deadline, a stream
    ("Clinic: every morning we score the previous day's discharges for the risk of a missed follow-up.", "batch"),
    ("Recipe site: a nightly job takes the recipes published that day and predicts which will trend.", "batch"),
    ("Weekly report of new signups: predict which will upgrade to the paid plan within 60 days.", "batch"),
    ("Grocery delivery: the lateness estimate for each order must be ready within 3 hours of dispatch.", "batch"),
    ("Payments: checkout events arrive on Kafka; score each one for fraud as the events come in.", "streaming"),
    ("Cada mañana puntuamos las altas del día anterior por riesgo de reingreso.", "batch"),
    ("Jede Nacht bewerten wir alle am Tag veröffentlichten Anzeigen nach ihrer Verkaufschance.", "batch"),
    ("Chaque lundi, nous évaluons les inscriptions de la semaine passée pour prédire le désabonnement.", "batch"),
    ("每天早上对前一天出院的患者批量评估再入院风险。", "batch"),
]


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)


@pytest.mark.parametrize("text", AT_THE_STEP)
def test_a_score_at_a_step_of_the_items_process_is_real_time(rules_only: None, text: str) -> None:
    assert read_request(text).serving_mode == "real-time"


@pytest.mark.parametrize(("text", "mode"), STEP_ITEMS_IN_A_LIST)
def test_a_schedule_a_deadline_or_a_stream_over_the_steps_items_keeps_its_mode(
    rules_only: None, text: str, mode: str
) -> None:
    assert read_request(text).serving_mode == mode


def test_a_retraining_schedule_does_not_make_the_step_a_batch(rules_only: None) -> None:
    text = "Clinic: at discharge, predict whether the patient will miss the follow-up; we retrain the model monthly."
    assert read_request(text).serving_mode == "real-time"


def _event(text: str) -> int:
    folded, _ = prepare(text)
    return knowledge().consumption_cues["item_event"].count(folded)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Score each order at checkout.", True),
        ("Score each basket at the moment of sale.", True),
        ("Predict readmission from the drugs prescribed at discharge.", False),  # when a feature was taken
        ("Predict the resale value from the price at the time of sale and the age.", False),
        ("Wiederaufnahme aus den bei der Entlassung erhobenen Laborwerten vorhersagen.", False),
        ("Wiederaufnahme bei der Entlassung vorhersagen.", True),
        ("文章发布时预测阅读量。", True),
        ("根据文章发布时间预测阅读量。", False),  # the publish time as a feature
    ],
)
def test_the_step_as_the_moment_and_as_a_features_timestamp(text: str, fires: bool) -> None:
    assert (_event(text) > 0) == fires


def test_a_forecast_window_in_chinese_is_no_deadline() -> None:
    # "预测...24小时内的阅读量" is what is predicted (a window), not when the result is due.
    folded, _ = prepare("文章发布时预测该文章24小时内的点赞量。")
    assert knowledge().consumption_cues["event_deadline"].count(folded) == 0
    folded, _ = prepare("评分结果需在2小时内给出。")
    assert knowledge().consumption_cues["event_deadline"].count(folded) > 0


@pytest.mark.parametrize(
    ("text", "problem_type"),
    [
        ("外卖平台：新骑手入职时，预测其首月能否完成300单。", "binary_classification"),
        ("能否帮我设计一个模型，预测每位用户下个月的消费金额？", "regression"),  # a polite "could you", not "whether"
        ("电商：订单支付时预测配送所需天数。", "regression"),
        ("视频平台：视频发布时预测其首日播放量。", "regression"),
        ("Marketplace : à la mise en ligne, estimer le délai de vente en jours.", "regression"),
    ],
)
def test_the_answer_form_at_the_step(rules_only: None, text: str, problem_type: str) -> None:
    assert read_request(text).problem_type == problem_type
