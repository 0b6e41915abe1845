"""One field of a ticket or e-mail set from what its sender wrote ("auto-fill the 'component' field"): one
value of a fixed list per text (rubric §0.1 text_classification), not spans to mark and not a table category."""

from __future__ import annotations

import pytest

FIELD = [
    "Pre-fill the 'issue type' field (one of 22) on every bug report from its description when it is filed; "
    "under 400 ms.",
    "Assign the queue of each new customer enquiry from what the customer wrote; a job runs every night.",
    "Completar automáticamente el campo 'área' de cada ticket de soporte (una de 15) a partir de la descripción; "
    "proceso nocturno.",
    "Die Kategorie jeder eingehenden Kundenanfrage soll aus dem Text automatisch gesetzt werden (eine von 9); "
    "einmal pro Nacht.",
    "Remplir automatiquement le champ « motif » de chaque réclamation à partir du texte du client ; traitement "
    "chaque soir.",
    "根据每封客户邮件的内容自动设置“类别”字段（共12类），每天晚上批量处理。",
]


@pytest.mark.parametrize("text", FIELD)
def test_a_field_filled_from_the_text_is_text_classification(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "text_classification"


def test_the_category_from_table_fields_stays_multiclass(read) -> None:  # noqa: ANN001
    text = "Predict the priority (low, medium, high) of each order from the customer segment, amount and region; nightly."
    assert read(text).problem_type == "multiclass_classification"


def test_several_fields_read_out_of_a_document_stay_spans(read) -> None:  # noqa: ANN001
    text = "Fill in the fields supplier, invoice number and due date from each scanned invoice; nightly batch."
    assert read(text).problem_type == "sequence_labeling"
