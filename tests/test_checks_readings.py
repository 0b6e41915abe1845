"""How the ML Workflow checks read reports and requests where a naive reading gave wrong verdicts:
metric names that differ only by case or suffix, the regulated-domain condition, human review
capacities, the A/B baseline and cluster-randomised sizing."""

from __future__ import annotations

import pytest
from fixture_skill import REPORTS, SKILL
from pydantic import BaseModel

from skillrun.evals import CheckOutcome, Expectations, make_context, run_checks
from skillrun.packs.ml_workflow.checks import read_facts
from skillrun.packs.ml_workflow.checks._facts import request_rates, request_regulated
from skillrun.packs.ml_workflow.checks._shared import metrics_in
from skillrun.packs.ml_workflow.sections import SampleSizePlan
from skillrun.packs.ml_workflow.stats import complete_plan, describe_duration


def _report(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


def _outcomes(markdown: str, request: str, **kwargs: object) -> dict[str, CheckOutcome]:
    ctx = make_context(SKILL, markdown, request, **kwargs)  # type: ignore[arg-type]
    return {o.id: o for o in run_checks(ctx)}


def _replace(markdown: str, old: str, new: str) -> str:
    assert old in markdown, f"fixture drifted: {old[:60]!r}"
    return markdown.replace(old, new)


# ------------------------------------------------------------------------------------------ PD-04

CHURN_METRIC = (
    "| Evaluation metric | PR-AUC on the out-of-time test month, plus recall at the top 5% of scored users "
    "(campaign capacity) |"
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("mAP@0.5", ["map_iou"]),
        ("mAP@.5", ["map_iou"]),
        ("mAP@[.5:.95]", ["map_iou"]),
        ("mAP@0.5:0.95", ["map_iou"]),
        ("mAP@50:95", ["map_iou"]),
        ("mAP@IoU=0.5", ["map_iou"]),
        ("mAP@50", ["map_iou"]),
        ("mAP50-95", ["map_iou"]),
        ("COCO mAP", ["map_iou"]),
        ("mean average precision at IoU 0.5", ["map_iou"]),
        ("AP@[.5:.95]", ["map_iou"]),
        ("MAP@10", ["map_at"]),
        ("MAP@k", ["map_at"]),
        ("MAP@50", ["map_at"]),
        ("MAP and NDCG@10", ["map_at", "ndcg"]),
        ("mean average precision", ["map_at"]),
        ("average precision (PR-AUC)", ["pr_auc"]),
        ("a saliency map and a heat map", []),
    ],
)
def test_map_at_k_and_detection_map_are_told_apart(text: str, names: list[str]) -> None:
    assert metrics_in(text) == names


@pytest.mark.parametrize(
    ("metric", "problem_type", "status"),
    [
        ("mAP@0.5 and mAP@[.5:.95] per part class", "object_detection", "pass"),
        ("mAP@0.5:0.95 (COCO), recall on defects at the operating confidence", "object_detection", "pass"),
        ("MAP@10 on held-out sessions", "object_detection", "fail"),
        ("MAP@10 and NDCG@10 on held-out sessions", "ranking", "pass"),
        ("mAP@0.5 on held-out sessions", "ranking", "fail"),
    ],
)
def test_pd04_detection_metric_fits_detection_only(metric: str, problem_type: str, status: str) -> None:
    markdown = _replace(_report("churn-fitness-gcp.md"), CHURN_METRIC, f"| Evaluation metric | {metric} |")
    got = _outcomes(markdown, "detect defects", expect=Expectations(problem_type=problem_type))["PD-04"]
    assert got.status == status, got


# --------------------------------------------------------------------- G-06 / FE-07 regulated domain


@pytest.mark.parametrize(
    ("request_text", "domain"),
    [
        # HR-ish words in requests that decide nothing about a person.
        (
            "Contact centre with 3 sites: forecast inbound call volume per 30-minute interval for the next "
            "2 weeks so workforce management can schedule agents.",
            None,
        ),
        (
            "Competitive online game: rank candidate opponents for each player waiting in the matchmaking "
            "queue so matches are balanced and fun. 2k queue requests per second, 30 ms budget.",
            None,
        ),
        ("semantic search over our internal wiki, 300 employees", None),
        ("Grocery app: nightly candidate generation for 'buy it again' rows, 2M users.", None),
        (
            "Library: recommend the next book to borrowers in the mobile app, based on their loan history.",
            None,
        ),
        ("Wind farm: predict gearbox failures from SCADA; the health of each turbine is scored daily.", None),
        # Decisions about people.
        (
            "HR asks us to predict which employees are likely to quit in the next 6 months so managers can "
            "intervene.",
            "hiring",
        ),
        ("We get about 500 applicants per job opening. Recruiters want them ranked by fit.", "hiring"),
        ("Screening CVs for our graduate programme: rank résumés for the recruiters.", "hiring"),
        ("We are a bank: score each loan application before approval.", "credit"),
        ("somos una fintech, damos microcréditos desde la app", "credit"),
        ("we want to detcet fraudulant insurence claims, we get about 800 claims a day", "insurance"),
        ("Motor insurer: triage each new claim at first notice of loss.", "insurance"),
        ("Hospital group wants a 30-day readmission risk score for discharged patients.", "health"),
        ("Smartwatch for seniors: detect falls on the watch itself.", "health"),
    ],
)
def test_regulated_domain_needs_a_decision_about_a_person(request_text: str, domain: str | None) -> None:
    assert request_regulated(request_text) == domain


class _Brief(BaseModel):
    regulated: str | None = None


MATCHMAKING = (
    "Competitive online game: rank candidate opponents for each player waiting in the matchmaking queue "
    "so matches are balanced and fun. 2k queue requests per second, 30 ms budget."
)
LOAN = "We are a bank: score each loan application before approval, decision within 2 seconds."


@pytest.mark.parametrize("check_id", ["G-06", "FE-07"])
def test_regulated_checks_skip_a_request_about_no_one(check_id: str) -> None:
    got = _outcomes(_report("churn-fitness-gcp.md"), MATCHMAKING)[check_id]
    assert got.status == "na", got


@pytest.mark.parametrize(
    ("request_text", "kwargs", "regulated", "source"),
    [
        # The brief decides, both ways, over the request text.
        (LOAN, {"brief": _Brief(regulated=None)}, None, "brief"),
        (MATCHMAKING, {"brief": _Brief(regulated="hiring")}, "hiring", "brief"),
        # A case that requires a regulated-only item is regulated, whatever the brief says.
        (
            MATCHMAKING,
            {"expect": Expectations(must=["G-06: controls"]), "brief": _Brief()},
            "regulated",
            "expect",
        ),
        (
            LOAN,
            {"expect": Expectations(must_not=["AP-14: protected attribute as input"])},
            "credit",
            "expect",
        ),
        # Labels that name no regulated item leave it to the request.
        (LOAN, {"expect": Expectations(must=["PD-04: PR-AUC"])}, "credit", "request"),
        (MATCHMAKING, {}, None, "request"),
    ],
)
def test_labels_then_brief_then_request_decide_regulated(
    request_text: str, kwargs: dict, regulated: str | None, source: str
) -> None:
    facts = read_facts(make_context(SKILL, "# x", request_text, **kwargs))
    assert (facts.regulated, facts.source["regulated"]) == (regulated, source)


def test_ap14_on_a_domain_set_by_labels_only_uses_the_widest_list() -> None:
    markdown = _report("churn-fitness-gcp.md")
    row = next(line for line in markdown.splitlines() if line.startswith("| session_trend"))
    markdown = _replace(markdown, row, row + "\n| gender | CRM | one-hot | categorical | Low |")
    got = _outcomes(markdown, MATCHMAKING, expect=Expectations(must_not=["AP-14: protected attribute"]))[
        "AP-14"
    ]
    assert got.status == "fail", got


@pytest.mark.parametrize(
    ("row", "status"),
    [
        # Freshness or tenure of a thing: an identifier part, not the person's age.
        ("| item_age_hours | Catalog | hours since the job was posted | numeric | Low |", "pass"),
        ("| account_age_days | Accounts | days since the account was opened | numeric | Low |", "pass"),
        ("| listing_age | Catalog | age of the listing in days, log1p | numeric | Low |", "pass"),
        ("| ad_text_gendered_wording | Job ads | share of gender-coded words in the ad text | numeric | Low |", "pass"),
        # The person's own attributes.
        ("| applicant_age | Application form | age in years at application | numeric | Low |", "fail"),
        ("| age | CRM | years, bucketed | numeric | Low |", "fail"),
        ("| item_age_hours, applicant_gender | Catalog, CRM | freshness; one-hot | numeric | Low |", "fail"),
    ],
)
def test_ap14_reads_age_of_a_person_not_of_an_item(row: str, status: str) -> None:
    markdown = _report("churn-fitness-gcp.md")
    anchor = next(line for line in markdown.splitlines() if line.startswith("| session_trend"))
    markdown = _replace(markdown, anchor, anchor + "\n" + row)
    got = _outcomes(markdown, MATCHMAKING, brief=_Brief(regulated="hiring"))["AP-14"]
    assert got.status == status, got


# ------------------------------------------------------------------ MS-03 / XC-04 review capacities


@pytest.mark.parametrize(
    ("request_text", "rates"),
    [
        (
            "Around 1,500 claims per day, about 2% turn out to be fraud, and our investigators can review "
            "60 claims a day.",
            [(1500, False), (60, True)],
        ),
        ("Caseworkers can do about 120 visits a day.", [(120, True)]),
        ("Coordinators can handle ~40 calls/day across sites.", [(40, True)]),
        ("Review capacity: 60 claims/day.", [(60, True)]),
        (
            "We score 2M transactions per day; analysts check about 300 transactions a day by hand.",
            [(2e6, False), (300, True)],
        ),
        # Volumes, even next to people or the word capacity.
        ("The system must handle 20,000 requests per second.", [(20000, False)]),
        ("We get about 800 claims a day, team of 3.", [(800, False)]),
        ("Serving capacity of 5,000 requests per second.", [(5000, False)]),
        ("Our platform team can handle 20k requests per second.", [(20000, False)]),
        ("The data team works through 2M transactions per day.", [(2e6, False)]),
    ],
)
def test_capacities_of_people_are_not_volumes(request_text: str, rates: list[tuple[float, bool]]) -> None:
    assert [(r.value, r.capacity) for r in request_rates(request_text)] == rates


CHURN_THROUGHPUT = (
    "| Throughput | About 500,000 rows per daily batch (all monthly active users), about 16,000 of them reaching "
    "their scoring date |"
)


@pytest.mark.parametrize(
    ("throughput", "request_text", "status"),
    [
        # The capacity is not the volume: a 10k-row batch is no contradiction of "120 visits a day".
        ("10k rows per run (reports scored per day)", "Caseworkers can do about 120 visits a day.", "pass"),
        # A capacity in the report is not the throughput either.
        (
            "1,500 claims per day scored nightly; investigators review the top 60 claims each day",
            "Around 1,500 claims per day, and our investigators can review 60 claims a day.",
            "pass",
        ),
        (
            "investigators review the top 60 claims per day",
            "Around 1,500 claims per day, and our investigators can review 60 claims a day.",
            "fail",
        ),
        ("150 claims per day scored nightly", "We get about 80,000 claims a day.", "fail"),
        # Units spelt out, per minute and per hour are rates too (they read as totals, never compared).
        ("peak 2 requests/s", "Rank results for ~1,200 queries/second.", "fail"),
        ("peak 1,200 requests/s", "Rank results for ~1,200 queries/second.", "pass"),
        ("peak 2 requests/s", "A learned ranker, 40k queries per minute peak.", "fail"),
        ("peak 700 requests/s", "A learned ranker, 40k queries per minute peak.", "pass"),
        ("10k rows per day, scored nightly", "About 12k rows/hour arrive from the plant.", "fail"),
        ("300k rows per day, scored nightly", "About 12k rows/hour arrive from the plant.", "pass"),
        ("288k rows per run; ≈ 80 rows/s over a 1-hour job", "About 12k rows/hour arrive from the plant.", "pass"),
        # A share of the volume (per branch, per warehouse) is not the total the report plans for.
        ("700k rows per day, scored nightly", "About 2,000 transactions per day per branch, 350 branches.", "pass"),
        ("60k rows per day, scored nightly", "Each of our 12 warehouses ships about 5,000 orders a day.", "pass"),
        ("50 rows per day, scored nightly", "For each transaction a score; we see 2,000 transactions per day.", "fail"),
    ],
)
def test_ms03_compares_volumes_only(throughput: str, request_text: str, status: str) -> None:
    markdown = _replace(_report("churn-fitness-gcp.md"), CHURN_THROUGHPUT, f"| Throughput | {throughput} |")
    got = _outcomes(markdown, request_text)["MS-03"]
    assert got.status == status, got


@pytest.mark.parametrize(
    ("restated", "status"),
    [
        ("1,500 claims per day scored nightly; investigators review the top 60 claims each day", "pass"),
        ("150,000 claims per day scored nightly", "fail"),
    ],
)
def test_xc04_does_not_read_a_capacity_as_the_volume(restated: str, status: str) -> None:
    request_text = (
        "Home insurer: score every new claim for referral to the special investigations unit. Around 1,500 "
        "claims per day, and our investigators can review 60 claims a day."
    )
    markdown = _replace(_report("churn-fitness-gcp.md"), CHURN_THROUGHPUT, f"| Throughput | {restated} |")
    got = _outcomes(markdown, request_text)["XC-04"]
    assert got.status == status, got


# ----------------------------------------------------------------------------- AB-06 baseline value

CHURN_SPLIT = "| Traffic split | Users are randomized by user id hash: 50/50"
CHURN_SIZING = "(baseline 8% churn, MDE -10% relative,"


@pytest.mark.parametrize(
    ("edits", "ab06", "ap09"),
    [
        # A number after an earlier "baseline" that is not its value is skipped for the stated one.
        (
            [
                (
                    CHURN_SPLIT,
                    "| Traffic split | Arms balanced on baseline rate; ramp 2 pilot cohorts first. Users are randomized by user id hash: 50/50",
                )
            ],
            "pass",
            "pass",
        ),
        (
            [
                (
                    CHURN_SPLIT,
                    "| Traffic split | Balanced on baseline rate by ramping 2 pilot cohorts. Users are randomized by user id hash: 50/50",
                )
            ],
            "pass",
            "pass",
        ),
        # Only an ambiguous mention: no verdict on a guessed number.
        ([(CHURN_SIZING, "(baseline churn as measured over 2 quarters, MDE -10% relative,")], "na", "na"),
        # No baseline value at all: the sample size cannot be recomputed.
        ([(CHURN_SIZING, "(MDE -10% relative,")], "fail", "fail"),
        # A stated baseline that does not give the stated n.
        ([(CHURN_SIZING, "(baseline 2% churn, MDE -10% relative,")], "fail", "fail"),
    ],
)
def test_ab06_reads_the_baseline_where_its_value_is_stated(
    edits: list[tuple[str, str]], ab06: str, ap09: str
) -> None:
    markdown = _report("churn-fitness-gcp.md")
    for old, new in edits:
        markdown = _replace(markdown, old, new)
    got = _outcomes(markdown, "churn of a fitness app, 500k monthly active users")
    assert (got["AB-06"].status, got["AP-09"].status) == (ab06, ap09), (got["AB-06"], got["AP-09"])


# ------------------------------------------------------------- AB-06 / AB-07 / AP-09 cluster designs


def _cluster_plan(clusters: int, daily: float) -> str:
    """The Min duration cell the expert writes for a cluster-randomised test (stats.describe_duration)."""
    plan = SampleSizePlan(
        metric_kind="proportion",
        baseline=0.5,
        mde_relative=0.1,
        daily_eligible_units=daily,
        label_window_days=14,
        clusters=clusters,
        icc=0.05,
    )
    return describe_duration(complete_plan(plan))


FEASIBLE = _cluster_plan(300, 300)  # 35 days: m = 21, DE = 2, n x DE = 3,124 per arm
INFEASIBLE = _cluster_plan(3, 150)  # 3 clusters: at least n x ICC = 79 clusters per arm needed
# Written by hand, as a model might: the clustered figures right, the length read off the unit-level n.
UNIT_LENGTH = (
    "28 days: n = 1,562 per arm (baseline 50%, MDE +10% relative, alpha = 0.05, power = 80%); "
    "2 x 1,562 / (300 units/day) = 11 days, rounded up to 14 days + 14-day outcome window. Stores are "
    "randomised: 300 clusters, ICC = 0.05, m = 21 units per cluster, design effect = 2, inflated n = 3,124 per arm"
)


@pytest.mark.parametrize(
    ("cell", "statuses"),
    [
        (FEASIBLE, ("pass", "pass", "pass")),
        (INFEASIBLE, ("pass", "pass", "pass")),
        # The inflated n is not n x DE.
        (FEASIBLE.replace("n x DE = 3,124 per arm", "n x DE = 1,562 per arm"), ("fail", "fail", "fail")),
        # The design effect is not 1 + (m - 1) x ICC.
        (FEASIBLE.replace("x 0.05 = 2, so", "x 0.05 = 1.2, so"), ("fail", "pass", "fail")),
        # ICC and m stated, the design effect never applied.
        (FEASIBLE.replace(", so n x DE = 3,124 per arm,", ","), ("fail", "pass", "fail")),
        # The clustered length is the unit-level one.
        (UNIT_LENGTH, ("pass", "fail", "fail")),
        (UNIT_LENGTH.replace("28 days:", "35 days:"), ("pass", "pass", "pass")),
        # Only the inflated n is given.
        (
            "35 days: n = 3,124 per arm after the design effect (ICC = 0.05, m = 21 units per cluster, DE = 2; "
            "baseline 50%, MDE +10% relative, alpha = 0.05, power = 80%); 300 clusters; "
            "2 x 3,124 / (300 units/day) = 21 days + 14-day outcome window",
            ("pass", "pass", "pass"),
        ),
        # m does not follow from the traffic over the enrolment (300/day x 21 days / 300 clusters = 21).
        (
            FEASIBLE.replace("m = 21 units", "m = 60 units")
            .replace("(21 - 1)", "(60 - 1)")
            .replace("x 0.05 = 2, so n x DE = 3,124", "x 0.05 = 3.95, so n x DE = 6,170"),
            ("pass", "fail", "fail"),
        ),
        # "No powered length" with enough clusters to reach it.
        (
            INFEASIBLE.replace(
                "Randomising 3 clusters (1.5 per arm)", "Randomising 300 clusters (150 per arm)"
            ),
            ("pass", "fail", "fail"),
        ),
    ],
)
def test_cluster_designs_are_sized_with_the_design_effect(cell: str, statuses: tuple[str, str, str]) -> None:
    markdown = _report("churn-fitness-gcp.md")
    old = next(line for line in markdown.splitlines() if line.startswith("| Min duration |"))
    markdown = _replace(markdown, old, f"| Min duration | {cell} |")
    got = _outcomes(markdown, "churn of a fitness app, 500k monthly active users")
    assert (got["AB-06"].status, got["AB-07"].status, got["AP-09"].status) == statuses, (
        got["AB-06"],
        got["AB-07"],
    )
