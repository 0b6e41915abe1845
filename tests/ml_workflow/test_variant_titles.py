"""A report's title follows the profile's variant when one applies: the intake names the project from the
profile (or a problem type's label), the designers specialise the profile for the request (a gym's retention
offer, an airline's no-shows, a pharmacy's medications), and the title must name that narrower project."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow import PACK
from skillrun.packs.ml_workflow.intake import read_request

VARIANT_TITLES = [
    # (request, words the title must hold, why)
    ("Which gym members should get a retention discount so they don't cancel? We want to target the offer.",
     "retention", "the uplift profile's retention variant, not a sales offer"),
    ("Extract medication names and dosages from clinical notes", "medication",
     "the extraction profile's medication variant, not invoice fields"),
    ("Predict airline passenger no-shows for each flight booking", "no-show", "the booking no-show variant"),
    ("Predict hotel booking cancellations 60 days ahead", "cancellation", "the booking no-show variant"),
    ("Rank job applicants' CVs for each job posting", "applicant", "the ranking profile's hiring variant"),
    ("Predict how long users will listen in our music app per session", "engagement time",
     "the regression profile's listening-time variant"),
    ("Forecast weekly sales per SKU-store-week for 300 stores", "weekly", "the demand profile's weekly variant"),
]  # fmt: skip
NO_VARIANT = [
    ("Predict churn of our telecom subscribers in the next 30 days", "Subscriber churn prediction"),
    # A container's dwell time at a port is no one's engagement time: the listening-time variant must not fit.
    ("Freight forwarder, 14 warehouses, ~600k container moves since 2019. When a shipper asks for a quote in our "
     "portal we want to show the expected dwell time (in hours) of the container at the destination port, "
     "returned in under 300 ms.", "Regression model for warehouses"),
]


@pytest.mark.parametrize(("request_text", "words", "why"), VARIANT_TITLES)
def test_title_names_the_variant(request_text: str, words: str, why: str) -> None:
    title = PACK.title(read_request(request_text))
    assert words in title.lower(), f"{why}: {title!r}"
    assert "classifier for" not in title and "model for" not in title, title


@pytest.mark.parametrize(("request_text", "title"), NO_VARIANT)
def test_title_without_a_variant_is_the_profiles(request_text: str, title: str) -> None:
    assert PACK.title(read_request(request_text)) == title
