"""The MCP server: skills as tools, prompts and resources, over stdio or streamable HTTP.

The ``mcp`` package is imported inside the functions that need it, so importing ``skillrun.plugin``
stays cheap. This module does not use postponed annotations: the tool functions are defined inside
:func:`create_server` and annotated with names imported there, which the SDK reads as they are.
"""

import ipaddress
import logging
from typing import Annotated, Any

from pydantic import BaseModel, Field

from .. import __version__
from ..errors import SkillrunError, UsageError
from ..models import Model
from ._hook import Plugin, ReportReady, SectionReady, Suggestion
from ._runs import RunStatus, RunStore
from ._schemas import ChatTurn, RunSkillArgs, SkillCatalog, SkillInfo, SkillReport

log = logging.getLogger("skillrun.plugin")

INSTRUCTIONS = (
    "skillrun runs agent skills: each turns a free-text request into a templated markdown report. "
    "Call route_message with the user's message to learn whether a skill fits, list_skills to see them, "
    "and run_skill to write a report (progress is reported per section). A run takes from seconds "
    "(offline expert engine) to a minute (LLM backend): if your tool calls time out, use "
    "start_skill_run and poll get_skill_run instead."
)
_ARG_DOC = {name: field.description for name, field in RunSkillArgs.model_fields.items()}


class RouteResult(BaseModel):
    """Whether a skill fits the message, and how to run it."""

    matched: bool
    suggestion: Suggestion | None = None
    next_step: str


def create_server(
    plugin: Plugin | None = None,
    *,
    store: RunStore | None = None,
    name: str = "skillrun",
) -> Any:
    """An ``mcp.server.MCPServer`` exposing ``plugin``'s skills.

    Tools: ``list_skills``, ``route_message``, ``run_skill``, ``start_skill_run``, ``get_skill_run``,
    ``cancel_skill_run``. One prompt per skill (named by its slug) and the skill documents as
    ``skill://<slug>`` resources. Runs use the plugin's model (default: the offline expert engine);
    a call may ask for ``expert`` or for that model, nothing else.
    """
    from mcp.server.mcpserver import Context, MCPServer
    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.server.mcpserver.prompts.base import Prompt, UserMessage
    from mcp.server.mcpserver.resources.types import FunctionResource
    from mcp.types import CallToolResult, TextContent, ToolAnnotations

    plugin = plugin or Plugin()
    runs = store or RunStore()
    server = MCPServer(name, title="skillrun", instructions=INSTRUCTIONS, version=__version__)
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    # A started run changes server state (the store), so it is not read-only; it destroys nothing.
    stateful = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)

    def prepare(skill: str, request: str, model: str | None) -> tuple[str, Any, str | Model | None]:
        try:
            text, found = plugin.prepare(request, skill)
        except SkillrunError as exc:
            raise ToolError(str(exc)) from None
        return text, found, _choose_model(plugin.model, model, ToolError)

    SkillArg = Annotated[str, Field(description=_ARG_DOC["skill"])]
    RequestArg = Annotated[str, Field(description=_ARG_DOC["request"])]
    ModelArg = Annotated[str | None, Field(description=_ARG_DOC["model"])]
    RunIdArg = Annotated[str, Field(description="The run_id that start_skill_run returned.")]

    @server.tool(title="List skills", annotations=read_only)
    async def list_skills() -> SkillCatalog:
        """The skills this server runs: slug, name, description, trigger terms and report sections."""
        return SkillCatalog(skills=[SkillInfo.of(s) for s in plugin.skills])

    @server.tool(title="Route a message to a skill", annotations=read_only)
    async def route_message(
        message: Annotated[str, Field(description="The user's latest message.")],
        conversation: Annotated[
            list[ChatTurn] | None, Field(description="Earlier turns, oldest first, for context (optional).")
        ] = None,
    ) -> RouteResult:
        """Whether one of the skills fits the user's message, with the request to run it on.

        Keyword-based and instant. When it matches, call run_skill with the suggestion's arguments.
        """
        turns = [t.model_dump() for t in conversation or []] + [{"role": "user", "content": message}]
        suggestion = plugin.on_message(turns)
        if suggestion is None:
            return RouteResult(matched=False, next_step="No skill fits this message; answer it directly.")
        step = (
            f"Call run_skill with skill={suggestion.skill!r} and the suggested request "
            f"({suggestion.skill_name}: {suggestion.reason})."
        )
        return RouteResult(matched=True, suggestion=suggestion, next_step=step)

    @server.tool(title="Run a skill", annotations=read_only)
    async def run_skill(
        skill: SkillArg, request: RequestArg, ctx: Context, model: ModelArg = None
    ) -> Annotated[CallToolResult, SkillReport]:
        """Run a skill on a request and return its report: markdown for reading, typed data alongside.

        Sends a progress notification after each finished section. Takes seconds offline and up to
        a minute with an LLM backend; if calls time out, use start_skill_run and get_skill_run.
        """
        text, found, backend = prepare(skill, request, model)
        try:
            async for event in plugin.run_stream(text, found, backend):
                if isinstance(event, SectionReady):
                    message = f"section {event.done}/{event.total}: {event.heading}"
                    await ctx.report_progress(event.done, event.total, message)
                elif isinstance(event, ReportReady):
                    report = SkillReport.from_report(event.report, event.markdown, found)
                    return CallToolResult(
                        content=[TextContent(type="text", text=event.markdown)],
                        structured_content=report.model_dump(mode="json"),
                    )
        except SkillrunError as exc:
            raise ToolError(str(exc)) from None
        raise ToolError("the run ended without a report")

    @server.tool(title="Start a skill run", annotations=stateful)
    async def start_skill_run(
        skill: SkillArg, request: RequestArg, model: ModelArg = None
    ) -> Annotated[CallToolResult, RunStatus]:
        """Start a skill run in the background and return its run_id at once.

        For hosts that time out long tool calls: poll get_skill_run with the run_id every few
        seconds; it returns the finished sections so far and, at the end, the report.
        """
        text, found, backend = prepare(skill, request, model)
        try:
            status = runs.start(found, plugin.run_stream(text, found, backend))
        except UsageError as exc:
            raise ToolError(str(exc)) from None
        note = (
            f"Started run {status.run_id} of {found.name}. Call get_skill_run with this run_id to follow it."
        )
        return _status_result(status, note, CallToolResult, TextContent)

    @server.tool(title="Get a skill run", annotations=read_only)
    async def get_skill_run(run_id: RunIdArg) -> Annotated[CallToolResult, RunStatus]:
        """Status of a run that start_skill_run began: progress, finished sections, and the report once done."""
        try:
            status = runs.status(run_id)
        except UsageError as exc:
            raise ToolError(str(exc)) from None
        return _status_result(status, runs.markdown(run_id), CallToolResult, TextContent)

    @server.tool(title="Cancel a skill run", annotations=stateful)
    async def cancel_skill_run(run_id: RunIdArg) -> Annotated[CallToolResult, RunStatus]:
        """Stop a run that start_skill_run began; a finished run is left as it is."""
        try:
            status = await runs.cancel(run_id)
        except UsageError as exc:
            raise ToolError(str(exc)) from None
        return _status_result(status, None, CallToolResult, TextContent)

    for skill in plugin.skills:
        server.add_prompt(_prompt_for(skill, Prompt, UserMessage))
        server.add_resource(
            FunctionResource.from_function(
                _document_reader(skill),
                uri=f"skill://{skill.slug}",
                name=skill.slug,
                title=skill.name,
                description=f"The {skill.name} skill document: purpose, inputs, steps and Output Format.",
                mime_type="text/markdown",
            )
        )
    server.run_store = runs  # type: ignore[attr-defined]  # kept reachable for shutdown and tests
    return server


def _choose_model(
    default: str | Model | None, asked: str | None, error: type[Exception]
) -> str | Model | None:
    # A client must not make the server spend on a provider its operator did not choose: only the
    # offline engine and the model the server was started with are allowed.
    default_name = default if isinstance(default, str) else getattr(default, "name", None) or "expert"
    if asked is None or not asked.strip():
        return default
    wanted = asked.strip()
    if wanted == "expert":
        return "expert"
    if wanted == default_name:
        return default
    allowed = " and ".join(sorted({"expert", default_name}))
    raise error(
        f"model {wanted!r} is not enabled on this server (it runs {allowed}); "
        f"start it with `skillrun mcp --model {wanted}` to use that backend"
    )


def _status_result(status: RunStatus, text: str | None, result_type: Any, text_type: Any) -> Any:
    if text is None:
        text = _describe(status)
    return result_type(
        content=[text_type(type="text", text=text)], structured_content=status.model_dump(mode="json")
    )


def _describe(status: RunStatus) -> str:
    total = status.total if status.total is not None else "?"
    done = ", ".join(s.heading for s in status.sections) or "none yet"
    head = f"Run {status.run_id} ({status.skill}) is {status.status}: {status.done}/{total} sections done ({done})."
    if status.status == "running":
        return head + " Poll get_skill_run again in a few seconds."
    if status.status == "failed":
        return f"{head} Error: {status.error}"
    return head


def _prompt_for(skill: Any, prompt_type: Any, message_type: Any) -> Any:
    def prompt(
        request: Annotated[str, Field(description="What the user wants the report to cover.")],
    ) -> list[Any]:
        return [
            message_type(
                f"Use the run_skill tool with skill={skill.slug!r} on the request below, then show me "
                f"the report it returns.\n\nRequest:\n{request}"
            )
        ]

    return prompt_type.from_function(
        prompt,
        name=skill.slug,
        title=skill.name,
        description=f"Run the {skill.name} skill: {skill.description}",
    )


def _document_reader(skill: Any) -> Any:
    def read() -> str:
        from pathlib import Path

        path = Path(skill.path)
        if path.is_file():
            return path.read_text(encoding="utf-8")
        # A skill built in code has no file: show what it is made of.
        parts = [f"# {skill.name}", "", skill.description, ""]
        for section in skill.sections:
            parts += [f"## {section.title}", "", section.body, ""]
        return "\n".join(parts).rstrip() + "\n"

    read.__name__ = f"skill_{skill.slug.replace('-', '_')}"
    return read


def parse_bind(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (IPv6 as ``[::1]:PORT``) as a host and a port."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise UsageError(f"--http wants HOST:PORT (such as 127.0.0.1:8765), not {text!r}")
    port = int(port_text)
    if not 0 < port < 65536:
        raise UsageError(f"port {port} is out of range (1-65535)")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, port


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def check_bind(host: str, allow_remote: bool) -> bool:
    """Whether ``host`` is loopback; a usage error when it is not and ``allow_remote`` is off."""
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise UsageError(
            f"refusing to listen on {host}: it is not a loopback address, and the server has no "
            "authentication; pass --allow-remote to do it anyway (behind a proxy that authenticates)"
        )
    return loopback


def serve(server: Any, http: tuple[str, int] | None = None, *, allow_remote: bool = False) -> None:
    """Run ``server`` on stdio, or on streamable HTTP at ``http`` (loopback unless ``allow_remote``)."""
    if http is None:
        server.run()
        return
    host, port = http
    loopback = check_bind(host, allow_remote)
    from mcp.server.transport_security import TransportSecuritySettings

    security = None
    if loopback:
        # Host/Origin checks against DNS rebinding, for whatever loopback name was bound.
        shown = f"[{host}]" if ":" in host else host
        names = sorted({shown, "127.0.0.1", "localhost", "[::1]"})
        security = TransportSecuritySettings(
            allowed_hosts=[f"{n}:*" for n in names], allowed_origins=[f"http://{n}:*" for n in names]
        )
    server.run("streamable-http", host=host, port=port, transport_security=security)
