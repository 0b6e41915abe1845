"""Pictures named by what they are on a platform (thumbnails, avatars, profile pictures, stills, frames):
the data is images, so a policy check on them is image classification, not text classification.
Written for these tests (branch intake-qty), not taken from any labelled set."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Screen the thumbnails creators upload for sexual content before the video is published.",
        "Gaming community: flag avatars that show hate symbols; a nightly sweep is fine.",
        "Check every new profile pic for nudity while the upload waits.",
        "Film archive: tag each extracted still as daylight exterior, night exterior or interior.",
        "Revisar los avatares de los usuarios para detectar símbolos de odio cada noche.",
        "Die Thumbnails neuer Videos auf verbotene Inhalte prüfen, bevor sie online gehen.",
        "Contrôler les miniatures des vidéos mises en ligne pour détecter la nudité.",
        "Verificare le anteprime dei video caricati per contenuti vietati.",
        "审核主播上传的封面图是否含有违规内容。",
    ],
)
def test_a_policy_check_on_pictures_is_image_classification(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "image_classification"
    assert brief.modality == "image"


@pytest.mark.parametrize(
    "text",
    [
        # Words near the visual nouns that are no pictures: "still" as an adverb, a "time frame", a car
        # sticker (vignette) in French.
        "We still need to flag toxic comments on our forum within a time frame of 2 seconds.",
        "Prédire si un véhicule aura une vignette Crit'Air 4 ou plus l'an prochain, à partir du registre.",
    ],
)
def test_words_that_only_look_visual_keep_their_data(read, text: str) -> None:  # noqa: ANN001
    assert read(text).modality != "image"
