"""The Anthropic backend against the loopback wire server: the real SDK client, end to end."""

from __future__ import annotations

import json

import pytest
from test_models_openai import Verdict, ask
from wire_server import Refusal, Status, Truncated

from skillrun.errors import ModelError, ModelUnavailableError
from skillrun.models import AnthropicModel, ModelSettings, get_model


def make(wire, **options) -> AnthropicModel:
    return AnthropicModel(
        "claude-sonnet-5-5", base_url=wire.anthropic_url, _strict_response_validation=True, **options
    )


def test_native_structured_output(wire):
    response = ask(make(wire), ModelSettings(max_tokens=500))
    assert Verdict.model_validate_json(response.text).score == 1
    assert response.usage.requests == 1 and response.usage.input_tokens > 0
    record = wire.requests[-1]
    assert record.path == "/v1/messages"
    body = record.body
    assert body["system"] == "You rate things."
    assert body["messages"] == [{"role": "user", "content": "Rate it."}]
    assert body["max_tokens"] == 500
    schema = body["output_config"]["format"]["schema"]
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert schema["additionalProperties"] is False
    # Anthropic's transform moves unsupported keywords (the score bounds) into the description.
    assert "minimum" not in schema["properties"]["score"]
    assert "tools" not in body and "temperature" not in body


def test_forced_tool_mode(wire):
    response = ask(make(wire, mode="tool"))
    assert json.loads(response.text)["title"] == "example"
    body = wire.requests[-1].body
    assert body["tool_choice"] == {"type": "tool", "name": "Verdict"}
    assert body["tools"][0]["name"] == "Verdict" and "output_config" not in body


def test_unknown_mode_is_refused():
    with pytest.raises(ModelError, match="unknown mode"):
        AnthropicModel("claude-x", mode="xml")  # type: ignore[arg-type]


def test_overloaded_and_rate_limited_are_retried(wire, no_sleep):
    wire.queue(Status(529), Status(429, {"retry-after": "1"}))
    assert ask(make(wire)).text
    assert len(wire.requests) == 3 and no_sleep[1] == 1.0
    assert {r.headers.get("x-stainless-retry-count") for r in wire.requests} == {"0"}


def test_auth_failure_is_unavailable(wire):
    wire.queue(Status(401, message="invalid x-api-key"))
    with pytest.raises(ModelUnavailableError, match="HTTP 401"):
        ask(make(wire))


def test_refusal_and_max_tokens(wire):
    wire.queue(Refusal("Not something I can do."), Truncated())
    refused = ask(make(wire))
    assert refused.refusal == "Not something I can do." and refused.text is None
    cut = ask(make(wire))
    assert cut.finish_reason == "length"


def test_key_and_base_url_from_the_environment(wire, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", wire.anthropic_url)
    ask(get_model("anthropic:claude-haiku-4-5"))
    headers = wire.requests[-1].headers
    assert "sk-ant-test-loopback-key" in (headers.get("authorization", "") + headers.get("x-api-key", ""))
