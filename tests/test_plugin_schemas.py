"""Function-calling definitions, checked against what the OpenAI, Anthropic and MCP SDKs accept.

No network: the SDK clients send their requests to a mock transport, which answers with a tool call.
"""

from __future__ import annotations

import json
import re
from typing import get_type_hints

import httpx2
import pytest
from plugin_support import TOY
from pydantic import TypeAdapter

from skillrun.plugin import SkillRequest, tool_definitions, tool_name
from skillrun.plugin._schemas import TOOL_NAME, strict_schema

SKILLS = [
    TOY,
    TOY.model_copy(update={"slug": "ml-workflow", "name": "ML Workflow", "triggers": ["ML", "drift"]}),
    TOY.model_copy(update={"slug": "a.very-long.slug-" + "x" * 80, "name": "Long"}),
]


def capture_transport(reply: dict, seen: list[dict]) -> httpx2.MockTransport:
    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json=reply)

    return httpx2.MockTransport(handler)


def validate_typed_dict(value: dict, typed_dict: type) -> None:
    """Valid for the SDK's TypedDict, and no key it does not declare (TypedDicts let extras through)."""
    TypeAdapter(typed_dict).validate_python(value)
    assert set(value) <= set(get_type_hints(typed_dict)), set(value) - set(get_type_hints(typed_dict))
    required = getattr(typed_dict, "__required_keys__", frozenset())
    assert required <= set(value), required - set(value)


def test_names_fit_openai_and_mcp_rules():
    names = [tool_name(s) for s in SKILLS]
    assert names[:2] == ["toy", "ml_workflow"]
    assert all(TOOL_NAME.match(n) for n in names) and len(names[2]) == 64
    from mcp.shared.tool_name_validation import validate_tool_name

    assert all(validate_tool_name(n).is_valid for n in names)


def test_duplicate_names_and_unknown_formats_are_refused():
    with pytest.raises(ValueError, match="share the tool name"):
        tool_definitions([TOY, TOY], "openai")
    with pytest.raises(ValueError, match="unknown tool format"):
        tool_definitions([TOY], "gemini")  # type: ignore[arg-type]


def test_openai_definitions_follow_strict_mode():
    (tool,) = tool_definitions([TOY], "openai")
    function = tool["function"]
    assert tool["type"] == "function" and function["strict"] is True
    parameters = function["parameters"]
    assert parameters["additionalProperties"] is False
    assert parameters["required"] == list(parameters["properties"]) == ["request", "model"]
    assert {"type": "null"} in parameters["properties"]["model"]["anyOf"]
    assert "default" not in parameters["properties"]["model"]
    assert "gizmo" in function["description"] and "Alpha, Beta, Gamma" in function["description"]


def test_openai_definitions_match_the_sdk_and_go_through_its_client():
    import openai
    from openai.lib._pydantic import to_strict_json_schema
    from openai.types.chat import ChatCompletionFunctionTool, ChatCompletionFunctionToolParam

    (tool,) = tool_definitions([TOY], "openai")
    sdk_schema = to_strict_json_schema(SkillRequest)
    sdk_schema.pop("title")
    assert tool["function"]["parameters"] == sdk_schema
    sdk_tool = openai.pydantic_function_tool(
        SkillRequest, name="toy", description=tool["function"]["description"]
    )
    sdk_tool["function"]["parameters"].pop("title")
    assert sdk_tool == tool
    from openai.types.shared_params import FunctionDefinition

    validate_typed_dict(tool, ChatCompletionFunctionToolParam)
    validate_typed_dict(tool["function"], FunctionDefinition)
    ChatCompletionFunctionTool.model_validate(tool)

    arguments = json.dumps({"request": "plan a gizmo", "model": None})
    reply = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-test",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "toy", "arguments": arguments},
                        }
                    ],
                },
            }
        ],
    }
    seen: list[dict] = []
    client = openai.OpenAI(
        api_key="test",
        base_url="http://mock.invalid/v1",
        http_client=httpx2.Client(transport=capture_transport(reply, seen)),
    )
    response = client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "plan a gizmo"}], tools=[tool]
    )
    assert seen[0]["tools"] == [tool]
    call = response.choices[0].message.tool_calls[0]
    assert SkillRequest.model_validate_json(call.function.arguments) == SkillRequest(request="plan a gizmo")


def test_anthropic_definitions_are_tool_params_and_go_through_its_client():
    import anthropic
    from anthropic.lib._parse._transform import transform_schema
    from anthropic.types import ToolParam

    tools = tool_definitions(SKILLS, "anthropic")
    for tool in tools:
        validate_typed_dict(tool, ToolParam)
        assert set(tool) == {"name", "description", "input_schema"}
        assert tool["input_schema"]["type"] == "object" and tool["input_schema"]["required"] == ["request"]
        assert len(tool["description"]) <= 1024
        transform_schema(tool["input_schema"])  # the SDK's strict transform accepts it

    reply = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-test",
        "content": [
            {"type": "tool_use", "id": "toolu_1", "name": "toy", "input": {"request": "plan a gizmo"}}
        ],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }
    seen: list[dict] = []
    client = anthropic.Anthropic(
        api_key="test",
        base_url="http://mock.invalid",
        http_client=httpx2.Client(transport=capture_transport(reply, seen)),
    )
    message = client.messages.create(
        model="claude-test",
        max_tokens=100,
        messages=[{"role": "user", "content": "plan a gizmo"}],
        tools=tools,
    )
    assert seen[0]["tools"] == tools
    assert SkillRequest.model_validate(message.content[0].input).request == "plan a gizmo"


def test_mcp_definitions_are_mcp_tools():
    from mcp.types import Tool

    for definition in tool_definitions(SKILLS, "mcp"):
        tool = Tool.model_validate(definition)
        assert tool.input_schema["properties"].keys() == {"request", "model"}
        assert tool.annotations.read_only_hint is True
        assert tool.output_schema["properties"].keys() >= {"markdown", "sections"}
        assert tool.model_dump(by_alias=True, exclude_none=True)["inputSchema"] == definition["inputSchema"]


def test_strict_schema_handles_nested_objects_and_definitions():
    schema = {
        "type": "object",
        "properties": {
            "inner": {"$ref": "#/$defs/Inner"},
            "items": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}},
        },
        "$defs": {
            "Inner": {
                "type": "object",
                "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}},
            }
        },
    }
    strict = strict_schema(schema)
    assert strict["required"] == ["inner", "items"]
    assert strict["$defs"]["Inner"] == {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        "additionalProperties": False,
        "required": ["x"],
    }
    assert strict["properties"]["items"]["items"]["additionalProperties"] is False
    assert "additionalProperties" not in schema  # the input is left alone


def test_descriptions_stay_short():
    wordy = TOY.model_copy(update={"description": "word " * 400, "triggers": ["t"] * 50})
    (tool,) = tool_definitions([wordy], "anthropic")
    assert len(tool["description"]) <= 1024 and tool["description"].endswith("…")
    assert re.match(r"^[a-zA-Z0-9_-]{1,64}$", tool["name"])
