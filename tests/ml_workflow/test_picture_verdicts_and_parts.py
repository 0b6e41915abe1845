"""Pictures: several parts per photo, a yes/no per item on a camera, and photos read together with text
(rubric §0.1). From blind set Z's misses; sentences written for these tests.

- "可能多处同时受损" (several places may be damaged at once) lets several labels hold per photo: multilabel.
- "ja/nein pro Karton", "oui/non", "sí/no" state a yes/no form; on a camera with nothing about where, that is
  a verdict on the picture. "Lager" (a warehouse) is no "Lage" (a position).
- "title+description+photos" names text and photos together: the listing's verdict is a yes/no, not an image
  class.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge

CASES = [
    ("保险公司：客户上传房屋受损照片后，自动判断受损部位（屋顶、墙面、窗户等，可能多处同时受损），每天约2000件。",
     "multilabel_classification"),
    ("Lager: Kameras an den Rampen sollen beschädigte Paletten erkennen (ja/nein pro Palette), die Auswertung läuft"
     " auf einem Industrie-PC vor Ort.", "image_classification"),
    ("Classifieds site: decide if each new ad is a scam from title+description+photos, before it goes live (<1 s).",
     "binary_classification"),
    ("Marketplace: flag listings that break policy, judged from photos & text together; nightly batch.",
     "binary_classification"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parts_verdicts_and_mixed_inputs(read, text: str, expected: str) -> None:  # noqa: ANN001 - fixture
    assert read(text).problem_type == expected


@pytest.mark.parametrize(
    ("text", "form", "count"),
    [
        ("beschädigte Kartons erkennen (ja/nein pro Karton)", "yes_no", 1),
        ("classer chaque photo : oui/non", "yes_no", 1),
        ("para cada foto, sí/no", "yes_no", 1),
        ("Lager mit Förderbändern: Kartons erkennen", "where_objects", 0),
        ("Schäden erkennen und ihre Lage im Bild markieren", "where_objects", 1),
        # Group kd: the position of each plant in the camera picture asks where (a compound "Kamerabild").
        ("Position jeder Unkrautpflanze im Kamerabild bestimmen", "where_objects", 1),
    ],
)
def test_the_form_cues(text: str, form: str, count: int) -> None:
    assert min(knowledge().form_cues[form].count(fold(text)), 1) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Whether" before three named outcomes asks which one, not yes or no (groups ke and ka's class).
        ("Predict whether each shipment will be delivered, delayed or lost, from the carrier scans; nightly.",
         "multiclass_classification"),
        ("Airline: predict whether each flight will be on time, delayed or cancelled, from schedule and weather"
         " data; every morning.", "multiclass_classification"),
        # Controls: "whether ... or not" and a plain "whether" stay yes/no.
        ("Predict whether each loan will be repaid or not; weekly batch.", "binary_classification"),
        ("Predict whether each order will be returned within 30 days; nightly batch.", "binary_classification"),
    ],
)
def test_whether_before_three_named_outcomes_is_one_of_n(read, text: str, expected: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected
