"""Cue lists from the knowledge YAML, matched cheaply.

About three cues in four are plain words or phrases ("churn", "free trial"); they are found with
``str.find`` and a word-start test, no regular expression at all. The rest are regular expressions,
compiled the first time a text could match them: a cue's fixed leading text ("predict " in
"predict (the )?(demand|sales)") must occur in the text before the pattern is even compiled. Parsing
some two thousand patterns up front used to dominate the CLI's start-up; now a request compiles the
handful its words call for.
"""

from __future__ import annotations

import re
from typing import Any

LANGS = ("en", "es", "de", "fr", "pt", "it", "zh")
"""Languages a cue entry may list; every language is matched on every request."""

_META = frozenset("\\()[]?*+|.{}^$")
_QUANTIFIERS = frozenset("?*{")
_WORD_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_MIN_PREFIX = 3
_WEAK = 0.5


def _latin(cue: str) -> bool:
    # Latin cues match at a word start; CJK cues match anywhere (no spaces between words).
    return bool(cue) and (cue[0] in _WORD_CHAR or cue[0] in "(\\")


def _literal_prefix(cue: str) -> str:
    """Text every match of regex ``cue`` starts with ('' when none can be told cheaply)."""
    depth, i = 0, 0
    while i < len(cue):
        ch = cue[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""  # a top-level alternation: any branch may match
        i += 1
    body = cue[2:] if cue.startswith("\\b") else cue
    prefix: list[str] = []
    for ch in body:
        if ch in _META:
            if ch in _QUANTIFIERS and prefix:
                prefix.pop()  # the last character is optional or repeated
            break
        prefix.append(ch)
    return "".join(prefix)


class _Regex:
    __slots__ = ("source", "prefix", "compiled")

    def __init__(self, cue: str) -> None:
        self.source = (r"(?<![a-z0-9])" + cue) if _latin(cue) else cue
        prefix = _literal_prefix(cue)
        self.prefix = prefix if len(prefix) >= _MIN_PREFIX else ""
        self.compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> tuple[int, int] | None:
        if self.prefix and self.prefix not in text:
            return None
        if self.compiled is None:
            self.compiled = re.compile(self.source)
        m = self.compiled.search(text)
        return (m.start(), m.end()) if m else None

    def __getstate__(self) -> tuple[str, str]:
        return self.source, self.prefix  # compiled patterns are rebuilt lazily after unpickling

    def __setstate__(self, state: tuple[str, str]) -> None:
        self.source, self.prefix = state
        self.compiled = None


def _find_word(text: str, cue: str, latin: bool) -> int:
    start = text.find(cue)
    while start > 0 and latin and text[start - 1] in _WORD_CHAR:
        start = text.find(cue, start + 1)
    return start


class Cues:
    """A weighted cue list; ``count`` says how many cues occur in a text, ``score`` adds their weights."""

    __slots__ = ("weight", "literals", "regexes")

    def __init__(self, cues: list[str], weight: float = 1.0, weak: list[str] | None = None) -> None:
        self.weight = weight
        self.literals: list[tuple[str, bool, float]] = []
        self.regexes: list[tuple[_Regex, float]] = []
        seen: set[str] = set()
        for group, factor in ((cues, 1.0), (weak or [], _WEAK)):
            for raw in group:
                cue = str(raw).strip()
                if not cue or cue in seen:
                    continue  # a word listed under two languages still counts once
                seen.add(cue)
                if any(ch in _META for ch in cue):
                    self.regexes.append((_Regex(cue), factor))
                else:
                    self.literals.append((cue, _latin(cue), factor))

    def hits(self, text: str) -> list[tuple[int, int, float]]:
        """``(start, end, factor)`` of the first occurrence of every cue found in ``text``."""
        out = []
        for cue, latin, factor in self.literals:
            start = _find_word(text, cue, latin)
            if start >= 0:
                out.append((start, start + len(cue), factor))
        for regex, factor in self.regexes:
            span = regex.search(text)
            if span is not None:
                out.append((*span, factor))
        return out

    def count(self, text: str) -> int:
        return len(self.hits(text))

    def score(self, text: str) -> float:
        return self.weight * sum(factor for *_, factor in self.hits(text))

    def first(self, text: str) -> str | None:
        """The earliest cue occurrence in ``text``, as it appears there."""
        hits = self.hits(text)
        if not hits:
            return None
        start, end, _ = min(hits)
        return text[start:end]

    def sources(self) -> list[str]:
        """Every cue as written (regex cues without their word-start guard), for the typo index."""
        return [c for c, *_ in self.literals] + [
            r.source.removeprefix(r"(?<![a-z0-9])") for r, _ in self.regexes
        ]


def cues_from(entry: Any) -> Cues:
    """A :class:`Cues` from a YAML entry: a plain list, or a mapping of per-language lists with an
    optional ``weight`` and an optional ``weak`` list (cues that vote at half weight)."""
    if isinstance(entry, list):
        return Cues([str(c) for c in entry])
    entry = dict(entry or {})
    words = [str(c) for lang in (*LANGS, "cues") for c in entry.get(lang, []) or []]
    weak = [str(c) for c in entry.get("weak", []) or []]
    return Cues(words, float(entry.get("weight", 1.0)), weak)


def cue_words(entry: Any, lang: str) -> list[str]:
    """The raw cues an entry lists for one language (for the typo index)."""
    if isinstance(entry, dict):
        return [str(c) for c in entry.get(lang, []) or []] + (
            [str(c) for c in entry.get("weak", []) or []] if lang == "en" else []
        )
    return [str(c) for c in entry] if lang == "en" and isinstance(entry, list) else []
