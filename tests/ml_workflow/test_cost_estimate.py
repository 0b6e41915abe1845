"""The monthly cost estimate (rubric MS-09): shown when the request mentions a budget or cost or the team is
small, computed from the brief's volumes, and consistent with its own lines."""

from __future__ import annotations

import math
import re

import pytest

from skillrun.packs.ml_workflow.design._cost import cost_wanted, money, monthly_cost
from skillrun.packs.ml_workflow.design._plan import plan_for
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.knowledge import knowledge


def _plan(text: str):  # noqa: ANN202
    return plan_for(read_request(text))


def test_online_replicas_follow_the_peak_rate() -> None:
    plan = _plan("Card fraud scoring on AWS, p99 under 40 ms, 3k transactions per second at peak, budget $10k/month.")
    units = knowledge().unit_costs
    online = next(line for line in monthly_cost(plan) if line.what == "online serving")
    replicas = max(units.min_replicas, math.ceil(2 * plan.brief.traffic.peak_rps / units.rps_per_replica["tree-based"]))
    assert online.dollars == pytest.approx(replicas * units.hours_per_month * units.cpu_hour)
    assert f"{replicas} 4-vCPU replicas" in online.basis


def test_the_report_note_adds_up() -> None:
    from skillrun import run, to_markdown

    markdown = to_markdown(run("Predict churn for 2M telecom subscribers, daily scores, GCP BigQuery, budget $3k/month."))
    note = next(line for line in markdown.splitlines() if line.startswith("- Cost (order of magnitude"))
    parts = [float(x.replace(",", "")) for x in re.findall(r"≈ \$([\d,.]+) \(", note)]
    total = float(re.search(r"total ≈ \$([\d,.]+)/month", note).group(1).replace(",", ""))
    # Each part is rounded to two significant figures, so their sum is within a few percent of the total.
    assert sum(parts) == pytest.approx(total, rel=0.1)
    assert "Cost levers:" in note and "BigQuery" in note


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Predict churn for 2M subscribers, budget $3k/month, 6 ML engineers.", True),
        ("Fraud model for 6 ML engineers on AWS; keep the cloud cost down.", True),
        ("Churn model, first ML project, team of two.", True),
        ("Fraud scoring on AWS for a mature platform team of 12 ML engineers.", False),
    ],
)
def test_when_the_report_prices_the_design(text: str, wanted: bool) -> None:
    assert cost_wanted(_plan(text)) is wanted


def test_edge_designs_price_training_and_name_the_devices() -> None:
    from skillrun import run, to_markdown

    markdown = to_markdown(run("Wake word on a microcontroller in our smart lamp, offline, tight budget."))
    note = next(line for line in markdown.splitlines() if line.startswith("- Cost (order of magnitude"))
    assert "online serving" not in note and "training ≈" in note and "one-off hardware" in note


@pytest.mark.parametrize(("dollars", "text"), [(1432.0, "$1,400"), (35.4, "$35"), (0.773, "$0.77"), (8.04, "$8"), (0.004, "< $0.01")])
def test_money_has_two_significant_figures(dollars: float, text: str) -> None:
    assert money(dollars) == text
