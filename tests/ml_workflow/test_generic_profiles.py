"""Requests no domain profile fits get the generic profile of their problem type, in their own words."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.brief import PROBLEM_TYPES
from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.knowledge import knowledge


def test_every_problem_type_has_a_generic_profile() -> None:
    kb = knowledge()
    assert set(kb.generic) == set(PROBLEM_TYPES)
    for pt, profile in kb.generic.items():
        assert profile.problem_type == pt and profile.generic and len(profile.features) >= 5
        filled = profile.for_entity("claim")
        assert "{entity" not in filled.model_dump_json() and "{what}" not in filled.target


def _features(text: str) -> list[str]:
    sections = design_report(read_request(text))
    return [row.feature for row in sections["FeatureEngineering"].features]  # type: ignore[attr-defined]


def test_unusual_binary_problem_gets_no_churn_features() -> None:
    text = (
        "Professional football club: predict each player's risk of a soft-tissue injury in the next 7 days "
        "from GPS tracking loads, training logs and match minutes."
    )
    brief = read_request(text)
    assert brief.domain == "general" and brief.entity == "player"
    assert "soft-tissue injury" in brief.target and brief.horizon == "7 days"
    features = _features(text)
    churn = {f.feature for f in knowledge().domain_by_id["churn"].features}
    assert not churn & set(features) and not any("session" in f or "cancel" in f for f in features)
    assert {"gps_tracking_loads_7d_28d", "training_logs_7d_28d", "match_minutes_7d_28d"} <= set(features)


def test_named_sources_add_their_features() -> None:
    text = "two-person startup: predict which inbound leads will book a demo. Leads live in HubSpot, payments in Stripe."
    brief = read_request(text)
    assert brief.entity == "lead" and brief.project_name == "Binary classifier: which leads will book a demo"
    features = _features(text)
    assert "crm_contacts_90d" in features and "billing_history_90d" in features


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Classify bird species from audio recordings users upload, results within a day.", "recording"),
        ("Detect potholes in road photos uploaded by drivers, answer within 10 seconds.", "image"),
        ("Sports-betting team: predict home win / draw / away win for football matches each week.", "match"),
    ],
)
def test_entity_follows_the_request_and_its_modality(text: str, entity: str) -> None:
    assert read_request(text).entity == entity


def test_generic_reports_do_not_leak_placeholders() -> None:
    for pt_text in (
        "estimate how many days each building-permit application will take to be processed",
        "tag every article with all relevant topics from a taxonomy of 300",
        "find anomalies in inverter telemetry, we have almost no labelled faults",
    ):
        for section in design_report(read_request(pt_text)).values():
            body = section.model_dump_json()
            assert "{entity" not in body and "{what}" not in body and "{unit}" not in body


@pytest.mark.parametrize(
    ("request_text", "source"),
    [
        ("Exchange surveillance: find spoofing patterns in the order book event stream, no labelled cases.", "event stream"),
        ("Spot unusual patterns in our nightly export of loyalty point redemptions; nobody has labelled any.", "timestamped event records"),
        ("Find unusual vibration on our 40 pumps, no labelled faults, weekly report.", "Sensor telemetry"),
    ],
)
def test_generic_signal_features_cite_the_data_the_request_has(request_text: str, source: str) -> None:
    report = design_report(read_request(request_text))
    sources = {row.source for row in report["FeatureEngineering"].features}  # type: ignore[attr-defined]
    assert source in sources and (source == "Sensor telemetry" or "sensor telemetry" not in sources)


@pytest.mark.parametrize(
    ("request_text", "title", "outcome"),
    [
        (
            "Predict the probability that a shopper abandons the cart during the session to trigger a chat offer.",
            "whether a shopper abandons the cart during the session",
            "a shopper abandons the cart during the session (1 = yes",
        ),
        (
            "Score the likelihood that a machine stops unplanned in the next week, in order to plan crews.",
            "whether a machine stops unplanned",
            "a machine stops unplanned (1 = yes",
        ),
    ],
)
def test_a_probability_that_clause_is_a_yes_no_question_without_its_purpose(
    request_text: str, title: str, outcome: str
) -> None:
    brief = read_request(request_text)
    assert brief.project_name.endswith(title) and outcome in brief.target


@pytest.mark.parametrize(
    ("request_text", "quantity", "entity"),
    [
        ("Estimate the remaining days until the next door-motor failure for 1,200 elevators, nightly.", "remaining days until the next door-motor failure", "elevator"),
        ("Predict, when an order is placed, how many minutes it will take to deliver it.", "the number of minutes it will take to deliver it", "order"),
        ("Steel mill: predict the final tensile strength of each coil from rolling parameters.", "final tensile strength", "coil"),
        ("Predict the remaining useful life of each jet engine from sensor data.", "remaining useful life", "engine"),
    ],
)
def test_a_generic_regression_target_names_the_quantity_and_its_unit(request_text: str, quantity: str, entity: str) -> None:
    brief = read_request(request_text)
    assert brief.problem_type == "regression" and brief.entity == entity
    assert brief.target.startswith(f"{quantity} for each {entity}")
