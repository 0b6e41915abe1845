"""A regulated report names the rules of the place where the model decides: a BaFin-supervised German bank
is not told about US adverse-action notices (ECOA/Reg B), a US lender is not told about the EU AI Act, an
NHS trust gets UK clinical-safety standards, and a request that names no place gets both as examples."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

CASES = [
    # (request, must name, must not name, why)
    ("Wir möchten Kreditausfälle in den nächsten 12 Monaten für Privatkunden vorhersagen, 500.000 Kunden, monatliche "
     "Bewertung, BaFin-reguliert.", "EU AI Act", "ECOA", "a German bank under BaFin"),
    ("US credit union: predict loan default within 12 months for new approvals, help us comply", "ECOA", "EU AI Act",
     "a US lender"),
    ("NHS trust: predict 30-day readmission at discharge so nurses can call patients", "DCB0129", "HIPAA",
     "an English hospital trust"),
    ("Rank job applicants' CVs for each job posting, 5,000 applications per month, HR team, EU.", "EU AI Act", "NYC",
     "an EU employer"),
    ("Hospital network (12 hospitals): predict 30-day readmission at discharge, EHR data, 45,000 discharges a year.",
     "HIPAA in the US", "DCB0129", "no place named: both as examples"),
]  # fmt: skip


@pytest.mark.parametrize(("request_text", "named", "absent", "why"), CASES)
def test_regulation_follows_the_jurisdiction(request_text: str, named: str, absent: str, why: str) -> None:
    brief = read_request(request_text)
    assert brief.regulated, why
    notes = " ".join(design_report(brief)["ProblemDefinition"].notes)
    assert named in notes and absent not in notes, f"{why}: {notes}"
