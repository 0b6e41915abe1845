"""Several objects found in one picture, each with its own state, are object detection ("find every parcel in
the frame and read whether its label is damaged"); the state of the one item in a picture stays a verdict.
Boundaries of a text's units (clauses, sections, mentions) are spans inside the text: sequence labelling, not
boxes; boundaries drawn in images stay with the image types."""

from __future__ import annotations

import pytest

DETECTION = [
    "Dock cameras: find every pallet in the frame and read whether its wrap is torn; on the edge box at each dock.",
    "Orchard robot: in each tray photo, find every apple and say whether it is bruised; batch after each shift.",
    "Auf jedem Kamerabild alle Pakete finden und für jedes angeben, ob das Etikett beschädigt ist; nächtlicher Batch.",
    "Dans chaque image du convoyeur, repérer toutes les bouteilles et indiquer si leur bouchon est mal vissé ; traitement chaque nuit.",
    "在每张传送带图像中找出所有包裹，并判断每个包裹的标签是否破损，每晚批量处理。",
    "Cámaras de la obra: detectar a todos los trabajadores en la imagen e indicar si cada uno lleva casco, en el servidor local en menos de 200 ms.",
]  # fmt: skip
VERDICT = [
    "From the photo of each jar, tell whether its lid is closed; nightly batch.",
    "Is the seal on the pouch in this photo intact? One photo per pouch, checked on the line PC.",
    "Detect whether each windscreen in the photos is cracked (one verdict per photo); batch every evening.",
    "Comprobar en la foto de cada caja si el precinto está intacto; proceso nocturno.",
]
SPANS = [
    "Mark the section boundaries in each radiology report and label each section (findings, impression, history); nightly batch.",
    "Find where each medication mention starts and ends in the discharge letters and tag it as drug, dose or route; nightly.",
    "Délimiter chaque clause dans les baux commerciaux et indiquer son type (résiliation, loyer, durée) ; traitement par lots chaque nuit.",
    "Marcar el inicio y el fin de cada mención de fármaco en los informes clínicos y etiquetar su tipo; en lote cada noche.",
    "In den Lieferverträgen die Grenzen jeder Klausel markieren und sie nach Typ (Haftung, Kündigung, Zahlung) kennzeichnen; nächtlicher Batch.",
    "在病历文本中标出每个实体的起止位置并标注实体类型，每天批量处理。",
]  # fmt: skip
IMAGE_BOUNDARIES = [
    ("Mark the boundaries of each lesion in the dermoscopy images pixel by pixel; batch overnight.", "image_segmentation"),
    ("Draw a box around every pothole in the dashcam frames, on the in-vehicle computer.", "object_detection"),
]


@pytest.mark.parametrize("text", DETECTION)
def test_several_objects_each_with_a_state_are_detection(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "object_detection"


@pytest.mark.parametrize("text", VERDICT)
def test_the_one_items_state_stays_a_verdict(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "image_classification"


@pytest.mark.parametrize("text", SPANS)
def test_boundaries_of_text_units_are_spans(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.modality) == ("sequence_labeling", "text")


@pytest.mark.parametrize(("text", "problem_type"), IMAGE_BOUNDARIES)
def test_boundaries_in_images_stay_image_types(read, text: str, problem_type: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == problem_type


def test_the_french_possessive_son_is_no_sound(read) -> None:  # noqa: ANN001
    assert read("Indiquer son type pour chaque contrat de location, à partir du texte ; traitement par lots.").modality != "audio"
    assert read("Classer chaque enregistrement selon le son entendu (sirène, klaxon ou moteur) ; chaque nuit.").problem_type == "audio_classification"
