"""Section models as each provider's structured-output schema.

Providers accept different JSON Schema subsets. OpenAI's strict mode wants every property required and
no ``default``; Anthropic drops unsupported keywords into descriptions (its SDK's ``transform_schema``);
OpenAI-compatible servers get pydantic's schema as it is. Whatever a provider cannot enforce, pydantic
enforces afterwards and the re-ask loop repairs.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

# Keys whose values are maps of name -> schema rather than schemas themselves.
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")


def schema_name(output_type: type[BaseModel]) -> str:
    """A name the providers accept (``^[a-zA-Z0-9_-]{1,64}$``)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", output_type.__name__)[:64] or "Output"


def without_defaults(schema: Any) -> Any:
    """``schema`` without ``default`` keywords (strict mode rejects them; every field is required there)."""
    if isinstance(schema, list):
        return [without_defaults(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "default":
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: without_defaults(sub) for name, sub in value.items()}
        else:
            out[key] = without_defaults(value)
    return out


def openai_response_format(output_type: type[BaseModel], *, strict: bool) -> dict[str, Any]:
    """The ``response_format`` for Chat Completions.

    Strict: the SDK's own strict rewriting (all properties required, closed objects), defaults removed.
    Non-strict, for OpenAI-compatible servers: pydantic's schema without the ``strict`` flag.
    """
    # A copy: the cached schema must survive whatever the caller or the SDK does to it.
    return copy.deepcopy(_openai_response_format(output_type, strict))


@lru_cache(maxsize=128)
def _openai_response_format(output_type: type[BaseModel], strict: bool) -> dict[str, Any]:
    # Schema generation costs milliseconds per call, on the critical path of every section: once per type.
    if strict:
        from openai.lib._pydantic import to_strict_json_schema

        schema = without_defaults(to_strict_json_schema(output_type))
        return {
            "type": "json_schema",
            "json_schema": {"name": schema_name(output_type), "schema": schema, "strict": True},
        }
    return {
        "type": "json_schema",
        "json_schema": {"name": schema_name(output_type), "schema": output_type.model_json_schema()},
    }


def anthropic_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    return copy.deepcopy(_anthropic_schema(output_type))


@lru_cache(maxsize=128)
def _anthropic_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    from anthropic import transform_schema

    return transform_schema(output_type)
