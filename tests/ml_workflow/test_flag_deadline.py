""""Flag within seconds" on continuous telemetry is an alert deadline like "alert within seconds": the
readings are scored as they arrive, so the mode is streaming (rubric §0.1). A caller that waits on the
answer keeps it real-time."""

from __future__ import annotations

import pytest

ON_TELEMETRY = [
    "Online game: find players who use aimbots from their gameplay telemetry; flag them within seconds so the"
    " match server can remove them.",
    "Wind farm: telemetry from each turbine every 10 seconds; flag unusual gearbox behaviour within two minutes.",
]
CALLER_WAITS = [
    "Payments API: flag fraudulent card transactions within 50 ms; the checkout calls our endpoint and waits for"
    " the answer.",
]


@pytest.mark.parametrize("text", ON_TELEMETRY)
def test_a_flag_deadline_on_telemetry_is_streaming(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "streaming"


@pytest.mark.parametrize("text", CALLER_WAITS)
def test_a_flag_deadline_with_a_waiting_caller_stays_real_time(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"
