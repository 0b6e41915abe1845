"""A result that may wait ("next morning is fine", "Ergebnis am nächsten Morgen reicht", "le lendemain matin
suffit", "第二天早上给出即可") says nobody waits on the answer (knowledge/tasks.yaml consumption ``wait_allowed``):
a full batch vote, no item event, and ``keep_wait`` holds the rules' batch against the learned opinion's
real-time. Blind set Z's first look read the German form as real-time, and the retrain on 2,800 requests did
too. Sentences written for these tests."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_wait
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
AT_SUBMISSION = (
    "Procurement: at submission of each purchase request, predict whether finance will reject it; a result by"
    " the next morning is fine."
)


@pytest.mark.parametrize("text", [GERMAN, FRENCH, AT_SUBMISSION])
def test_a_result_that_may_wait_until_the_next_morning_is_batch(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "batch"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A result the next morning is fine.", 1),
        ("Ergebnis am nächsten Morgen reicht.", 1),
        ("Es genügt, wenn die Liste bis morgen früh vorliegt.", 1),
        ("Un résultat le lendemain matin suffit.", 1),
        ("Al día siguiente basta.", 1),
        ("第二天早上给出结果即可。", 1),
        ("Next morning the nurses call the patients on the list.", 0),  # a next morning, nothing said to suffice
        ("The answer must be back in 200 ms.", 0),
    ],
)
def test_the_wait_is_allowed_only_where_it_is_said_to_suffice(text: str, count: int) -> None:
    assert min(knowledge().consumption_cues["wait_allowed"].count(fold(text)), 1) == count


def test_the_guard_keeps_batch_only_against_real_time_and_only_when_the_wait_is_allowed() -> None:
    assert keep_wait("batch", "real-time", waits=True) == "batch"
    assert keep_wait("batch", "real-time", waits=False) == "real-time"
    assert keep_wait("batch", "streaming", waits=True) == "streaming"
    assert keep_wait("real-time", "batch", waits=True) == "batch"
