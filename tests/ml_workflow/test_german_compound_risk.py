"""German writes a probability or a risk as one compound ("Retourenwahrscheinlichkeit", "Ausfallrisiko",
"Kündigungswahrscheinlichkeit"): the yes/no cue must read the word's end, as it reads the plain
"Wahrscheinlichkeit". An amount named in euros stays an amount."""

from __future__ import annotations

import pytest

COMPOUNDS = [
    "Ein Versandhändler möchte die Retourenwahrscheinlichkeit jeder Bestellung beim Checkout vorhersagen.",
    "Leasingfirma: das Ausfallrisiko jedes neuen Vertrags bei Antragstellung vorhersagen.",
    "Telekom: die Kündigungswahrscheinlichkeit jedes Kunden für die nächsten 60 Tage vorhersagen, wöchentlich.",
    # "schätzen" (estimate) before a compound risk: the risk is still a probability, not an amount.
    "Leasingfirma: das Ausfallrisiko jedes neuen Vertrags bei Antragstellung schätzen.",
]
AMOUNTS = [
    "Ein Versandhändler möchte den Retourenwert jeder Bestellung in Euro schätzen, nächtlich.",
]


@pytest.mark.parametrize("text", COMPOUNDS)
def test_a_compound_probability_or_risk_is_yes_no(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "binary_classification"


@pytest.mark.parametrize("text", AMOUNTS)
def test_an_amount_in_euros_stays_regression(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "regression"
