"""The second look: turn term hits into a score per skill.

A hit's strength is cut to nothing when it is negated ("we don't need ML"), when the skill says the
word is used in another sense here ("role model", "serving size"), or when a lower-case acronym
follows a quantity ("5 ml"); it is cut to a third inside quotes or code. Within a group, hits combine
as a noisy-or, so piling up synonyms saturates instead of adding up; a term counts once per skill.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._compile import Compiled, Entry, Owner, Sense
from ._index import Hit
from ._text import Token, fold, is_quantity, normalise

QUOTED = 0.3
FACET_MIN = 0.1
WEAK_CASE = 0.5
NEGATION_WINDOW = 4
# Negation cues (as stems) in the languages the profiles cover; English contractions end in n't.
_NEGATORS = frozenset(
    "not no never without nor neither cannot nothing none dont doesnt didnt isnt arent wont cant "
    "nicht kein keine keinen keiner ohne nie niemals sin nunca tampoco ni pas sans jamais sem nao "
    "nem non senza mai niet geen zonder nooit".split()
)
# Words that end a negation's reach: contrast, and the question a negated verb of knowing asks
# ("I don't know how to deploy it" does not negate "deploy").
_SCOPE_END = frozenset(
    "but however instead only just how what which whether if why when where sure know idea "
    "aber sondern wie pero sino como mais comment mas ma come".split()
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One skill's evidence in one turn."""

    score: float
    topic: float
    positive: float
    """Topic plus support: what an earlier turn lends to the last one."""
    facets: int
    """Topic and support groups that add at least ``FACET_MIN``."""
    parts: tuple[tuple[int, float], ...]
    """(group index, signed contribution), strongest first."""
    terms: tuple[tuple[str, int, float], ...]
    """(surface text, group index, strength after modifiers), strongest first."""


def negated_positions(tokens: list[Token]) -> set[int]:
    out: set[int] = set()
    for i, token in enumerate(tokens):
        word = fold(token.text)
        if word not in _NEGATORS and not word.endswith("n't"):
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + NEGATION_WINDOW)):
            following = tokens[j]
            if following.clause != token.clause or fold(following.text) in _SCOPE_END:
                break
            out.add(j)
    return out


def _modifier(hit: Hit, tokens: list[Token], negated: set[int]) -> float:
    """How much of a hit counts, before quoting: 0 when negated or a millilitre "ml"."""
    if hit.start < 0:
        return 1.0
    if hit.start in negated:
        return 0.0
    if hit.weak:
        before = tokens[hit.start - 1] if hit.start > 0 else None
        after = tokens[hit.end].text.lower() if hit.end < len(tokens) else ""
        if is_quantity(before) or after == "of":
            return 0.0
        return WEAK_CASE
    return 1.0


# Small words between a noun and what qualifies it: modelo de coche, modello di auto, model of car.
_LINKERS = frozenset("de di du da do of von del della des der dei degli das".split())


def _other_sense(sense: Sense, hit: Hit, tokens: list[Token], turn_keys: set[str]) -> bool:
    if hit.start < 0:
        return False
    if hit.start > 0 and sense.before and not sense.before.isdisjoint(tokens[hit.start - 1].keys):
        return True
    if sense.after and hit.end < len(tokens):
        following = tokens[hit.end]
        if not sense.after.isdisjoint(following.keys):
            return True
        if following.keys[0] in _LINKERS and hit.end + 1 < len(tokens):
            if not sense.after.isdisjoint(tokens[hit.end + 1].keys):
                return True
    return bool(sense.near) and not sense.near.isdisjoint(turn_keys)


def _drop_contained(entry: Entry, items: list[tuple[Hit, Owner, float]]) -> list[tuple[Hit, Owner, float]]:
    """Longest match wins within a group and between for and against ("error rate" hides "error",
    "language model" hides "model"); across positive groups both count ("we want" and "we")."""
    kept = []
    for item in items:
        hit, owner, _ = item
        against = entry.groups[owner.group].kind == "against"
        covered = hit.start >= 0 and any(
            o_hit.start <= hit.start
            and hit.end <= o_hit.end
            and o_hit.end - o_hit.start > hit.end - hit.start
            and (o_owner.group == owner.group or (entry.groups[o_owner.group].kind == "against") != against)
            for o_hit, o_owner, _ in items
        )
        if not covered:
            kept.append(item)
    return kept


def evidence(compiled: Compiled, text: str) -> tuple[dict[int, Evidence], list[Token]]:
    """Every skill with any evidence in ``text``, and the tokens (for naming the matched terms)."""
    text = normalise(text)
    index = compiled.index
    tokens = index.tokens(text)
    hits = index.find(tokens, text)
    if not hits:
        return {}, tokens
    negated = negated_positions(tokens)
    owners = compiled.owners
    per_skill: dict[int, list[tuple[Hit, Owner, float]]] = {}
    for hit in hits:
        claims = owners[hit.term]
        if not claims:
            continue
        value = _modifier(hit, tokens, negated)
        if value == 0.0:
            continue
        for owner in claims:
            found = per_skill.get(owner.skill)
            if found is None:
                per_skill[owner.skill] = [(hit, owner, value)]
            else:
                found.append((hit, owner, value))
    turn_keys: set[str] | None = None
    result: dict[int, Evidence] = {}
    for skill, items in per_skill.items():
        entry = compiled.entries[skill]
        if entry.term_senses:
            if turn_keys is None:
                turn_keys = {k for t in tokens for k in t.keys}
            items = [
                item
                for item in items
                if (sense := entry.term_senses.get(item[0].term)) is None
                or not _other_sense(sense, item[0], tokens, turn_keys)
            ]
        if len(items) > 1:
            items = _drop_contained(entry, items)
        result[skill] = _combine(entry, items, tokens, index.texts)
    return result, tokens


def _combine(
    entry: Entry, items: list[tuple[Hit, Owner, float]], tokens: list[Token], texts: list[str]
) -> Evidence:
    # One span counts once per group (automatically = automatic* = automat*), and one term once per
    # group however often it recurs; quotes discount what the message mentions, not what it asks
    # against (a quoted error message is still a debugging question).
    by_span: dict[tuple[int, int, int], tuple[float, Hit]] = {}
    for hit, owner, value in items:
        group = entry.groups[owner.group]
        strength = owner.strength * value
        if group.kind != "against" and hit.start >= 0 and tokens[hit.start].quoted:
            strength *= QUOTED
        span = (owner.group, hit.start, hit.end) if hit.start >= 0 else (owner.group, -1 - hit.term, 0)
        seen = by_span.get(span)
        if seen is None or strength > seen[0]:
            by_span[span] = (strength, hit)
    best: dict[tuple[int, int], tuple[float, Hit]] = {}
    for (group_idx, _start, _end), (strength, hit) in by_span.items():
        key = (hit.term, group_idx)
        seen = best.get(key)
        if seen is None or strength > seen[0]:
            best[key] = (strength, hit)
    remaining: dict[int, float] = {}
    for (_term, group), (strength, _hit) in best.items():
        remaining[group] = remaining.get(group, 1.0) * (1.0 - min(strength, 1.0))
    score = topic = support = 0.0
    facets = 0
    parts = []
    for group_idx, rest in remaining.items():
        group = entry.groups[group_idx]
        contribution = group.weight * (1.0 - rest)
        if group.kind == "against":
            contribution = -contribution
        elif group.kind == "topic":
            topic += contribution
        elif group.kind == "support":
            support += contribution
        if group.kind in ("topic", "support") and contribution >= FACET_MIN:
            facets += 1
        score += contribution
        parts.append((group_idx, contribution))
    parts.sort(key=lambda p: -abs(p[1]))
    terms = sorted(
        ((_surface(hit, tokens, texts), group, strength) for (_t, group), (strength, hit) in best.items()),
        key=lambda t: -t[2],
    )
    return Evidence(score, topic, topic + support, facets, tuple(parts), tuple(terms))


def _surface(hit: Hit, tokens: list[Token], texts: list[str]) -> str:
    if hit.start < 0:
        return texts[hit.term]
    return " ".join(t.text for t in tokens[hit.start : hit.end])
