"""A/B sizing against a fixed audience. A one-shot send (a campaign, a mailing) has its list and no daily
inflow; a test that randomises entities (servers, turbines, meters) has the fleet, all there on day one.
n is counted in those units, the test is feasible or not with them, it lasts the exposure plus the outcome
window (never "days" from a daily event rate), and when the audience is too small the report says so, gives
the effect it can detect and, for a fleet, the alternative designs, each computed."""

from __future__ import annotations

import re

import pytest

from skillrun import find_skill, run, to_markdown
from skillrun.evals import make_context, run_checks
from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.stats import detectable_mde, n_per_arm_proportion

ONE_SHOT = [
    # (request, audience, why)
    ("We send a quarterly mailing to 200k customers; build a model to pick who should get the offer, conversion "
     "is about 2%.", 200_000, "a quarterly mailing, sized before as if 50k customers a day arrived"),
    ("Email campaign next month to 2 million subscribers: pick who gets the 10% discount, response rate around 3%",
     2_000_000, "one email campaign"),
    ("Campaña de correo trimestral a 50.000 clientes, queremos elegir a quién enviar la oferta", 50_000,
     "Spanish: a quarterly mail campaign"),
]  # fmt: skip
FLEET = [
    ("Stream CPU and memory metrics from 20,000 servers to Kafka and flag servers likely to crash in the next hour.",
     20_000, "server", "the stream's events per day are no count of servers"),
    ("Predict failures of our 500 wind turbines 7 days ahead from SCADA sensor readings every 10 minutes.", 500,
     "turbine", "500 turbines sized before as 17 'units/day' over 4,200 days"),
]  # fmt: skip
NOT_ONE_SHOT = [
    # (request, why)
    ("Ad agency: suggest the bid (in cents per click) for each keyword of our clients' search campaigns, recomputed "
     "every night.", "search campaigns are a daily flow of auctions, not a send"),
    ("Somos una cooperativa olivarera de Jaén con unas 3.200 parcelas. Queremos estimar el rendimiento de cada "
     "parcela antes de la campaña.", "Spanish 'campaña' is also the harvest season"),
    ("Will this client buy the travel insurance add-on in the next 30 days? Score every client weekly for the "
     "campaign team.", "scored every week: a recurring flow"),
]  # fmt: skip
PEOPLE_BASE = [
    # (request, base, why)
    ("Small team of 2 at a Shopify store: predict which customers will churn in the next 60 days, 40k customers, "
     "weekly scoring, no ML infra yet.", 40_000, "sized before at 10,000 customers/day: 56,812 customers from 40k"),
    ("Predict churn of our telecom subscribers in the next 30 days, 3 million subscribers, scored weekly.", 3_000_000,
     "a base of 3M scored weekly is all there at once"),
]  # fmt: skip
DAILY_FLOW = [
    "Real-time fraud scoring for card payments, 20 million transactions per month.",
    "Recommend songs for the next track in a music streaming app's playlists, 30M monthly active users.",
]


def _ab(text: str):  # noqa: ANN202 - the A/B section
    return design_report(read_request(text))["ABTesting"]


def _failed_ab_checks(text: str) -> list[tuple[str, str]]:
    report = run(text)
    ctx = make_context(find_skill("ml-workflow"), to_markdown(report), text, brief=report.brief)
    return [(o.id, o.reason) for o in run_checks(ctx) if o.id.startswith(("AB-", "AP-09")) and o.status == "fail"]


@pytest.mark.parametrize(("request_text", "audience", "why"), ONE_SHOT)
def test_one_shot_send_is_sized_against_its_list(request_text: str, audience: float, why: str) -> None:
    ab = _ab(request_text)
    plan = ab.plan
    assert plan is not None and plan.audience == audience, why
    assert "units/day" not in ab.min_duration, f"{why}: a daily rate divides a one-off list"
    assert plan.total_days == plan.exposure_days + plan.label_window_days
    assert plan.exposure_days < 7 and ab.min_duration.startswith(f"{plan.total_days} days")
    per_arm = audience * plan.traffic_fraction / plan.arms
    assert plan.feasible == (per_arm >= plan.n_per_arm)
    if not plan.feasible:
        # The detectable effect is computed: n for it equals the units per arm the list gives.
        assert "too small" in ab.min_duration
        p2 = plan.baseline * (1 + plan.detectable_mde)
        assert n_per_arm_proportion(plan.baseline, p2) == pytest.approx(per_arm, rel=0.01)
        assert any(note.startswith("Alternatives, computed") for note in ab.notes)
    assert "single send" in ab.traffic_split
    assert not _failed_ab_checks(request_text)


@pytest.mark.parametrize(("request_text", "why"), NOT_ONE_SHOT)
def test_campaign_words_that_are_no_send(request_text: str, why: str) -> None:
    plan = _ab(request_text).plan
    assert plan is None or not plan.audience or plan.exposure_days >= 7, why


def test_a_count_per_period_is_the_list_of_one_send() -> None:
    plan = _ab("Charity fundraising: we mail 200k donors each quarter; we want to send the appeal only to people "
               "whose giving goes up because of it.").plan  # fmt: skip
    assert plan is not None and plan.audience == 200_000, "200k a quarter was read as 2,198 a day"


def test_a_stated_conversion_rate_is_the_baseline() -> None:
    ab = _ab(ONE_SHOT[0][0])
    assert ab.plan.baseline == pytest.approx(0.02), "the request's 'conversion is about 2%'"
    assert not ab.plan.feasible and ab.plan.detectable_mde == pytest.approx(
        detectable_mde(20_000, 0.02, sign=1), rel=1e-6
    )


@pytest.mark.parametrize(("request_text", "population", "noun", "why"), FLEET)
def test_fleet_is_counted_in_entities(request_text: str, population: float, noun: str, why: str) -> None:
    ab = _ab(request_text)
    plan = ab.plan
    assert plan is not None and plan.audience == population and plan.audience_noun == noun, why
    assert ab.randomization_unit.startswith(noun), ab.randomization_unit
    assert "units/day" not in ab.min_duration, why
    if plan.n_per_arm > population / 2:
        assert not plan.feasible and "too small" in ab.min_duration
        alternatives = next(note for note in ab.notes if note.startswith("Alternatives, computed"))
        assert f"switchback by {noun}-week" in alternatives and "holdout" in alternatives
        assert re.search(r"\d", alternatives)
    assert not _failed_ab_checks(request_text)


@pytest.mark.parametrize("request_text", DAILY_FLOW)
def test_a_daily_flow_keeps_the_daily_rate(request_text: str) -> None:
    ab = _ab(request_text)
    assert ab.plan is not None and ab.plan.audience is None
    assert "units/day" in ab.min_duration


@pytest.mark.parametrize(("request_text", "base", "why"), PEOPLE_BASE)
def test_a_customer_base_scored_in_batch_is_a_fixed_audience(request_text: str, base: float, why: str) -> None:
    ab = _ab(request_text)
    plan = ab.plan
    assert plan is not None and plan.audience == base, why
    assert plan.feasible == (base / plan.arms >= plan.n_per_arm), why
    if not plan.feasible:
        alternatives = next(note for note in ab.notes if note.startswith("Alternatives, computed"))
        assert "switchback" not in alternatives, "people carry a treatment over: no switchback"
    assert not _failed_ab_checks(request_text)


def test_the_audience_noun_takes_the_english_plural() -> None:
    # The duration text wrote "40 branchs": a hand-made plural beside the project's own.
    text = (
        "Die Kameras aller 40 Filialen streamen ihr Video in die Cloud; dort soll der Füllstand jedes Regals (leer,"
        " halb, voll) laufend erkannt und im Live-Dashboard angezeigt werden."
    )
    markdown = to_markdown(run(text))
    assert "fixed audience of 40 branches" in markdown
    assert "branchs" not in markdown
