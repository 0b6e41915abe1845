"""Classes of wording from blind sets U and W's misses (read after their blind measurement); sentences written
for these tests, none taken from the sets.

- "Forecast which customers will downgrade" asks a yes/no per customer: "forecast" before "which ... will" is no
  forecasting cue, and "forecast/anticipate which ... will" votes yes/no.
- A numeric value named in brackets ("(logS value)", "(pH level)") is an amount; a risk or churn score is not.
- French "une liste de 5 formations à lui proposer ... à partir de son historique" is a recommendation.
- Spanish "para cada uno de los próximos 10 días" is an amount per coming period; "habíamos pensado en un modelo
  de regresión" is a framing set aside.
"""

from __future__ import annotations

import pytest

RULES = [
    ("We want to forecast which of our 12k subscribers will cancel next month; list pushed to the CRM monthly.",
     "binary_classification"),
    ("Forecast the weekly demand for each of our 300 SKUs for the next 8 weeks; Monday batch.", "forecasting"),
    ("Materials lab: predict the hardness (HV value) for each alloy recipe in our candidate list; weekly batch.",
     "regression"),
    ("Agence de voyages : chaque lundi, générer pour chaque client une liste de 4 séjours à lui proposer dans la"
     " newsletter, à partir de son historique de réservations.", "recommendation"),
    ("Cadena de hoteles: cada mañana, la ocupación de cada hotel para cada uno de los próximos 14 días. Habíamos"
     " pensado en un modelo de clasificación, pero no sabemos.", "forecasting"),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_the_classes(read, text: str, expected: str) -> None:  # noqa: ANN001 - conftest fixture
    assert read(text).problem_type == expected
