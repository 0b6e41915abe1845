"""Round 6 (branch intake-modes): a deadline after an event is a batch, a model on the gateway is edge,
"no labelled cases" plus readings every few seconds is a streamed anomaly detector in six languages,
"one or more of N" is multilabel over text, and photos read together with text are a plain decision.

The sentences are written for these tests; none is taken from bench/intake_model/dg_requests.jsonl.
Most tests pin the rules' own reading (the learned second opinion switched off) so that a retrained
knowledge/intake_model.json cannot hide a rule that stopped firing; a few check the whole intake.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._classify import Reading, read
from skillrun.packs.ml_workflow.intake._numbers import parse_quantities
from skillrun.packs.ml_workflow.intake._task import modality_of, read_task
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


def _rules(text: str) -> Reading:
    """The rules' reading alone (no learned opinion)."""
    folded, _ = prepare(text)
    q = parse_quantities(folded)
    return read(
        folded,
        knowledge(),
        q.latency_p99_ms or q.latency_p50_ms,
        q.peak_rps,
        q.capacity_per_day,
        q.horizon_days,
    )


def _count(group: str, text: str) -> int:
    folded, _ = prepare(text)
    return knowledge().consumption_cues[group].count(folded)


# 1. A result wanted minutes to hours after an event, or by the next shift, is a batch the event triggers.
@pytest.mark.parametrize(
    "text",
    [
        "Dental clinic chain: classify each panoramic X-ray for signs of bone loss; the finding should be in the "
        "dentist's inbox within 45 minutes of each upload.",
        "When an adjuster uploads the photos of a damaged roof, tell whether hail caused it; an answer within two "
        "hours of the upload is fine.",
        "Seguros de hogar: estimar si cada siniestro declarado es sospechoso de fraude; los resultados pueden "
        "llegar unas horas después de la declaración.",
        "Stahlwerk: Für jede Charge soll vorhergesagt werden, ob sie die Zugprüfung nicht besteht; das Ergebnis "
        "muss bis zur nächsten Schicht vorliegen.",
        "Imagerie satellite : détecter si une parcelle a été fauchée ; le résultat doit être disponible dans les "
        "quelques heures qui suivent la réception des images.",
        "每批化验单上传完成后一小时内，判断每位患者是否有贫血风险。",
    ],
)
def test_a_deadline_after_an_event_is_a_triggered_batch(text: str) -> None:
    assert _rules(text).serving_mode == "batch"


@pytest.mark.parametrize(
    "text",
    [
        "Checkout: score each basket for fraud while the shopper waits, under 150 ms.",
        "Mietwagen: Der Kunde lädt beim Abholen ein Foto des Führerscheins hoch und wartet auf die Freigabe, ob "
        "das Dokument echt ist.",
        "Préstamos: el cliente envía la solicitud en la app y espera la aprobación en pantalla.",
    ],
)
def test_a_caller_who_waits_is_real_time(text: str) -> None:
    assert _rules(text).serving_mode == "real-time"


@pytest.mark.parametrize(
    "text",
    [
        # A horizon after a predicted event is not a deadline for the result.
        "Predict whether an ICU patient develops sepsis within 6 hours of admission.",
        "Risque de malaise dans les 3 heures qui suivent l'admission.",
        # Minutes under a quarter of an hour say nothing about batch.
        "Score each order within 5 minutes of checkout.",
    ],
)
def test_horizons_and_short_waits_are_not_event_deadlines(text: str) -> None:
    assert _count("event_deadline", text) == 0


# 2. A model that runs on the gateway, PLC, line PC or head unit is edge, even when data is streamed to it.
@pytest.mark.parametrize(
    "text",
    [
        "Bottling plant: the fill-level model runs on the PLC at each filler and rejects under-filled bottles "
        "from the camera image.",
        "Signals from 40 vibration sensors are streamed to an edge gateway in each pump house; the gateway has "
        "no GPU and must raise an alarm within 5 s when a pump is about to fail.",
        "Presswerk: Das Modell läuft direkt auf dem Edge-Gateway der Presse und erkennt Risse im Blech innerhalb "
        "von 2 Sekunden anhand der Kraftkurve.",
        "Das Modell läuft auf der SPS der Anlage und erkennt fehlerhafte Teile anhand der Kamerabilder.",
        "Soudage : le modèle qui décide si une soudure est défectueuse tourne sur l'automate de chaque cellule, "
        "à partir du courant et de la tension.",
        "Autobuses: el modelo corre en la unidad de a bordo de cada autobús y avisa al conductor si detecta "
        "somnolencia en la cámara de cabina.",
        "模型部署在每条产线的PLC上，根据电流曲线判断焊点是否合格。",
    ],
)
def test_a_model_on_the_gateway_or_plc_is_edge(text: str) -> None:
    assert _rules(text).serving_mode == "edge"


@pytest.mark.parametrize(
    "text",
    [
        "Factory: IoT gateways in each hall forward vibration readings to Kafka in our data centre; a Flink job "
        "scores each reading and flags bearing anomalies within 10 s.",
        "Edge gateways collect the meter readings and push them to Azure Event Hubs, where a stream job flags "
        "anomalies within a minute.",
        "Les passerelles de chaque atelier transmettent les mesures à Kafka dans notre centre de données ; un job "
        "Flink calcule un score d'anomalie en continu.",
    ],
)
def test_gateways_that_only_relay_to_a_broker_leave_a_stream(text: str) -> None:
    assert _rules(text).serving_mode == "streaming"
    assert read_request(text).serving_mode == "streaming"


# 3. "No labelled cases" in each language; readings every few seconds plus an alarm within minutes.
@pytest.mark.parametrize(
    "text",
    [
        "There are no labelled leaks so far.",
        "Bisher keine gelabelten Störfälle.",
        "Gelabelte Ausfälle haben wir keine.",
        "No tenemos averías etiquetadas.",
        "Nous n'avons aucun incident étiqueté, et aucun cas de fraude connu.",
        "Nessun guasto etichettato finora.",
        "Não temos falhas rotuladas.",
        "目前没有任何标注的泄漏样本。",
    ],
)
def test_no_labelled_cases_is_read_in_each_language(text: str) -> None:
    folded, _ = prepare(text)
    assert read_task(folded, knowledge()).labels_missing


@pytest.mark.parametrize(
    "text",
    [
        "Pipeline pressure sensors report every 20 seconds; there are no labelled leaks so far. Alert the control "
        "room within 5 minutes.",
        "Gasnetz: Drucksensoren melden alle 20 Sekunden einen Wert; gelabelte Leckagen gibt es bisher keine. Bei "
        "Auffälligkeiten soll innerhalb von 3 Minuten ein Alarm an die Leitwarte gehen.",
        "Red de agua: los caudalímetros envían un valor cada 30 segundos y no tenemos fugas etiquetadas; hay que "
        "avisar al centro de control en menos de 5 minutos.",
        "Compresseurs : une mesure de pression toutes les 10 secondes, aucun incident étiqueté ; alerter la "
        "maintenance en moins de 2 minutes.",
        "Cabine elettriche: i sensori inviano la temperatura ogni 30 secondi, nessun guasto etichettato; avvisare "
        "il reperibile entro 5 minuti.",
        "Bombas de irrigação: leituras de pressão a cada 15 segundos, não temos falhas rotuladas; alertar o "
        "operador em até 5 minutos.",
        "油井压力传感器每15秒上报一次，目前没有任何标注的泄漏样本，需要在3分钟内告警给调度中心。",
    ],
)
def test_unlabelled_readings_with_a_quick_alarm_are_streamed_anomaly_detection(text: str) -> None:
    reading = _rules(text)
    assert (reading.problem_type, reading.serving_mode) == ("anomaly_detection", "streaming")


# 4. "One or more of N categories" is multilabel, over text too; exactly one of N stays single-label.
@pytest.mark.parametrize(
    "text",
    [
        "Tag each support chat with one or more of 12 topics (billing, login, shipping, returns, ...).",
        "Asignar a cada reseña uno o varios de 9 aspectos (precio, limpieza, personal, ubicación...).",
        "Jede Kundenanfrage soll einem oder mehreren von 14 Themen zugeordnet werden.",
        "Attribuer à chaque article une ou plusieurs des 25 rubriques du journal.",
        "给每条用户反馈打上一个或多个标签（共20个类别）。",
        "Tile inspection: for each photo, which of the 6 glaze flaws are present, usually none, sometimes several.",
    ],
)
def test_one_or_more_of_n_categories_is_multilabel(text: str) -> None:
    assert _rules(text).problem_type == "multilabel_classification"


def test_exactly_one_of_n_queues_for_a_text_stays_text_classification() -> None:
    assert (
        _rules("Route each incoming e-mail to exactly one of 6 departments.").problem_type
        == "text_classification"
    )


# 5. Photos read together with text: a decision on the item in its plain form, not an image or text type.
@pytest.mark.parametrize(
    ("text", "problem_type"),
    [
        (
            "Second-hand fashion app: flag fake designer items using the listing photos together with the seller's "
            "description.",
            "binary_classification",
        ),
        (
            "Clasificar si cada oferta de empleo es una estafa a partir del texto y las imágenes del anuncio.",
            "binary_classification",
        ),
        (
            "Anhand der Produktbilder und der Beschreibung erkennen, ob ein Artikel gegen die Richtlinien verstößt.",
            "binary_classification",
        ),
        (
            "Détecter les annonces de location frauduleuses à partir des photos et de la description du logement.",
            "binary_classification",
        ),
        ("结合商品主图和标题文案，判断是否为违禁商品。", "binary_classification"),
        (
            "Sort each listing into one of 30 product categories from its photos and title.",
            "multiclass_classification",
        ),
        # One medium alone keeps its type.
        ("Flag toxic comments before they are posted.", "text_classification"),
        ("Flag listing photos that show weapons.", "image_classification"),
    ],
)
def test_photos_with_text_are_a_plain_decision(text: str, problem_type: str) -> None:
    assert _rules(text).problem_type == problem_type


def test_photos_with_text_are_mixed_data_in_the_brief() -> None:
    text = "Detect counterfeit listings from the product images and the listing text; nightly batch."
    folded, _ = prepare(text)
    assert modality_of(read_task(folded, knowledge()), None, 0.0) == "mixed"
    brief = read_request(text)
    assert (brief.problem_type, brief.modality, brief.temporal) == ("binary_classification", "mixed", False)
    assert brief.model_complexity == "deep-learning"


def test_the_learned_opinion_does_not_turn_mixed_data_into_one_medium() -> None:
    from skillrun.packs.ml_workflow.intake._overrule import keep_medium

    assert keep_medium("binary_classification", "image_classification", "mixed") == "binary_classification"
    assert keep_medium("binary_classification", "object_detection", "mixed") == "binary_classification"
    assert (
        keep_medium("binary_classification", "multiclass_classification", "mixed")
        == "multiclass_classification"
    )
    assert keep_medium("binary_classification", "image_classification", "image") == "image_classification"
