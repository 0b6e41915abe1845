"""The section agent's loop: validate, re-ask with the errors, repair on findings, fall back, count."""

from __future__ import annotations

import asyncio
import json

import pytest
from toy import CHAIN, SKILL, Alpha, ToyPack, expert_answer

from skillrun.chain._agent import SectionAgent, SectionGuard
from skillrun.errors import ModelRequestsBlockedError, SectionFailedError
from skillrun.models import (
    FunctionModel,
    Message,
    ModelRequest,
    ModelResponse,
    ModelSettings,
    SectionTask,
    Usage,
)

STEP = CHAIN.step("alpha")
GOOD = {"one": "first", "two": "second"}


def task() -> SectionTask:
    return SectionTask(skill="toy", step="alpha", output_type=Alpha, request="toy request", brief=None)


def answers(*replies):
    """A responder that gives ``replies`` in order (dicts as JSON text, exceptions raised)."""
    queue = list(replies)

    def respond(request: ModelRequest):
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return json.dumps(item) if isinstance(item, dict) else item

    return respond


class Findings:
    """A guard whose findings are scripted per call."""

    def __init__(self, *rounds: list[str]) -> None:
        self.rounds = list(rounds)
        self.seen: list[Alpha] = []

    def findings(self, task, step, value):  # type: ignore[no-untyped-def]
        self.seen.append(value)
        return self.rounds.pop(0) if self.rounds else []


class _Fixed:
    """Stands in for the prompt renderer: the same two opening messages for every step."""

    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages

    def render(self, step, task):  # type: ignore[no-untyped-def]
        return list(self.messages)


def run(model, **options):
    options.setdefault("prompts", _Fixed([Message("system", "sys"), Message("user", "write alpha")]))
    agent = SectionAgent(model=model, pack=ToyPack(), **options)
    return asyncio.run(agent.run(task(), STEP))


def test_invalid_answer_is_re_asked_with_the_errors_as_plain_turns():
    model = FunctionModel(answers({"one": "only one"}, GOOD), name="fake")
    outcome = run(model)
    assert outcome.value == Alpha(**GOOD)
    assert outcome.provenance.attempts == 2 and not outcome.provenance.fallback
    second = model.history[1]
    assert second.attempt == 2
    assert [m.role for m in second.messages] == ["system", "user", "assistant", "user"]
    assert second.messages[2].content == '{"one": "only one"}'
    assert "two: Field required" in second.messages[3].content
    assert "not a valid Alpha" in second.messages[3].content


def test_re_asks_are_bounded_then_the_expert_writes_the_section():
    model = FunctionModel(answers("nope", "still nope", "{}", GOOD), name="fake")
    outcome = run(model, max_reasks=2)
    assert outcome.provenance.fallback and outcome.provenance.backend == "expert"
    assert outcome.provenance.attempts == 3
    assert outcome.value == expert_answer(task())
    assert "ModelOutputError" in outcome.provenance.fallback_reason
    # Failed calls are paid for too.
    assert outcome.provenance.usage.requests == 3 and outcome.provenance.usage.output_tokens > 0


def test_truncated_answers_are_re_asked_with_a_length_hint():
    cut = ModelResponse(model="fake", text='{"one": "fi', finish_reason="length", usage=Usage(5, 7, 1))
    model = FunctionModel(answers(cut, GOOD), name="fake")
    outcome = run(model)
    assert outcome.value.one == "first"
    assert "cut off at the token limit" in model.history[1].messages[-1].content
    assert outcome.provenance.usage.input_tokens >= 5


def test_refusal_falls_back_at_once():
    refusal = ModelResponse(model="fake", refusal="I won't.", usage=Usage(3, 2, 1))
    model = FunctionModel(answers(refusal, GOOD), name="fake")
    outcome = run(model)
    assert outcome.provenance.fallback and "refused" in outcome.provenance.fallback_reason
    assert outcome.provenance.attempts == 1 and outcome.provenance.usage.requests == 1


def test_findings_trigger_one_repair_ask_and_the_rest_is_recorded():
    guard = Findings(["AB-01: no rollback trigger", "AB-02: no guardrail"], ["AB-02: no guardrail"])
    model = FunctionModel(answers(GOOD, {"one": "better", "two": "second"}), name="fake")
    outcome = run(model, guard=guard)
    assert outcome.value.one == "better"
    assert outcome.provenance.findings == ["AB-02: no guardrail"]
    assert outcome.provenance.attempts == 2
    repair = model.history[1].messages[-1].content
    assert "- AB-01: no rollback trigger" in repair and "- AB-02: no guardrail" in repair


def test_a_worse_repair_keeps_the_first_answer():
    guard = Findings(["X-1: a"], ["X-1: a", "X-2: b"])
    model = FunctionModel(answers(GOOD, {"one": "worse", "two": "x"}), name="fake")
    outcome = run(model, guard=guard)
    assert outcome.value.one == "first" and outcome.provenance.findings == ["X-1: a"]


def test_a_failed_repair_keeps_the_valid_answer():
    from skillrun.errors import ModelUnavailableError

    guard = Findings(["X-1: a"])
    model = FunctionModel(answers(GOOD, ModelUnavailableError("down")), name="fake")
    outcome = run(model, guard=guard)
    assert not outcome.provenance.fallback and outcome.value.one == "first"
    assert outcome.provenance.findings == ["X-1: a"]


def test_deadline_falls_back():
    async def slow(request: ModelRequest):
        await asyncio.sleep(5)
        return GOOD

    outcome = run(FunctionModel(slow, name="slow"), settings=ModelSettings(deadline=0.05))
    assert outcome.provenance.fallback and "deadline of 0.05s" in outcome.provenance.fallback_reason


def test_without_fallback_the_section_fails():
    model = FunctionModel(answers("x", "x", "x"), name="fake")
    with pytest.raises(SectionFailedError, match="alpha"):
        run(model, fallback=False)


def test_blocked_requests_are_never_hidden_by_a_fallback():
    model = FunctionModel(answers(ModelRequestsBlockedError("blocked")), name="fake")
    with pytest.raises(ModelRequestsBlockedError):
        run(model)


def test_pack_finalize_errors_are_re_asked():
    class Picky(ToyPack):
        def finalize(self, task, value):  # type: ignore[no-untyped-def]
            if value.one == "impossible":
                raise ValueError("rates must lie in (0, 1)")
            return value

    model = FunctionModel(answers({"one": "impossible", "two": "x"}, GOOD), name="fake")
    agent = SectionAgent(model=model, pack=Picky(), prompts=_Fixed([Message("user", "go")]))  # type: ignore[arg-type]
    outcome = asyncio.run(agent.run(task(), STEP))
    assert outcome.value.one == "first"
    assert "rates must lie in (0, 1)" in model.history[1].messages[-1].content


def test_cost_is_unknown_for_unpriced_models_and_known_for_priced_ones():
    fake = run(FunctionModel(answers(GOOD), name="fake"))
    assert fake.provenance.cost_usd is None
    priced = FunctionModel(
        lambda r: ModelResponse(model="x", text=json.dumps(GOOD), usage=Usage(1_000_000, 0, 1)),
        name="openai:gpt-4.1",
    )
    assert run(priced).provenance.cost_usd == 2.0


def test_guard_renders_the_section_as_the_report_would():
    guard = SectionGuard(SKILL, ToyPack())
    markdown = guard.render(task(), STEP, Alpha(**GOOD))
    assert markdown.splitlines()[0] == "# Toy: Toy"
    assert "## Alpha" in markdown and "| One | first |" in markdown
    assert guard.render(task(), CHAIN.step("intake"), Alpha(**GOOD)) is None


def test_after_two_unavailable_sections_the_rest_fall_back_without_calls():
    from skillrun.errors import ModelUnavailableError

    calls = []

    def down(request: ModelRequest):
        calls.append(request.task.step)
        raise ModelUnavailableError("provider down")

    agent = SectionAgent(model=FunctionModel(down, name="down"), pack=ToyPack())
    outcomes = [asyncio.run(agent.run(task(), STEP)) for _ in range(4)]
    assert len(calls) == 2
    assert all(o.provenance.fallback for o in outcomes)
    assert outcomes[2].provenance.fallback_reason == "skipped: down was unavailable for 2 sections in a row"
    assert outcomes[2].provenance.attempts == 0


def test_a_success_resets_the_breaker():
    from skillrun.errors import ModelUnavailableError

    agent = SectionAgent(
        model=FunctionModel(
            answers(ModelUnavailableError("x"), GOOD, ModelUnavailableError("y"), GOOD), name="f"
        ),
        pack=ToyPack(),
    )
    results = [asyncio.run(agent.run(task(), STEP)).provenance.fallback for _ in range(4)]
    assert results == [True, False, True, False]


def test_when_the_expert_cannot_use_the_model_brief_it_starts_from_the_request():
    class Fussy(ToyPack):
        def expert(self, task):  # type: ignore[no-untyped-def]
            if task.brief is not None and task.brief.name == "from the model":
                raise KeyError("example")
            return super().expert(task)

    from toy import ToyBrief

    model = FunctionModel(answers("nope", "nope", "nope"), name="fake")
    agent = SectionAgent(model=model, pack=Fussy(), prompts=_Fixed([Message("user", "go")]))  # type: ignore[arg-type]
    with_model_brief = SectionTask(
        skill="toy",
        step="alpha",
        output_type=Alpha,
        request="toy request",
        brief=ToyBrief(name="from the model"),
    )
    outcome = asyncio.run(agent.run(with_model_brief, STEP))
    assert outcome.provenance.fallback and outcome.value == expert_answer(task())


def test_when_the_expert_fails_outright_the_section_fails_in_one_line():
    class Broken(ToyPack):
        def expert(self, task):  # type: ignore[no-untyped-def]
            raise KeyError("example")

    model = FunctionModel(answers("nope", "nope", "nope"), name="fake")
    agent = SectionAgent(model=model, pack=Broken(), prompts=_Fixed([Message("user", "go")]))  # type: ignore[arg-type]
    with pytest.raises(SectionFailedError, match="the expert engine failed too: KeyError"):
        asyncio.run(agent.run(task(), STEP))
