"""Conversations as hosts send them, reduced to plain text turns, and a request distilled from them.

Hosts disagree on shapes: OpenAI and Anthropic message lists (content as a string or as a list of
parts), request bodies with a ``messages`` key, bare strings, SDK message objects. Everything here is
total: odd input gives fewer turns, never an exception, and every text is cut to a bound first so a
pasted log of megabytes costs no more than a short message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Role = Literal["user", "assistant", "system", "tool"]

MAX_TURNS = 40
"""Only the most recent turns are looked at."""
MAX_TURN_CHARS = 8_000
"""Text kept per turn; routing and intake need the gist, not a pasted log."""
MAX_CONTEXT_TURNS = 4
"""Earlier user turns carried into a distilled request as context."""
MAX_CONTEXT_CHARS = 1_000
"""Text kept per earlier turn in a distilled request."""

_ROLE_ALIASES: dict[str, Role] = {
    "user": "user",
    "human": "user",
    "assistant": "assistant",
    "ai": "assistant",
    "model": "assistant",
    "bot": "assistant",
    "system": "system",
    "developer": "system",
    "tool": "tool",
    "function": "tool",
}
# Parts that carry the speaker's own words; tool results, images and files do not.
_TEXT_PART_TYPES = {None, "text", "input_text", "output_text"}


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str


def normalize(conversation: object) -> list[Turn]:
    """The last :data:`MAX_TURNS` turns of ``conversation`` that hold any text, oldest first."""
    if isinstance(conversation, Mapping) and "messages" in conversation:
        conversation = conversation.get("messages")
    if isinstance(conversation, (str, Mapping)) or _looks_like_message(conversation):
        items: Sequence[object] = [conversation]
    elif isinstance(conversation, (list, tuple)):
        items = conversation[-MAX_TURNS:]
    else:
        return []
    turns = []
    for item in items:
        turn = _turn(item)
        if turn is not None:
            turns.append(turn)
    return turns


def last_user_text(turns: Sequence[Turn]) -> str:
    """The text of the last user turn, or ``""``."""
    for turn in reversed(turns):
        if turn.role == "user":
            return turn.text
    return ""


def distill_request(turns: Sequence[Turn]) -> str:
    """The request a skill should run on: the last user turn first, earlier user turns as context.

    Earlier turns often hold what the last one leaves out ("design a churn model" ... "we are on GCP,
    200 rps"), so up to :data:`MAX_CONTEXT_TURNS` of them follow, oldest first, each cut short.
    """
    user_turns = [t.text for t in turns if t.role == "user"]
    if not user_turns:
        return ""
    request = user_turns[-1]
    earlier = [_clip(text, MAX_CONTEXT_CHARS) for text in user_turns[:-1][-MAX_CONTEXT_TURNS:]]
    earlier = [text for text in earlier if text and text != request]
    if not earlier:
        return request
    context = "\n".join(f"- {' '.join(text.split())}" for text in earlier)
    return f"{request}\n\nEarlier in the conversation:\n{context}"


def routing_input(turns: Sequence[Turn]) -> str | list[dict[str, str]]:
    """What the router gets: the message alone when there is one turn, else the role/content list."""
    spoken = [t for t in turns if t.role in ("user", "assistant")]
    if len(spoken) == 1 and spoken[0].role == "user":
        return spoken[0].text
    return [{"role": t.role, "content": t.text} for t in spoken]


def _looks_like_message(value: object) -> bool:
    # SDK message objects (pydantic models, dataclasses) carry role and content as attributes.
    return not isinstance(value, (list, tuple, str, Mapping)) and hasattr(value, "content")


def _turn(item: object) -> Turn | None:
    if isinstance(item, str):
        role: object = "user"
        content: object = item
    elif isinstance(item, Mapping):
        role = item.get("role", "user")
        content = item.get("content", item.get("text"))
    elif _looks_like_message(item):
        role = getattr(item, "role", "user")
        content = getattr(item, "content", None)
    else:
        return None
    canonical = _ROLE_ALIASES.get(role.strip().lower()) if isinstance(role, str) else None
    if canonical is None:
        return None
    text = _text(content)
    return Turn(canonical, text) if text else None


def _text(content: object) -> str:
    if isinstance(content, str):
        return _clip(content, MAX_TURN_CHARS).strip()
    if not isinstance(content, (list, tuple)):
        return ""
    pieces: list[str] = []
    size = 0
    for part in content[:MAX_TURNS]:
        piece = _part_text(part)
        if piece:
            pieces.append(piece)
            size += len(piece)
            if size >= MAX_TURN_CHARS:
                break
    return _clip("\n".join(pieces), MAX_TURN_CHARS).strip()


def _part_text(part: object) -> str:
    if isinstance(part, str):
        return _clip(part, MAX_TURN_CHARS)
    if isinstance(part, Mapping):
        kind = part.get("type")
        text = part.get("text")
    elif hasattr(part, "text"):
        kind, text = getattr(part, "type", None), getattr(part, "text", None)
    else:
        return ""
    if (
        not (kind is None or isinstance(kind, str))
        or kind not in _TEXT_PART_TYPES
        or not isinstance(text, str)
    ):
        return ""
    return _clip(text, MAX_TURN_CHARS)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # Cut at a word boundary when one is near, so the clipped text does not end mid-word.
    space = cut.rfind(" ", max(0, limit - 200))
    return (cut[:space] if space > 0 else cut).rstrip() + " …"
