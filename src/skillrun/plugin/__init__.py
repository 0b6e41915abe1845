"""Chat-assistant plugin: the conversation hook, the MCP server and function-calling tool schemas.

- :func:`on_message` tells whether a conversation calls for a skill (a :class:`Suggestion`, with the
  request distilled from the conversation); :func:`run_stream` runs it, one event per section.
- :func:`create_server` builds the MCP server (``skillrun mcp``); :func:`serve` runs it.
- :func:`tool_definitions` gives OpenAI, Anthropic or MCP tool definitions per skill
  (``skillrun tools``), all generated from :class:`SkillRequest`.

:class:`Plugin` holds the skills, router, default backend and runner; the module-level functions use
one built from the project's skills.
"""

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
