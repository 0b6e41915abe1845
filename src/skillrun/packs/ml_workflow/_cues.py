"""Cue lists from the knowledge YAML, matched cheaply.

About three cues in four are plain words or phrases ("churn", "free trial"); they are found with
``str.find`` and a word-start test, no regular expression at all. The rest are regular expressions,
compiled the first time a text could match them: a text every match must contain ("predict " in
"predict (the )?(demand|sales)") must occur in the text before the pattern is even compiled. Parsing
some two thousand patterns up front used to dominate the CLI's start-up; now a request compiles the
handful its words call for. A pattern that opens with alternatives ("(extract|pull|mask) ...") is
skipped unless one of them occurs.
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
_WORD_END = "(?![a-z0-9])"
"""What a cue's trailing space stands for: "che " and "open " end a word, they do not start "chef" or
"opened". YAML keeps the space, but cues are stripped when loaded, so the space is turned into this guard
(which, unlike a literal space, also holds before punctuation and at the end of the text)."""


def cue_text(raw: object) -> str:
    """A cue as matched: surrounding spaces removed, a trailing space kept as a word-end guard."""
    text = str(raw)
    cue = text.strip()
    return cue + _WORD_END if cue and text.rstrip("\n") != text.rstrip() else cue


def _latin(cue: str) -> bool:
    # Latin cues match at a word start; CJK cues match anywhere (no spaces between words).
    return bool(cue) and (cue[0] in _WORD_CHAR or cue[0] in "(\\")


def _group_end(cue: str, start: int) -> int:
    """Index of the ``)`` closing the group opened at ``cue[start]``."""
    depth, i = 0, start
    while i < len(cue):
        ch = cue[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = cue.index("]", i + 1) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(cue) - 1


def split_alternatives(body: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(c|d)`` gives ``a`` and ``b(c|d)``); a ``|`` inside a
    group or a character class does not split."""
    parts, depth, last, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(body[last:i])
            last = i + 1
        i += 1
    return [*parts, body[last:]]


def _head(text: str) -> str:
    """The literal text a regex fragment starts with (a character made optional is dropped)."""
    out: list[str] = []
    for ch in text:
        if ch in _META:
            if ch in _QUANTIFIERS and out:
                out.pop()
            break
        out.append(ch)
    return "".join(out)


def _useful(head: str) -> bool:
    return len(head) >= _MIN_PREFIX or (len(head) >= 2 and not head[0].isascii())


def _skip_quantifier(body: str, i: int) -> tuple[int, bool]:
    """Index after an optional quantifier at ``body[i]``, and whether it allows zero repeats."""
    if i < len(body) and body[i] in "?*":
        return i + 1, True
    if i < len(body) and body[i] == "+":
        return i + 1, False
    if body.startswith("{", i):
        close = body.index("}", i)
        return close + 1, body[i + 1 : close].split(",")[0] in ("", "0")
    return i, False


def _needles(cue: str) -> tuple[str, ...]:
    """Texts one of which every match of regex ``cue`` contains; ``()`` when none can be told cheaply.

    The first element of the pattern that every match must pass through and that is long enough to
    say something decides: a literal run ("predict "), or a group whose alternatives all start with
    literal text ("(extract|pull|mask)"). Optional parts, look-arounds, classes and short words before
    it are skipped.
    """
    if len(split_alternatives(cue)) > 1:
        return ()  # a top-level alternation: any branch may match
    body = cue
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "(":
            end = _group_end(body, i)
            after, optional = _skip_quantifier(body, end + 1)
            if body.startswith(("(?<", "(?=", "(?!"), i) or optional:
                i = after
                continue
            inner = body[i + 1 : end]
            inner = inner[2:] if inner.startswith("?:") else inner
            heads = tuple(_head(alt) for alt in split_alternatives(inner))
            if all(_useful(h) for h in heads):
                return heads
            i = after
        elif ch == "\\" or ch == "." or ch == "[":
            end = body.index("]", i + 1) + 1 if ch == "[" else i + (2 if ch == "\\" else 1)
            i, _ = _skip_quantifier(body, end)
        elif ch in "^$":
            i += 1
        elif ch in _META:
            return ()
        else:
            head = _head(body[i:])
            if _useful(head):
                return (head,)
            j = i
            while j < len(body) and body[j] not in _META:
                j += 1
            i, _ = _skip_quantifier(body, j) if j < len(body) and body[j] in "?*+{" else (j, False)
            if not head:  # a lone optional character
                i = max(i, j)
    return ()


class _Regex:
    __slots__ = ("source", "needles", "compiled")

    def __init__(self, cue: str) -> None:
        self.source = (r"(?<![a-z0-9])" + cue) if _latin(cue) else cue
        self.needles = _needles(cue)
        self.compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> tuple[int, int] | None:
        if self.needles and not any(n in text for n in self.needles):
            return None
        if self.compiled is None:
            self.compiled = re.compile(self.source)
        m = self.compiled.search(text)
        return (m.start(), m.end()) if m else None

    def __getstate__(self) -> tuple[str, tuple[str, ...]]:
        return self.source, self.needles  # compiled patterns are rebuilt lazily after unpickling

    def __setstate__(self, state: tuple[str, tuple[str, ...]]) -> None:
        self.source, self.needles = state
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
                cue = cue_text(raw)
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
