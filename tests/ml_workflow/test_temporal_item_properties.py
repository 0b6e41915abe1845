"""Rubric §0.1 temporal: a decision whose outcome is observed later (default, late delivery, failure,
funding) is temporal; a property of the item as it is when scored (what a molecule is made of, how a
track moves, the hardness of each coil) is not, even when the lab measures it weeks later. Group ed
(branch intake-breadth-en) found the rules calling such properties temporal by default, and a
pharmacology "organ toxicity" read as abusive content. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Drug discovery: for each compound predict whether it shows organ toxicity (yes/no) from its structure;"
        " weekly batch.",
        "Metallurgy lab: predict whether each new alloy will pass the bend test (yes/no) from its composition.",
        "Structural biology: classify each protein into one of 6 fold families from its 3D structure.",
        "Coastal radar: label every track as ship, buoy, bird or sea clutter from its kinematics, continuously.",
        "Dairy: predict the fat % of each milk delivery from the tanker's NIR reading, at the intake bay.",
        "Soy processor: estimate the protein content of every soybean lot, nightly.",
        "Fábrica de papel: predecir la resistencia a la tracción de cada bobina, informe diario.",
    ],
)
def test_a_property_of_the_item_now_is_not_temporal(read, text: str) -> None:  # noqa: ANN001
    assert read(text).temporal is False


@pytest.mark.parametrize(
    "text",
    [
        "Microfinance NGO: predict whether each borrower will miss a repayment in the next 3 months.",
        "Courier: predict which parcels will be delivered late, from the shipment details, scored every morning.",
        "Water utility: predict whether each pump will fail in the next 30 days from its maintenance history.",
        "Research funder: rank the 12,000 grant applications by how likely each is to be funded.",
        # A process stream's soft sensor names no "each": time-ordered samples, temporal.
        "Refinery soft sensor: estimate the sulphur content of the diesel stream every 30 seconds from the column"
        " temperatures.",
        # Abusive content drifts (the rubric's toxicity case) and keeps its reading.
        "Game studio: detect toxic messages in our in-game chat before they are shown to other players.",
    ],
)
def test_an_outcome_observed_later_is_temporal(read, text: str) -> None:  # noqa: ANN001
    assert read(text).temporal is True


def test_organ_toxicity_is_no_abusive_content(read) -> None:  # noqa: ANN001
    brief = read(
        "Safety pharmacology: for each of our 80k compounds predict which organ-toxicity classes apply (liver,"
        " kidney, heart, ...), several at once; weekly batch."
    )
    assert brief.problem_type == "multilabel_classification"
    assert brief.temporal is False
