"""A verdict on the state of the item in a picture (fill level, cap or label placed right, seal intact):
image classification, even with a part's "position" or "detect whether" nearby; finding, boxing or counting
objects stays detection."""

from __future__ import annotations

import pytest

VERDICT = [
    "Canning line: the camera checks the lid position and fill level of every can before the seamer; nightly report.",
    "Detect whether each windscreen in the photos is cracked (one verdict per photo); batch every evening.",
    "Verify that the label on each shampoo bottle is straight from the end-of-line camera images; daily batch.",
    "Comprobar en la foto de cada caja si el precinto está intacto; proceso nocturno.",
    "Anhand der Kamerabilder prüfen, ob der Deckel jedes Glases korrekt verschlossen ist; nächtliche Auswertung.",
    "摄像头拍摄每个药瓶，判断标签是否贴正、瓶盖是否拧紧，每晚批量处理。",
]
DETECTION = [
    "Locate every missing cap on the crates in the camera images and draw boxes around them; nightly.",
    "Count the bottles on each pallet from the warehouse camera photos every hour.",
]


@pytest.mark.parametrize("text", VERDICT)
def test_the_items_state_is_a_verdict(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "image_classification"


@pytest.mark.parametrize("text", DETECTION)
def test_locating_or_counting_stays_detection(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "object_detection"
