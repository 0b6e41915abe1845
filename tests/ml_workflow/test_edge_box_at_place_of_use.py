"""A model on a small computer at the place of use, named as a box or a PC rather than a device: the counter's
own GPU box, the lane's mini PC, the sorter's edge GPU, a detector that runs in the camera, the mini PC in each
shop, the gateway in each building or substation, in six languages. Edge serving (rubric §0.1: on-device or
on-gateway inference). Group hg (branch hg) read several of these as real-time or streaming.

The controls keep their reading: a schedule in the same sentence (a nightly job that happens to run in the
store), a PC that only shows a score from the cloud, a hospital's own GPU server, a payment or API gateway,
parcels in boxes, PC users of a web app, and "offline" said of metrics in Spanish, German and French.
Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Deli counters: recognise which of 90 cheeses is on the scale from the overhead camera, on the counter's"
        " own small GPU box, under 200 ms.",
        "Bottle sorting: classify each returned bottle into 12 brands on the sorter's edge GPU, 15 bottles a second.",
        "Drive-thru: classify each order audio clip into 8 intents on the lane's mini PC.",
        "Car park barriers: the plate-type detector runs inside the camera at each barrier; only the result is sent.",
        "Laundry chain: the mini PC in each shop checks the garment photos for stains and flags them to staff.",
        "Every bakery counter has a small GPU box; it spots the pastries on the tray and prices them.",
        "Office towers: the BMS gateway in each building should flag abnormal boiler readings; there are no"
        " labelled faults.",
        "Smart bird feeder: which of 30 species is at the feeder, no cloud subscription needed, the model runs in"
        " the camera.",
    ],
)
def test_a_small_computer_at_the_place_of_use_is_edge(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "edge"


@pytest.mark.parametrize(
    "text",
    [
        "Der Mini-PC am Automaten klassifiziert das entnommene Produkt aus dem Kamerabild.",
        "Das Gateway in jedem Umspannwerk soll ungewöhnliche Messwerte erkennen; Störungen sind kaum gelabelt.",
        "每个变电站的网关检测异常读数，没有标注数据。",
    ],
)
def test_the_same_outside_english(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "edge"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("El mini PC del quiosco clasifica la foto del ticket en 6 tipos.", "the kiosk's mini PC in Spanish"),
        ("Le mini-PC de la borne classe chaque photo de plateau parmi 14 menus.", "the kiosk's mini PC in French"),
        (
            "La passerelle de chaque sous-station doit repérer les mesures anormales, sans étiquettes.",
            "the gateway of each substation in French",
        ),
        ("自助收银机的小主机上识别秤上的果蔬品类，200毫秒内出结果。", "the checkout's small host in Chinese"),
        ("O mini PC do quiosque classifica a foto da bandeja em 14 combos.", "the kiosk's mini PC in Portuguese"),
        ("Il mini PC del chiosco classifica la foto del vassoio in 14 menu.", "the kiosk's mini PC in Italian"),
    ],
)
def test_the_rules_read_edge_where_the_model_has_not_met_the_words(read, model_overrules, text: str, why: str) -> None:  # noqa: ANN001
    if why in _STILL_OVERRULED:
        model_overrules(why)
    assert read(text).serving_mode == "edge"


_STILL_OVERRULED: set[str] = {"the checkout's small host in Chinese"}
"""The retrain after the hf-hj merges read five of six right; the retrain on 2,800 requests (kd-kf) read the
sixth, the checkout's small host in Chinese, right too; the retrain with 2^16 buckets (3,152 requests) reads its 200 ms as a server call again."""


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # A schedule in the sentence: a batch job that happens to run in the store.
        ("Every night the mini PC in each store processes the day's footage and counts the shoppers per hour.", "batch"),
        # The PC only shows what the cloud computed.
        ("The checkout's PC displays the fraud score returned by our cloud API within 200 ms.", "real-time"),
        (
            "Radiology: the model runs on the hospital's own GPU server and the PACS calls it for each study, answer"
            " in 3 s.",
            "real-time",
        ),
        ("The boxes in each warehouse should be counted from the CCTV footage every evening.", "batch"),
        ("La pasarela de pago de cada tienda llama al modelo de fraude, respuesta en 100 ms.", "real-time"),
        ("The API gateway in each region routes calls to our scoring service, which answers in 50 ms.", "real-time"),
        ("Classify each ticket from PC users of our web app into 12 categories at submission, under a second.", "real-time"),
    ],
)
def test_servers_gateways_and_pcs_elsewhere_stay(read, text: str, mode: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "Clasificar cada noche las fotos de productos en 30 categorías; queremos una buena evaluación offline antes"
        " de lanzar.",
        "Produktfotos nächtlich in 30 Kategorien einordnen; wir brauchen belastbare Offline-Metriken vor dem Start.",
        "Classer chaque nuit les photos produits en 30 catégories ; il nous faut des métriques hors ligne solides.",
    ],
)
def test_offline_metrics_are_no_device_in_any_language(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "batch"
