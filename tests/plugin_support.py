"""Shared pieces of the plugin tests: a toy skill with triggers, a toy runner, and routing.

The trigger router here is a small stand-in that follows the router contract
(``route(message_or_conversation) -> list[Match]`` with ``skill``, ``score``, ``matched``, ``why``), so
toy-skill tests do not depend on the real router's scoring; everything that runs ``skillrun`` itself
uses the real ``skillrun.routing.Router``.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from toy import CHAIN, SKILL, ToyPack, expert_answer

from skillrun.chain._agent import SectionAgent
from skillrun.chain._events import ChainEvent
from skillrun.chain._executor import Chain
from skillrun.models import FunctionModel, Model, ModelRequest
from skillrun.plugin import Plugin
from skillrun.spec import Skill

REPO = Path(__file__).resolve().parents[1]

TOY = SKILL.model_copy(
    update={
        "description": "Design a toy widget plan",
        "triggers": ["toy", "widget", "gizmo"],
        "title": "Toy widget plan",
    }
)


@dataclass(frozen=True)
class Match:
    skill: str
    score: float
    matched: tuple[str, ...]
    why: str


class TriggerRouter:
    """Stand-in router: a skill matches when one of its triggers occurs as a word in the last user turn."""

    def __init__(self, skills: list[Skill]) -> None:
        self.skills = skills

    @classmethod
    def from_skills(cls, skills: list[Skill]) -> TriggerRouter:
        return cls(list(skills))

    def route(self, message: object) -> list[Match]:
        if isinstance(message, list):
            users = [m["content"] for m in message if m.get("role") == "user"]
            message = users[-1] if users else ""
        assert isinstance(message, str)
        matches = []
        for skill in self.skills:
            hits = tuple(
                t
                for t in skill.triggers
                if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", message, re.IGNORECASE)
            )
            if hits:
                why = f"triggers {', '.join(hits)} in the message"
                matches.append(Match(skill.slug, min(1.0, 0.5 + 0.25 * len(hits)), hits, why))
        return sorted(matches, key=lambda m: m.score, reverse=True)


def toy_model(delay: float = 0.0, name: str = "fake") -> FunctionModel:
    return FunctionModel(lambda r: expert_answer(r.task), name=name, delay=delay)


def toy_runner(make_model: Callable[[object], Model] | None = None):
    """A runner for the toy skill; ``make_model(model_arg)`` picks the backend (default: instant fake)."""

    def run(request: str, skill: Skill, model: object) -> AsyncIterator[ChainEvent]:
        backend = make_model(model) if make_model else (model if hasattr(model, "request") else toy_model())
        agent = SectionAgent(model=backend, pack=ToyPack())
        return Chain(skill=skill, spec=CHAIN, pack=ToyPack(), agent=agent).stream(request)

    return run


def toy_plugin(**options) -> Plugin:
    options.setdefault("runner", toy_runner())
    options.setdefault("router", TriggerRouter([TOY]))
    return Plugin([TOY], **options)


class Gate:
    """A backend whose sections wait until released; records calls and cancellations."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.cancelled: list[str] = []
        self.finished: list[str] = []
        self.release = asyncio.Event()

    async def answer(self, request: ModelRequest):
        step = request.task.step
        self.started.append(step)
        if step != "intake":
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled.append(step)
                raise
        self.finished.append(step)
        return expert_answer(request.task)

    def model(self) -> FunctionModel:
        return FunctionModel(self.answer, name="gate")


# What the subprocess tests run: `skillrun` itself, on the ML Workflow skill and the expert engine.
SKILL_SLUG = "ml-workflow"
SECTIONS = 7
MATCHING_PROMPT = (
    "We need an MLOps plan for a demand forecasting model: training pipeline, serving, "
    "monitoring, retraining. 20k SKUs, Snowflake + Airflow."
)
OTHER_PROMPT = "What's a good recipe for banana bread?"


def skillrun_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "skillrun", *args]
