"""Guardrails: a section's domain checks, the very ones the eval harness scores reports with.

The section is rendered exactly as it will appear in the report (the pack's ``body()`` and the
markdown renderer), parsed back, and checked with ``run_checks(ctx, section=heading)``. Failed checks
become findings, one line each (``FE-03: no leakage guard on the 30-day aggregates``), for the agent's
repair ask and, if still open, the section's provenance.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import TemplateMismatchError
from ..models import SectionTask
from ..packs import Pack
from ..report import Provenance, SectionResult
from ..report._markdown import escape_title, render_section
from ..spec import Skill
from ._spec import StepSpec

log = logging.getLogger("skillrun.chain")


@dataclass
class SectionGuard:
    skill: Skill
    pack: Pack

    def render(self, task: SectionTask, step: StepSpec, value: BaseModel) -> str | None:
        """The section as report markdown under the report's title; ``None`` when it has no heading."""
        template = self.skill.template
        if step.section is None or template is None or step.section not in template.headings:
            return None
        result = SectionResult(
            step=step.id,
            heading=step.section,
            value=value,
            body=self.pack.body(value),
            provenance=Provenance(backend="guard"),
        )
        lines = render_section(template.section(step.section), result)
        title = self.pack.title(task.brief) if task.brief is not None else self.skill.name
        return "\n".join([f"# {escape_title(template.title_prefix + title)}", "", *lines])

    def findings(self, task: SectionTask, step: StepSpec, value: BaseModel) -> list[str]:
        from ..evals import make_context, run_checks

        try:
            markdown = self.render(task, step, value)
        except TemplateMismatchError as exc:
            return [f"S-TEMPLATE: {exc}"]
        if markdown is None:
            return []
        assert step.section is not None
        try:
            ctx = make_context(self.skill, markdown, task.request, brief=task.brief, sections={step.section})
            outcomes = run_checks(ctx, section=step.section)
        except Exception as exc:  # a broken check must not cost the user a section
            log.warning("%s: checks failed to run: %s", step.id, exc)
            return []
        return [f"{o.id}: {o.reason}" for o in outcomes if o.status == "fail"]
