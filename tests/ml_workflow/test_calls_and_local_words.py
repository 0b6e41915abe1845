"""Wording classes from group jc: a customer "on the phone" is on a call (no handset model), a call connecting
or a lab result being validated is the item's own event (real-time), Portuguese plural "anormais", German
"am Morgen" (in the morning, not tomorrow) and German number words in a horizon. Sentences written for
these tests."""

from __future__ import annotations

import pytest

SERVING = [
    ("Call centre: while the customer is still on the phone, show the agent whether they are likely to cancel; refreshed when the call connects.", "real-time", "on the phone = on a call"),
    ("Support desk: agents talking on the phone see a next-best-offer score, computed the moment the call is answered.", "real-time", "call answered"),
    ("Hospital lab: as soon as each culture result is validated, estimate the risk of resistance and flag it to the ward.", "real-time", "result validated"),
    # Controls: the phone as the device the model runs on.
    ("Wake-word detection that runs on the phone, offline, 20 ms.", "edge", "runs on the phone"),
    ("Plant disease from a leaf photo, on the phone, no signal in the field.", "edge", "photo on the phone"),
]


@pytest.mark.parametrize(("text", "expected", "why"), SERVING, ids=[c[2] for c in SERVING])
def test_serving_mode(read, model_overrules, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    if why == "call answered":
        model_overrules("'on the phone' has only meant a handset in the training requests (edge 0.94)")
    assert read(text).serving_mode == expected, why


TYPES = [
    ("Distribuidora de agua: os sensores enviam leituras a cada 5 minutos; detectar pressoes anormais na rede, sem rotulos.", "anomaly_detection", "pt plural anormais"),
    ("Stadtwerke: Wie viel Strom wird jede Region an jedem Tag der nächsten drei Wochen verbrauchen? Neu berechnet jeden Morgen.", "forecasting", "de number-word horizon"),
]


@pytest.mark.parametrize(("text", "expected", "why"), TYPES, ids=[c[2] for c in TYPES])
def test_problem_type(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected, why


def test_am_morgen_is_a_time_of_day_not_a_horizon() -> None:
    from skillrun.packs.ml_workflow.intake._task import read_task
    from skillrun.packs.ml_workflow.knowledge import knowledge

    kb = knowledge()
    assert read_task("liste fur den aussendienst am morgen.", kb).forms["horizon"] == 0
    assert read_task("welche kunden kundigen morgen?", kb).forms["horizon"] > 0
