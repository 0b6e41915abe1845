"""Branch intake-enum: targets that are one of 3+ named values, hybrid recommendation/offer serving, document
review, field extraction outside English. The sentences are written for these tests, not taken from any set
(bench/intake_model/di_requests.jsonl is the group measured before the changes)."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import _classify, read_request
from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


def _rules_type(text: str) -> str:
    """The rules' problem type alone (the learned opinion is trained separately and may lag a rule)."""
    folded, _ = prepare(text)
    kb = knowledge()
    domain, score = _classify.match_domain(folded, kb)
    return _classify.classify_problem(folded, kb, domain, score)[0]


@pytest.mark.parametrize(
    "text",
    [
        "For each wafer lot, predict the yield bin it will land in (A, B, C or reject) from the inline metrology.",
        "Estimate the seismic vulnerability class (A–F) of every masonry building in the city from the survey fields.",
        "Predecir la categoría de riesgo de cada proveedor: bajo, medio, alto o crítico, con los datos de compras.",
        "Pour chaque client, prédire le niveau de fidélité (bronze, argent, or, platine) à partir de ses achats.",
        "Wir wollen für jeden Motor die Schadensklasse vorhersagen: leicht, mittel, schwer oder Totalschaden.",
        "Assegnare a ogni immobile la classe energetica dalla A alla G partendo dai dati catastali.",
        "根据电池的检测数据，判断每块电池的等级：A级、B级、C级或报废。",
        "Predict each tree's height class (under 5 m, 5-15 m, over 15 m) from the forest inventory plots.",
    ],
)
def test_a_target_with_named_values_is_multiclass(text: str) -> None:
    assert _rules_type(text) == "multiclass_classification"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will each loan applicant default within 12 months? Score them nightly.", "binary_classification"),
        ("Predict whether a shipment will arrive late, scored every morning.", "binary_classification"),
        # Inputs listed after a class noun are not the target's values.
        (
            "We log three event types (login, payment, transfer) and want to predict whether an account will be "
            "taken over in the next week.",
            "binary_classification",
        ),
        # Named values of a text's label stay a text task.
        (
            "Sort incoming customer emails into one of these reasons (refund, delivery, account, other) as they arrive.",
            "text_classification",
        ),
        ("Predict the price of each used car from its listing fields.", "regression"),
    ],
)
def test_yes_no_amounts_and_texts_keep_their_type(text: str, expected: str) -> None:
    assert read_request(text).problem_type == expected


def test_a_quantity_noun_before_a_class_noun_names_a_class() -> None:
    # "size class", "yield bin", "price band": the amount word qualifies the class, it is not the target.
    assert read_request("Estimate the size of each order in euros at checkout.").problem_type == "regression"
    assert _rules_type("Predict the price band (budget, mid, premium, luxury) of every new listing.") == (
        "multiclass_classification"
    )


def test_french_si_is_a_whole_word() -> None:
    # A trailing space in a cue is stripped when the YAML is read, so "si " had matched "size", "signal"...
    folded, _ = prepare("Predict the size of each parcel and the signal strength at each site.")
    assert read_task(folded, knowledge()).forms["yes_no"] == 0
