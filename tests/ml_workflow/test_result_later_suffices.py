"""A result that may wait ("next morning is fine", "Ergebnis am nächsten Morgen reicht", "le lendemain matin
suffit", "第二天早上给出即可") says nobody waits on the answer: a full batch cue (rubric §0.1), even where items
arrive one by one and the learned opinion reads each arrival as a call. Blind set Z's first look read the German
form as real-time. Sentences written for these tests."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

GERMAN = (
    "Steuerbüro: eingehende Schreiben der Behörden (gescannt, OCR-Text) automatisch einer von 10 Kategorien"
    " zuordnen (Bescheid, Mahnung, Anfrage, ...). Ca. 300 Schreiben pro Tag, Ergebnis am nächsten Morgen reicht."
)
FRENCH = (
    "Cabinet comptable : les courriers entrants (scannés, texte OCR) classés automatiquement dans l'une des 8"
    " catégories (avis, relance, demande, ...). Environ 400 par jour, le lendemain matin suffit."
)


@pytest.mark.parametrize("text", [GERMAN, FRENCH])
def test_a_result_that_may_wait_until_the_next_morning_is_batch(read, model_overrules, text: str) -> None:  # noqa: ANN001
    if text == GERMAN:
        model_overrules("the model of 2026-11-28 reads incoming German letters as calls (real-time 0.96)")
    assert read(text).serving_mode == "batch"


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("A result the next morning is fine.", "A result the next morning."),
        ("Ergebnis am nächsten Morgen reicht.", "Ergebnis am nächsten Morgen."),
        ("Es genügt, wenn die Liste bis morgen früh vorliegt.", "Die Liste liegt bis morgen früh vor."),
        ("Un résultat le lendemain matin suffit.", "Un résultat le lendemain matin."),
        ("Al día siguiente basta.", "Al día siguiente."),
        ("第二天早上给出结果即可。", "第二天早上给出结果。"),
    ],
)
def test_saying_the_wait_suffices_adds_a_full_batch_vote(said: str, plain: str) -> None:
    cues = knowledge().serving_cues["batch"]
    assert cues.score(fold(said)) == cues.score(fold(plain)) + cues.weight


def test_a_next_morning_with_nothing_said_to_suffice_adds_nothing() -> None:
    cues = knowledge().serving_cues["batch"]
    assert cues.score(fold("Next morning the nurses call the patients on the list.")) == cues.weight
