"""Frames: word sets that must meet in one sentence, for ideas that phrases cannot pin down.

A phrase cue fixes the words and their order ("rank the candidates by fit"); requests in seven
languages say the same thing in many orders and inflections ("ordinare i candidati dal più adatto",
"les candidats, triés par adéquation"). A frame only asks that each of its word sets has a member in
the same sentence: a sorting verb and a thing that is sorted; a device and a word saying the model runs
there by itself. Words are matched like plain cues (at a word start; Chinese anywhere); a word with
regex syntax ("machines?(?! learning)") is a pattern. Frames live in knowledge/tasks.yaml under
``together``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from ._cues import _META, _WORD_CHAR, _latin, cue_text

_SENTENCE_END = re.compile(r"[.;!?\n\u3002\uff1b\uff01\uff1f]")


def sentence_at(text: str, bounds: list[int], offset: int) -> str:
    """The sentence of ``text`` that holds ``offset`` (``bounds`` from :func:`sentence_bounds`)."""
    i = bisect_right(bounds, offset)
    return text[bounds[i - 1] if i else 0 : bounds[i] if i < len(bounds) else len(text)]


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences end; ``bisect_right(bounds, i)`` is the sentence of offset ``i``."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


class _WordSet:
    __slots__ = ("literals", "patterns", "source")

    def __init__(self, words: list[str]) -> None:
        self.literals: list[tuple[str, bool]] = []
        self.patterns: list[re.Pattern[str]] = []
        self.source = [cue_text(w) for w in words if str(w).strip()]
        for word in self.source:
            if any(ch in _META for ch in word):
                self.patterns.append(re.compile((r"(?<![a-z0-9])" if _latin(word) else "") + word))
            else:
                self.literals.append((word, _latin(word)))

    def sentences(self, text: str, bounds: list[int]) -> set[int]:
        found: set[int] = set()
        for word, latin in self.literals:
            start = text.find(word)
            while start >= 0:
                if not latin or start == 0 or text[start - 1] not in _WORD_CHAR:
                    found.add(bisect_right(bounds, start))
                start = text.find(word, start + 1)
        for pattern in self.patterns:
            found.update(bisect_right(bounds, m.start()) for m in pattern.finditer(text))
        return found

    def __getstate__(self) -> list[str]:
        return self.source

    def __setstate__(self, state: list[str]) -> None:
        self.__init__(state)  # type: ignore[misc]


class Frame:
    """Word sets that must all have a member in one sentence."""

    __slots__ = ("sets",)

    def __init__(self, sets: list[list[str]]) -> None:
        self.sets = [_WordSet(words) for words in sets]

    def matches(self, text: str, bounds: list[int] | None = None) -> bool:
        bounds = sentence_bounds(text) if bounds is None else bounds
        common: set[int] | None = None
        for words in self.sets:
            found = words.sentences(text, bounds)
            common = found if common is None else common & found
            if not common:
                return False
        return True


def frames_from(entry: Any) -> list[Frame]:
    """The frames of a YAML entry's ``together`` list (each item is a list of word lists)."""
    if not isinstance(entry, dict):
        return []
    return [Frame([list(words) for words in rule]) for rule in entry.get("together", []) or []]
