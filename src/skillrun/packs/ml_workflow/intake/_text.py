"""Text preparation for the intake: fold accents, detect the language, read a word in that language's
sense, repair obvious typos.

Everything downstream matches lower-case, accent-free text, so the lexicons can be written once per
language without accents ("prediccion" matches "predicción"). Typos in domain words ("recomendations",
"forcast", "demnada") are repaired against the lexicon's stems of the request's language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .._cues import cue_words
from ..knowledge import Knowledge, knowledge

MAX_CHARS = 20_000
"""Requests longer than this are cut before matching; the rest adds no design information."""

_WORD = re.compile(r"(?<![a-z])[a-z]{6,}(?![a-z])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+")
_STEM = re.compile(r"^[a-z]{7,}$")
# Everyday words that sit one edit away from a domain stem; never "repair" them.
_KEEP = frozenset(
    "stream streams stores stored stories screen series served server severe settle letter better "
    "lesson person persons reason season seasons fields months mobile models needed things contact contacts filing filings leaves "
    "precio precios".split()  # Spanish "price", one slip from the stem "preciso" (precise) of a serving cue
)


def fold(text: str) -> str:
    """Lower-case, strip accents, unify dashes, apostrophes and spaces; CJK characters are kept as they are."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("ß", "ss")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201b\u2032\u02bc]", "'", text)  # "doesn’t" from a word processor
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
    endings = {lang: sum(1 for w in words if w.endswith(ends)) for lang, ends in kb.language_endings.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en", endings.get(lang, 0)))
    # English jargon inside another language is common; only switch away from English on evidence.
    if best != "en" and scores[best] <= scores.get("en", 0):
        return "en"
    return best if scores[best] else "en"


_VOWELS = frozenset("aeiou")
_SUFFIXES = (
    "", "s", "es", "ed", "d", "ing", "er", "ers", "ion", "ions", "ation", "ations", "al", "ly", "ity", "ive",
    "ment", "ments", "en", "e", "a", "o", "os", "as", "ar", "ado", "ada", "ados", "adas", "iert", "ierung",
    "ung", "ungen", "ieren",
)  # fmt: skip
"""Endings a repaired stem may carry ("recomend|ations"); anything else means the word is another word."""


@lru_cache(maxsize=8)
def _stems(language: str) -> dict[str, frozenset[str]]:
    """Lexicon stems of ``language`` (7+ letters), bucketed by their first two letters."""
    kb = knowledge()
    lex = kb.lexicon
    entries: list[object] = []
    for group in ("problem_types", "serving_modes", "maturity", "regulated"):
        entries += list(lex[group].values())
    entries += [d.cues for d in kb.domains]
    buckets: dict[str, set[str]] = {}
    for entry in entries:
        for cue in cue_words(entry, language):
            for word in re.split(r"[^a-z]+", _without_exclusions(cue)):
                if _STEM.match(word):
                    buckets.setdefault(word[:2], set()).add(word)
    return {k: frozenset(v) for k, v in buckets.items()}


def _without_exclusions(cue: str) -> str:
    """``cue`` without its negative look-arounds: the words a cue must not stand beside ("el diario" of a
    newspaper, "blanqueo dental") are no spelling of the domain, and would "repair" ordinary words towards
    themselves ("enfermera" to "enfermeria")."""
    out, i = [], 0
    while i < len(cue):
        if cue.startswith(("(?!", "(?<!"), i):
            depth, j = 0, i
            while j < len(cue):
                if cue[j] == "\\":
                    j += 2
                    continue
                if cue[j] == "[":  # a class may hold a parenthesis: "[()]"
                    j = cue.find("]", j + 2) + 1 or len(cue)
                    continue
                depth += {"(": 1, ")": -1}.get(cue[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(" ")
            i = j
            continue
        step = 2 if cue[i] == "\\" else 1
        out.append(cue[i : i + step])
        i += step
    return "".join(out)


def repair_typos(folded: str, language: str = "en") -> str:
    """Replace misspelt words by the lexicon's spelling ("forcast" -> "forecast").

    A word is repaired when a prefix of it is one typing slip away from a stem of the request's language
    and the rest of the word is an ordinary ending. Slips are: a missing or extra letter inside the
    word, two neighbours swapped, or one vowel for another ("fraudulant"). A different consonant or a
    changed ending makes another word ("football" is not "footfall", "listing" is not "listings").
    """
    stems = _stems(language)
    fixes: dict[str, str] = {}
    for word in set(_WORD.findall(folded)):
        if len(word) < 6 or word in _KEEP or word in fixes:
            continue
        fixed = _repair(word, stems, inflected_end=language == "fr")
        if fixed and fixed != word:
            fixes[word] = fixed
    if not fixes:
        return folded
    pattern = re.compile(r"(?<![a-z])(" + "|".join(map(re.escape, sorted(fixes, key=len, reverse=True))) + r")(?![a-z])")
    return pattern.sub(lambda m: fixes[m.group(1)], folded)


def _repair(word: str, buckets: dict[str, frozenset[str]], inflected_end: bool = False) -> str | None:
    candidates = buckets.get(word[:2], frozenset())
    if not candidates or any(word.startswith(stem) for stem in candidates):
        return None
    for cut in range(len(word), 5, -1):
        suffix = word[cut:]
        if suffix not in _SUFFIXES:
            continue
        head = word[:cut]
        for stem in candidates:
            if abs(len(stem) - len(head)) <= 1 and _one_slip(head, stem, inflected_end):
                return stem + suffix
    return None


def _one_slip(typed: str, stem: str, inflected_end: bool = False) -> bool:
    """``typed`` is ``stem`` with one slip. With ``inflected_end`` (French), a letter missing or added just before
    the last one, or the last two swapped, is an inflection or another word ("arrive" and "arrivee", "combine"
    and "combien"), not a slip."""
    end = 1 if inflected_end else 0
    if len(typed) == len(stem):
        diffs = [i for i, (a, b) in enumerate(zip(typed, stem, strict=True)) if a != b]
        if len(diffs) == 1:
            i = diffs[0]
            return i < len(stem) - 1 and typed[i] in _VOWELS and stem[i] in _VOWELS
        swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and diffs[1] < len(stem) - end
        return swapped and typed[diffs[0]] == stem[diffs[1]] and typed[diffs[1]] == stem[diffs[0]]
    shorter, longer = (typed, stem) if len(typed) < len(stem) else (stem, typed)
    # The slip must be inside the word: a letter missing or added at the end is an inflection.
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer) - 1 - end))


def in_its_sense(folded: str, language: str, kb: Knowledge | None = None) -> str:
    """``folded`` with the words that mean something else in ``language`` than in another language's cue
    ("la camera" of an Italian request is a room) replaced by a plain word of their sense (lexicon.yaml
    ``language_senses``)."""
    for pattern, word in (kb or knowledge()).language_senses.get(language, ()):
        folded = pattern.sub(word, folded)
    return folded


def prepare(text: str) -> tuple[str, str]:
    """The folded, typo-repaired text and its language code."""
    folded = fold(text)
    language = detect_language(folded)
    folded = in_its_sense(folded, language)
    # Each language is repaired against its own stems only: an English stem would "fix" ordinary
    # Spanish or German words.
    return (folded if language == "zh" else repair_typos(folded, language)), language
