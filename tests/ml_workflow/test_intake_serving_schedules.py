"""Serving mode for three phrasings (rubric §0.1, MS-01), read by the wording rules alone and with the
learned opinion:

- a precomputed candidate list re-ordered at page load or request time is hybrid, in any word order
  ("beim Laden der Startseite ... neu sortiert"); a ranking that says it precomputes nothing is real-time,
  and a stored list only read back is batch;
- a forecast or score recomputed every few minutes is a scheduled job (batch) even when its data come
  from sensors; scoring each event as it arrives from a broker stays streaming;
- inline inspection on a server next to the line is real-time, a model on the camera, vehicle or
  embedded box is edge (as group dg labelled an industrial PC at the line).

Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request

HYBRID = [
    "Video-Portal: Kandidaten werden stündlich aus dem Archiv neu berechnet und beim Aufruf der Seite für jeden Zuschauer neu sortiert.",
    "Librería online: los candidatos se recalculan cada hora y se reordenan para cada lector en el momento de la visita.",
    "Recipe app: a candidate list refreshed hourly from the recipe database, re-ordered per cook at page load in under 60 ms.",
    "Boutique en ligne : les candidats sont rafraîchis chaque heure depuis le catalogue et réordonnés pour chaque client au chargement de la page.",
]
REAL_TIME = [
    "Travel site: rank every matching flight for each query live, no precomputation, answer in under 100 ms.",
    "Site d'annonces immobilières : classer les annonces pour chaque recherche, sans aucun précalcul, en moins de 100 ms.",
]
BATCH_LISTS = [
    "Jede Nacht berechnen wir für jeden Leser 8 Artikelempfehlungen; die App liest sie beim Start nur aus.",
]
SCHEDULED = [
    "Tram network: crowding forecast per tram for the next 20 minutes, recomputed every 5 minutes from the door sensors and shown on the platform screens.",
    "Museum: visitor count per room for the next hour, refreshed every 15 minutes from the sensors and shown on a screen at the entrance.",
    "Für jeden Parkplatz wird die Auslastung der nächsten Stunde alle 15 Minuten aus den Sensoren neu berechnet und auf Tafeln angezeigt.",
]
STREAMING = [
    "Each meter reading arriving on Kafka is scored on arrival for whether the transformer trips in the next 10 minutes; alert within seconds.",
]
SERVER_AT_LINE = [
    "Glass plant: a GPU server next to the float line decides for each sheet image whether it has a bubble, answering within 25 ms.",
    "Molino de harina: un servidor con GPU junto a la línea clasifica la imagen de cada saco como correcto o defectuoso en 20 ms.",
]
ON_DEVICE = [
    "Pharma line: the model runs on the smart camera itself and rejects each blister with a missing tablet from its image within 5 ms.",
    "模型部署在分拣机器人自带的嵌入式盒子上，根据图像在15毫秒内判断每个包裹是否破损。",
]
CASES = (
    [(t, "hybrid") for t in HYBRID]
    + [(t, "real-time") for t in REAL_TIME + SERVER_AT_LINE]
    + [(t, "batch") for t in BATCH_LISTS + SCHEDULED]
    + [(t, "streaming") for t in STREAMING]
    + [(t, "edge") for t in ON_DEVICE]
)


@pytest.mark.parametrize(("text", "mode"), CASES)
def test_serving_mode_by_the_rules(text: str, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert read_request(text).serving_mode == mode


@pytest.mark.parametrize(("text", "mode"), CASES)
def test_serving_mode_with_the_learned_opinion(text: str, mode: str) -> None:
    assert read_request(text).serving_mode == mode
