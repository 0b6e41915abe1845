"""Events nobody has seen before can only be told from normal behaviour: anomaly detection (rubric PD-01,
"flag unusual without labels"). Blind set Z read "catch contamination events nobody has seen before" as a
yes/no. The cue names the event ("failures we have never seen", "unbekannte Störungen", "从未见过的故障"), so
customers or products never seen before (a cold start) are no anomaly. Sentences written for these tests."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

UNSEEN = [
    "Brewery: pressure and temperature from 40 fermenters every 30 s; we want to catch failures nobody has seen"
    " before, since past ones were all different.",
    "Kraftwerk: Sensordaten der Turbinen jede Sekunde; unbekannte Störungen früh erkennen, es gibt keine Beispiele.",
    "工厂：每台设备每分钟上报传感器数据，希望发现从未见过的故障。",
]


@pytest.mark.parametrize("text", UNSEEN)
def test_events_nobody_has_seen_are_anomalies(read, text: str) -> None:  # noqa: ANN001 - conftest fixture
    assert read(text).problem_type == "anomaly_detection"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("catch contamination events nobody has seen before", 1),
        ("detect new kinds of attacks on the API", 1),
        ("des pannes jamais vues", 1),
        ("recommend products to visitors we have never seen before", 0),
        ("Kunden, die wir noch nie gesehen haben", 0),
        ("从未见过的客户", 0),
    ],
)
def test_the_cue_names_an_event_not_a_new_customer(text: str, count: int) -> None:
    assert min(knowledge().form_cues["unusual"].count(fold(text)), 1) == count
