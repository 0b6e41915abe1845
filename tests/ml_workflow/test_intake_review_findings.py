"""Readings the kc senior review found wrong in whole reports (2026-11-28); sentences written for these tests.

- An existing MLOps platform ("a bank with an existing MLOps platform", "our MLOps team runs 40 models") is a
  platform team, not a growing one; having none ("we don't have an MLOps platform yet") says nothing of it.
- German "Kreditausfälle" (credit defaults) names the credit profile, so the target is a default, not "the
  outcome the request describes".
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request


@pytest.mark.parametrize(
    ("text", "maturity"),
    [
        ("Bank with an existing MLOps platform (Kubeflow, Feast, MLflow) wants a churn model, monthly batch.", "platform"),
        ("Our MLOps team runs 40 models in production; add a churn model, monthly batch.", "platform"),
        ("Versicherer mit eigener MLOps-Plattform: Stornoquote je Vertrag vorhersagen, monatlich.", "platform"),
        ("We don't have an MLOps platform yet; churn model, monthly batch.", "growing"),
    ],
)
def test_an_existing_mlops_platform_is_a_platform_team(text: str, maturity: str) -> None:
    assert read_request(text).maturity == maturity


def test_kreditausfaelle_name_the_credit_profile() -> None:
    brief = read_request("Bank: Kreditausfälle der nächsten 12 Monate je Kunde vorhersagen, monatlich.")
    assert brief.problem_type == "binary_classification"
    assert "default" in brief.target
