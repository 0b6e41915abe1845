"""A money amount stated as the budget sets brief.budget ("tight" makes the serving and tracking choices
lean); an amount that is not the project's budget (what customers spend) leaves it unspecified."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._context import stated_budget

CASES = [
    ("Fraud scoring on Azure, budget $5k/month.", "moderate"),
    ("Our budget is about 800 EUR per month.", "tight"),
    ("Presupuesto de 2.000 € al mes para la nube.", "moderate"),
    ("预算每月1万元，阿里云。", "tight"),
    ("Cloud spend of $40k a month is fine.", "ample"),
    ("Budget: 120k USD per year, AWS.", "moderate"),
    ("Monatliches Budget 1,5k € für die Cloud.", "tight"),
    ("Budget annuel de 300 000 € pour l'infrastructure.", "ample"),
    # Not the project's budget, or no amount: the words alone decide, else nothing is claimed.
    ("Customers spend $50 a month on average; predict which ones churn.", "unspecified"),
    ("Predict churn for 2M subscribers, very tight budget.", "tight"),
    ("Predict churn for 2M subscribers.", "unspecified"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_budget_from_the_request(text: str, expected: str) -> None:
    assert read_request(text).budget == expected


def test_thousands_separators_and_decimals() -> None:
    assert stated_budget("budget 1.500 eur per month") == "tight"  # 1,500
    assert stated_budget("budget 1,5 million eur per year") == "ample"  # 125,000 a month
    assert stated_budget("budget 60k eur per year") == "moderate"  # 5,000 a month
    assert stated_budget("budget of 25,000 usd a month") == "ample"
