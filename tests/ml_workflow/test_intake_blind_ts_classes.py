"""Wording classes found on blind sets T and S (measured before any fix at a2a8929): one of N said the Chinese
way, a yes/no field listed among the inputs, "each one of the 4 terminals", a day-by-day amount over a coming
horizon in Spanish, a quantity of a part estimated in German, "not after a ranking as such", a decision at app
open on top of a nightly score, a response time beside a message rate, "whether it is A, B, C or D". The
sentences are written for these tests, not copied from the sets, so they check the class, not one sentence."""

from __future__ import annotations

import pytest

# (text, expected problem type, why)
TYPE_CASES = [
    # One of N, said the Chinese way: N选一, N个…中的一个, 这N类之一.
    ("客户在线申请贷款时填写收入、职业、负债等结构化信息，系统需要立刻给出审批结果：批准、降额批准、人工复核或拒绝，四选一。",
     "multiclass_classification", "四选一"),
    ("每个维修申请提交时（表单字段：设备型号、故障代码、是否在保、使用年限），自动分到8个维修班组中的一个，200毫秒内返回。",
     "multiclass_classification", "分到8个…中的一个"),
    ("仓库每天晚上把新到的退货按表单信息归到这六类之一：转售、翻新、退回供应商、拆件、捐赠、报废。",
     "multiclass_classification", "这六类之一"),
    # Records written by people, put into one of N: a text.
    ("巡检员每天在手持终端上手写设备巡检记录，比如“二号泵轴承有异响”，希望把每条记录归到机械、电气、仪表、安全这四类之一。",
     "text_classification", "written records into one of four"),
    # Control: a yes/no the request asks, not a listed field.
    ("每位客户下单时，预测这笔订单是否会被退货，实时返回。", "binary_classification", "control: 是否 asked"),
    # Whether it is A, B, C or D: the "whether" asks which of them.
    ("Bei jeder eingehenden Kundenmail soll sofort entschieden werden, ob es eine Reklamation, eine Bestellung, "
     "eine Adressänderung oder eine Kündigung ist; wir haben 80.000 sortierte Mails.",
     "text_classification", "ob es A, B, C oder D ist"),
    ("For every chat message, decide whether it is a refund request, a delivery question, a product question or a "
     "complaint, so it lands in the right queue.", "text_classification", "whether it is A, B, C or D"),
    # Control: a plain yes/no about a text.
    ("For every chat message, decide whether it is abusive so moderators see it first.", "text_classification",
     "control: whether abusive"),
    # Day by day over the coming weeks, per site: a series.
    ("Necesitamos saber cuántos pasajeros embarcarán en cada una de las 6 estaciones, día a día, durante las "
     "próximas 3 semanas, para planificar el personal.", "forecasting", "día a día durante las próximas 3 semanas"),
    # Each one of N sites is not one of N classes.
    ("Each one of our 5 warehouses needs the number of pallets it will receive per day over the next 10 days.",
     "forecasting", "each one of our 5 warehouses"),
    # A quantity of each part estimated in German, with its unit.
    ("Direkt an der Presse soll aus den Maschinenparametern jedes Hubs die Blechdicke in Millimetern geschätzt "
     "werden; wir haben 30.000 vermessene Teile.", "regression", "Blechdicke in Millimetern geschätzt"),
    ("Aus den Rezepturdaten jeder Charge soll die Viskosität vorhergesagt werden, einmal pro Nacht.",
     "regression", "Viskosität vorhergesagt"),
    # What the request is not after, then the real ask.
    ("We're not after a ranked shortlist as such - we need the expected yield in t/ha for each of the 5,000 "
     "candidate lines, scored once per season.", "regression", "not after a ranked shortlist"),
    ("No buscamos una lista ordenada: necesitamos el precio esperado en euros de cada vivienda, cada noche.",
     "regression", "no buscamos una lista ordenada"),
    # Boxes drawn around things in pictures (group la): where the objects are, not a verdict per picture.
    ("From the inspection photos of each bridge we want boxes drawn around every corroded bolt, nightly.",
     "object_detection", "boxes drawn around"),
    ("Sur les photos des rayons, il faut entourer d'un rectangle chaque produit mal placé.",
     "object_detection", "entourer d'un rectangle"),
    ("En las fotos del almacén, poner recuadros alrededor de cada palé dañado.", "object_detection",
     "recuadros alrededor de cada"),
]


@pytest.mark.parametrize(("text", "expected", "why"), TYPE_CASES, ids=[c[2] for c in TYPE_CASES])
def test_problem_type(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected, why


SERVING_CASES = [
    # A nightly score plus an online decision when the app opens: hybrid.
    ("Calculamos cada noche una puntuación por cliente y, al abrir la app, decidimos si mostrar la oferta "
     "teniendo en cuenta lo que lleva en el carrito.", "hybrid", "al abrir la app, decidir"),
    ("Precalculamos cada noche los candidatos y luego el orden se decide en línea según la búsqueda.",
     "hybrid", "decidir en línea"),
    # A response time beside a message rate: a caller waits, the rate is its load.
    ("Patienten schicken Nachrichten über das Portal, ca. 30 Nachrichten pro Sekunde; beim Abschicken soll sofort "
     "die Kategorie feststehen, Antwortzeit max. 250 ms.", "real-time", "Antwortzeit beside Nachrichten pro Sekunde"),
    ("Our help widget receives 40 messages per second at peak; each message needs its queue with a response "
     "time under 300 ms.", "real-time", "response time beside messages per second"),
    # Control: messages per second consumed from a stream, nobody waiting.
    ("About 40 messages per second arrive on a Kafka topic; tag each one and write the tag back to another topic.",
     "streaming", "control: Kafka topic"),
]


@pytest.mark.parametrize(("text", "expected", "why"), SERVING_CASES, ids=[c[2] for c in SERVING_CASES])
def test_serving_mode(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == expected, why
