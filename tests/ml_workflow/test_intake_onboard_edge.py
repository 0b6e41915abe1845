"""Aircraft and vessels name their computers as onboard units with a modifier ("the onboard health
unit", "the onboard monitoring computer") and their lack of connection as "no datalink" or "no link to
shore / to the cloud": inference on the vehicle, edge serving (rubric §0.1). Group ed (branch
intake-breadth-en) read a turboprop's onboard maintenance unit as a stream. Sentences written for these
tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Detect abnormal gearbox vibration on the helicopter's onboard health unit during flight; there is no"
        " datalink until landing.",
        "Regional airline: flag abnormal engine trends during flight; the model has to run on the aircraft"
        " because there is no datalink over the ocean.",
        "Forestry drone with a small GPU: say which tree species each crown is, no link to the cloud in the"
        " valley.",
    ],
)
def test_an_onboard_unit_without_a_link_is_edge(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "edge"


def test_a_link_to_the_cloud_that_exists_is_no_edge_cue(read) -> None:  # noqa: ANN001
    text = "Retail chain: shelf cameras send photos over the store's link to the cloud; detect empty facings nightly."
    assert read(text).serving_mode != "edge"
