"""Chain definitions (``agents/<skill>.yaml``) as validated specs."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import Problem, SkillParseError


class StepSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    output: str
    """Name of the pack model the step produces (``Brief`` for intake)."""
    section: str | None = None
    """The Output Format heading this step fills; ``None`` for steps that feed others (intake)."""
    prompt: str | None = None
    """Jinja2 template under ``prompts/`` for LLM backends."""
    depends_on: list[str] = []


class ChainSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    skill: str
    pack: str | None = None
    steps: list[StepSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_graph(self) -> ChainSpec:
        ids = [s.id for s in self.steps]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate step ids: {sorted(dupes)}")
        known: set[str] = set()
        # Declared order must already be a topological order: it is the order a reader follows too.
        for step in self.steps:
            missing = [d for d in step.depends_on if d not in ids]
            if missing:
                raise ValueError(f"step {step.id!r} depends on unknown steps {missing}")
            later = [d for d in step.depends_on if d not in known]
            if later:
                raise ValueError(f"step {step.id!r} depends on {later}, declared after it (or a cycle)")
            known.add(step.id)
        return self

    def step(self, step_id: str) -> StepSpec:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def section_steps(self) -> list[StepSpec]:
        return [s for s in self.steps if s.section is not None]

    @classmethod
    def from_file(cls, path: Path) -> ChainSpec:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise SkillParseError.single(path, 1, f"cannot read chain definition: {exc}") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            raise SkillParseError.single(
                path, line, f"invalid YAML: {getattr(exc, 'problem', exc)}"
            ) from None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = [
                Problem(str(path), 1, f"{'.'.join(str(p) for p in e['loc']) or 'chain'}: {e['msg']}")
                for e in exc.errors(include_url=False)
            ]
            raise SkillParseError(problems) from None
