"""A text or a photo that gets several labels is multilabel, even where the learned opinion has met mostly
single-label texts and photos (intake/_overrule.keep_labels). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._overrule import keep_labels

SCORES = {"multilabel_classification": 5.0, "text_classification": 3.0}


def test_the_guard_keeps_multilabel_against_a_one_label_text_or_photo() -> None:
    assert keep_labels("multilabel_classification", "text_classification", SCORES) == "multilabel_classification"
    assert keep_labels("multilabel_classification", "image_classification", SCORES) == "multilabel_classification"


@pytest.mark.parametrize("answer", ["binary_classification", "audio_classification", "multilabel_classification"])
def test_the_guard_leaves_other_answers_alone(answer: str) -> None:
    assert keep_labels("multilabel_classification", answer, SCORES) == answer


def test_a_weak_several_labels_reading_is_not_kept() -> None:
    weak = {"multilabel_classification": 2.0}
    assert keep_labels("multilabel_classification", "text_classification", weak) == "text_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Help desk: tag each incoming ticket with one or more product areas (billing, login, app, API), under a second.",
        "Insurer: classify each customer letter into one or more of 12 topics for the back office, nightly.",
    ],
)
def test_tickets_and_letters_with_several_labels_are_multilabel(text: str) -> None:
    assert read_request(text).problem_type == "multilabel_classification"
