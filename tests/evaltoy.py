"""The eval harness on the toy skill: chains, a checker and a router that need no ML Workflow content."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import fmean

from toy import CHAIN, SKILL, ToyPack, expert_answer

from skillrun.chain._agent import SectionAgent
from skillrun.chain._executor import Chain
from skillrun.evals._cases import Case, Suite
from skillrun.evals._results import OutcomeRecord
from skillrun.evals._scoring import Scored
from skillrun.models import FunctionModel, ModelRequest
from skillrun.report._markdown import render_markdown


def toy_suite(n: int = 6, judge: list | None = None) -> Suite:
    cases = [
        Case(id=f"t-{i:03d}", request=f"toy request {i}", tags=["even" if i % 2 == 0 else "odd"])
        for i in range(n)
    ]
    return Suite(name="toy", path="toy", kind="report", skill="toy", cases=cases, judge=judge or [])


def toy_chain(skill, model, fallback: bool = True) -> Chain:  # noqa: ANN001
    agent = SectionAgent(model=model, pack=ToyPack(), fallback=fallback)
    return Chain(skill=skill, spec=CHAIN, pack=ToyPack(), agent=agent, concurrency=16)


def toy_checker(skill, case, markdown, brief) -> list[OutcomeRecord]:  # noqa: ANN001
    """T-ALPHA passes when the expert's alpha text is in the report; T-ODD fails on odd cases."""
    odd = int(case.id.rsplit("-", 1)[1]) % 2 == 1
    return [
        OutcomeRecord(
            id="T-ALPHA",
            status="pass" if "expert one" in markdown else "fail",
            section="Alpha",
            reason="alpha",
        ),
        OutcomeRecord(id="T-ODD", status="fail" if odd else "pass", section="Beta", reason="odd case"),
        OutcomeRecord(id="T-NA", status="na", section="Gamma", reason="not applicable"),
    ]


def pass_share_scorer(outcomes: Iterable[OutcomeRecord]) -> Scored:
    """Share of applicable outcomes that pass, overall and per section."""
    by_section: dict[str, list[float]] = {}
    applicable = []
    for o in outcomes:
        if o.status not in ("pass", "fail"):
            continue
        value = 1.0 if o.status == "pass" else 0.0
        applicable.append(value)
        by_section.setdefault(o.section or "(report)", []).append(value)
    sections = {k: fmean(v) for k, v in by_section.items()}
    return Scored(
        score=fmean(applicable) if applicable else None,
        min_section=min(sections.values()) if sections else None,
        sections=sections,
    )


def runner_options(**extra) -> dict:  # noqa: ANN003
    options = {
        "skill_resolver": lambda slug: SKILL,
        "chain_factory": toy_chain,
        "renderer": lambda report, skill: render_markdown(report, skill.template),
        "checker": toy_checker,
        "scorer": pass_share_scorer,
    }
    options.update(extra)
    return options


def answering(
    delay: float = 0.0, name: str = "fake", hook: Callable[[ModelRequest], None] | None = None
) -> FunctionModel:
    def respond(request: ModelRequest):
        if hook is not None:
            hook(request)
        return expert_answer(request.task)

    return FunctionModel(respond, name=name, delay=delay)


@dataclass
class Match:
    skill: str
    score: float
    matched: list[str]
    why: str


class KeywordRouter:
    """Triggers 'toy' when the message says 'model'."""

    def route(self, message) -> list[Match]:  # noqa: ANN001
        if not isinstance(message, str):
            message = message[-1]["content"]  # the last turn decides
        if "boom" in message:
            raise RuntimeError("router exploded")
        return [Match("toy", 0.9, ["model"], "says model")] if "model" in message.lower() else []
