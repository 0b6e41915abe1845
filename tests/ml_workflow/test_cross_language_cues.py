"""Every language's cue list is matched on every request, so a cue that is an ordinary word of another language
fires in that language's sense: French "même" (same) is no meme, Italian "carta di credito" is no letter and
"la camera doppia" no camera, an English bike or weather station is no hospital ward, an English barcode
scanner no CT scan, French "location" a rental, "l'application" an app, English "handy" no German Handy.
Each case pairs the wrong sense with the sense the cue was written for."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cue tables: the rules alone must read them, whatever a retrained opinion thinks.
    monkeypatch.setattr(intake, "features", lambda text: None)


def _table(name: str):  # type: ignore[no-untyped-def]
    kb = knowledge()
    group, _, key = name.partition(":")
    return getattr(kb, group)[key] if key else getattr(kb, group)


def _hits(name: str, text: str) -> int:
    return _table(name).count(prepare(text)[0])


# (table, another language's sense, the sense the cue was written for)
CASES = [
    ("modality_cues:image", "le même modèle tourne chaque nuit, même si les données arrivent en retard", "classify each uploaded meme"),
    ("modality_cues:image", "la tondeuse calcule elle-même le temps restant", "clasificar los memes subidos"),
    ("modality_cues:text", "transazioni con carta di credito", "cada carta de reclamación escaneada"),
    ("modality_cues:text", "la carta fedeltà del cliente", "uma carta de cobrança"),
    ("modality_cues:text", "dire si l'animal est un chat ou un chien", "every customer chat"),
    ("modality_cues:image", "cancellare la camera doppia", "the line camera"),
    ("modality_cues:image", "prezzo della camera", "la caméra du parking"),
    ("modality_cues:image", "il cliente cancella la camera prima dell'arrivo", "la camera del varco"),
    ("modality_cues:image", "la câmara municipal", "una cámara en cada caja"),
    ("domain_subjects:clinical_deterioration", "bikes rented at each station", "jeder Patient auf der Station"),
    ("domain_subjects:no_show", "trip events arrive through Kinesis", "cabinet de kinés"),
    ("domain_cues:medical_imaging", "handheld barcode scanners log every pick", "chaque scanner thoracique"),
    ("domain_cues:medical_imaging", "the pyrometer line scanner", "dental scanner software"),
    ("domain_cues:retail_detection", "abolladura, rayón o cristal roto", "les emplacements vides en rayon"),
    ("domain_cues:demand_forecast", "sell their stock holdings", "les stocks de chaque entrepôt"),
    ("domain_cues:audio_events", "Rechnung, Vertrag und Sonstiges; sonst nichts", "les sons de la machine"),
    ("problem_rules:location_words", "agence de location de voitures", "the location of each defect"),
    ("hiring_people", "notre application de livraison", "every job application"),
    ("serving_cues:edge", "it would be handy to have a nightly job", "auf dem Handy erkennen"),
    ("serving_cues:edge", "offline evaluation, then a nightly batch", "die App muss auch offline funktionieren"),
    ("serving_cues:edge", "abbiamo i numeri di telefono dei clienti", "directamente en el teléfono"),
    ("serving_cues:real-time", "al momento calcoliamo a mano il rischio", "decidir al momento si se aprueba"),
    ("modality_cues:text", "brief context: a solar farm", "den Arztbrief des Patienten"),
    ("consumption_cues:online_step", "the livestock managers; where customers live", "die Ergebnisse live neu sortieren"),
    ("form_cues:aggregate", "a consumer service; each ping arriving; the page they visited", "stimare i consumi e gli arrivi"),
    ("form_cues:aggregate", "one of 2,000 occupation codes", "le taux d'occupation de chaque parking"),
    ("problem_rules:search_words", "for each of its consultants", "para cada consulta del usuario"),
    ("problem_rules:search_words", "para cada consulta marcada", "cada consulta digitada"),
    ("form_cues:region_outline", "os fraudadores tentam contornar as regras", "contornar cada célula"),
]


@pytest.mark.parametrize(("table", "other_sense", "meant"), CASES)
def test_a_cue_does_not_fire_in_another_languages_sense(table: str, other_sense: str, meant: str) -> None:
    assert _hits(table, other_sense) == 0
    assert _hits(table, meant) > 0


@pytest.mark.parametrize(
    ("text", "problem_type", "temporal"),
    [
        (
            "Pour chaque client, prédire s'il résiliera son abonnement dans les 30 jours ; le même modèle doit"
            " tourner chaque nuit, même si les données arrivent en retard.",
            "binary_classification",
            True,
        ),
        (
            "Une banque veut que l'application détecte elle-même les virements frauduleux au moment du paiement,"
            " en moins de 100 ms.",
            "binary_classification",
            True,
        ),
        (
            "A consumer service should score every vibration reading for bearing failure in the next hour and"
            " raise alarms continuously.",
            "binary_classification",
            True,
        ),
    ],
)
def test_requests_read_in_their_own_language(text: str, problem_type: str, temporal: bool) -> None:
    brief = read_request(text)
    assert brief.problem_type == problem_type
    assert brief.temporal is temporal
    assert brief.modality != "image"


@pytest.mark.parametrize(
    ("text", "problem_type", "modality"),
    [
        ("Social app: decide whether each uploaded meme is hateful before it is shown, under 500 ms.", "image_classification", "image"),
        ("Dental scanner software: while the dentist scans, outline each tooth and the gum line in the 3D view within a second.", "image_segmentation", "image"),
        ("Laboratório de análises: ao carregar a imagem do microscópio, o software deve contornar cada célula em poucos segundos.", "image_segmentation", "image"),
    ],
)
def test_controls_keep_their_reading(text: str, problem_type: str, modality: str) -> None:
    brief = read_request(text)
    assert brief.problem_type == problem_type
    assert brief.modality == modality
