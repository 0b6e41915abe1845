"""The ML Workflow skill as the check and parser tests see it: the Output Format pinned in
``fixtures/ml-workflow.template.json`` (not the live SKILL.md), and the hand-written reports with their
labelled requests (``fixtures/reports/cases.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from skillrun.spec import OutputTemplate, Skill

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"
TEMPLATE = OutputTemplate.model_validate_json((FIXTURES / "ml-workflow.template.json").read_text())
SKILL = Skill(
    name="ML Workflow", slug="ml-workflow", description="", format="seed", path="", template=TEMPLATE
)
CASES = json.loads((REPORTS / "cases.json").read_text(encoding="utf-8"))
