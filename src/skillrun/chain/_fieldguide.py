"""A section schema as a short field guide for prompts: names, kinds, allowed values, intent.

Strict providers get the full JSON schema as the response format anyway; the prompt only needs to say
what each field is for, in far fewer tokens than the schema itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel

_KINDS = {"string": "text", "number": "number", "integer": "integer", "boolean": "true/false"}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _kind(schema: dict[str, Any], root: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """A short description of the value's kind, and the object schema to expand below it, if any."""
    schema = _resolve(schema, root)
    options = schema.get("anyOf")
    if options:
        real = [o for o in options if o.get("type") != "null"]
        kind, nested = _kind(real[0], root) if len(real) == 1 else ("one of several shapes", None)
        return (f"{kind} or null" if len(real) < len(options) else kind), nested
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"]), None
    kind = schema.get("type")
    if kind == "array":
        item, nested = _kind(schema.get("items", {}), root)
        least = f", at least {schema['minItems']}" if schema.get("minItems") else ""
        return f"list{least} of {item}", nested
    if kind == "object" or "properties" in schema:
        return "object", schema
    return _KINDS.get(str(kind), str(kind or "value")), None


def _lines(schema: dict[str, Any], root: dict[str, Any], depth: int) -> list[str]:
    required = set(schema.get("required", []))
    lines = []
    for name, sub in schema.get("properties", {}).items():
        kind, nested = _kind(sub, root)
        about = _resolve(sub, root).get("description", "")
        optional = "" if name in required else " (optional)"
        lines.append(f"{'  ' * depth}- {name}: {kind}{optional}" + (f" — {about}" if about else ""))
        if nested is not None and depth < 2:
            lines.extend(_lines(nested, root, depth + 1))
    return lines


@lru_cache(maxsize=64)
def field_guide(output_type: type[BaseModel]) -> str:
    schema = output_type.model_json_schema()
    return "\n".join(_lines(schema, schema, 0))
