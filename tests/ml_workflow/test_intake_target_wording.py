"""Target wordings from group ed (branch intake-breadth-en, 60 English requests in less common domains)
that the intake read as another problem type. Each test names the class of wording, with controls that
must keep their reading. Sentences written for these tests, not taken from the group."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.mark.parametrize(
    "text",
    [
        "Airline maintenance: tag the words that name the part, the defect and the position in each logbook"
        " entry, nightly.",
        "Taller: etiquetar las palabras que indican la pieza y el defecto en cada parte de mantenimiento, cada"
        " noche.",
        "Atelier : étiqueter les mots qui désignent la pièce et le défaut dans chaque compte rendu d'intervention.",
    ],
)
def test_marking_the_words_that_name_something_is_span_labelling(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "sequence_labeling"


def test_words_that_mention_something_in_a_filter_are_no_spans(read) -> None:  # noqa: ANN001
    assert read(
        "Rail operator: flag driver incident reports that mention a signal failure, nightly."
    ).problem_type != "sequence_labeling"


@pytest.mark.parametrize(
    "text",
    [
        "Water utility: flag meters whose readings look unusual; we have zero confirmed cases of tampering.",
        "Ticketing platform: flag resale listings that look unusual when they are posted. We have basically zero"
        " confirmed cases to learn from.",
    ],
)
def test_zero_confirmed_cases_is_no_labels(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "anomaly_detection"


def test_confirmed_cases_in_thousands_are_labels(read) -> None:  # noqa: ANN001
    text = "Insurer: we have 2,000 confirmed fraud cases; predict whether each new claim is fraudulent when it is filed."
    assert read(text).problem_type == "binary_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Research funder: rank the 12,000 grant applications by how likely each is to be funded, for the"
        " panel's reading order.",
        "Screening lab: order the 40k molecules from the docking run by how likely each one binds the target.",
    ],
)
def test_a_count_in_the_ordered_items_still_orders_them(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "ranking"


@pytest.mark.parametrize(
    "text",
    [
        "Theatre app: suggest the next 3 plays to see based on what the member has already attended.",
        "Garden centre app: suggest the plants and tools each customer is most likely to buy when they open"
        " the shop tab.",
        "Museum app: suggest the next 3 rooms to visit based on what the visitor has already seen.",
    ],
)
def test_items_suggested_to_a_person_are_recommendation(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "recommendation"


def test_whether_a_person_buys_one_suggested_item_stays_yes_no(read) -> None:  # noqa: ANN001
    text = "Garden centre: predict whether each customer will buy the suggested plant within a week."
    assert read(text).problem_type == "binary_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Audiobook platform: recommend the next audiobook for each listener on the home screen.",
        "Museum audio-guide app: suggest the next exhibits to visit, offline on the phone.",
    ],
)
def test_a_product_named_after_sound_is_no_recording(read, text: str) -> None:  # noqa: ANN001
    assert read(text).modality != "audio"


def test_audio_clips_are_still_audio(read) -> None:  # noqa: ANN001
    brief = read("Zoo: classify the audio clips from the enclosure microphones by animal species.")
    assert brief.problem_type == "audio_classification"


def test_survey_cutouts_are_images(read) -> None:  # noqa: ANN001
    brief = read(
        "Sky survey: classify 2M galaxy cutouts as spiral, elliptical or irregular, one batch per data release."
    )
    assert brief.problem_type == "image_classification"


@pytest.mark.parametrize(
    "text",
    [
        "Dairy: predict the fat % of each milk delivery from the tanker's NIR reading, at the intake bay.",
        "Malting plant: predict the protein % of each barley load on the handheld meter.",
    ],
)
def test_a_quantity_named_by_its_percent_sign_is_an_amount(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "regression"



_ORDERED = [
    # Group ke: the order's purpose names its key ("so the analysts review the most likely fraud first"); the
    # rules' ranking then outweighs the fraud words, which the shipped model read as a yes/no.
    ("Fraud scoring already exists (vendor). We want our own model that takes the transactions the vendor flagged"
     " and orders them so the 5 analysts review the most likely real fraud first; the queue is re-sorted hourly.", 1),
    ("Sort the open support tickets so that the most likely escalations come first for the team leads.", 1),
    # Control: an order by a stated field names no likelihood.
    ("Sort the returned parcels by warehouse zone so the pickers walk less.", 0),
]


@pytest.mark.parametrize(("text", "ordered"), _ORDERED)
def test_an_order_so_the_most_likely_come_first_is_by_likelihood(text: str, ordered: int) -> None:
    assert min(knowledge().problem_rules["ordered_by_likelihood"].count(fold(text)), 1) == ordered


def test_the_vendor_flags_ordered_by_likelihood_are_ranked(read) -> None:  # noqa: ANN001
    assert read(_ORDERED[0][0]).problem_type == "ranking"
