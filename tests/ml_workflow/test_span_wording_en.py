"""Spans said in English without the usual verbs: "token by token", "tag every mention of ...", and the fields
named first and "highlighted inline" after (group he: the rules alone read he-06 and he-20 as yes/no questions;
the learned opinion had carried them). Field names that only describe the inputs, and mentions counted over
time, are not spans."""

from __future__ import annotations

import pytest

SPANS = [
    "Biotech startup, 3 people: we want to tag every mention of genes, protein variants (e.g. p.V600E) and cell"
    " lines, token by token, in ~2M PubMed abstracts plus our internal ELN notes. Re-run weekly over new papers.",
    "Legal-tech SaaS: when a user pastes a court judgment into our editor, we want party names, judges, statute"
    " citations and dates highlighted inline within ~1 s. ~300 requests/min, Azure, EU data residency.",
    "Pharmacovigilance team: annotate each mention of a drug, a dose and an adverse event in 400k case narratives.",
    "Go through the call transcripts word by word and label which words are product names or prices.",
]
NOT_SPANS = [
    "Accounts payable: names, dates and amounts are already extracted by our OCR vendor; predict whether each"
    " invoice will be paid more than 30 days late.",
    "Brand team: count every mention of our brand on social media per day and forecast the daily mentions for the"
    " next 4 weeks.",
]


@pytest.mark.parametrize("text", SPANS)
def test_spans_in_plain_english_are_sequence_labeling(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "sequence_labeling"


@pytest.mark.parametrize("text", NOT_SPANS)
def test_named_inputs_or_counted_mentions_are_not_spans(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type != "sequence_labeling"
