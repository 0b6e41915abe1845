"""Classes of wording from blind set V's misses (read after its blind measurement); sentences written for these
tests, none taken from the set.

- A target noun followed by three or more named values ("each patient's disposition - discharged home,
  admitted to ward, admitted to ICU, or transferred") is one of N.
- German "in jedem 15-Minuten-Slot der nächsten 2 Stunden" is an amount per coming period: a forecast.
- "Any combination" of named problems, "every problem it will run into", lets several labels hold: multilabel.
- What the request says it does not have is not its data: "pas de texte ni de voix" (four words after the
  negation) leaves no voice, so a call's reason from account events is one of N, not audio.
- Chinese forum posts (发帖, 帖文) are texts: a verdict on them is text classification.
"""

from __future__ import annotations

import pytest

CASES = [
    ("Hospital: at admission, predict each patient's discharge destination - home, rehab centre, nursing home,"
     " or another hospital - from the admission record; shown to the bed manager right away.",
     "multiclass_classification"),
    ("Parkhausbetreiber: für jedes Parkhaus vorhersagen, wie viele Plätze in jedem 30-Minuten-Slot der nächsten"
     " 3 Stunden frei sind; stündlich neu berechnet.", "forecasting"),
    ("Telco: when a contract is signed, predict every service issue it will run into in the first month -"
     " activation delay, billing error, device fault (any combination, or none); nightly batch.",
     "multilabel_classification"),
    ("Banque : pour chaque appel entrant, prédire le motif (carte, crédit, fraude, autre) à partir du profil et"
     " des dernières opérations du compte, pas de texte ni de voix ; réponse en 100 ms.",
     "multiclass_classification"),
    ("论坛：用户发帖时判断帖文是否包含广告引流或辱骂，违规的直接拦截，每天20万帖。", "text_classification"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_blind_v_classes(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001 - fixture
    if text.startswith("Hospital: at admission"):
        model_overrules("the model of 2026-11-28 reads a discharge destination's named values as an amount")
    assert read(text).problem_type == expected
