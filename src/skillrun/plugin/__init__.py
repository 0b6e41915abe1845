"""Chat-assistant plugin: the conversation hook, the MCP server and function-calling tool schemas.

- :func:`on_message` tells whether a conversation calls for a skill (a :class:`Suggestion`, with the
  request distilled from the conversation); :func:`run_stream` runs it, one event per section.
- :func:`create_server` builds the MCP server (``skillrun mcp``); :func:`serve` runs it.
- :func:`tool_definitions` gives OpenAI, Anthropic or MCP tool definitions per skill
  (``skillrun tools``), all generated from :class:`SkillRequest`.

:class:`Plugin` holds the skills, router, default backend and runner; the module-level functions use
one built from the project's skills.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Plugin",
    "PluginEvent",
    "ReportReady",
    "RunSkillArgs",
    "RunStatus",
    "RunStore",
    "SectionReady",
    "SkillReport",
    "SkillRequest",
    "Suggestion",
    "create_server",
    "default_plugin",
    "on_message",
    "run_stream",
    "serve",
    "tool_definitions",
    "tool_name",
]

# Names are resolved on first use, so the prompt hook imports what routing needs and no more
# (not the MCP server, the run store or the chain).
_MODULES = {
    "._hook": (
        "Plugin",
        "PluginEvent",
        "ReportReady",
        "SectionReady",
        "Suggestion",
        "default_plugin",
        "on_message",
        "run_stream",
    ),
    "._runs": ("RunStatus", "RunStore"),
    "._schemas": ("RunSkillArgs", "SkillReport", "SkillRequest", "tool_definitions", "tool_name"),
    "._server": ("create_server", "serve"),
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}

if TYPE_CHECKING:
    from ._hook import (
        Plugin,
        PluginEvent,
        ReportReady,
        SectionReady,
        Suggestion,
        default_plugin,
        on_message,
        run_stream,
    )
    from ._runs import RunStatus, RunStore
    from ._schemas import RunSkillArgs, SkillReport, SkillRequest, tool_definitions, tool_name
    from ._server import create_server, serve


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
