"""Text helpers shared by the checks: negation-aware matching, numbers with units, sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ._lexicon import lexicon

_CLAUSE_BREAKS = ".;\n|!?()"
_NEGATION_WINDOW = 48

# 20,000 / 4 000 / 0.35 / 2e+04 (Python's "g" format writes large numbers in scientific notation).
NUMBER = r"(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][+-]?\d+(?![\w.]))?"
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<num>{NUMBER})\s?(?P<mult>k|K|M|[Mm]illions?|millones|bn|[Bb]illion|thousand)?(?![\w])"
)
_MULTIPLIERS = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "Million": 1e6,
    "Millions": 1e6,
    "millones": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "Billion": 1e9,
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])|\n|;\s")
CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[;\n|]")
"""The end of a clause: a sentence stop before a space, a semicolon, a line break or a table bar."""


def affirmed(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is stated, not negated ("no random split", "SageMaker is not used")."""
    start = match.start()
    before = text[max(0, start - _NEGATION_WINDOW) : start]
    cut = max(before.rfind(c) for c in _CLAUSE_BREAKS)
    if cut >= 0:
        before = before[cut + 1 :]
    lex = lexicon()
    if lex.negation_before.search(before):
        return False
    return not lex.negation_after.match(text[match.end() : match.end() + 40])


def affirmed_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for match in pattern.finditer(text):
        if affirmed(text, match):
            yield match


def has(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern`` occurs in ``text`` at least once outside a negated clause."""
    return next(affirmed_matches(pattern, text), None) is not None


def found(pattern: re.Pattern[str], text: str, *, negation: bool = True) -> str | None:
    """The first (affirmed) match of ``pattern`` in ``text``, as written."""
    if negation:
        match = next(affirmed_matches(pattern, text), None)
    else:
        match = pattern.search(text)
    return match.group().strip() if match else None


def distinct(pattern: re.Pattern[str], text: str, *, negation: bool = True) -> list[str]:
    """Distinct matches (case-insensitive), in order of appearance."""
    seen: dict[str, str] = {}
    matches = affirmed_matches(pattern, text) if negation else pattern.finditer(text)
    for match in matches:
        seen.setdefault(match.group().strip().lower(), match.group().strip())
    return list(seen.values())


def to_number(num: str, mult: str | None = None) -> float:
    digits = re.sub(r"[,\u202f\u00a0 ]", "", num)
    return float(digits) * _MULTIPLIERS.get(mult or "", 1.0)


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int
    end: int
    text: str


def quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with ``k``/``M``/``million`` multipliers applied."""
    return [
        Quantity(to_number(m.group("num"), m.group("mult")), m.start(), m.end(), m.group())
        for m in _QUANTITY.finditer(text)
    ]


def sentences(text: str) -> list[str]:
    """Rough sentence split: enough to keep two keywords of one claim together."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def window(text: str, start: int, end: int, radius: int) -> str:
    return text[max(0, start - radius) : end + radius]


def clip(text: str, limit: int = 60) -> str:
    """``text`` on one line, shortened for a reason string."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
