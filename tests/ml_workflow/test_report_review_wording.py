"""Wording a senior reviewer refuses to sign, asserted on whole expert reports (one class per test).

Each test generates the report for realistic requests and checks one property that the rubric asks of
every report of that kind; the requests vary the domain, problem type and serving mode.
"""

from __future__ import annotations

import re

import pytest

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request


def _text(sections: dict) -> str:
    parts: list[str] = []
    for section in sections.values():
        body = section.to_body()
        for table in body.tables:
            parts.extend(cell for row in table.rows for cell in row)
        parts.extend(body.fields.values())
        parts.extend(body.notes)
    return "\n".join(parts)


def _report(request: str) -> tuple:
    brief = read_request(request)
    sections = design_report(brief)
    return brief, sections, _text(sections)


# Regulated domains: the approver is named for the domain, not one role that fits all four.
REGULATED = [
    ("credit", "A retail bank wants to predict probability of default for personal loan applicants at application "
     "time, 400k applications a year, decision within 300 ms, AWS.", r"model-risk management", r"clinical|HR/"),
    ("insurance", "An insurer wants to score car insurance claims for fraud nightly in a batch on GCP, 2M claims a "
     "year, investigators review the top ones.", r"actuary", r"clinical|HR/|model-risk/"),
    ("health", "A hospital wants to predict 30-day readmission risk for discharged patients, scored every night, "
     "50k discharges a year, Azure.", r"clinical safety officer", r"model-risk|HR/|works-council"),
    ("hiring", "An HR tech company wants to rank job applicants' CVs for recruiters when they open a job posting, "
     "1M applications per month.", r"employment-law counsel", r"clinical|IRB|model-risk"),
]


@pytest.mark.parametrize(("domain", "request_text", "named", "foreign"), REGULATED, ids=[r[0] for r in REGULATED])
def test_regulated_approver_is_named_per_domain(domain: str, request_text: str, named: str, foreign: str) -> None:
    brief, sections, _ = _report(request_text)
    assert brief.regulated == domain
    gate = sections["TrainingPipeline"].validation.notes
    policy = sections["MonitoringDrift"].retraining_policy
    for where, text in (("promotion gate", gate), ("retraining policy", policy)):
        assert re.search(named, text), f"{where} does not name the {domain} approver: {text}"
        assert not re.search(foreign, text), f"{where} names another domain's approver: {text}"
    ab_notes = " ".join(sections["ABTesting"].notes)
    assert not re.search(foreign, ab_notes), f"A/B notes name another domain's review: {ab_notes}"
