"""Any langchain-core chat model behind the seam, through small fake chat models of ours."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.exceptions import ModelRateLimitError, ModelRefusalError
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from test_models_openai import Verdict, ask

from skillrun.errors import ModelRefusalError as OurRefusal
from skillrun.errors import ModelRequestsBlockedError, ModelUnavailableError
from skillrun.models import LangChainModel, ModelSettings, get_model

ANSWER = {"title": "lc", "score": 4, "tags": [], "lang": "en"}


class TextChat(BaseChatModel):
    """Answers with text only (no tool binding): the prompted-JSON path."""

    replies: list[Any] = []
    seen: list[list[BaseMessage]] = []
    model_name: str = "text-fake"

    @property
    def _llm_type(self) -> str:
        return "text-fake"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        reply = self.replies.pop(0) if self.replies else json.dumps(ANSWER)
        if isinstance(reply, Exception):
            raise reply
        message = AIMessage(
            content=reply,
            usage_metadata={"input_tokens": 11, "output_tokens": 5, "total_tokens": 16},
            response_metadata={"model_name": self.model_name, "finish_reason": "stop"},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])


class ToolChat(TextChat):
    """Binds tools and answers with a tool call: the with_structured_output path."""

    model_name: str = "gpt-4o-mini"

    @property
    def _llm_type(self) -> str:
        return "openai-chat-fake"

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):  # type: ignore[no-untyped-def]
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], tool_choice=tool_choice, **kwargs)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        name = kwargs["tools"][0]["function"]["name"]
        message = AIMessage(
            content="",
            tool_calls=[{"name": name, "args": dict(ANSWER), "id": "call_1"}],
            usage_metadata={"input_tokens": 20, "output_tokens": 8, "total_tokens": 28},
            response_metadata={"model_name": self.model_name},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])


def test_get_model_wraps_a_chat_model(allow_model_requests):
    model = get_model(TextChat(replies=[], seen=[]))
    assert isinstance(model, LangChainModel) and model.name == "langchain:text-fake"
    assert model.structured is False


def test_prompted_json_path_validates_and_counts(allow_model_requests):
    chat = TextChat(replies=["```json\n" + json.dumps(ANSWER) + "\n```"], seen=[])
    response = ask(LangChainModel(chat))
    assert Verdict.model_validate_json(response.text).title == "lc"
    assert (response.usage.input_tokens, response.usage.output_tokens, response.usage.requests) == (11, 5, 1)
    sent = chat.seen[0]
    assert [m.type for m in sent] == ["system", "human", "human"]
    assert "JSON object" in sent[-1].content


def test_tool_path_uses_structured_output(allow_model_requests):
    chat = ToolChat(replies=[], seen=[])
    model = LangChainModel(chat)
    assert model.structured and model.price_key == "openai:gpt-4o-mini"
    response = ask(model)
    assert json.loads(response.text) == ANSWER
    assert response.usage.input_tokens == 20


def test_retryable_errors_are_retried(allow_model_requests, no_sleep):
    chat = TextChat(replies=[ModelRateLimitError("slow down"), ModelRateLimitError("again")], seen=[])
    assert ask(LangChainModel(chat)).text
    assert len(no_sleep) == 2


def test_persistent_failure_is_unavailable(allow_model_requests, no_sleep):
    chat = TextChat(replies=[ModelRateLimitError("slow down")] * 3, seen=[])
    with pytest.raises(ModelUnavailableError):
        ask(LangChainModel(chat), ModelSettings(max_retries=2))


def test_refusal_becomes_ours(allow_model_requests):
    chat = TextChat(replies=[ModelRefusalError("nope")], seen=[])
    with pytest.raises(OurRefusal):
        ask(LangChainModel(chat))


def test_blocked_by_default():
    with pytest.raises(ModelRequestsBlockedError):
        ask(LangChainModel(TextChat(replies=[], seen=[])))


def test_only_chat_models_are_accepted():
    with pytest.raises(TypeError):
        LangChainModel(object())


class SchemaChat(ToolChat):
    """Answers every structured request with an instance of the bound tool's schema."""

    model_name: str = "schema-fake"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:  # type: ignore[no-untyped-def]
        from wire_server import instance_from_schema

        function = kwargs["tools"][0]["function"]
        args = instance_from_schema(function["parameters"])
        message = AIMessage(
            content="",
            tool_calls=[{"name": function["name"], "args": args, "id": "call_1"}],
            usage_metadata={"input_tokens": 100, "output_tokens": 50, "total_tokens": 150},
            response_metadata={"model_name": self.model_name},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])
