"""Prompts as content: Jinja2 templates under ``prompts/<skill>/`` rendered into chat messages.

A step's template gets only what the step needs: the request, the brief, the sections it depends on,
the matching Process step of the skill, and the output schema. No whole-skill dump into every call.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from ..errors import SkillFileError
from ..models import Message, SectionTask
from ..spec import Skill
from ._spec import StepSpec


class PromptRenderer:
    def __init__(self, skill: Skill, prompts_dir: Path) -> None:
        """``prompts_dir`` is the ``prompts/`` root; step templates are named relative to it."""
        self.skill = skill
        self.prompts_dir = prompts_dir

    @cached_property
    def _env(self):  # type: ignore[no-untyped-def]
        # Jinja2 is imported here: the expert path never renders prompts.
        import jinja2

        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.prompts_dir)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )

    def _skill_step(self, step: StepSpec) -> str:
        """The Process step whose title names this step's section (its guidance for the model)."""
        if step.section is None:
            return ""
        words = {w for w in step.section.lower().replace("/", " ").split() if len(w) > 2}
        best = max(
            self.skill.steps,
            key=lambda s: len(words & set(s.title.lower().replace("/", " ").split())),
            default=None,
        )
        return f"Step {best.number}: {best.title}\n{best.body}" if best else ""

    def render(self, step: StepSpec, task: SectionTask) -> list[Message]:
        import jinja2

        context = {
            "skill": self.skill,
            "step": step,
            "skill_step": self._skill_step(step),
            "request": task.request,
            "brief": task.brief.model_dump_json(indent=2) if task.brief is not None else None,
            "inputs": {k: v.model_dump_json(indent=2) for k, v in task.inputs.items()},
            "schema": json.dumps(task.output_type.model_json_schema(), indent=2),
        }
        try:
            system = self._env.get_template(f"{self.skill.slug}/system.md.j2").render(**context)
            user = self._env.get_template(step.prompt or f"{step.id}.md.j2").render(**context)
        except jinja2.TemplateError as exc:
            raise SkillFileError(f"{self.prompts_dir}: prompt for step {step.id!r}: {exc}") from None
        return [Message("system", system.strip()), Message("user", user.strip())]
