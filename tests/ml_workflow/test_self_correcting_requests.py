"""A request that corrects or narrows itself is read by its final framing: "cluster our shoppers?? actually no —
we want to predict ...", "statt einer Empfehlung ...", "不是…而是…". The dropped framing's task, serving words
and data do not count; the team and platform named anywhere still do. Ordinary "no", "not" and "but" are no
correction."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._restate import restate
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

CORRECTED = [
    ("Can we cluster our shoppers into personas?? actually no — we want to predict whether each shopper will redeem the coupon this week, scored every night.", "binary_classification", "batch"),
    ("Recommend songs on the home screen... no wait, what we need is how much each listener will spend in the next 30 days; weekly batch.", "regression", "batch"),
    ("Rank the support agents? No — we want to predict whether each ticket will be reopened within 7 days, scored when it is closed (<200 ms).", "binary_classification", "real-time"),
    ("Object detection on the shelf photos — scratch that, we only need one verdict per photo: does the shelf match the planogram or not. Nightly batch.", "image_classification", "batch"),
    ("Tag each video with the brands that appear in it... wait, let's keep it simpler: tag each blog post with all the topics it covers (several can apply); hourly batch.", "multilabel_classification", "batch"),
    ("Segment the knee MRI scans into cartilage regions... no, simpler: one label per scan, tear present or not, processed overnight.", "image_classification", "batch"),
    ("Queremos agrupar a los clientes en segmentos... bueno, en realidad no: queremos saber si cada pedido llegará tarde, en lote cada noche.", "binary_classification", "batch"),
    ("Erst dachten wir an eine Absatzprognose, aber eigentlich wollen wir nur wissen, ob eine Bestellung storniert wird; Bewertung beim Bestellabschluss in unter 100 ms.", "binary_classification", "real-time"),
    ("Au départ on voulait détecter des anomalies dans les paiements, mais finalement non : on veut prévoir le nombre de colis par heure pour les 2 prochaines semaines, recalculé chaque nuit.", "forecasting", "batch"),
    ("我们本来想做用户分群，不对，其实是要预测每个会员下个月会不会流失，每周批量跑一次。", "binary_classification", "batch"),
    ("Pensavamo a una classificazione delle immagini, anzi no: vogliamo stimare il prezzo di vendita di ogni negozio in affitto dai dati catastali, ogni settimana in batch.", "regression", "batch"),
    ("Churn for our casino app, but we only care about high rollers: predict how much each paying player will spend over the next 30 days. Weekly batch.", "regression", "batch"),
    ("Streaming anomaly detection on the compressor sensors — no wait, what we need is the remaining useful life in hours of each compressor, computed on the gateway at each site.", "regression", "edge"),
    ("Predict churn? Not exactly — we want to know which subscribers the loyalty discount actually keeps, from last spring's randomized test. Monthly list.", "uplift_modeling", "batch"),
]  # fmt: skip

CONTROLS = [
    ("Predict which members will not renew, but only for the premium tier; monthly batch.", "binary_classification", "batch"),
    ("We have 3M card transactions a month. Actually, no labels exist, so flag the unusual ones every night.", "anomaly_detection", "batch"),
    ("Predict fraud on card payments, and we really need it fast: under 50 ms per authorization.", "binary_classification", "real-time"),
    ("No GPU and not much data: classify support e-mails into 6 categories in real time (<500 ms).", "text_classification", "real-time"),
    ("Forecast daily demand per SKU for the next 28 days — not just chain totals but per store; nightly batch.", "forecasting", "batch"),
    ("Vorhersage, ob ein Kunde innerhalb von 60 Tagen kündigt – aber nicht für Geschäftskunden; wöchentlicher Batch.", "binary_classification", "batch"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "problem_type", "mode"), CORRECTED)
def test_the_final_framing_counts(read, text: str, problem_type: str, mode: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.serving_mode) == (problem_type, mode)


@pytest.mark.parametrize(("text", "problem_type", "mode"), CONTROLS)
def test_plain_no_not_but_are_no_correction(read, text: str, problem_type: str, mode: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.serving_mode) == (problem_type, mode)


@pytest.mark.parametrize(
    "text",
    [
        "We have 3M transactions. Actually, no labels exist, so flag unusual ones.",
        "Los clientes no esperan; en realidad no hay etiquetas.",
        "Kunden, die eigentlich nicht kündigen wollen, früh erkennen.",
        "Customers forget that they subscribed; predict who cancels.",
        "Predict churn for all users, but we only care about whales: the top 1% by spend.",
        "Predict whether the customer will not pay, but not for B2B accounts.",
        "Using 3 years of history, forecast the demand for each SKU for the next 4 weeks.",
        "Based on the sales history forecast the daily sales per store for next week.",
    ],
)
def test_statements_are_left_whole(text: str) -> None:
    folded, _ = prepare(text)
    assert restate(folded, knowledge()) is folded


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("Statt einer Empfehlung wollen wir für jeden Artikel vorhersagen, wie viele Tage er im Lager liegt.", "empfehlung", "wie viele tage"),
        ("不是要预测销量，而是要判断每条评论是正面还是负面。", "预测销量", "判断每条评论"),
        ("Plutôt que de classer les clients en segments, nous voulons estimer le montant dépensé.", "segments", "estimer le montant"),
        ("Not a forecast, just a yes/no: will each store run out of milk tomorrow?", "forecast", "will each store run out"),
        ("Hi — ignore the fraud part of my last message; the actual ask is to rank hotels for each search.", "fraud", "rank hotels"),
        ("Originally: cluster our pumps by behaviour. Revised: predict whether each pump fails within 7 days.", "cluster", "predict whether each pump fails"),
        ("We want a recommender for the job board. On second thought, what matters is ordering the search results.", "recommender", "ordering the search results"),
        # Group ke: a model the team already has, named before the new ask, and a forecast named as an input.
        ("Our sales forecast works well. The new problem: estimate how many minutes each picker needs per order.", "sales forecast", "how many minutes"),
        ("We already run a churn model monthly. What we need now is different: which offer changes each customer's decision.", "churn model", "which offer changes"),
        ("Given tomorrow's weather forecast, estimate how long each delivery route will take.", "forecast", "how long each delivery route"),
    ],
)  # fmt: skip
def test_the_dropped_framing_is_blanked(text: str, dropped: str, kept: str) -> None:
    folded, _ = prepare(text)
    restated = restate(folded, knowledge())
    assert dropped not in restated and kept in restated


def test_the_context_of_the_whole_request_still_holds() -> None:
    brief = read_request("Recommend products with SageMaker on AWS?? actually no — predict which customers will churn next month; nightly batch.")
    assert brief.problem_type == "binary_classification"
    assert brief.cloud == "aws"
