"""Where the model runs and how the data reaches it: a camera or sensor feed processed on a box, PC or local
server at each store, plant or site is edge (rubric §0.1: on-device or on-gateway inference); tweets from a
Twitter stream, headlines on a firehose or a message queue, and site video sent to the cloud are consumed as a
stream. Group ib (branch ib) was read as streaming, batch or real-time on these.

The controls keep their reading: GPU servers in the cloud or a data centre, "our servers", a server the cameras
call and wait on, a central Kafka fed by the stores, Kinesis Firehose delivering into a nightly job, "edge" in
"competitive edge", a nightly job on the store's server, and a trip request scored before a driver is assigned.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_mode
from skillrun.packs.ml_workflow.intake._serving import classify_serving
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

AT_THE_SITE = [
    # (text, why)
    ("Garden centre chain: the camera feed of each store is processed on an NVIDIA box in the store to find empty"
     " pallet spaces.", "a box named in the store"),
    ("Brewery: a local server at the plant checks every bottle image for a missing cap, 12 bottles a second.",
     "a local server at the plant"),
    ("Supermercados: el vídeo de las cámaras se analiza en un servidor local de cada tienda para detectar huecos"
     " en los lineales.", "servidor local de cada tienda"),
    ("Möbelhaus: Die Kamerabilder werden auf einem lokalen Server in jeder Filiale ausgewertet, um leere"
     " Regalplätze zu finden.", "lokaler Server in jeder Filiale"),
    ("Boulangeries : l'image du plateau est traitée sur un boîtier NVIDIA installé dans le magasin pour reconnaître"
     " les viennoiseries.", "boîtier installé dans le magasin"),
    ("Lojas de roupa: o vídeo das câmaras é processado num servidor local em cada loja para contar os clientes na"
     " entrada.", "num servidor local em cada loja"),
    ("Farmacie: il flusso video del banco viene elaborato su un box NVIDIA in farmacia per riconoscere la"
     " confezione consegnata.", "box NVIDIA in farmacia"),
    ("Mushroom farm: the humidity sensors feed a PC in each growing room's barn, which should predict whether"
     " mould will appear in the next hour and switch the fans itself.", "a PC in each barn, which predicts"),
    ("Retailer: the shelf cameras are processed locally in each store on an on-prem server, flagging empty facings"
     " to staff.", "processed locally in each store"),
    ("Each shop has its own local server that runs the people counter on the door camera.",
     "each shop has its own local server"),
    ("工厂：振动传感器数据在厂区本地服务器处理，发现异常振动立即报警，没有标注数据。", "厂区本地服务器处理"),
    ("Tiendas: las cámaras se procesan en local en cada tienda, en un mini PC, para contar clientes en las colas"
     " de caja.", "en local en cada tienda; colas de caja is a place"),
]

ON_A_STREAM = [
    ("Telecom: classify each tweet mentioning our brand from the Twitter stream into outage, billing or other.",
     "a Twitter stream"),
    ("Newsroom: tag each headline arriving on the firehose as breaking or not, up to 15 a second.", "a firehose"),
    ("Banco: clasificar cada tuit que llega del flujo de Twitter como queja o no, unos 20 por segundo.",
     "flujo de Twitter"),
    ("Opérateur mobile : classer chaque tweet du flux Twitter de la marque (panne, facture, autre) dès son"
     " arrivée.", "flux Twitter"),
    ("新闻客户端：通讯社稿件通过消息队列实时推送过来，每条标题要在到达后3秒内分到15个频道之一。", "消息队列, seconds as freshness"),
    ("Constructora: las cámaras de las obras envían el vídeo a la nube, donde un modelo detecta trabajadores sin"
     " casco y avisa en menos de un minuto.", "video sent to the cloud"),
    ("Cameras in our 12 warehouses send their video to the cloud, where a model detects forklifts near people and"
     " alerts within 10 seconds.", "the cameras send their video to the cloud: not edge"),
    ("We read headlines from the Reuters feed as they arrive and tag each as relevant or not for our desk.",
     "a wire feed read as the items arrive"),
]

CONTROLS = [
    ("Photo app: classify each uploaded photo into 40 scene types on our GPU servers in AWS, under 300 ms.",
     "real-time", "cloud GPU servers"),
    ("Sawmill: the cameras send each board's photo to a GPU server at the mill, which must return its grade (A, B,"
     " C or reject) within 50 ms.", "real-time", "a server the cameras call, no word of place"),
    ("Helpdesk: we run the model on our servers and route each new ticket to one of 15 queues as it is created;"
     " the agent UI waits for it (<300 ms).", "real-time", "our servers"),
    ("Retail chain, 500 stores: POS events from every store go to Kafka in our central data centre, where each"
     " refund is scored for fraud within seconds.", "streaming", "stores feed a central Kafka"),
    ("Clickstream lands in S3 via Kinesis Firehose; every night we score each user's risk of churning in the next"
     " 30 days and write it to Redshift.", "batch", "Kinesis Firehose only delivers"),
    ("We want a competitive edge in pricing: forecast each room type's nightly price for the next 90 days,"
     " recomputed every night.", "batch", "edge used figuratively"),
    ("Every night the local server in each store processes the day's footage to count visitors per hour.",
     "batch", "a schedule in the sentence"),
    ("Each branch has a local server, but the model runs centrally in our data centre and is called by the teller"
     " app in under 300 ms to decide whether to approve the withdrawal.", "real-time", "a local server that runs"
     " nothing"),
    ("We get a firehose of loan applications from partners; score each application for default risk when it is"
     " submitted, <500 ms.", "real-time", "'a firehose of' is a figure of speech for volume"),
    ("Telco: find customers on the edge of churning in the next 60 days; a weekly list for the retention team.",
     "batch", "edge of churning"),
    ("Unsere Server im Rechenzentrum Frankfurt bewerten jede Kreditanfrage in unter 300 ms, während der Kunde"
     " wartet.", "real-time", "servers in a data centre, German"),
    ("Chaque nuit, le serveur de notre siège calcule pour chaque magasin la demande des 14 prochains jours.",
     "batch", "a head-office server computing per store"),
    ("Our edge routers export NetFlow to Kafka; flag unusual traffic flows within a minute, no labels.",
     "streaming", "edge routers only export"),
    ("Ride-hailing: trip events arrive through Kinesis; score each trip request for fraud before a driver is"
     " assigned, p99 under 80 ms.", "real-time", "the assignment waits on the score"),
]


@pytest.mark.parametrize(("text", "why"), AT_THE_SITE)
def test_a_feed_processed_on_a_computer_at_the_site_is_edge(read, text: str, why: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "edge", why


@pytest.mark.parametrize(("text", "why"), ON_A_STREAM)
def test_a_named_stream_source_is_streaming(read, text: str, why: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "streaming", why


@pytest.mark.parametrize(("text", "mode", "why"), CONTROLS)
def test_controls_keep_their_mode(read, text: str, mode: str, why: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == mode, why


def _serving(text: str):  # noqa: ANN202 - the rules' Serving record
    folded, _ = prepare(text)
    return classify_serving(folded, knowledge(), None, "image_classification", None, None)


def test_the_flags_say_which_cue_decided() -> None:
    """named_edge comes from a computer at the site, fed from a stream source; neither from a cloud server."""
    assert _serving(AT_THE_SITE[1][0]).named_edge
    assert not _serving(AT_THE_SITE[1][0]).fed
    assert _serving(ON_A_STREAM[0][0]).fed
    cloud = _serving(CONTROLS[0][0])
    assert not cloud.named_edge and not cloud.fed
    assert not _serving("The detector runs on the Jetson in the camera.").named_edge  # a device, not a site
    archived = "The Twitter stream is archived to S3; once a month we classify the topic of each tweet."
    assert not _serving(archived).fed  # a schedule word: the model may call it batch


@pytest.mark.parametrize(
    ("rule", "answer", "named_edge", "fed", "kept"),
    [
        ("edge", "batch", True, False, "edge"),  # a site computer named: the rules keep edge
        ("edge", "batch", False, False, "batch"),  # no site named: the model decides
        ("edge", "hybrid", True, False, "hybrid"),  # never measured against hybrid
        ("streaming", "real-time", False, True, "streaming"),  # a stream source, nobody waits
        ("streaming", "real-time", False, False, "real-time"),
        ("streaming", "batch", False, True, "streaming"),
        ("real-time", "streaming", False, True, "streaming"),  # the guard keeps only a streaming reading
    ],
)
def test_keep_mode_guards(rule: str, answer: str, named_edge: bool, fed: bool, kept: str) -> None:
    assert keep_mode(rule, answer, False, False, named_edge, fed) == kept


@pytest.mark.parametrize(
    ("text", "kind", "why"),
    [
        ("News agency: tag each incoming headline from the wires as market-moving or not.", "text_classification",
         "a headline is a text, even with a yes/no label"),
        ("Airline: flag abusive replies in the stream of mentions, about 2k a minute.", "text_classification",
         "replies and mentions are texts"),
        ("Opérateur télécom : classer chaque tweet reçu sur notre compte (panne, facturation, autre).",
         "text_classification", "a tweet, not a call"),
        ("Banco: clasificar cada tuit entrante como queja o no.", "text_classification", "tuit"),
        ("Nachrichtenportal: jede eingehende Schlagzeile einem von 12 Ressorts zuordnen.", "text_classification",
         "Schlagzeile"),
        ("Forecast the number of tweets mentioning us per hour for the next 7 days.", "forecasting",
         "a count of tweets over time is a series"),
    ],
)
def test_tweets_and_headlines_are_texts(read, text: str, kind: str, why: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == kind, why
