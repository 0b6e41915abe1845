"""Prompts as content: Jinja2 templates under ``prompts/<skill>/`` rendered into chat messages.

A step's template gets only what the step needs: the request, the brief, the sections it depends on,
the matching Process step of the skill, and a field guide to the output schema (strict providers get
the full JSON schema as the response format anyway). No whole-skill dump into every call.

The output schema reaches the prompt as a short field guide (names, kinds, allowed values, intent):
strict providers get the full JSON schema as the response format anyway.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import SkillFileError
from ..models import Message, SectionTask
from ..spec import Skill
from ._spec import StepSpec


class PromptRenderer:
    def __init__(self, skill: Skill, prompts_dir: Path) -> None:
        """``prompts_dir`` is the ``prompts/`` root; step templates are named relative to it."""
        self.skill = skill
        self.prompts_dir = prompts_dir

    @property
    def _env(self):  # type: ignore[no-untyped-def]
        return _environment(str(self.prompts_dir))

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

        purpose = self.skill.section("purpose")
        skill_inputs = self.skill.section("inputs")
        context = {
            "skill": self.skill,
            "step": step,
            "heading": step.section,
            "skill_step": self._skill_step(step),
            "purpose": purpose.body.strip() if purpose else self.skill.description,
            "skill_inputs": skill_inputs.body.strip() if skill_inputs else "",
            "request": task.request,
            # Compact JSON: the model reads it as well as indented JSON, for fewer tokens.
            "brief": task.brief.model_dump_json(exclude={"request"}) if task.brief is not None else None,
            "inputs": {k: v.model_dump_json() for k, v in task.inputs.items()},
            "output_name": task.output_type.__name__,
            "fields": field_guide(task.output_type),
        }
        try:
            system = self._env.get_template(f"{self.skill.slug}/system.md.j2").render(**context)
            user = self._env.get_template(step.prompt or f"{step.id}.md.j2").render(**context)
        except jinja2.TemplateError as exc:
            raise SkillFileError(f"{self.prompts_dir}: prompt for step {step.id!r}: {exc}") from None
        return [Message("system", system.strip()), Message("user", user.strip())]


@lru_cache(maxsize=8)
def _environment(prompts_dir: str):  # type: ignore[no-untyped-def]
    # One per folder and process, so templates compile once, not once per chain. Jinja2 is imported
    # here: the expert path never renders prompts.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


# --- Field guide ----------------------------------------------------------------------------------

_KINDS = {"string": "text", "number": "number", "integer": "integer", "boolean": "true/false"}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _kind(schema: dict[str, Any], root: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """A short description of the value's kind, and the object schema to expand below it, if any."""
    schema = _resolve(schema, root)
    options = schema.get("anyOf")
    if options:
        real = [o for o in options if o.get("type") != "null"]
        kind, nested = _kind(real[0], root) if len(real) == 1 else ("one of several shapes", None)
        return (f"{kind} or null" if len(real) < len(options) else kind), nested
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"]), None
    kind = schema.get("type")
    if kind == "array":
        item, nested = _kind(schema.get("items", {}), root)
        least = f", at least {schema['minItems']}" if schema.get("minItems") else ""
        return f"list{least} of {item}", nested
    if kind == "object" or "properties" in schema:
        return "object", schema
    return _KINDS.get(str(kind), str(kind or "value")), None


def _lines(schema: dict[str, Any], root: dict[str, Any], depth: int) -> list[str]:
    required = set(schema.get("required", []))
    lines = []
    for name, sub in schema.get("properties", {}).items():
        kind, nested = _kind(sub, root)
        about = _resolve(sub, root).get("description", "")
        optional = "" if name in required else " (optional)"
        lines.append(f"{'  ' * depth}- {name}: {kind}{optional}" + (f" — {about}" if about else ""))
        if nested is not None and depth < 2:
            lines.extend(_lines(nested, root, depth + 1))
    return lines


@lru_cache(maxsize=64)
def field_guide(output_type: type[BaseModel]) -> str:
    schema = output_type.model_json_schema()
    return "\n".join(_lines(schema, schema, 0))
