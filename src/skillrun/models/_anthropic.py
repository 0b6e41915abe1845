"""Anthropic Messages with native structured output (``output_config.format``) or forced tool use.

``anthropic:MODEL`` reads ``ANTHROPIC_API_KEY`` and ``ANTHROPIC_BASE_URL`` as the SDK does (the base URL
is given *without* ``/v1``). The default mode is ``json_schema``: the section schema goes out as
``output_config={"format": {"type": "json_schema", ...}}``. ``mode="tool"`` forces a single tool call
instead, for models or compatible servers without native structured output.

The call is ``messages.create`` and validation happens in the chain: the SDK's ``.parse`` would raise on
a validation error and lose the text and the usage of that call.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ..errors import ModelError
from ._base import ModelRequest, ModelResponse, Usage
from ._sdk import SDKModel, anthropic_schema, schema_name, shared_ssl_context

Mode = Literal["json_schema", "tool"]
DEFAULT_MAX_TOKENS = 4096


class AnthropicModel(SDKModel):
    """``anthropic:MODEL``. Options: ``mode`` (``json_schema`` | ``tool``), ``base_url``, ``api_key`` and
    any other ``AsyncAnthropic`` argument; ``client=`` to pass a ready client; ``sleep=`` for tests.
    """

    provider = "anthropic"

    def __init__(self, model_id: str, *, mode: Mode = "json_schema", **options: Any) -> None:
        if mode not in ("json_schema", "tool"):
            raise ModelError(f"anthropic: unknown mode {mode!r}; use json_schema or tool")
        self.mode = mode
        super().__init__(model_id, **options)

    def _make_client(self, options: dict[str, Any]) -> Any:
        import anthropic

        options["max_retries"] = 0  # the retry loop in _transport owns retries
        if "http_client" not in options:
            options["http_client"] = anthropic.DefaultAsyncHttpxClient(verify=shared_ssl_context())
        return anthropic.AsyncAnthropic(**options)

    def _connection_errors(self) -> tuple[type[BaseException], ...]:
        import anthropic

        return (anthropic.APIConnectionError,)

    def _params(self, request: ModelRequest) -> dict[str, Any]:
        settings = request.settings
        output_type = request.task.output_type
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        params: dict[str, Any] = {
            "model": self.model_id,
            "max_tokens": settings.max_tokens or DEFAULT_MAX_TOKENS,
            "messages": [
                {"role": m.role, "content": m.content} for m in request.messages if m.role != "system"
            ],
        }
        if system:
            params["system"] = system
        schema = anthropic_schema(output_type)
        if self.mode == "json_schema":
            params["output_config"] = {"format": {"type": "json_schema", "schema": schema}}
        else:
            name = schema_name(output_type)
            doc = (output_type.__doc__ or f"Record the {name} section.").strip().splitlines()[0]
            params["tools"] = [{"name": name, "description": doc, "input_schema": schema}]
            params["tool_choice"] = {"type": "tool", "name": name}
        # No temperature or seed: the Messages API (SDK 2.14) no longer takes sampling parameters.
        if settings.timeout is not None:
            params["timeout"] = settings.timeout
        return params

    async def _call(self, client: Any, request: ModelRequest) -> ModelResponse:
        message = await client.messages.create(**self._params(request))
        return self._response(message)

    def _response(self, message: Any) -> ModelResponse:
        u = message.usage
        # input_tokens excludes cached prompt tokens; both are billed, so both count as input here.
        cached = (getattr(u, "cache_creation_input_tokens", None) or 0) + (
            getattr(u, "cache_read_input_tokens", None) or 0
        )
        usage = Usage(u.input_tokens + cached, u.output_tokens, 1)
        texts: list[str] = []
        for block in message.content:
            if block.type == "text":
                texts.append(block.text)
            elif block.type == "tool_use":
                texts.append(json.dumps(block.input))
        text = "".join(texts) if texts else None
        stop = message.stop_reason
        finish = {"max_tokens": "length", "end_turn": "stop", "tool_use": "stop"}.get(stop or "", stop)
        refusal = (text or "the model refused") if stop == "refusal" else None
        return ModelResponse(
            model=self.name,
            text=None if refusal else text,
            usage=usage,
            finish_reason=finish,
            refusal=refusal,
            raw={"id": message.id, "model": message.model},
        )


def anthropic_model(model_id: str, **options: Any) -> AnthropicModel:
    """Registry factory for ``anthropic:MODEL``."""
    return AnthropicModel(model_id, **options)
