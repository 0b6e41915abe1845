"""Placeholder detection (rubric G-02): text a writer left unfilled.

``TBD``/``TODO``/``lorem``/``???``, angle-bracket slots (``<fill>``, ``<project name>``), ``[...]``,
cells that are only ``...`` or empty, the template's own bracketed hints copied verbatim, and ``N/A``
without a reason. Shared by the structural checks (per section) and G-02 (whole report).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Upper case only: "todo" is Spanish and Portuguese for "all".
_WORDS = re.compile(r"\b(?:TBD|TODO|FIXME)\b|\b[Ll]orem ipsum\b|\b[Ll]orem\b|\?\?\?")
_ANGLE = re.compile(r"<\s*(?P<inner>\.\.\.|…|[A-Za-z][\w \-/]{0,24})\s*>")
_HTML_TAGS = frozenset(
    "a b br code div em hr i img li ol p pre s script small span strong style sub sup table td th tr u ul "
    "iframe svg".split()
)
_ELLIPSIS_BRACKET = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]")
_NA = re.compile(r"(?<![\w/])N/A(?![\w/])", re.IGNORECASE)
_REASON_WORD = re.compile(r"[A-Za-z]{2,}")
_EMPTY_VALUES = frozenset({"", "-", "—", "–", "...", "…", "?", "n/a", "na"})


def is_empty_value(value: str) -> bool:
    """An unfilled cell or field: blank, a dash, an ellipsis or a bare ``N/A``."""
    return value.strip().strip("*_` ").lower() in _EMPTY_VALUES


def _na_without_reason(text: str) -> bool:
    for match in _NA.finditer(text):
        following = text[match.end() : match.end() + 80].split("\n", 1)[0]
        if len(_REASON_WORD.findall(following)) < 2:
            return True
    return False


# Every finding below needs one of these characters or words; most cells have none of them.
_SUSPECT = re.compile(r"TBD|TODO|FIXME|[Ll]orem|\?\?\?|<|\[|\.\.\.|…|N/A", re.IGNORECASE)


def placeholder_findings(text: str, *, hints: Iterable[str] = (), drawing: bool = False) -> list[str]:
    """What in ``text`` (one cell, field, note or diagram) looks unfilled; empty when nothing does.

    ``drawing`` relaxes the checks that ASCII art trips (angle brackets, ellipses).
    """
    if not _SUSPECT.search(text):
        return []
    found: list[str] = []
    stripped = text.strip()
    for hint in hints:
        if hint and hint in text:
            found.append(f"template hint {hint!r} left in")
    words = _WORDS.search(text)
    if words:
        found.append(f"placeholder {words.group()!r}")
    if drawing:
        return found
    for match in _ANGLE.finditer(text):
        inner = match.group("inner").strip().lower()
        if inner.split(" ")[0].strip("/") not in _HTML_TAGS:
            found.append(f"slot {match.group()!r}")
            break
    if _ELLIPSIS_BRACKET.search(text):
        found.append("'[...]'")
    if stripped in ("...", "…"):
        found.append("'...' instead of content")
    if _na_without_reason(text):
        found.append("N/A without a reason")
    return found
