"""``skillrun route``: which skill a chat message calls for, with the score, the matched terms and why.

One message (text, or ``-`` for stdin) prints the matches and exits 0, or exits 1 when no skill
matched. ``--jsonl FILE`` routes one JSON object per line (``id`` and ``message``, the message a text
or a list of ``{role, content}`` turns) and writes one result line per input; malformed lines are
reported as ``FILE:line: message`` on stderr and the command exits 2 once it has read them all.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from ..errors import UsageError
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    SkillsDir,
    checked_skills_dir,
    one_line_errors,
    read_text_arg,
    stderr_console,
)


@one_line_errors
def route(
    message: Annotated[
        str | None,
        typer.Argument(help="The chat message, or - to read it from stdin.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
    top_k: Annotated[int, typer.Option("--top-k", min=1, help="How many matching skills to show.")] = 1,
    skills_dir: SkillsDir = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            help="Route every line of this JSONL file ({id, message} per line; - for stdin) "
            "and print one JSON result per line.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Route a chat message to the skill it calls for, if any.

    Prints the best skill with its score, the matched terms and a one-line reason. Exits 0 when a
    skill matched, 1 when none did, 2 on a usage error. A message that is a JSON list of
    {role, content} turns is routed as a conversation (the last user turn decides).
    """
    if (message is None) == (jsonl is None):
        raise UsageError("give either a MESSAGE (or - for stdin) or --jsonl FILE")
    router = _router(skills_dir)
    if jsonl is not None:
        raise typer.Exit(_route_lines(router, jsonl, top_k))
    text = read_text_arg(message or "", "message")
    matches, closest = _route(router, _as_conversation(text), top_k)
    if as_json:
        typer.echo(
            json.dumps(
                _result(matches, closest) | {"matches": [m.as_dict() for m in matches]}, ensure_ascii=False
            )
        )
    else:
        _print(matches, closest)
    raise typer.Exit(EXIT_OK if matches else EXIT_FAILED)


def _router(skills_dir: Path | None) -> Any:
    from ..routing._load import load_router

    console = stderr_console()
    return load_router(
        checked_skills_dir(skills_dir), warn=lambda line: console.print(line, markup=False, soft_wrap=True)
    )


def _as_conversation(text: str) -> Any:
    """A message that is a JSON list of turns is a conversation; anything else is plain text."""
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError:
            return text
        if isinstance(data, list) and data and all(isinstance(t, dict) and "content" in t for t in data):
            return data
    return text


def _route(router: Any, message: Any, top_k: int) -> tuple[list[Any], Any]:
    matches = router.route(message, top_k=top_k)
    if matches:
        return matches, None
    candidates = router.scores(message)
    return [], candidates[0] if candidates else None


def _result(matches: list[Any], closest: Any) -> dict[str, Any]:
    """The one-line result: the best skill, or null with the reason the closest one stayed silent."""
    if matches:
        best = matches[0]
        return {"skill": best.skill, "score": best.score, "matched": list(best.matched), "why": best.why}
    if closest is not None:
        return {
            "skill": None,
            "score": closest.score,
            "matched": [],
            "why": f"no skill fired; closest {closest.skill}: {closest.why}",
        }
    return {"skill": None, "score": 0.0, "matched": [], "why": "no trigger or topic word of any skill"}


def _print(matches: list[Any], closest: Any) -> None:
    if not matches:
        stderr_console().print(f"skillrun: {_result(matches, closest)['why']}", markup=False, soft_wrap=True)
        return
    for match in matches:
        typer.echo(f"{match.skill}\t{match.score:.2f}\t{match.name}")
        typer.echo(f"  matched: {', '.join(match.matched) or '-'}")
        typer.echo(f"  why: {match.why}")


def _route_lines(router: Any, source: str, top_k: int) -> int:
    stream, label = _open(source)
    console = stderr_console()
    bad = 0
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                case_id, message = _parse_line(line)
                matches, closest = _route(router, message, top_k)
            except (ValueError, UsageError) as exc:
                bad += 1
                console.print(f"{label}:{number}: {exc}", markup=False, soft_wrap=True)
                continue
            sys.stdout.write(
                json.dumps({"id": case_id} | _result(matches, closest), ensure_ascii=False) + "\n"
            )
            sys.stdout.flush()
    return EXIT_USAGE if bad else EXIT_OK


def _open(source: str) -> tuple[IO[str], str]:
    # Bytes that are not UTF-8 come through as surrogates, so that _parse_line reports their line
    # instead of the whole read failing half-way.
    if source == "-":
        if isinstance(sys.stdin, io.TextIOWrapper):
            sys.stdin.reconfigure(errors="surrogateescape")
        return sys.stdin, "<stdin>"
    try:
        return open(source, encoding="utf-8", errors="surrogateescape"), source
    except OSError as exc:
        raise UsageError(f"--jsonl {source}: {exc.strerror or exc}") from None


def _parse_line(line: str) -> tuple[Any, Any]:
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid UTF-8") from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object with 'id' and 'message'")
    if "message" not in data:
        raise ValueError("missing 'message'")
    message = data["message"]
    if isinstance(message, str):
        if not message.strip():
            raise ValueError("'message' is empty")
    elif not isinstance(message, list):
        raise ValueError("'message' must be a string or a list of {role, content} turns")
    return data.get("id"), message
