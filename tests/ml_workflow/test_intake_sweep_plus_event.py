"""A scheduled sweep over the whole population plus an on-the-spot re-score of one record when an event
touches it (a return is filed, a form field changes, an award is entered) is hybrid serving (rubric §0.1:
precompute plus an online step). Group ed (branch intake-breadth-en) met it four times in the public
sector, aviation and public works, where the schedule was named by a sweep noun or a clock time rather
than a compute verb. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Housing agency: a monthly sweep over all 40,000 tenancies scores arrears risk, and when a caseworker"
        " edits a tenancy we want a live re-score of it while they wait.",
        "Insurance broker: nightly batch for the entire book of policies, plus an instant re-estimate of the"
        " premium when an agent changes the cover in the quote form.",
        "Customs: risk scores for all importers are refreshed weekly, and each declaration is re-scored on the"
        " spot when it is filed.",
        "Rail operator: score the whole next-day timetable at 04:30, then update a train's delay risk online"
        " when its crew or rolling stock slips.",
        "Aduana: recálculo semanal de todos los importadores y una revisión instantánea cuando se presenta"
        " cada declaración.",
        "Versicherer: nächtlicher Lauf über alle Verträge; jeder neue Antrag wird sofort neu bewertet, sobald"
        " er eingereicht wird.",
    ],
)
def test_a_sweep_plus_an_event_triggered_rescore_is_hybrid(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "hybrid"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # Only the sweep: a table people work through.
        (
            "Housing agency: score all 40,000 tenancies for arrears risk in a monthly sweep; caseworkers work"
            " through the list.",
            "batch",
        ),
        (
            "Procurement office: a quarterly sweep over all contracts for bid-rigging risk, results go into the"
            " audit report.",
            "batch",
        ),
        # Only the event: a caller waits, nothing is precomputed.
        (
            "Customs: re-score each declaration on the spot when it is filed; the broker's system waits for the"
            " answer.",
            "real-time",
        ),
    ],
)
def test_one_side_alone_keeps_its_mode(read, text: str, mode: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == mode
