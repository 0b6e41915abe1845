"""The request's language from its function words, including short requests that carry no pronoun.

A terse Spanish, Portuguese or Italian request ("Probabilidad de impago a 12 meses de cada préstamo")
used to score no word of its language and fell back to English, so Romance words were "repaired"
against English stems and the brief said ``en``. Shared Romance words ("de", "cada", "que") now count
against English, and Spanish and Portuguese, which share most short words, are told apart by their
endings ("-cion" against "-cao", "nao"). Sentences are written for these tests (group ee showed the
class).
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._text import detect_language, fold

SHORT = [
    ("Riesgo de impago a 6 meses de cada tarjeta, recalculado cada semana.", "es"),
    ("Prever a procura semanal de cada loja nos próximos 2 meses.", "pt"),
    ("Aplicativo que reconhece a espécie de sapo pelo coaxar, sem internet no celular.", "pt"),
    ("Stimare se ogni pacco arriverà in ritardo, entro un secondo dalla scansione.", "it"),
    ("Ordinare i risultati di ricerca in base alla probabilità di acquisto.", "it"),
    ("Kreditausfall je Vertrag in den nächsten 12 Monaten vorhersagen, Scoring monatlich.", "de"),
    ("Attribuer à chaque dépêche un ou plusieurs thèmes au moment de la publication.", "fr"),
    ("Prever a categoria de cada despesa lançada no app (alimentação, transporte, lazer).", "pt"),
]
ENGLISH = [
    "Predict churn for our gym members, monthly.",
    "fraud rt api aws p99 30ms",
    "Rank the Casa de Campo listings for each search query, under 80 ms.",
    "Classify each bank movement into one of 25 categories from the merchant and amount.",
]


@pytest.mark.parametrize(("text", "language"), SHORT)
def test_short_requests_are_read_in_their_language(text: str, language: str) -> None:
    assert detect_language(fold(text)) == language
    assert read_request(text).language == language


@pytest.mark.parametrize("text", ENGLISH)
def test_english_requests_stay_english(text: str) -> None:
    assert detect_language(fold(text)) == "en"


def test_spanish_and_portuguese_ties_go_to_the_endings() -> None:
    # Both score "de", "cada", "que", "para"; only "-cao" and "nao" say Portuguese.
    assert detect_language(fold("Queremos enviar o cupom de boas-vindas para quem não compraria sem a promoção.")) == "pt"
    assert detect_language(fold("Queremos enviar el cupón de bienvenida para la promoción de cada campaña.")) == "es"
