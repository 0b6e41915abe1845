"""A measured property of each item is an amount (regression, rubric §0.1 "how much"), in any unit; a
threshold on it is a yes/no (knowledge/tasks.yaml forms.amount).

Group kd's first look read "predict the final flatness deviation (in microns) of each part" as a yes/no: the
unit in brackets stood between the property and "of each", so the amount frame missed it and the default won.
The other way round, "predict whether each box's weight will be outside the tolerance" was read as an amount
because a quantity word followed "predict" within a few words. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

AMOUNTS = [
    "Machining cell: predict the final flatness deviation (in microns) of each part as it leaves the grinder.",
    "Injection moulding: predict the shrinkage (mm) of each moulded part from the cycle parameters.",
    "Wafer fab: estimate the film thickness (in nm) of every wafer after deposition; 5,000 wafers a day.",
    "Planta de extrusión: predecir la desviación del diámetro (en mm) de cada tubo a partir de la línea.",
    "Usine de polymères : prédire la viscosité (en mPa.s) de chaque lot à partir des paramètres du réacteur.",
]
THRESHOLDS = [
    "Packing line: predict whether each box's weight will be outside the tolerance, so it can be pulled.",
    "Cold store: predict if the temperature of each pallet will go above 8 degrees during loading.",
]


@pytest.mark.parametrize("text", AMOUNTS)
def test_a_property_with_its_unit_in_brackets_is_an_amount(read, text: str) -> None:  # noqa: ANN001 - fixture
    assert read(text).problem_type == "regression"


@pytest.mark.parametrize("text", THRESHOLDS)
def test_whether_a_quantity_crosses_a_limit_is_a_yes_no(read, text: str) -> None:  # noqa: ANN001 - fixture
    assert read(text).problem_type == "binary_classification"
