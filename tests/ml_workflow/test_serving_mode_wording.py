"""Serving mode misread from wording (rubric §0.1, MS-01), read by the rules alone and with the learned opinion.

- A job named with its interval ("a 20-minute batch job", "an hourly batch", "a scoring job every 30
  minutes", "ein stündlicher Batch-Job") is batch, however much telemetry, Kafka or alerting is mentioned.
- The user's action as the scoring point ("at the first purchase, in the checkout flow", "when the form is
  saved", "en el momento en que el cliente confirma", "au moment où") is real-time: the flow waits.
- A denied serving word ("real-time is not needed", "kein Echtzeit...", "pas besoin de temps réel") must
  not vote for the mode it rules out.
- French "en direct" (and "en vivo", "ao vivo", "in diretta") names a stream only with a medium (video,
  cameras, broadcast); alone it means "live" and the rest decides. "Au fil de l'eau" is "as they arrive".
- German "eingehende E-Mails ... stündlich" is an hourly run, not a reply to each e-mail.

A mail delivery pipeline that scores every message "as it arrives, before it lands in the inbox" at
thousands of messages per second is read as streaming. Decision: rubric §0.1 defines real-time as
synchronous request/response (a caller waits on the answer) and streaming as consuming an event stream and
emitting scores continuously. Such a pipeline names no caller: the messages flow past the scorer, which
consumes them one by one, as with the live chat eval case ml-016 (20k msgs/s moderated before they are
shown: streaming). When the request does name a caller ("the mail gateway calls our API and waits"), it is
real-time whatever the rate.

Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._denied import without_denials
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

from .overruled import engine_params

SCHEDULED_JOB = [
    "Compressor fleet: telemetry lands every 10 seconds, and a 20-minute batch job predicts which compressors fail in the next day; alerts go to the maintenance channel.",
    "An hourly batch reads the Kinesis archive of app events and flags devices that behave unusually; there are no labels.",
    "Card fraud: a scoring job every 30 minutes picks up the new transactions from the event log and writes a risk per transaction to the case table.",
    "Stündlicher Batch-Job: Die Telemetrie der Aufzüge wird ausgewertet, Aufzüge mit Ausfallrisiko in den nächsten 48 Stunden werden gemeldet.",
    "Cada 15 minutos un proceso por lotes lee las lecturas de los contadores y marca los consumos anómalos; no hay etiquetas.",
    "Un traitement par lots toutes les heures lit les journaux de connexion et signale les comptes suspects ; 900 prises de contrôle sont étiquetées.",
    "每半小时运行一次定时任务，读取最近的设备遥测数据，预测未来24小时内是否会发生故障。",
]
USER_ACTION = [
    "Bookshop: at the first purchase, in the checkout flow, predict whether the new customer will become a repeat buyer and show a loyalty offer.",
    "Clinic: estimate the no-show probability when the appointment form is saved, so the receptionist sees it at once.",
    "Agencia de viajes: en el momento en que el cliente confirma la reserva, estimar la probabilidad de cancelación.",
    "Assurance habitation : au moment où l'assuré déclare le sinistre en ligne, estimer la probabilité de fraude.",
    "Portale immobiliare: nel momento in cui l'agente pubblica l'annuncio, stimare il prezzo di vendita dell'immobile.",
    "Loja online: no momento em que o cliente finaliza a compra, prever se o pedido será devolvido.",
    "Autovermietung: Sobald der Kunde die Buchung bestätigt, soll die Wahrscheinlichkeit einer Stornierung berechnet werden.",
    "用户提交借款申请时，预测该用户未来6个月是否会逾期。",
]
DENIED = [
    "Flag unusual expense claims per employee; real-time is not needed, a run every night is enough.",
    "Predict late payment per invoice. This doesn't need to be real-time; the collections team checks the list each morning.",
    "Wir brauchen keine Echtzeit: Die Kündigungswahrscheinlichkeit pro Kunde wird einmal pro Woche berechnet.",
    "Fraude aux notes de frais : pas besoin de temps réel, un passage chaque nuit suffit.",
    "Previsión de bajas de clientes: no necesitamos tiempo real, basta con una vez por semana.",
    "Non è necessario il tempo reale: stimare ogni notte il rischio di insolvenza di ogni cliente.",
    "不需要实时，每天凌晨计算一次每个用户的流失概率。",
]
LIVE_CALLER = [
    "Concession auto : le vendeur saisit la reprise et voit en direct la valeur estimée du véhicule, réponse en moins de 300 ms.",
    "Le site appelle notre modèle en direct quand le client demande un devis d'assurance ; la page attend la réponse.",
    "Classer les courriels des clients au fil de l'eau par motif (facturation, panne, résiliation, autre).",
]
LIVE_STREAM = [
    "Stade : localiser en direct les supporters dans les tribunes à partir des caméras, en continu.",
    "Les événements de paiement arrivent au fil de l'eau sur Kafka ; il faut scorer chacun pour la fraude.",
    "Partidos retransmitidos en directo: localizar a los jugadores en cada fotograma del vídeo.",
]
HOURLY_MAIL = [
    "Eingehende E-Mails der Schadenabteilung werden stündlich einer von 6 Kategorien zugeordnet.",
    "Versicherung: Eingehende E-Mails sollen einer von 5 Sparten zugeordnet werden; die Sortierung läuft stündlich.",
]
MAIL_PIPELINE = [
    "Webmail service: check every incoming message for malware links as it arrives, before delivery to the mailbox; around 30k messages per second.",
    "Servicio de correo: revisar cada mensaje entrante en busca de phishing antes de que llegue al buzón, unos 8.000 mensajes por segundo.",
]
CONTROLS = [
    ("Vibration readings from 500 pumps arrive on Kafka every second; a consumer scores each reading for failure within the next hour.", "streaming"),
    ("The mail gateway calls our API for each message and waits for the spam verdict, 2,000 messages per second.", "real-time"),
    ("The checkout service calls our endpoint for every card payment and needs a fraud decision in 40 ms.", "real-time"),
    ("Real-time is required: each login must be scored for account takeover within 100 ms.", "real-time"),
    ("Score all active subscribers for churn every night and write the scores to the CRM.", "batch"),
    ("Ticket triage: when the agent opens a ticket, show its predicted topic from the ticket text.", "real-time"),
    ("Delivery ETAs per zone come from an hourly batch and are combined with live courier positions from Kafka at request time.", "hybrid"),
    ("Transmission en direct des matchs : détecter les joueurs dans chaque image de la vidéo, 25 images par seconde.", "streaming"),
]
CASES = (
    [(t, "batch") for t in SCHEDULED_JOB + DENIED + HOURLY_MAIL]
    + [(t, "real-time") for t in USER_ACTION + LIVE_CALLER]
    + [(t, "streaming") for t in LIVE_STREAM + MAIL_PIPELINE]
    + CONTROLS
)


OVERRULED = {
    "Classer les courriels des clients au fil de l'eau par motif (facturation, panne, résiliation, autre).",
    "Partidos retransmitidos en directo: localizar a los jugadores en cada fotograma del vídeo.",
}
"""Read right by the rules, but overruled by the shipped learned opinion (retrained on 2026-11-28 after the
ha-he merges). Strict, so a retrain that reads one of them right shows up; the hourly German e-mails, the
Chinese loan application at submission and the Spanish mail pipeline, overruled by earlier models, are read
right now and are plain cases, as is the Spanish phishing stream (8,000 messages a second, overruled since the
hf-hj retrain), which the keep_fed guard keeps since intake-serving-site."""


@pytest.mark.parametrize(("text", "mode"), CASES)
def test_serving_mode_from_wording_by_the_rules(text: str, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert read_request(text).serving_mode == mode


@pytest.mark.parametrize(("text", "mode"), engine_params(CASES, OVERRULED))
def test_serving_mode_from_wording_with_the_learned_opinion(text: str, mode: str) -> None:
    assert read_request(text).serving_mode == mode


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("No real-time needed, every hour is enough.", 1),
        ("It doesn’t need to be live; once a day is fine.", 1),
        ("No need for real-time.", 1),  # two cues over one phrase are one denial
        ("kein Echtzeitbedarf", 1),
        ("pas besoin de temps réel", 1),
        ("不需要实时", 1),
        ("Real-time is required for every payment.", 0),
        ("We need real-time scoring and not only a nightly batch.", 0),
        ("We have no streaming infrastructure yet.", 0),  # a missing capability, not a declined mode
    ],
)
def test_denied_serving_words_are_blanked(text: str, count: int) -> None:
    folded, _ = prepare(text)
    blanked, denied = without_denials(folded, knowledge())
    assert denied == count
    assert len(blanked) == len(folded)  # offsets of the other cues hold
    if count:
        assert "real" not in blanked and "echtzeit" not in blanked and "实时" not in blanked
    else:
        assert blanked == folded
