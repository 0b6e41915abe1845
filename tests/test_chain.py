"""The DAG executor and the section agent, on a toy skill and scripted backends."""

from __future__ import annotations

import asyncio
import time

import pytest
from toy import CHAIN, SKILL, Alpha, InFlight, ToyPack, expert_answer

from skillrun.chain._agent import SectionAgent
from skillrun.chain._events import IntakeDone, ReportDone, SectionDone
from skillrun.chain._executor import Chain
from skillrun.errors import ModelUnavailableError, SectionFailedError
from skillrun.models import FunctionModel, ModelRequest


def make_chain(model, *, fallback: bool = True, concurrency: int = 4) -> Chain:
    agent = SectionAgent(model=model, pack=ToyPack(), fallback=fallback)
    return Chain(skill=SKILL, spec=CHAIN, pack=ToyPack(), agent=agent, concurrency=concurrency)


async def collect(chain: Chain, request: str = "toy request"):
    return [event async for event in chain.stream(request)]


def test_events_come_in_dependency_order_and_end_with_the_report():
    model = FunctionModel(lambda r: expert_answer(r.task), name="fake")
    events = asyncio.run(collect(make_chain(model)))
    assert isinstance(events[0], IntakeDone)
    sections = [e for e in events if isinstance(e, SectionDone)]
    assert [e.done for e in sections] == [1, 2, 3]
    assert all(e.total == 3 for e in sections)
    assert sections[-1].result.step == "gamma"  # it waits for alpha and beta
    assert isinstance(events[-1], ReportDone)
    report = events[-1].report
    assert [s.heading for s in report.sections] == ["Alpha", "Beta", "Gamma"]
    assert report.title == "Toy: toy request"
    assert report.section("gamma").value.total == 2 + len("expert one")
    assert report.banner is None and report.run.fallback_sections == []


def test_independent_steps_run_concurrently():
    slow = InFlight(0.05)
    started = time.perf_counter()
    asyncio.run(collect(make_chain(slow.model())))
    elapsed = time.perf_counter() - started
    assert slow.peak == 2  # alpha and beta together
    assert elapsed < 4 * 0.05  # three levels deep, not four calls in a row


def test_concurrency_limit_is_respected():
    slow = InFlight(0.01)
    asyncio.run(collect(make_chain(slow.model(), concurrency=1)))
    assert slow.peak == 1


def test_a_failing_section_falls_back_to_the_expert_and_is_marked():
    def flaky(request: ModelRequest):
        if request.task.step == "beta":
            raise ModelUnavailableError("provider down")
        if request.task.step == "alpha":
            return '{"one": "llm one"}'  # invalid: "two" missing
        return expert_answer(request.task)

    events = asyncio.run(collect(make_chain(FunctionModel(flaky, name="flaky"))))
    report = events[-1].report
    beta = report.section("beta").provenance
    assert beta.fallback and beta.backend == "expert" and "provider down" in beta.fallback_reason
    assert report.section("alpha").provenance.fallback
    assert not report.section("gamma").provenance.fallback
    assert report.run.fallback_sections == ["Alpha", "Beta"]
    assert "2 of 3 sections" in report.banner and "flaky" in report.banner


def test_without_fallback_the_run_fails_with_the_step_named():
    def down(request: ModelRequest):
        if request.task.step == "alpha":
            raise ModelUnavailableError("provider down")
        return expert_answer(request.task)

    with pytest.raises(SectionFailedError, match="alpha"):
        asyncio.run(collect(make_chain(FunctionModel(down, name="down"), fallback=False)))


def test_valid_text_answers_are_parsed_into_the_section_type():
    def texty(request: ModelRequest):
        if request.task.step == "alpha":
            return '{"one": "from text", "two": "also"}'
        return expert_answer(request.task)

    report = asyncio.run(collect(make_chain(FunctionModel(texty, name="texty"))))[-1].report
    value = report.section("alpha").value
    assert isinstance(value, Alpha) and value.one == "from text"
    assert report.section("alpha").provenance.backend == "texty"
    assert report.section("alpha").provenance.usage.requests == 1
