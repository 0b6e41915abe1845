"""Wording classes from group ja: a denied control group, spans found in a text, three or more outcomes
listed after "into", the top N items a person is most likely to act on, and a lead time before an event."""

from __future__ import annotations

import pytest

TYPE_CASES = [
    # A control group that never existed leaves a response model; one that did makes the effect learnable.
    ("Which loyalty members will respond to the spring voucher? Every campaign so far went to all members, no control group. Monthly list.", "binary_classification", "denied control group"),
    ("Aseguradora: que clientes responderan a la oferta de renovacion? Las campanas se enviaron a todos, sin grupo de control. Lista mensual.", "binary_classification", "denied control group, Spanish"),
    ("Which members buy more because of the voucher? Each campaign kept a random 10% control group. Monthly list.", "uplift_modeling", "a real control group with effect wording"),
    # Spans located inside a text, without the words "extract" or "entities".
    ("Pharmacy: find every mention of a medication and its dose in the ward notes and mark where it is in the text; nightly over 3k notes.", "sequence_labeling", "find every mention, mark where it is"),
    ("Identify in each incoming payment's free-text field the beneficiary name, IBAN and invoice references, synchronously in 50 ms.", "sequence_labeling", "identify in each field the names"),
    # Three outcomes listed after "into": one of several classes, not a yes/no.
    ("Foundry: classify each casting from its dimension checks and pour log into accept, repair or scrap before it is machined.", "multiclass_classification", "into accept, repair or scrap"),
    ("Sort every loan file, from its application data, into approve, refer to an underwriter or decline.", "multiclass_classification", "into approve, refer or decline"),
    # The top N items for each person: a recommendation, whatever "most likely" suggests.
    ("Job site: for each candidate, list the 15 open roles they are most likely to apply to, in the weekly e-mail; 2M candidates.", "recommendation", "top N roles a person will apply to"),
    # Controls: a yes/no about each person, and "into" with only two outcomes.
    ("Which customers are most likely to churn next month? Monthly list for the retention team, 400k customers.", "binary_classification", "most likely to, about the person"),
]


@pytest.mark.parametrize(("text", "expected", "why"), TYPE_CASES, ids=[c[2] for c in TYPE_CASES])
def test_problem_type(read, model_overrules, text: str, expected: str, why: str) -> None:  # noqa: ANN001
    model_overrules(OVERRULED.get(why))
    assert read(text).problem_type == expected, why


OVERRULED = {"denied control group, Spanish": "the retrain with 2^16 buckets (3,152 requests) reads a renewal offer to everyone as targeting by effect"}


TEMPORAL_CASES = [
    ("Airline: predict each flight's delay class (on time, 15-60 min, over an hour) 24 hours before departure, for the ops desk.", True),
    ("Stadium operator: predict whether each match will sell out, 10 days before kick-off.", True),
]


@pytest.mark.parametrize(("text", "expected"), TEMPORAL_CASES)
def test_lead_time_before_an_event_is_temporal(read, text: str, expected: bool) -> None:  # noqa: ANN001
    assert read(text).temporal is expected
