"""`skillrun mcp [--http HOST:PORT]`: serve the skills over MCP (stdio by default)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from ._common import SkillsDir, one_line_errors, plugin_with_skills, stderr_console


@one_line_errors
def mcp(
    http: Annotated[
        str | None,
        typer.Option("--http", metavar="HOST:PORT", help="Serve streamable HTTP at http://HOST:PORT/mcp."),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option("--allow-remote", help="Allow --http on a non-loopback address (no auth: proxy it)."),
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", help="Let runs use this backend (openai:MODEL, anthropic:MODEL)."),
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Base URL of an OpenAI-compatible server.")
    ] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1, help="Sections in flight.")] = 4,
    skills_dir: SkillsDir = None,
) -> None:
    """Serve the skills as MCP tools, prompts and resources; stdio by default, --http for streamable HTTP.

    Runs use the offline expert engine unless the server is started with --model.
    """
    from ..plugin import create_server, serve
    from ..plugin._server import check_bind, parse_bind

    bind = parse_bind(http) if http is not None else None
    if bind is not None:
        check_bind(bind[0], allow_remote)  # before loading the skills, not once serving starts
    if base_url is not None and model is None:
        raise UsageError("--base-url needs --model")
    options = {"base_url": base_url} if base_url else {}
    if model is not None:
        from ..models import get_model

        # Resolved once now so that a wrong model string fails at start, not on the first call;
        # each run resolves its own instance (concurrent runs must not share an HTTP client).
        get_model(model, **options)
        model = model.strip()
    plugin = plugin_with_skills(skills_dir, model=model, model_options=options, concurrency=concurrency)
    skills = plugin.skills
    server = create_server(plugin)
    if bind is not None:
        host, port = bind
        shown = f"[{host}]" if ":" in host else host
        stderr_console().print(
            f"skillrun mcp: {len(skills)} skills at http://{shown}:{port}/mcp", markup=False
        )
    serve(server, bind, allow_remote=allow_remote)
