"""One-line requests (group jb): abbreviations and short forms that name the type, the data or the moment of
scoring. The sentences are written for these tests."""

from __future__ import annotations

import pytest

TYPE_CASES = [
    ("recsys for our podcast app, 200k users, keep it simple", "recommendation", "recsys"),
    ("reco engine for the shop's product pages, nightly lists", "recommendation", "reco"),
    ("semantic segmentation of street scenes for a delivery robot, onboard", "image_segmentation", "semantic segmentation, street scenes"),
    ("instance segmentation of cells for our lab, batch", "image_segmentation", "instance segmentation"),
    ("count shoppers in each aisle from the ceiling cams, hourly", "object_detection", "ceiling cams"),
    ("bounding boxes around damaged cartons on the conveyor", "object_detection", "bounding boxes"),
    # Control: a yes/no over table rows, with none of these words.
    ("predict the churn of our 40k B2B customers each month", "binary_classification", "control: tabular yes/no"),
]


@pytest.mark.parametrize(("text", "expected", "why"), TYPE_CASES, ids=[c[2] for c in TYPE_CASES])
def test_problem_type(read, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected, why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("multi-label tags for forum questions (python, sql, docker), on submit", "real-time"),
        ("classify each expense receipt photo upon upload, 2k a day", "real-time"),
        ("tag forum questions with several topics, nightly batch", "batch"),
    ],
)
def test_serving_at_the_users_action(read, text: str, expected: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == expected
