"""The backends of a run: resolved from model strings, bounded by a per-backend limiter, and the
default ways to build a chain, render a report and find a skill (tests replace them with toys)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..models import Model, ModelRequest, ModelResponse, get_model
from ..spec import Skill
from ._cache import WrappedModel, current_counter

ChainFactory = Callable[[Skill, Model, bool], Any]
"""``(skill, model, fallback) -> chain``: anything with ``stream(request)`` yielding events that end in ReportDone."""
Renderer = Callable[[Any, Skill], str]


@dataclass
class LimitedModel(WrappedModel):
    """A backend behind a semaphore shared by every chain that uses it; counts the calls it lets through."""

    limiter: asyncio.Semaphore

    async def request(self, request: ModelRequest) -> ModelResponse:
        async with self.limiter:
            counter = current_counter.get()
            if counter is not None:
                counter.calls += 1
            return await self.inner.request(request)


def resolve_models(specs: list[str], options: dict[str, Any] | None = None) -> dict[str, Model]:
    """Backends by spec, built before the run so a typo fails at once (exit 2), not as N errors."""
    if not specs:
        raise UsageError("give at least one --model")
    if len(set(specs)) != len(specs):
        raise UsageError("the same --model is given twice")
    return {spec: get_model(spec, **(options or {})) for spec in specs}


def resolve_judge(spec: str, options: dict[str, Any] | None = None) -> Model:
    if spec.strip() == "expert":
        raise UsageError("the expert engine cannot judge; give an LLM backend to --judge")
    return get_model(spec, **(options or {}))


def default_chain_factory(skill: Skill, model: Model, fallback: bool) -> Any:
    from .._run import build_chain

    # The runner's limiter bounds calls; the chain's own limit only needs to cover the DAG's width.
    return build_chain(skill, model, concurrency=16, fallback=fallback)


def _default_renderer(report: Any, skill: Skill) -> str:
    from .._run import to_markdown

    return to_markdown(report, skill)


def _default_skill_resolver(slug: str) -> Skill:
    from .._run import find_skill

    return find_skill(slug)
