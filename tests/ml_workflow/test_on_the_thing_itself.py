""""On the X itself" says the model runs on X only when X is hardware: "run the check on the concentrators
themselves" puts it on the substations' gateways (edge), while "computed on the request itself" only says when
(group he: he-15 was read as streaming and he-31 as edge). A same-day French "le jour même" is no meme either
(he-50 was read as an image task from "les pièces déposées le jour même")."""

from __future__ import annotations

import pytest

ON_HARDWARE = [
    "Electricity distributor, 2.4M smart meters reporting every 15 min through ~9,000 data concentrators in the"
    " substations. Backhaul is thin, so we want to run the check on the concentrators themselves: flag meters whose"
    " consumption pattern looks unusual (tampering, bypass). Only ~300 confirmed theft cases ever.",
    "Vending machine operator: predict whether each machine will run out of stock tomorrow; the model must run on"
    " the machines themselves because most sites have no connectivity.",
    "Smart thermostat: detect whether the room is occupied from temperature and motion, computed on the thermostat"
    " itself.",
]
NOT_HARDWARE = [
    "Casual game studio, 12M players, ~300 items in the in-game shop. Each time a player opens the shop we want to"
    " pick the 6 items for their personal slot, computed on the request itself (p99 < 60 ms). Purchase and session"
    " logs in BigQuery, 5 MLEs.",
    "Payments API: decide whether each transfer is fraudulent, scored on the transaction itself before it is"
    " approved, p99 under 40 ms.",
]


@pytest.mark.parametrize("text", ON_HARDWARE)
def test_on_the_device_itself_is_edge(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "edge"


@pytest.mark.parametrize("text", NOT_HARDWARE)
def test_on_the_request_itself_is_not_a_device(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"


@pytest.mark.parametrize(
    "text",
    [
        "Caisse d'allocations familiales : estimer le risque qu'un dossier génère un indu dans les 6 prochains"
        " mois, avec les pièces déposées le jour même.",
        "Assureur : prédire si un sinistre déclaré sera frauduleux, avec les justificatifs envoyés la semaine même.",
    ],
)
def test_french_same_day_is_no_meme(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "binary_classification"


def test_memes_are_still_images(read) -> None:  # noqa: ANN001
    text = "Réseau social : classer chaque mème publié en humour, politique ou publicité, environ 2 millions par jour."
    assert read(text).problem_type == "image_classification"
