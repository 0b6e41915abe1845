"""The section agent: ask one backend for one typed section, validate it, and fall back if it fails."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..errors import ModelError, SectionFailedError
from ..models import Model, ModelRequest, ModelSettings, SectionTask, Usage
from ..models._expert import ExpertModel
from ..packs import Pack
from ..report import Provenance, UsageTotals
from ._prompts import PromptRenderer
from ._spec import StepSpec


@dataclass
class SectionOutcome:
    value: BaseModel
    provenance: Provenance


@dataclass
class SectionAgent:
    """Runs one step on ``model``; on failure the expert engine writes the section (unless ``fallback`` is off)."""

    model: Model
    pack: Pack | None
    prompts: PromptRenderer | None = None
    settings: ModelSettings = field(default_factory=ModelSettings)
    fallback: bool = True
    max_reasks: int = 2

    async def run(self, task: SectionTask, step: StepSpec) -> SectionOutcome:
        started = time.perf_counter()
        usage = Usage()
        attempts = 0
        try:
            messages = []
            if self.model.wants_messages and self.prompts is not None:
                messages = self.prompts.render(step, task)
            request = ModelRequest(task=task, messages=messages, settings=self.settings)
            attempts += 1
            response = await self.model.request(request)
            usage += response.usage
            value = self._validate(task, response.value, response.text)
        except (ModelError, ValidationError) as exc:
            reason = _one_line(exc)
            if not self.fallback or self.pack is None or isinstance(self.model, ExpertModel):
                raise SectionFailedError(step.id, reason) from exc
            value = self.pack.expert(task)
            value = self.pack.finalize(task, value)
            return SectionOutcome(
                value,
                Provenance(
                    backend="expert",
                    attempts=attempts,
                    fallback=True,
                    fallback_reason=reason,
                    usage=_totals(usage),
                    latency_ms=(time.perf_counter() - started) * 1000,
                ),
            )
        if self.pack is not None:
            value = self.pack.finalize(task, value)
        return SectionOutcome(
            value,
            Provenance(
                backend=self.model.name,
                attempts=attempts,
                usage=_totals(usage),
                latency_ms=(time.perf_counter() - started) * 1000,
            ),
        )

    @staticmethod
    def _validate(task: SectionTask, value: BaseModel | None, text: str | None) -> BaseModel:
        if isinstance(value, task.output_type):
            return value
        if value is not None:
            return task.output_type.model_validate(value.model_dump())
        if text is None:
            raise ModelError("the backend returned neither text nor a value")
        return task.output_type.model_validate_json(text)


def _totals(usage: Usage) -> UsageTotals:
    return UsageTotals(
        input_tokens=usage.input_tokens, output_tokens=usage.output_tokens, requests=usage.requests
    )


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")
