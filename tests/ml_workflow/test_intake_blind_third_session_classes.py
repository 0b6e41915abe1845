"""Wording classes found on the blind sets read in the third session of issue #4: the device itself that
decides ("der Bordrechner selbst", "the tablet itself", "l'appareil lui-même", "el propio dispositivo"), and
a Chinese choice listed with 还是 ("属于A、B还是C", "A还是B中的哪一种"). The sentences are written for these tests,
not copied from the sets, so they check the class, not one sentence."""

from __future__ import annotations

import pytest

# (text, expected serving mode, why)
SERVING_CASES = [
    ("Unsere Erntemaschinen haben einen Bordcomputer. Der Bordcomputer selbst soll während der Fahrt erkennen, "
     "ob das Schneidwerk gleich verstopft, und den Fahrer warnen; die Daten werden nur abends ausgelesen.",
     "edge", "der Bordcomputer selbst"),
    ("Each inspector carries a rugged tablet with a thermal camera. The tablet itself must decide whether a "
     "joint is overheating, because basements have no signal; readings are synced at the end of the day.",
     "edge", "the tablet itself decides"),
    ("Dans les silos il n'y a aucun réseau : l'appareil lui-même doit estimer l'humidité du grain à chaque "
     "mesure, les données sont remontées une fois par semaine.", "edge", "l'appareil lui-même"),
    ("El propio dispositivo del repartidor debe estimar si un paquete llegará tarde, porque en la sierra no hay "
     "cobertura; los datos se suben cada noche.", "edge", "el propio dispositivo"),
    # Control: the device only collects; a nightly job on a server scores.
    ("Der Bordcomputer zeichnet nur auf; jede Nacht soll ein Job im Rechenzentrum für jede Maschine die "
     "Ausfallwahrscheinlichkeit der nächsten Woche berechnen und in eine Tabelle schreiben.", "batch",
     "control: nightly job"),
]


@pytest.mark.parametrize(("text", "expected", "why"), SERVING_CASES, ids=[c[2] for c in SERVING_CASES])
def test_serving_mode(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == expected, why


# (text, expected problem type, why)
TYPE_CASES = [
    ("客服每收到一条用户留言，系统要根据留言的文字判断它属于'退款'、'物流'还是'商品质量'问题，自动分给对应小组。",
     "text_classification", "属于A、B还是C"),
    ("社区医生每写完一份随访记录，就要判断这段文字是'继续观察'还是'尽快复诊'还是'马上转诊'中的哪一种。",
     "text_classification", "还是…中的哪一种"),
    ("每台设备根据传感器读数，判断当前状态是'正常运行'、'需要保养'还是'立即停机'，我们有三年的记录。",
     "multiclass_classification", "是A、B还是C (tabular)"),
]


@pytest.mark.parametrize(("text", "expected", "why"), TYPE_CASES, ids=[c[2] for c in TYPE_CASES])
def test_problem_type(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected, why
