"""The section agent: ask one backend for one typed section, validate, re-ask, repair, fall back.

Per section, bounded at every step:

1. ask the backend (transport retries happen inside the backend, see ``models._transport``);
2. validate the answer with pydantic and let the pack compute what code can compute (``finalize``);
   if either fails, re-ask with the errors as plain assistant/user turns, at most ``max_reasks`` times;
3. run the section's domain checks (the eval checks, via :class:`SectionGuard`); findings trigger one
   repair re-ask listing them; whatever is still open goes into ``Provenance.findings``;
4. if the backend still fails (unavailable, refusal, invalid after the re-asks, past the deadline), the
   expert engine writes the section and the provenance says so; with ``fallback=False`` the run stops.

Tokens of every call count, failed ones included.

Guardrails (:class:`SectionGuard`) are the eval harness's own checks: the section is rendered as it
will appear, parsed back and checked with ``run_checks(ctx, section=heading)``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..errors import (
    ModelConfigError,
    ModelError,
    ModelOutputError,
    ModelRefusalError,
    ModelRequestsBlockedError,
    ModelUnavailableError,
    SectionFailedError,
    TemplateMismatchError,
)
from ..models import Message, Model, ModelRequest, ModelResponse, ModelSettings, SectionTask, Usage, cost_of
from ..models._expert import ExpertModel
from ..models._transport import one_line, redact
from ..packs import Pack
from ..report import Provenance, SectionResult, UsageTotals
from ..report._markdown import escape_title, render_section
from ..spec import Skill
from ._prompts import PromptRenderer
from ._spec import StepSpec

log = logging.getLogger("skillrun.chain")

_MAX_ERROR_LINES = 20


@dataclass
class SectionOutcome:
    value: BaseModel
    provenance: Provenance


@dataclass
class _Tally:
    """What a section spent; kept outside the ask loop so that failures still report it."""

    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    cost: float | None = 0.0
    """Dollars; ``None`` once any billed call has no price (unknown stays unknown)."""

    def add(self, model: Model, usage: Usage) -> None:
        self.usage += usage
        cost = cost_of(model, usage)
        self.cost = None if cost is None or self.cost is None else self.cost + cost


class _Unusable(Exception):
    """An answer that cannot become a section (invalid, truncated, impossible figures)."""

    def __init__(self, feedback: str, summary: str) -> None:
        super().__init__(summary)
        self.feedback = feedback


@dataclass
class SectionAgent:
    """Runs one step on ``model``; on failure the expert engine writes the section (unless ``fallback`` is off)."""

    model: Model
    pack: Pack | None
    prompts: PromptRenderer | None = None
    settings: ModelSettings = field(default_factory=ModelSettings)
    fallback: bool = True
    max_reasks: int = 2
    guard: SectionGuard | None = None
    breaker: int = 2
    """After this many sections in a row found the backend unavailable, the rest fall back at once."""
    _unavailable: int = field(default=0, init=False, repr=False)

    async def run(self, task: SectionTask, step: StepSpec) -> SectionOutcome:
        started = time.perf_counter()
        tally = _Tally()
        if self.fallback and self.breaker and self._unavailable >= self.breaker:
            # The provider is down: retrying it for every remaining section only delays the report.
            reason = f"skipped: {self.model.name} was unavailable for {self._unavailable} sections in a row"
            return self._fall_back(task, step, tally, reason, started)
        try:
            async with asyncio.timeout(self.settings.deadline):
                value, findings = await self._ask(task, step, tally)
        except (ModelRequestsBlockedError, ModelConfigError):
            raise  # a test forgot to opt in, or no key is set: the user must fix it, a fallback would hide it
        except (ModelError, TimeoutError) as exc:
            if isinstance(exc, ModelUnavailableError):
                self._unavailable += 1
            if isinstance(exc, TimeoutError):
                reason = f"deadline of {self.settings.deadline:g}s passed"
            else:
                reason = one_line(exc)
            return self._fall_back(task, step, tally, reason, started)
        self._unavailable = 0
        return SectionOutcome(
            value,
            Provenance(
                backend=self.model.name,
                attempts=tally.attempts,
                usage=_totals(tally.usage),
                cost_usd=_rounded(tally.cost),
                latency_ms=(time.perf_counter() - started) * 1000,
                findings=findings,
            ),
        )

    def _fall_back(
        self, task: SectionTask, step: StepSpec, tally: _Tally, reason: str, started: float
    ) -> SectionOutcome:
        if not self.fallback or self.pack is None or isinstance(self.model, ExpertModel):
            raise SectionFailedError(step.id, reason) from None
        # Info, not warning: the report itself marks the section, and the CLI's stderr stays tidy.
        log.info("%s: %s failed (%s); the expert engine writes it", step.id, self.model.name, reason)
        value = self._expert_value(task, step, reason)
        return SectionOutcome(
            value,
            Provenance(
                backend="expert",
                attempts=tally.attempts,
                fallback=True,
                fallback_reason=reason,
                usage=_totals(tally.usage),
                cost_usd=_rounded(tally.cost),
                latency_ms=(time.perf_counter() - started) * 1000,
            ),
        )

    def _expert_value(self, task: SectionTask, step: StepSpec, reason: str) -> BaseModel:
        """The expert's section; from its own reading of the request if it cannot use the model's brief.

        A brief or sections written by a model can hold values the expert's knowledge base has never
        seen; the fallback must still produce a section rather than take the run down.
        """
        assert self.pack is not None
        try:
            return self.pack.finalize(task, self.pack.expert(task))
        except Exception as first:  # noqa: BLE001 - any expert failure here is retried once, then reported
            log.warning("%s: the expert engine failed on the model's brief: %s", step.id, one_line(first))
            try:
                intake = SectionTask(
                    skill=task.skill, step="intake", output_type=self.pack.brief_type, request=task.request
                )
                own = dataclasses.replace(task, brief=self.pack.expert(intake), inputs={})
                return self.pack.finalize(own, self.pack.expert(own))
            except Exception as second:  # noqa: BLE001
                raise SectionFailedError(
                    step.id, f"{reason}; the expert engine failed too: {one_line(second)}"
                ) from None

    async def _ask(self, task: SectionTask, step: StepSpec, tally: _Tally) -> tuple[BaseModel, list[str]]:
        messages: list[Message] = []
        if self.model.wants_messages and self.prompts is not None:
            messages = self.prompts.render(step, task)
        reasks_left = self.max_reasks
        best: tuple[BaseModel, list[str]] | None = None  # a valid section with open findings
        while True:
            tally.attempts += 1
            request = ModelRequest(
                task=task, messages=messages, settings=self.settings, attempt=tally.attempts
            )
            try:
                response = await self.model.request(request)
            except ModelError:
                if best is not None:  # the repair ask failed; the valid section stands
                    return best
                raise
            tally.add(self.model, response.usage)
            if response.refusal:
                if best is not None:
                    return best
                raise ModelRefusalError(f"{self.model.name} refused: {redact(response.refusal)[:200]}")
            try:
                value = self._accept(task, response)
            except _Unusable as exc:
                if best is not None:
                    return best
                if reasks_left <= 0:
                    raise ModelOutputError(f"{self.model.name}: {exc}") from None
                reasks_left -= 1
                log.info("%s: re-asking %s (%s)", step.id, self.model.name, exc)
                messages = messages + _turns(response, exc.feedback)
                continue
            findings = self._findings(task, step, value)
            if best is not None:
                # Keep whichever of the two answers has fewer open findings (the repair on a tie).
                return (value, findings) if len(findings) <= len(best[1]) else best
            if not findings or not self.model.wants_messages:
                return value, findings
            best = (value, findings)
            log.info("%s: repair ask for %d findings", step.id, len(findings))
            messages = messages + _turns(response, _repair_text(task, findings))

    def _accept(self, task: SectionTask, response: ModelResponse) -> BaseModel:
        """The section from ``response``, finalized, or :class:`_Unusable` with feedback for a re-ask."""
        name = task.output_type.__name__
        if response.finish_reason == "length":
            raise _Unusable(
                f"Your answer was cut off at the token limit before the {name} JSON was complete. "
                "Reply again with the complete JSON object, written more briefly.",
                "the answer was cut off at the token limit",
            )
        try:
            value = self._validate(task, response.value, response.text)
        except ValidationError as exc:
            errors = _error_lines(exc)
            raise _Unusable(
                f"Your answer is not a valid {name} object:\n{errors}\n"
                "Reply again with the complete corrected JSON object, nothing else.",
                f"invalid {name}: {exc.error_count()} errors, first: {errors.splitlines()[0][2:]}",
            ) from None
        if self.pack is None:
            return value
        try:
            return self.pack.finalize(task, value)
        except Exception as exc:  # noqa: BLE001
            # Figures code must compute from (a sample-size plan, say) are impossible as given, or the
            # pack cannot work with a value it was never written for: either way, not a crash.
            raise _Unusable(
                f"Your {name} answer has values that cannot be used: {exc}. "
                "Reply again with the complete corrected JSON object, nothing else.",
                f"unusable {name}: {one_line(exc)}",
            ) from None

    def _findings(self, task: SectionTask, step: StepSpec, value: BaseModel) -> list[str]:
        if self.guard is None or not self.model.wants_messages:
            return []
        return self.guard.findings(task, step, value)

    @staticmethod
    def _validate(task: SectionTask, value: BaseModel | None, text: str | None) -> BaseModel:
        if isinstance(value, task.output_type):
            return value
        if value is not None:
            return task.output_type.model_validate(value.model_dump())
        if text is None or not text.strip():
            text = "null"  # no content: let pydantic say what is missing
        return task.output_type.model_validate_json(text)


def _turns(response: ModelResponse, feedback: str) -> list[Message]:
    """The previous answer as an assistant turn, then the feedback as a user turn (works on every backend)."""
    said = response.text if response.text and response.text.strip() else None
    if said is None and response.value is not None:
        said = response.value.model_dump_json()
    return [Message("assistant", said or "(no answer)"), Message("user", feedback)]


def _error_lines(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors(include_url=False, include_context=False, include_input=False)[:_MAX_ERROR_LINES]:
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        lines.append(f"- {where}: {error['msg']}")
    hidden = exc.error_count() - len(lines)
    if hidden > 0:
        lines.append(f"- ... and {hidden} more")
    return "\n".join(lines)


def _repair_text(task: SectionTask, findings: list[str]) -> str:
    listed = "\n".join(f"- {f}" for f in findings)
    return (
        f"A review of this {task.output_type.__name__} section found these problems:\n{listed}\n"
        "Reply again with the complete corrected JSON object, nothing else. Keep everything that was right."
    )


def _rounded(cost: float | None) -> float | None:
    return None if cost is None else round(cost, 6)


def _totals(usage: Usage) -> UsageTotals:
    return UsageTotals(
        input_tokens=usage.input_tokens, output_tokens=usage.output_tokens, requests=usage.requests
    )


log = logging.getLogger("skillrun.chain")


# --- Guardrails -----------------------------------------------------------------------------------


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
