"""OpenAI Chat Completions, and OpenAI-compatible servers (Ollama, vLLM, llama.cpp) through ``base_url``.

``openai:MODEL`` sends a strict ``json_schema`` response format. ``openai-compat:MODEL`` sends the same
schema without ``strict`` (servers that reject strict schemas, or enforce only part of them) and the
classic ``max_tokens``. Both read ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` as the SDK does; with a
``base_url`` and no key, a placeholder key is sent, since local servers ignore it.

The call is ``chat.completions.create``, not ``.parse``: ``.parse`` validates inside the SDK and loses
the raw text and the token usage when validation fails, and the chain needs both to re-ask and to count.
"""

from __future__ import annotations

import os
from typing import Any

from ._base import ModelRequest, ModelResponse, Usage
from ._sdk import SDKModel, openai_response_format, shared_ssl_context

# Parameters some models reject (reasoning models and temperature); dropped once the API says so.
_DROPPABLE = frozenset({"temperature", "seed", "max_completion_tokens", "max_tokens"})
_LOCAL_KEY = "unused-local-key"


class OpenAIModel(SDKModel):
    """``openai:MODEL`` (``strict=True``) or ``openai-compat:MODEL`` (``strict=False``).

    Options: ``base_url``, ``api_key``, ``organization``, ``default_headers`` and any other
    ``AsyncOpenAI`` argument; ``client=`` to pass a ready client; ``sleep=`` for tests.
    """

    provider = "openai"

    def __init__(self, model_id: str, *, strict: bool = True, **options: Any) -> None:
        self.strict = strict
        if not strict:
            self.provider = "openai-compat"
        super().__init__(model_id, **options)
        self._dropped: set[str] = set()

    def _make_client(self, options: dict[str, Any]) -> Any:
        import openai

        if "api_key" not in options and not os.environ.get("OPENAI_API_KEY"):
            if options.get("base_url") or os.environ.get("OPENAI_BASE_URL"):
                options["api_key"] = _LOCAL_KEY
        options["max_retries"] = 0  # the retry loop in _transport owns retries
        if "http_client" not in options:
            options["http_client"] = openai.DefaultAsyncHttpxClient(verify=shared_ssl_context())
        return openai.AsyncOpenAI(**options)

    def _connection_errors(self) -> tuple[type[BaseException], ...]:
        import openai

        return (openai.APIConnectionError,)

    def _params(self, request: ModelRequest) -> dict[str, Any]:
        settings = request.settings
        params: dict[str, Any] = {
            "model": self.model_id,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            # Same JSON on the wire as the `response_format` argument, but the SDK does not walk the
            # (large) schema through its typed-param transform, a few ms per call on the critical path.
            "extra_body": {
                "response_format": openai_response_format(request.task.output_type, strict=self.strict)
            },
        }
        if settings.temperature is not None:
            params["temperature"] = settings.temperature
        if settings.max_tokens is not None:
            params["max_completion_tokens" if self.strict else "max_tokens"] = settings.max_tokens
        if settings.seed is not None:
            params["seed"] = settings.seed
        if settings.timeout is not None:
            params["timeout"] = settings.timeout
        return {k: v for k, v in params.items() if k not in self._dropped}

    async def _call(self, client: Any, request: ModelRequest) -> ModelResponse:
        import openai

        params = self._params(request)
        try:
            completion = await client.chat.completions.create(**params)
        except openai.BadRequestError as exc:
            if exc.param not in _DROPPABLE or exc.param not in params:
                raise
            self._dropped.add(exc.param)
            completion = await client.chat.completions.create(**self._params(request))
        return self._response(completion)

    def _response(self, completion: Any) -> ModelResponse:
        usage = Usage(requests=1)
        if completion.usage is not None:
            usage = Usage(completion.usage.prompt_tokens or 0, completion.usage.completion_tokens or 0, 1)
        if not completion.choices:
            return ModelResponse(model=self.name, text=None, usage=usage, finish_reason="empty")
        choice = completion.choices[0]
        message = choice.message
        finish = choice.finish_reason
        refusal = getattr(message, "refusal", None)
        if finish == "content_filter" and not refusal:
            refusal = "the provider's content filter stopped the answer"
        return ModelResponse(
            model=self.name,
            text=message.content,
            usage=usage,
            finish_reason=finish,
            refusal=refusal,
            raw={"id": completion.id, "model": completion.model},
        )


def openai_model(model_id: str, **options: Any) -> OpenAIModel:
    """Registry factory for ``openai:MODEL`` (``strict=False`` is accepted as an option too)."""
    return OpenAIModel(model_id, **options)


def openai_compat_model(model_id: str, **options: Any) -> OpenAIModel:
    """Registry factory for ``openai-compat:MODEL``: no strict schema, ``max_tokens``."""
    options.setdefault("strict", False)
    return OpenAIModel(model_id, **options)
