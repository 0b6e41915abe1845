"""Claude Code's ``UserPromptSubmit`` hook: suggest a skill when the prompt calls for one.

Claude Code runs the hook command with a JSON object on stdin (``session_id``, ``transcript_path``,
``cwd``, ``hook_event_name``, ``prompt``). On exit 0, a JSON object on stdout whose
``hookSpecificOutput`` holds ``hookEventName: "UserPromptSubmit"`` and ``additionalContext`` adds that
text to what the model sees with the prompt; exit 2 would block the prompt. So this hook prints the
JSON only when a skill matches, prints nothing otherwise, and exits 0 whatever happens: its own
failure must never stop the user's prompt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from ._hook import Plugin, Suggestion

EVENT = "UserPromptSubmit"
MAX_STDIN_BYTES = 4_000_000
"""More than any prompt; a larger input is read only this far (and then is not valid JSON)."""


def hook_output(payload: object, plugin: Plugin) -> dict[str, Any] | None:
    """The JSON to print for one hook input, or ``None`` to stay silent."""
    if not isinstance(payload, dict):
        raise ValueError("the hook input is not a JSON object")
    event = payload.get("hook_event_name", EVENT)
    if event != EVENT:
        raise ValueError(f"this hook handles {EVENT}, not {event!r}")
    prompt = payload.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return None
    if prompt.lstrip().startswith("/"):
        return None  # a slash command: the user already chose what to run
    suggestion = plugin.on_message(prompt)
    if suggestion is None:
        return None
    return {
        "hookSpecificOutput": {"hookEventName": EVENT, "additionalContext": context_text(suggestion, plugin)}
    }


def context_text(suggestion: Suggestion, plugin: Plugin) -> str:
    """The note added to the prompt: which skill, why, how to run it, and that it may not apply."""
    skill = plugin.skill(suggestion.skill)
    sections = skill.template.headings if skill.template is not None else []
    lines = [
        f'skillrun: this prompt may be a job for the "{skill.name}" skill ({suggestion.reason}).',
    ]
    if sections:
        lines.append(f"It writes a report with {len(sections)} sections: {', '.join(sections)}.")
    lines.append(
        f'To use it, call the MCP tool run_skill with skill="{skill.slug}" and the user\'s request '
        f"(or start_skill_run and get_skill_run if tool calls time out), "
        f"or run `skillrun run {skill.slug} -` with the request on stdin."
    )
    lines.append("This note comes from a keyword match; ignore it if the skill does not fit the request.")
    return "\n".join(lines)


def run_hook(stdin: IO[str], stdout: IO[str], stderr: IO[str], skills_dir: Path | None = None) -> int:
    """Read one hook input, print the output if a skill matches; always 0."""
    try:
        raw = stdin.read(MAX_STDIN_BYTES)
        payload = json.loads(raw) if raw.strip() else None
        if payload is None:
            return 0
        output = hook_output(payload, Plugin(skills_dir=skills_dir))
        if output is not None:
            # One write of the finished text: an error half-way must not leave half a JSON object.
            stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
            stdout.flush()
    except Exception as exc:  # never block the user's prompt on our own failure
        _note(stderr, exc)
    return 0


def _note(stderr: IO[str], exc: Exception) -> None:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    try:
        stderr.write(f"skillrun hook: no suggestion ({detail})\n")
    except Exception:  # pragma: no cover - stderr itself is gone
        pass
