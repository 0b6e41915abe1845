"""One compiled matcher over every term of every skill: a hash map from a word's key to the terms that
start with it, plus prefix, suffix, typo and CJK tables.

The cost of matching a message depends on the message and on how many terms actually start at its
words, not on the number of skills: there is no loop over skills or triggers here.
"""

from __future__ import annotations

import re
from operator import itemgetter

from ._text import (
    ASCII_TOKEN_PATTERN,
    NEGATOR,
    TOKEN_PATTERN,
    Tokens,
    WordInfo,
    base_keys,
    deletes,
    drop_elision,
    fold,
    has_cjk,
    is_acronym,
    negation_role,
    normalise,
    re_variant,
    stem,
    word_key,
)

_MIN_AFFIX = 3
_MIN_TYPO = 7  # shorter words have real words one letter away (catchy, catch)
_CACHE_LIMIT = 50_000


# A hit is a plain tuple for speed: (term id, first word, end word (exclusive), weak). CJK substring
# hits have no word position: start and end are -1.
Hit = tuple[int, int, int, bool]


def _min_affix(text: str) -> int:
    # Hangul or Devanagari words are short in characters: 모델* is a fine prefix.
    return _MIN_AFFIX if text.isascii() else 2


def _word_spec(word: str) -> str:
    """The key one word of a term matches: a stem, ``=ACRONYM``, ``P:prefix`` or ``S:suffix``."""
    bare = word.strip("*")
    if len(bare) >= _min_affix(bare) and bare:
        if word.endswith("*"):
            return "P:" + fold(bare)
        if word.startswith("*"):
            return "S:" + fold(bare)
    return word_key(bare)


def split_term(text: str) -> list[str]:
    """Words of a term as written in a lexicon (``Weights & Biases`` -> Weights, and, Biases), with elided
    articles dropped as in a message (``à l'avance`` -> à, avance), so both sides meet on the same words."""
    words = []
    for raw in text.replace("-", " ").split():
        words.append("and" if raw == "&" else drop_elision(raw) if "'" in raw else raw)
    return words


class TermIndex:
    """Terms by id, and the tables that find them in a message."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._specs: list[tuple[str, ...]] = []
        self._ids: dict[tuple[str, ...], int] = {}
        self._first: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
        self._prefixes: set[str] = set()
        self._suffixes: set[str] = set()
        self._typos: dict[str, str] = {}
        self._weak: set[int] = set()
        self._cjk: dict[str, int] = {}
        self._cjk_pattern: re.Pattern[str] | None = None
        self._word_cache: dict[str, WordInfo] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, *, trigger: bool = False) -> list[int]:
        """Register a term (idempotent) and return its ids.

        A trigger also gets its "re-" form (training -> retraining) and, when it is an acronym, a weak
        lower-case form (ML -> ml), checked against quantities when scored.
        """
        text = normalise(text.strip())
        if has_cjk(text):
            return [self._add_cjk(text)]
        words = split_term(text)
        specs = tuple(_word_spec(w) for w in words)
        if not specs:
            return []
        ids = [self._add_specs(text, specs, weak_case=trigger)]
        if "and" in specs[1:-1]:
            # "Weights & Biases" is written with and without the "and" ("&" is not a word).
            ids.append(self._add_specs(text, tuple(s for s in specs if s != "and"), weak_case=trigger))
        if trigger and len(specs) == 1 and not specs[0].startswith(("=", "P:", "S:")):
            variant = re_variant(specs[0])
            if variant is not None:
                ids.append(self._add_specs(text, (variant,)))
        return ids

    def _add_specs(self, text: str, specs: tuple[str, ...], *, weak_case: bool = False) -> int:
        found = self._ids.get(specs)
        if found is not None:
            if weak_case and found not in self._weak:
                self._add_weak(found, specs)
            return found
        term = len(self.texts)
        self._ids[specs] = term
        self.texts.append(text)
        self._specs.append(specs)
        self._first.setdefault(specs[0], []).append((term, specs[1:], False))
        if weak_case:
            self._add_weak(term, specs)
        for spec in specs:
            if spec.startswith("P:"):
                self._prefixes.add(spec[2:])
            elif spec.startswith("S:"):
                self._suffixes.add(spec[2:])
            elif spec[0] != "=" and len(spec) >= _MIN_TYPO and spec.isascii() and spec.isalpha():
                self._typos.setdefault(spec, spec)
                for variant in deletes(spec):
                    self._typos.setdefault(variant, spec)
        self._word_cache.clear()
        return term

    def _add_weak(self, term: int, specs: tuple[str, ...]) -> None:
        if not any(s.startswith("=") for s in specs):
            return
        self._weak.add(term)
        lowered = tuple(stem(s[1:].lower()) if s.startswith("=") else s for s in specs)
        self._first.setdefault(lowered[0], []).append((term, lowered[1:], True))
        self._word_cache.clear()

    def _add_cjk(self, text: str) -> int:
        found = self._cjk.get(text)
        if found is not None:
            return found
        term = len(self.texts)
        self.texts.append(text)
        self._specs.append((text,))
        self._cjk[text] = term
        self._cjk_pattern = None  # rebuilt on the next search
        return term

    def _cjk_search(self) -> re.Pattern[str]:
        if self._cjk_pattern is None:
            # Longest first, so 機械学習 wins over 学習 where both are terms.
            alternatives = sorted(self._cjk, key=len, reverse=True)
            self._cjk_pattern = re.compile("|".join(re.escape(a) for a in alternatives))
        return self._cjk_pattern

    def specs(self, term: int) -> tuple[str, ...]:
        """The keys a term's words match, in order."""
        return self._specs[term]

    def _word(self, word: str) -> WordInfo:
        """A word's keys and the terms that may start at it, cached per word form (vocabulary is
        finite, so a long-running router soon looks every word up once)."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        keys = list(base_keys(word))
        plain = len(keys)
        folded = fold(word)
        shortest = _min_affix(folded)
        if self._prefixes:
            for n in range(shortest, len(folded) + 1):
                if folded[:n] in self._prefixes:
                    keys.append("P:" + folded[:n])
        if self._suffixes:
            for n in range(shortest, len(folded)):
                if folded[-n:] in self._suffixes:
                    keys.append("S:" + folded[-n:])
        if len(keys) == plain and keys[0] not in self._first:
            typo = self._typo_key(keys[0])
            if typo is not None:
                keys.append(typo)
        entries = [entry for key in keys for entry in self._first.get(key, ())]
        singles = tuple((rank, term, weak) for rank, (term, rest, weak) in enumerate(entries) if not rest)
        # Longer terms by the key their second word needs: ``find`` then looks up the next word's few
        # keys instead of trying every phrase that starts with a common word (model, data, ...).
        follow: dict[str, list[tuple[int, int, tuple[str, ...], bool]]] = {}
        for rank, (term, rest, weak) in enumerate(entries):
            if rest:
                follow.setdefault(rest[0], []).append((rank, term, rest[1:], weak))
        result = (
            tuple(keys),
            singles,
            negation_role(word),
            {key: tuple(group) for key, group in follow.items()} if follow else None,
            bool(entries),
        )
        if len(self._word_cache) >= _CACHE_LIMIT:
            self._word_cache.clear()
        self._word_cache[word] = result
        return result

    def _typo_key(self, key: str) -> str | None:
        """A lexicon key one edit away from ``key`` (pipline -> pipeline), for long words only."""
        if len(key) < _MIN_TYPO - 1 or not key.isascii() or not key.isalpha():
            return None
        hit = self._typos.get(key)  # a letter missing, or a substitution seen from the term side
        if hit is None:
            for variant in deletes(key):  # a letter too many, or a swap
                hit = self._typos.get(variant)
                if hit is not None and abs(len(hit) - len(key)) <= 1:
                    break
                hit = None
        return hit if hit != key else None

    def tokens(self, text: str) -> Tokens:
        """``text`` (normalised) cut into words, each with its keys and candidate terms."""
        words: list[str] = []
        infos: list[WordInfo] = []
        clauses: list[int] = []
        quoted: list[bool] | None = None
        starts: list[int] = []
        negators: list[int] = []
        cache = self._word_cache
        clause = 0
        inside = False
        position = 0
        # Bound methods and a running count: this loop runs once per word of every message.
        add_word, add_info, add_clause, add_start = words.append, infos.append, clauses.append, starts.append
        pattern = ASCII_TOKEN_PATTERN if text.isascii() else TOKEN_PATTERN
        for word, quote in pattern.findall(text):
            if word:
                if "'" in word:
                    word = drop_elision(word)
                info = cache.get(word)
                if info is None:
                    info = self._word(word)
                if info[4]:
                    add_start(position)
                if info[2] == NEGATOR:
                    negators.append(position)
                add_info(info)
                add_word(word)
                add_clause(clause)
                if quoted is not None:
                    quoted.append(inside)
                position += 1
            else:
                clause += 1
                if quote:
                    if quoted is None:
                        quoted = [False] * len(words)
                    inside = not inside
        # An unbalanced quote (a stray apostrophe, an unfinished quotation) quotes nothing.
        return Tokens(words, infos, clauses, None if inside else quoted, starts, negators)

    def find(self, tokens: Tokens, text: str) -> list[Hit]:
        """Every term occurrence, longer and shorter ones alike (scoring decides which count)."""
        hits: list[Hit] = []
        append = hits.append
        infos = tokens.infos
        clauses = tokens.clauses
        count = len(infos)
        for i in tokens.starts:
            _keys, singles, _role, follow, _start = infos[i]
            longer: list[tuple[int, Hit]] | None = None
            if follow is not None and i + 1 < count and clauses[i + 1] == clauses[i]:
                for key in infos[i + 1][0]:
                    for rank, term, rest, weak in follow.get(key, ()):
                        end = i + 2 + len(rest)
                        if rest and (end > count or clauses[end - 1] != clauses[i]):
                            continue
                        for offset, spec in enumerate(rest, start=i + 2):
                            if spec not in infos[offset][0]:
                                break
                        else:
                            if longer is None:
                                longer = []
                            longer.append((rank, (term, i, end, weak)))
            if longer is None:
                # A plain loop: a comprehension costs a function call, for one or two terms mostly.
                for _, term, weak in singles:
                    append((term, i, i + 1, weak))
            else:
                for rank, term, weak in singles:
                    longer.append((rank, (term, i, i + 1, weak)))
                longer.sort(key=_rank)
                for _, hit in longer:
                    append(hit)
        if self._cjk and has_cjk(text):
            seen = set()
            for m in self._cjk_search().finditer(text):
                term = self._cjk[m.group()]
                if term not in seen:
                    seen.add(term)
                    hits.append((term, -1, -1, False))
        return hits


_rank = itemgetter(0)


def sense_key(word: str) -> str:
    """How a sense rule names a word (``model``, ``ML``): the same key its term's first word has."""
    word = normalise(word)
    return "=" + word if is_acronym(word) else stem(fold(word))
