"""Text preparation for the intake: fold accents, detect the language, repair obvious typos.

Everything downstream matches lower-case, accent-free text, so the lexicons can be written once per
language without accents ("prediccion" matches "predicción"). Typos in domain words ("recomendations",
"forcast") are repaired against the lexicon's own stems with an edit distance of one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..knowledge import Knowledge, knowledge

MAX_CHARS = 20_000
"""Requests longer than this are cut before matching; the rest adds no design information."""

_WORD = re.compile(r"[a-z][a-z'-]{4,}")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+")
_STEM = re.compile(r"^[a-z]{7,}$")
# Everyday words that sit one edit away from a domain stem; never "repair" them.
_KEEP = frozenset(
    "stream streams stores stored stories screen series served server severe settle letter better "
    "lesson person persons reason season seasons fields months mobile models needed things".split()
)


def fold(text: str) -> str:
    """Lower-case, strip accents, unify dashes and spaces; CJK characters are kept as they are."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("ß", "ss")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u00a0\u2000-\u200b\u202f\u3000]", " ", text)
    return re.sub(r"[ \t\r\f\v]+", " ", text)


def detect_language(folded: str, kb: Knowledge | None = None) -> str:
    """ISO 639-1 code: zh when CJK characters dominate, else the language with most function words."""
    cjk = len(_CJK.findall(folded))
    latin = len(_LATIN_WORD.findall(folded))
    if cjk and cjk >= latin:
        return "zh"
    words = _LATIN_WORD.findall(folded)
    if not words:
        return "zh" if cjk else "en"
    kb = kb or knowledge()
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in kb.language_words.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    # English jargon inside another language is common; only switch away from English on evidence.
    if best != "en" and scores[best] <= scores.get("en", 0):
        return "en"
    return best if scores[best] else "en"


@lru_cache(maxsize=1)
def _stem_index() -> tuple[dict[str, str], frozenset[int], frozenset[str]]:
    kb = knowledge()
    stems: set[str] = set()
    for cues in (
        *kb.problem_cues.values(),
        *kb.serving_cues.values(),
        *kb.domain_cues.values(),
        *kb.maturity_cues.values(),
        *kb.regulated_cues.values(),
    ):
        for pattern in cues.patterns:
            raw = pattern.pattern.removeprefix(r"(?<![a-z0-9])")
            for word in re.split(r"[^a-z]+", raw):
                if _STEM.match(word):
                    stems.add(word)
    index: dict[str, str] = {}
    for stem in stems:
        index.setdefault(stem, stem)
        for variant in _deletes(stem):
            index.setdefault(variant, stem)
    return index, frozenset(len(s) for s in stems), frozenset(stems)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def repair_typos(folded: str) -> str:
    """Replace words one edit away from a lexicon stem (at the word's start) by the stem's spelling."""
    index, lengths, stems = _stem_index()
    fixes: dict[str, str] = {}
    for word in set(_WORD.findall(folded)):
        if len(word) < 7 or word in _KEEP or word in fixes:
            continue
        fixed = _repair(word, index, lengths, stems)
        if fixed and fixed != word:
            fixes[word] = fixed
    if not fixes:
        return folded
    pattern = re.compile(r"(?<![a-z])(" + "|".join(map(re.escape, sorted(fixes, key=len, reverse=True))) + r")(?![a-z])")
    return pattern.sub(lambda m: fixes[m.group(1)], folded)


def _repair(word: str, index: dict[str, str], lengths: frozenset[int], stems: frozenset[str]) -> str | None:
    if any(word.startswith(s) for s in stems if len(s) <= len(word) and word[0] == s[0]):
        return None
    best: tuple[int, str] | None = None
    for length in lengths:
        candidate: str | None = None
        missing = word[: length - 1]  # the token lacks one letter of the stem
        if len(missing) == length - 1 and len(index.get(missing, "")) == length:
            candidate = index[missing] + word[length - 1 :]
        extra = word[: length + 1]  # the token has one letter too many
        if candidate is None and len(extra) == length + 1:
            stem = next((v for v in _deletes(extra) if v in stems and len(v) == length), None)
            if stem is not None:
                candidate = stem + word[length + 1 :]
        swapped = word[:length]  # one letter differs, or two neighbours are swapped
        if candidate is None and len(swapped) == length:
            for variant in _deletes(swapped):
                stem = index.get(variant)
                if stem is not None and len(stem) == length and _one_swap(stem, swapped):
                    candidate = stem + word[length:]
                    break
        if candidate is not None and candidate[:2] == word[:2] and (best is None or length > best[0]):
            best = (length, candidate)
    return best[1] if best else None


def _one_swap(a: str, b: str) -> bool:
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def prepare(text: str) -> tuple[str, str]:
    """The folded, typo-repaired text and its language code."""
    folded = fold(text)
    language = detect_language(folded)
    # Repairs are tuned on English spelling; in other languages they would "fix" ordinary words.
    return (repair_typos(folded) if language == "en" else folded), language
