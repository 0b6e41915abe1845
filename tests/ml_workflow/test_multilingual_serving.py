"""Serving words outside English: a Chinese volume is no schedule, spending is no stream, an hourly run is
a batch, "at the moment of publication" calls the model, and a device named outright keeps edge.

Group ee: "每天 5 万条" (50k a day) and "每天约 2000 万笔交易" voted batch like "每天凌晨计算" (computed every
night); "消费类别" (spending categories) voted streaming like "从 Kafka 消费"; "cada hora", "toutes les
heures", "ogni ora" were no batch cue though "every hour" was; "au moment de la publication" was no
real-time cue; and "direkt auf einem Jetson" gave edge a bare cue weight the learned opinion overruled.
Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.mark.parametrize(
    ("text", "hits"),
    [("每天 5 万条工单", 0), ("每天约 2000 万笔交易", 0), ("每天凌晨计算一次", 1), ("每周一生成名单", 1), ("每天十万条", 0), ("每天两次", 1), ("每小时 3000 单", 0), ("每小时更新一次", 1)],
)
def test_chinese_volume_is_no_schedule(text: str, hits: int) -> None:
    assert knowledge().serving_cues["batch"].count(fold(text)) == hits


@pytest.mark.parametrize(
    ("text", "hits"),
    [("把交易分到 30 个消费类别", False), ("消费金融公司", False), ("从队列消费订单事件", True), ("消费消息队列里的事件", True)],
)
def test_spending_is_no_stream(text: str, hits: bool) -> None:
    assert (knowledge().consumption_cues["stream_source"].count(fold(text)) > 0) is hits


def test_chinese_spending_categories_in_real_time(read) -> None:  # noqa: ANN001
    brief = read("记账软件：每笔消费入账时实时归入 25 个消费类别中的一个（餐饮、交通、住房……）。")
    assert brief.serving_mode == "real-time"
    assert brief.temporal is False


@pytest.mark.parametrize(
    "text",
    [
        "Clasificar los correos entrantes por tipo de consulta (factura, avería, otros); no hace falta inmediatez, basta cada hora.",
        "Classer les courriels entrants par type de demande (facture, panne, autre) ; un traitement toutes les heures suffit.",
        "Classificare le e-mail in arrivo per tipo di richiesta (fattura, guasto, altro); basta un giro ogni ora.",
    ],
)
def test_an_hourly_run_is_batch(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert intake.read_request(text).serving_mode == "batch"


@pytest.mark.parametrize(
    "text",
    [
        "Attribuer à chaque dépêche un ou plusieurs thèmes parmi 40 au moment de la publication.",
        "Asignar a cada noticia uno o más temas de 40 en el momento de la publicación.",
        "Assign each news story one or more of 40 topics at the moment of publication.",
    ],
)
def test_at_the_moment_of_publication_is_real_time(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"


def test_a_device_named_outright_keeps_edge_against_the_learned_opinion() -> None:
    text = "Kamera am Förderband: Etiketten und fehlende Deckel auf jedem Bild lokalisieren, direkt auf einem Jetson, innerhalb von 40 ms."
    assert intake.read_request(text).serving_mode == "edge"
