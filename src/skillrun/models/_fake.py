"""Fakes shipped in the package, so users test their own code the way skillrun tests itself."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from ._base import ModelRequest, ModelResponse, Usage

Responder = Callable[
    [ModelRequest], "ModelResponse | str | BaseModel | Awaitable[ModelResponse | str | BaseModel]"
]


def _estimate_tokens(text: str) -> int:
    # About four characters per token: close enough for tests of usage accounting.
    return max(1, len(text) // 4)


@dataclass
class FunctionModel:
    """A backend whose answers come from a function of the request (text, a model instance or a response).

    ``delay`` sleeps before answering, to exercise concurrency; ``history`` records every request
    (unless ``keep_history`` is off, for long benchmark runs).
    """

    function: Responder
    name: str = "function"
    delay: float = 0.0
    wants_messages: bool = True
    history: list[ModelRequest] = field(default_factory=list)
    keep_history: bool = True

    async def request(self, request: ModelRequest) -> ModelResponse:
        if self.keep_history:
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
                model=self.name,
                value=answer,
                usage=Usage(_estimate_tokens(prompt), _estimate_tokens(text), 1),
            )
        return ModelResponse(
            model=self.name,
            text=str(answer),
            usage=Usage(_estimate_tokens(prompt), _estimate_tokens(str(answer)), 1),
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


def fake_backend(spec: str = "", **_options: object) -> FunctionModel:
    """The ``fake:`` backend for tests and benchmarks that run through the CLI (subprocesses included).

    ``spec`` is a comma-separated list of ``key=value``: ``delay`` (seconds per call), ``fail`` (share of
    calls that raise a backend error, chosen by a hash of the call so reruns fail the same calls),
    ``crash`` (share of calls that raise a plain exception, as a bug would) and ``mode``: ``expert``
    (default: answer with the skill pack's expert engine, so reports are complete), ``garbage`` (text that
    is not JSON) or ``reject`` (judge verdicts that fail every item). Judge steps (``judge:<id>``) get a
    verdict for their item. ``fake:delay=0.5`` is a slow, well-behaved LLM stand-in.
    """
    from ..errors import ModelNotFoundError, ModelUnavailableError

    params: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            key, value = "mode", key
        params[key.strip()] = value.strip()
    unknown = set(params) - {"delay", "fail", "crash", "mode"}
    mode = params.get("mode", "expert")
    try:
        delay = float(params.get("delay", 0))
        fail = float(params.get("fail", 0))
        crash = float(params.get("crash", 0))
    except ValueError:
        unknown.add("(a number)")
    if unknown or mode not in ("expert", "garbage", "reject") or delay < 0:
        raise ModelNotFoundError(
            f"bad fake backend {spec!r}: use fake:delay=SECONDS,fail=SHARE,crash=SHARE,mode=expert|garbage|reject"
        )

    def share(request: ModelRequest, salt: str) -> float:
        import hashlib

        blob = f"{salt}|{request.task.step}|{request.attempt}|{request.task.request}".encode()
        return int.from_bytes(hashlib.sha256(blob).digest()[:8], "big") / 2**64

    def respond(request: ModelRequest) -> str | BaseModel:
        task = request.task
        if crash and share(request, "crash") < crash:
            raise RuntimeError("fake backend: injected crash")
        if fail and share(request, "fail") < fail:
            raise ModelUnavailableError("fake backend: injected failure")
        if mode == "garbage":
            return "Sure! Here is my answer, though not quite in the format you asked for."
        if task.step.startswith("judge:"):
            item = task.step.split(":", 1)[1]
            passed = mode != "reject"
            critique = "fake judge: " + ("criterion met" if passed else "criterion not met")
            return task.output_type.model_validate({"item_id": item, "passed": passed, "critique": critique})
        from ..packs import get_pack

        pack = get_pack(task.skill)
        if pack is None:
            raise ModelUnavailableError(f"fake backend: no pack for skill {task.skill!r}")
        return pack.expert(task)

    return FunctionModel(respond, name=f"fake:{spec}", delay=delay, wants_messages=False, keep_history=False)
