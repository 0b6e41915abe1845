"""Text to tokens: Unicode normalisation, word boundaries, case-aware keys, a light English stemmer.

Everything the router compares goes through :func:`word_key` (lexicon side) or :func:`base_keys`
(message side), so a trigger and a message word meet only when both reduce to the same key. Keys are
plain strings: a folded stem (``train`` for "Training", ``retrain`` for "retraining"), ``=ML`` for a
case-sensitive acronym; prefix and suffix entries of a lexicon are expanded in ``_index``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# One pass over the text finds words, quote marks and clause breaks. A word may continue through
# joiners that belong to names and contractions (W&B, A/B, CI/CD, don't), so an apostrophe left over
# is a quote mark. Indic vowel signs and viramas are marks, not \w, so they are listed explicitly or
# Hindi words would fall apart. Clause breaks bound negation and multi-word terms.
_MARKS = "\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f"
TOKEN_PATTERN = re.compile(
    rf"(\w[\w{_MARKS}]*(?:[&+/'’]\w[\w{_MARKS}]*)*)"
    r"|([\"“”«»「」『』`'])"
    r"|[.,;:!?。，、！？；：…\n()\[\]—–]"
)
# The same for ASCII text, where \w means the same and the marks and typographic quotes cannot occur;
# possessive repeats never give back what they took, so a long word is not tried again letter by letter.
ASCII_TOKEN_PATTERN = re.compile(r"(\w++(?:[&+/']\w++)*+)|([\"`'])|[.,;:!?\n()\[\]]", re.ASCII)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Quantity words before a lower-case "ml" make it millilitres, never machine learning.
_QUANTITY = frozenset(
    "a an one two three few several some more less about approx approximately per each half".split()
)


def normalise(text: str) -> str:
    """NFKC (full-width ＭＬ, ligatures) and typographic apostrophes; ASCII passes through untouched."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).replace("’", "'")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-folded, with accents dropped from Latin letters (predicción == prediccion).

    Accents stay on other scripts, where the marks are letters in their own right (Hindi vowel signs).
    """
    low = word.casefold()
    if low.isascii():
        return low
    parts = unicodedata.normalize("NFKD", low)
    if not all(ord(c) < 0x0250 or unicodedata.combining(c) for c in parts):
        return low
    return "".join(c for c in parts if not unicodedata.combining(c))


# Words that start with "re" but are not "re" + a verb: they must not become variants of triggers
# such as "serving" or "model" (reserving a table, remodel the kitchen).
_FALSE_RE = frozenset(
    "reserv remodel research reform record report resort resign retir regard remark resid result "
    "resolv respect rest reveal reput reason".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light English stemmer on a folded word: plurals, -ing, -ed, possessives.

    It never strips -er, -ion or -ment, so "server" stays apart from "serving" and "deployment" from
    "deploy"; a lexicon lists those forms itself. Non-ASCII words only lose a plural -s.
    """
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    if not w.isascii():
        return w[:-1] if len(w) > 4 and w.endswith("s") and w.isalpha() else w
    if not w.isalpha() or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix):
            base = w[: -len(suffix)]
            if len(base) >= 3 and any(c in "aeiouy" for c in base):
                w = base
                if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                    w = w[:-1]  # running -> run, but modelling -> modell -> handled below
                break
    if w.endswith("ll") and len(w) > 4:
        w = w[:-1]  # modelling / labelled (British doubling)
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # serve / serving, feature / featuring
    return w


def re_variant(key: str) -> str | None:
    """The key a "re-" form of ``key`` takes (train -> retrain), unless that is a different word."""
    if not key.isalpha() or len(key) < 4:
        return None
    candidate = "re" + key
    return None if candidate in _FALSE_RE else candidate


def is_acronym(word: str) -> bool:
    """Short all-capitals words (ML, W&B, CV): matched by case, because "ml" is usually millilitres."""
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(word) <= 5 and len(letters) >= 1 and all(c.isupper() for c in letters)


def word_key(word: str) -> str:
    """The lexicon key of one word of a term."""
    if is_acronym(word):
        return "=" + word
    return stem(fold(word))


WordInfo = tuple[
    tuple[str, ...],
    tuple[tuple[int, int, bool], ...],
    int,
    dict[str, tuple[tuple[int, int, tuple[str, ...], bool], ...]] | None,
    bool,
]
"""What the index knows of one word form, cached: its keys; the one-word terms it is, as (rank, term
id, weak); its role for negation (``NEGATOR``, ``SCOPE_END`` or 0); the longer terms that may start at
it by the key their second word needs, as (rank, term id, keys of the words after the second, weak),
``None`` without any; and whether any term may start at it. The rank orders all of a word's terms as
the index registered them, so hits come out in one fixed order however they are found."""

NEGATOR, SCOPE_END = 1, 2


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# Negation cues in the languages the profiles cover, compared unstemmed ("sans" is not "sane"); English
# contractions end in n't.
_NEGATORS = _folded(
    "not no never without nor neither cannot nothing none dont doesnt didnt isnt arent wont cant "
    "nicht kein keine keinen keiner ohne nie niemals sin nunca tampoco ni pas sans jamais sem não "
    "nem non senza mai niet geen zonder nooit"
)
# Words that end a negation's reach: contrast, and the question a negated verb of knowing asks
# ("I don't know how to deploy it" does not negate "deploy").
_SCOPE_END = _folded(
    "but however instead only just how what which whether if why when where sure know idea "
    "aber sondern wie pero sino como mais comment mas ma come"
)


def negation_role(word: str) -> int:
    low = fold(word)
    if low in _NEGATORS or low.endswith("n't"):
        return NEGATOR
    return SCOPE_END if low in _SCOPE_END else 0


@dataclass(slots=True)
class Tokens:
    """A message cut into words: parallel lists with one entry per word."""

    words: list[str]
    infos: list[WordInfo]
    clauses: list[int]
    """Counter of clause breaks before each word: negation and multi-word terms never cross one."""
    quoted: list[bool] | None
    """Whether each word stands inside quotes; ``None`` when nothing is quoted."""
    starts: list[int]
    """Positions of the words at which some term may start: the only ones ``find`` visits."""
    negators: list[int]
    """Positions of negation cues."""

    def span(self, start: int, end: int) -> str:
        return " ".join(self.words[start:end])


def base_keys(word: str) -> tuple[str, ...]:
    """Keys a message word offers before lexicon-specific expansion (prefixes, suffixes, typos)."""
    key = stem(fold(word))
    if is_acronym(word):
        return (key, "=" + word)
    if len(word) > 2 and word[-1] == "s" and is_acronym(word[:-1]):
        return (key, "=" + word[:-1])  # LLMs, GPUs
    return (key,)


# French and Italian write an elided article or preposition into the next word (l'entraînement,
# dell'addestramento); the joiner that keeps "don't" and "W&B" whole would otherwise hide the noun.
_ELISIONS = frozenset("l d j n s c m t qu jusqu lorsqu puisqu dell dall nell sull all quell un".split())


def drop_elision(word: str) -> str:
    """``word`` without a leading elided article (l'entraînement -> entraînement)."""
    head, _, rest = word.partition("'")
    return rest if rest and head.casefold() in _ELISIONS else word


def has_cjk(text: str) -> bool:
    # ``isascii`` reads a flag of the string: most messages skip the regex's scan of every character.
    return not text.isascii() and _CJK.search(text) is not None


def is_quantity(word: str | None) -> bool:
    """A number or a quantity word: what stands before "ml" when it means millilitres."""
    return word is not None and (word[0].isdigit() or word.lower() in _QUANTITY)


def deletes(word: str) -> list[str]:
    """Every string one deletion away from ``word``, by the position deleted (for one-letter typos).

    A list, not a set: the first variant that names a term wins, and a set's order changes with the
    process's hash seed, so the same typo could route differently from one run to the next.
    """
    return list(dict.fromkeys(word[:i] + word[i + 1 :] for i in range(len(word))))
