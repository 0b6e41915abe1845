"""What the router accepts: a message, a conversation, or a pasted transcript, as weighted turns.

The last user turn decides. Earlier turns only add support to it, and less the further back they are;
an explicit change of subject ("different topic", "side note") drops them altogether.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import UsageError

_ROLE_ALIASES = {"human": "user", "ai": "assistant", "bot": "assistant", "model": "assistant"}
_ROLES = ("user", "assistant", "system", "tool")


class Turn(BaseModel):
    """One message of a conversation."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    role: str
    """``user``, ``assistant``, ``system`` or ``tool`` (``human``/``ai`` are accepted as aliases)."""
    content: str

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> object:
        if isinstance(value, str):
            low = value.strip().lower()
            low = _ROLE_ALIASES.get(low, low)
            if low not in _ROLES:
                raise ValueError(f"unknown role {value!r} (expected one of {', '.join(_ROLES)})")
            return low
        return value

    @field_validator("content", mode="before")
    @classmethod
    def _content(cls, value: object) -> object:
        # OpenAI-style content parts: keep the text parts.
        if isinstance(value, list):
            return "\n".join(str(p.get("text", "")) for p in value if isinstance(p, Mapping))
        return value


class Conversation(BaseModel):
    """A chat so far, oldest turn first."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    messages: list[Turn]


Routable = str | Conversation | Sequence[Mapping[str, Any]] | Sequence[Turn]


@dataclass(frozen=True, slots=True)
class WeightedTurn:
    text: str
    weight: float
    """1.0 for the last user turn, the deciding one; less for context."""


EARLIER_USER = 0.5
EARLIER_ASSISTANT = 0.25
DECAY = 0.6
_TRANSCRIPT_ROLE = re.compile(r"^\s*(user|human|assistant|ai|system)\s*:\s*", re.I | re.M)
_SUMMARY = re.compile(r"^\s*\[(?:earlier|previous|prior)[^\]]*?:\s*(.*?)\]\s*$", re.I | re.M | re.S)
# The lookahead names every letter a phrase can start with: without it the engine tries all twenty
# alternatives at every position, tens of µs on a pasted transcript.
_TOPIC_SHIFT = re.compile(
    r"^\W*anyway\b|(?=[abcdnosu])(?:"
    r"\b(?:different|unrelated|other|new|separate|another) (?:topic|question|subject|thing)\b"
    r"|\bside ?note\b|\boff[- ]topic\b|\bswitching (?:gears|topics?)\b|\bchange of (?:subject|topic)\b"
    r"|\bunrelated\b|\bby the way\b|\bbtw\b|\banderes thema\b|\botra (?:cosa|pregunta)\b|\bcambiando de tema\b"
    r"|\bautre (?:sujet|chose|question)\b|\boutra (?:coisa|pergunta)\b|\baltra (?:cosa|domanda)\b)",
    re.I,
)
# Every phrase above contains one of these, so a text whose lower case has none of them cannot match.
# That holds where ignoring case is lower-casing: in any text without the four letters that the regex
# also takes for ASCII ones (İ ı ſ K).
_SHIFT_CUES = tuple(
    "topic|question|subject|thing|note|gears|unrelated|by the way|btw|anyway|thema|tema|otra |outra |autre "
    "|altra ".split("|")
)


_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _shifts_topic(text: str) -> bool:
    if text.isascii() or _FOLDS_TO_ASCII.search(text) is None:
        low = text.lower()
        if not any(cue in low for cue in _SHIFT_CUES):
            return False
    return _TOPIC_SHIFT.search(text) is not None


def coerce_turns(message: Routable) -> list[tuple[str, str]]:
    """(role, text) of every turn of any accepted input, oldest first. A plain string is parsed as a
    transcript when its lines start with ``User:`` / ``Assistant:``, else it is one user turn."""
    if isinstance(message, str):
        return _parse_transcript(message)
    if isinstance(message, Conversation):
        return [(t.role, t.content) for t in message.messages]
    if isinstance(message, Sequence):
        return [_pair(item) for item in message]
    raise UsageError(f"cannot route a {type(message).__name__}: give a string or a conversation")


def _pair(item: object) -> tuple[str, str]:
    if isinstance(item, Turn):
        return item.role, item.content
    if not isinstance(item, Mapping):
        raise UsageError(f"a conversation turn must be a mapping, got {type(item).__name__}")
    role, content = item.get("role"), item.get("content")
    if isinstance(role, str) and role in _ROLES and isinstance(content, str):
        return role, content  # the usual shape, without a model round trip
    try:
        turn = Turn.model_validate(item)
    except ValueError as exc:
        raise UsageError(f"bad conversation turn: {_first_error(exc)}") from None
    return turn.role, turn.content


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', '')}" if where else str(first.get("msg", ""))
    return str(exc)


def _parse_transcript(text: str) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    rest = text
    summary = _SUMMARY.match(text) if text.lstrip().startswith("[") else None
    if summary:
        turns.append(("user", summary.group(1)))
        rest = text[summary.end() :]
    marks = _role_marks(rest)
    if not marks:
        turns.append(("user", rest))
        return turns
    if rest[: marks[0].start()].strip():
        turns.append(("user", rest[: marks[0].start()]))
    for m, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following is not None else len(rest)
        role = m.group(1).lower()
        turns.append((_ROLE_ALIASES.get(role, role), rest[m.end() : end]))
    return turns


def _role_marks(text: str) -> list[re.Match[str]]:
    """What ``_TRANSCRIPT_ROLE.finditer(text)`` finds, tried at line starts only: the regex engine
    would try its ``^`` at every character of a pasted transcript."""
    marks: list[re.Match[str]] = []
    match = _TRANSCRIPT_ROLE.match
    end = 0
    start = 0
    while start >= 0:
        if start >= end:
            found = match(text, start)
            if found is not None:
                marks.append(found)
                end = found.end()
        start = text.find("\n", start) + 1 or -1
    return marks


def weighted_turns(message: Routable) -> list[WeightedTurn]:
    """The last user turn at weight 1, then the earlier turns that may support it, newest first."""
    if isinstance(message, str) and "\n" not in message and not message.lstrip().startswith("["):
        return [WeightedTurn(message, 1.0)] if message.strip() else []  # the common case, kept cheap
    turns = [(r, c) for r, c in coerce_turns(message) if r in ("user", "assistant") and c.strip()]
    last = next((i for i in range(len(turns) - 1, -1, -1) if turns[i][0] == "user"), None)
    if last is None:
        return []
    out = [WeightedTurn(turns[last][1], 1.0)]
    if last == 0 or _shifts_topic(turns[last][1]):
        return out
    seen = {"user": 0, "assistant": 0}
    for role, content in reversed(turns[:last]):
        base = EARLIER_USER if role == "user" else EARLIER_ASSISTANT
        out.append(WeightedTurn(content, base * DECAY ** seen[role]))
        seen[role] += 1
    return out
