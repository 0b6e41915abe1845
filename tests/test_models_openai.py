"""The OpenAI backend against the loopback wire server: the real SDK client, end to end."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import BaseModel, Field
from wire_server import Drop, Refusal, Slow, Status, Truncated

from skillrun.errors import ModelError, ModelRequestsBlockedError, ModelUnavailableError
from skillrun.models import Message, ModelRequest, ModelSettings, OpenAIModel, SectionTask, get_model


class Verdict(BaseModel):
    title: str
    score: int = Field(ge=0, le=10)
    tags: list[str] = []
    lang: str = "en"


def ask(model, settings: ModelSettings | None = None):
    task = SectionTask(skill="toy", step="verdict", output_type=Verdict, request="rate it")
    request = ModelRequest(
        task=task,
        messages=[Message("system", "You rate things."), Message("user", "Rate it.")],
        settings=settings or ModelSettings(),
    )
    return run_closed(model, request)


def run_closed(model, request):
    async def go():
        try:
            return await model.request(request)
        finally:
            if hasattr(model, "aclose"):
                await model.aclose()

    return asyncio.run(go())


def make(wire, **options) -> OpenAIModel:
    return OpenAIModel("gpt-4.1-mini", base_url=wire.openai_url, _strict_response_validation=True, **options)


def test_valid_answer_keeps_text_and_usage(wire):
    wire.queue()
    response = ask(make(wire))
    assert Verdict.model_validate_json(response.text).title == "example"
    assert response.finish_reason == "stop" and response.refusal is None
    assert (
        response.usage.requests == 1 and response.usage.input_tokens > 0 and response.usage.output_tokens > 0
    )
    assert response.model == "openai:gpt-4.1-mini"


def test_strict_request_sends_the_strict_schema_without_defaults(wire):
    ask(make(wire), ModelSettings(temperature=0.0, max_tokens=321, seed=7))
    body = wire.requests[-1].body
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "score", "tags", "lang"}
    assert "default" not in str(schema)
    assert body["max_completion_tokens"] == 321 and body["temperature"] == 0.0 and body["seed"] == 7
    assert body["messages"][0] == {"role": "system", "content": "You rate things."}
    assert wire.requests[-1].path == "/v1/chat/completions"


def test_compat_mode_sends_a_plain_schema_and_max_tokens(wire):
    model = get_model("openai-compat:llama3.2", base_url=wire.openai_url)
    assert model.name == "openai-compat:llama3.2"
    ask(model, ModelSettings(max_tokens=100))
    body = wire.requests[-1].body
    assert "strict" not in body["response_format"]["json_schema"]
    assert body["response_format"]["json_schema"]["schema"]["properties"]["lang"]["default"] == "en"
    assert body["max_tokens"] == 100 and "max_completion_tokens" not in body


def test_retry_after_is_honoured_and_sdk_retries_are_off(wire, no_sleep):
    wire.queue(Status(429, {"retry-after": "2"}), Status(529, {"retry-after-ms": "250"}), Status(503))
    response = ask(make(wire))
    assert response.usage.requests == 1
    assert len(wire.requests) == 4
    assert no_sleep[:2] == [2.0, 0.25]
    assert 0 <= no_sleep[2] <= 8
    # Our loop owns the retries: the SDK never retried by itself.
    assert {r.headers.get("x-stainless-retry-count") for r in wire.requests} == {"0"}


def test_retry_after_is_capped(wire, no_sleep):
    wire.queue(Status(429, {"retry-after": "3600"}))
    ask(make(wire), ModelSettings(max_retry_wait=5.0))
    assert no_sleep == [5.0]


def test_persistent_5xx_gives_unavailable_after_the_bounded_attempts(wire, no_sleep):
    wire.queue(*[Status(500)] * 10)
    with pytest.raises(ModelUnavailableError, match="3 attempts: HTTP 500"):
        ask(make(wire), ModelSettings(max_retries=2))
    assert len(wire.requests) == 3 and len(no_sleep) == 2


def test_client_errors_are_not_retried(wire):
    wire.queue(Status(422, message="bad schema"))
    with pytest.raises(ModelError, match="HTTP 422: bad schema"):
        ask(make(wire))
    assert len(wire.requests) == 1


def test_timeouts_and_dropped_connections_are_retried(wire, no_sleep):
    wire.queue(Slow(1.0), Drop())
    response = ask(make(wire), ModelSettings(timeout=0.2))
    assert response.text and len(wire.requests) == 3 and len(no_sleep) == 2


def test_a_rejected_parameter_is_dropped_once(wire):
    wire.queue(Status(400, message="Unsupported value: 'temperature'"))
    # The loopback error body names no param; patch it the way OpenAI reports it.
    model = make(wire)
    import openai

    original = openai.BadRequestError.__init__

    def with_param(self, *a, **k):  # type: ignore[no-untyped-def]
        original(self, *a, **k)
        self.param = "temperature"

    openai.BadRequestError.__init__ = with_param  # type: ignore[method-assign]
    try:
        ask(model)
    finally:
        openai.BadRequestError.__init__ = original  # type: ignore[method-assign]
    assert "temperature" in wire.requests[0].body and "temperature" not in wire.requests[1].body
    ask(model)
    assert "temperature" not in wire.requests[2].body


def test_refusal_and_truncation_are_reported_not_raised(wire):
    wire.queue(Refusal("no way"), Truncated())
    refused = ask(make(wire))
    assert refused.refusal == "no way" and refused.text is None and refused.usage.requests == 1
    cut = ask(make(wire))
    assert cut.finish_reason == "length" and cut.usage.output_tokens > 0


def test_requests_are_blocked_unless_the_test_opts_in(monkeypatch):
    import skillrun.models

    monkeypatch.setattr(skillrun.models, "ALLOW_MODEL_REQUESTS", False)
    with pytest.raises(ModelRequestsBlockedError):
        ask(OpenAIModel("gpt-4.1", api_key="sk-unused-000000", base_url="http://127.0.0.1:9/v1"))


def test_base_url_from_the_environment(wire, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", wire.openai_url)
    ask(get_model("openai:gpt-4.1"))
    assert wire.requests[-1].headers["authorization"] == "Bearer sk-test-loopback-key"


def test_local_servers_need_no_key(wire, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    ask(get_model("openai-compat:qwen3", base_url=wire.openai_url))
    assert wire.requests[-1].headers["authorization"].startswith("Bearer unused")


def test_missing_key_without_base_url_is_unavailable(allow_model_requests, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ModelUnavailableError, match="cannot create the client"):
        ask(get_model("openai:gpt-4.1"))


def test_one_client_per_event_loop(wire):
    model = make(wire)
    ask(model)
    ask(model)  # a second asyncio.run: a fresh loop, and a fresh client with it
    assert len(wire.requests) == 2


def test_aclose_waits_for_requests_in_flight(wire):
    """Chains sharing a model: one chain's close must not break another chain's request."""
    wire.delay = 0.3
    model = make(wire)
    task = SectionTask(skill="toy", step="verdict", output_type=Verdict, request="rate it")
    request = ModelRequest(task=task, messages=[Message("user", "Rate it.")])

    async def go():
        in_flight = asyncio.create_task(model.request(request))
        await asyncio.sleep(0.1)
        await model.aclose()  # deferred: a request is in flight
        assert model._clients
        response = await in_flight
        assert not model._clients  # closed when the last request finished
        return response

    assert asyncio.run(go()).finish_reason == "stop"
