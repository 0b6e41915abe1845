"""Fakes shipped in the package, so users test their own code the way skillrun tests itself."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from ._base import ModelRequest, ModelResponse, Usage

Responder = Callable[[ModelRequest], "ModelResponse | str | BaseModel | Awaitable[ModelResponse | str | BaseModel]"]


def _estimate_tokens(text: str) -> int:
    # About four characters per token: close enough for tests of usage accounting.
    return max(1, len(text) // 4)


@dataclass
class FunctionModel:
    """A backend whose answers come from a function of the request (text, a model instance or a response).

    ``delay`` sleeps before answering, to exercise concurrency; ``history`` records every request.
    """

    function: Responder
    name: str = "function"
    delay: float = 0.0
    wants_messages: bool = True
    history: list[ModelRequest] = field(default_factory=list)

    async def request(self, request: ModelRequest) -> ModelResponse:
        self.history.append(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        answer = self.function(request)
        if asyncio.iscoroutine(answer) or isinstance(answer, Awaitable):
            answer = await answer  # type: ignore[misc]
        if isinstance(answer, ModelResponse):
            return answer
        prompt = "".join(m.content for m in request.messages)
        if isinstance(answer, BaseModel):
            text = answer.model_dump_json()
            return ModelResponse(
                model=self.name, value=answer, usage=Usage(_estimate_tokens(prompt), _estimate_tokens(text), 1)
            )
        return ModelResponse(
            model=self.name, text=str(answer), usage=Usage(_estimate_tokens(prompt), _estimate_tokens(str(answer)), 1)
        )


def scripted(answers: dict[str, list[str | BaseModel | dict]]) -> Responder:
    """A responder that pops the next scripted answer for the request's step (dicts become JSON text)."""
    queues = {step: list(items) for step, items in answers.items()}

    def respond(request: ModelRequest) -> str | BaseModel:
        queue = queues.get(request.task.step)
        if not queue:
            raise AssertionError(f"no scripted answer left for step {request.task.step!r}")
        item = queue.pop(0)
        return json.dumps(item) if isinstance(item, dict) else item

    return respond
