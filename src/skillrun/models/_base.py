"""The one model seam: a section agent asks a backend for an instance of a pydantic model.

A backend sees a :class:`ModelRequest`: the structured task (which skill and step, the brief, the
sections this step depends on, the output type) and the rendered chat messages. LLM backends send the
messages and return the raw text; the expert engine and the fakes read the structured task and return
the value directly. Validation, re-asks and fallback live in the chain, not in the backends, so every
backend behaves the same way under them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass
class Usage:
    """Token counts of one or more calls; ``requests`` counts HTTP calls that returned a body."""

    input_tokens: int = 0
    output_tokens: int = 0
    requests: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.requests + other.requests,
        )

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True)
class SectionTask:
    """What a step needs, in structured form."""

    skill: str
    """Slug of the skill (``ml-workflow``)."""
    step: str
    """Step id from the chain definition (``model_serving``)."""
    output_type: type[BaseModel]
    request: str
    """The user's request text, as given."""
    brief: BaseModel | None = None
    """The intake result; ``None`` for the intake step itself."""
    inputs: dict[str, BaseModel] = field(default_factory=dict)
    """Finished sections this step depends on, by step id."""


@dataclass(frozen=True)
class ModelSettings:
    temperature: float | None = 0.0
    max_tokens: int | None = 4096
    timeout: float | None = 60.0
    """Seconds for one HTTP call."""
    seed: int | None = None
    deadline: float | None = 300.0
    """Seconds one section may spend on its backend: every call, transport retry, wait and re-ask."""
    max_retries: int = 4
    """Transport retries of one call (429, 5xx, 529, timeouts, connection errors); the SDKs' own are off."""
    max_retry_wait: float = 30.0
    """Cap on one wait, Retry-After included; a provider asking for longer gets this long."""


@dataclass(frozen=True)
class ModelRequest:
    task: SectionTask
    messages: list[Message]
    """The rendered conversation; empty for backends that read only ``task``."""
    settings: ModelSettings = ModelSettings()
    attempt: int = 1
    """1 for the first ask, 2.. for re-asks (validation errors or repair findings in ``messages``)."""


@dataclass
class ModelResponse:
    """One answer. Either ``value`` (already an instance of the output type) or ``text`` is set."""

    model: str
    text: str | None = None
    value: BaseModel | None = None
    usage: Usage = field(default_factory=Usage)
    finish_reason: str | None = None
    refusal: str | None = None
    raw: dict[str, Any] | None = None
    """Provider metadata worth keeping (ids, status); never credentials."""


@runtime_checkable
class Model(Protocol):
    """A backend. ``name`` is the registry string that selects it (``expert``, ``openai:gpt-5``)."""

    name: str

    @property
    def wants_messages(self) -> bool:
        """False when the backend reads only the structured task, so prompts need not be rendered."""
        ...

    async def request(self, request: ModelRequest) -> ModelResponse: ...
