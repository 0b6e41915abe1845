"""Fields pulled out of each document without the word "extract" ("pull out", "capture", "sacar",
"herausziehen", "relever", 把…填到): spans in a text (rubric §0.1 sequence_labeling), not a yes/no."""

from __future__ import annotations

import pytest

SPANS = [
    "Pull out the landlord, tenant, monthly rent and start date from each lease agreement; nightly batch.",
    "Sacar de cada póliza el nombre del tomador, la fecha de efecto y la prima; proceso cada noche.",
    "Aus jedem Kaufvertrag sollen Käufer, Verkäufer, Kaufpreis und Übergabedatum herausgezogen werden; nächtlicher Lauf.",
    "Relever dans chaque ordonnance les noms des médicaments et les doses ; traitement chaque nuit.",
    "从每份租赁合同里把出租方、承租方、租金和起租日期填到表格中，每晚批量处理。",
]


@pytest.mark.parametrize("text", SPANS)
def test_fields_pulled_out_of_documents_are_spans(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "sequence_labeling"


def test_a_yes_no_about_a_contract_is_text_classification(read) -> None:  # noqa: ANN001
    text = "For each NDA, decide whether it has a non-compete clause (yes/no); nightly batch."
    assert read(text).problem_type == "text_classification"


def test_pulling_out_likely_churners_stays_yes_no(read) -> None:  # noqa: ANN001
    text = "Pull out the subscribers most likely to cancel next month; list refreshed every Monday."
    assert read(text).problem_type == "binary_classification"
