"""Any langchain-core chat model behind the model seam (Python API only).

``get_model(chat_model)`` or ``LangChainModel(chat_model)``. Models that support tool binding are asked
through ``with_structured_output(<JSON schema dict>, include_raw=True)``: the dict rather than the
pydantic class, because with the class some integrations validate inside the model call and lose the
raw answer (and ``include_raw`` does not catch it). Models without tool binding are asked for JSON in
plain text; the system prompt already describes the fields. Either way the chain validates, re-asks
and counts the tokens from ``usage_metadata``.

Retries: the chain's retry loop retries what langchain-core marks ``is_retryable`` (and HTTP 408, 409,
429, 5xx). Give your chat model ``max_retries=0`` where it has one, or the retries multiply.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import ModelRefusalError
from ._base import Message, ModelRequest, ModelResponse, Usage
from ._sdk import schema_name
from ._transport import Sleep, call_with_retries, check_allowed, one_line

_JSON_ONLY = (
    "Reply with one JSON object that matches the {name} schema described above: no prose, no code fence."
)


def _model_id(chat_model: Any) -> str:
    for attr in ("model_name", "model", "model_id"):
        value = getattr(chat_model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(chat_model).__name__


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [
            b if isinstance(b, str) else b.get("text", "") for b in content if isinstance(b, (str, dict))
        ]
        return "".join(parts)
    return str(content)


def _strip_fence(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("```"):
        stripped = stripped.split("\n", 1)[1] if "\n" in stripped else ""
        stripped = stripped.rsplit("```", 1)[0]
    return stripped.strip()


class LangChainModel:
    """A langchain-core ``BaseChatModel`` as a skillrun backend.

    ``structured``: ``None`` picks ``with_structured_output`` when the model binds tools, else plain JSON;
    ``True``/``False`` force the choice. ``method`` is passed to ``with_structured_output``.
    """

    wants_messages = True

    def __init__(
        self,
        chat_model: Any,
        *,
        name: str | None = None,
        structured: bool | None = None,
        method: str | None = None,
        sleep: Sleep | None = None,
    ) -> None:
        from langchain_core.language_models import BaseChatModel

        if not isinstance(chat_model, BaseChatModel):
            raise TypeError(
                f"LangChainModel needs a langchain-core BaseChatModel, not {type(chat_model).__name__}"
            )
        self.chat_model = chat_model
        self.name = name or f"langchain:{_model_id(chat_model)}"
        provider = _provider(chat_model)
        self.price_key = f"{provider}:{_model_id(chat_model)}" if provider else None
        if structured is None:
            structured = type(chat_model).bind_tools is not BaseChatModel.bind_tools
        self.structured = structured
        self.method = method
        self.sleep = sleep

    def __repr__(self) -> str:
        return f"LangChainModel({type(self.chat_model).__name__})"

    def _messages(self, messages: list[Message], extra: str | None) -> list[Any]:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        out = [kinds[m.role](content=m.content) for m in messages]
        if extra:
            out.append(SystemMessage(content=extra) if not out else HumanMessage(content=extra))
        return out

    async def _call(self, request: ModelRequest) -> ModelResponse:
        output_type = request.task.output_type
        if self.structured:
            kwargs = {"include_raw": True}
            if self.method:
                kwargs["method"] = self.method
            runnable = self.chat_model.with_structured_output(output_type.model_json_schema(), **kwargs)
            out = await runnable.ainvoke(self._messages(request.messages, None))
            raw, parsed = out.get("raw"), out.get("parsed")
            if parsed is not None:
                text = json.dumps(parsed if not hasattr(parsed, "model_dump") else parsed.model_dump())
            elif raw is not None and getattr(raw, "tool_calls", None):
                text = json.dumps(raw.tool_calls[0].get("args", {}))
            else:
                text = _strip_fence(_text_of(raw.content)) if raw is not None else None
        else:
            hint = _JSON_ONLY.format(name=schema_name(output_type))
            raw = await self.chat_model.ainvoke(self._messages(request.messages, hint))
            text = _strip_fence(_text_of(raw.content))
        return ModelResponse(
            model=self.name, text=text or None, usage=_usage(raw), finish_reason=_finish(raw)
        )

    async def request(self, request: ModelRequest) -> ModelResponse:
        check_allowed(self.name)
        return await call_with_retries(
            lambda: self._refusals_as_ours(request),
            provider=self.name,
            settings=request.settings,
            sleep=self.sleep,
        )

    async def _refusals_as_ours(self, request: ModelRequest) -> ModelResponse:
        from langchain_core.exceptions import ModelRefusalError as LCRefusal

        try:
            return await self._call(request)
        except LCRefusal as exc:
            raise ModelRefusalError(f"{self.name} refused: {one_line(exc)}") from None


def _usage(raw: Any) -> Usage:
    meta = getattr(raw, "usage_metadata", None) or {}
    return Usage(int(meta.get("input_tokens", 0) or 0), int(meta.get("output_tokens", 0) or 0), 1)


def _finish(raw: Any) -> str | None:
    meta = getattr(raw, "response_metadata", None) or {}
    reason = meta.get("finish_reason") or meta.get("stop_reason")
    return {"max_tokens": "length", "end_turn": "stop"}.get(reason, reason) if reason else None


def _provider(chat_model: Any) -> str | None:
    """``openai`` / ``anthropic`` for the official integrations (for prices), else ``None``."""
    kind = getattr(chat_model, "_llm_type", "") or ""
    for provider in ("openai", "anthropic"):
        if kind.startswith(provider):
            return provider
    return None


def langchain_model(chat_model: Any, **options: Any) -> LangChainModel:
    return LangChainModel(chat_model, **options)
