"""The second look: turn term hits into a score per skill.

A hit's strength is cut to nothing when it is negated ("we don't need ML"), when the skill says the
word is used in another sense here ("role model", "serving size"), or when a lower-case acronym
follows a quantity ("5 ml"); it is cut to a third inside quotes or code. Within a group, hits combine
as a noisy-or, so piling up synonyms saturates instead of adding up; a term counts once per group.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from operator import itemgetter

from ._compile import GROUP_SLOTS, Compiled, Entry, Owner, Sense
from ._index import Hit
from ._text import SCOPE_END, Tokens, is_quantity, normalise

QUOTED = 0.3
WEAK_CASE = 0.5
FACET_MIN = 0.1
NEGATION_WINDOW = 4


# Small words between a noun and what qualifies it: modelo de coche, modello di auto, model of car.
_LINKERS = frozenset("de di du da do of von del della des der dei degli das".split())


@dataclass(slots=True)
class Evidence:
    """One skill's evidence in one turn."""

    score: float
    topic: float
    positive: float
    """Topic plus support: what an earlier turn lends to the last one."""
    facets: int
    """Topic and support groups that add at least ``FACET_MIN``."""
    contributions: dict[int, float]
    """Signed contribution per group index."""
    best: dict[tuple[int, int], tuple[float, Hit]]
    """(term, group) -> (strength after modifiers, the hit that gave it): for explanations."""
    ignored: list[tuple[Hit, str]]
    """Hits of the skill's positive terms that did not count, with the reason: for explanations."""


def negated_positions(tokens: Tokens) -> set[int]:
    """Words within reach of a negation cue: the next few words of its clause, up to a scope end."""
    out: set[int] = set()
    if not tokens.negators:
        return out
    infos = tokens.infos
    clauses = tokens.clauses
    for i in tokens.negators:
        for j in range(i + 1, min(len(infos), i + 1 + NEGATION_WINDOW)):
            if clauses[j] != clauses[i] or infos[j][2] == SCOPE_END:
                break
            out.add(j)
    return out


def _modifier(hit: Hit, tokens: Tokens, negated: set[int]) -> float:
    """How much of a hit counts, before quoting: 0 when negated or a millilitre "ml"."""
    _term, start, end, weak = hit
    if start < 0:
        return 1.0
    if start in negated:
        return 0.0
    if weak:
        words = tokens.words
        before = words[start - 1] if start > 0 else None
        after = words[end].lower() if end < len(words) else ""
        if is_quantity(before) or after == "of":
            return 0.0
        return WEAK_CASE
    return 1.0


def _other_sense(sense: Sense, hit: Hit, tokens: Tokens, turn_keys: list[set[str]]) -> bool:
    _term, start, end, _weak = hit
    if start < 0:
        return False
    infos = tokens.infos
    if start > 0 and sense.before and not sense.before.isdisjoint(infos[start - 1][0]):
        return True
    if sense.after and end < len(infos):
        following = infos[end][0]
        if not sense.after.isdisjoint(following):
            return True
        if (
            following[0] in _LINKERS
            and end + 1 < len(infos)
            and not sense.after.isdisjoint(infos[end + 1][0])
        ):
            return True
    if not sense.near:
        return False
    if not turn_keys:  # every key of the turn, gathered once and only when a rule needs them
        turn_keys.append({k for info in infos for k in info[0]})
    return not sense.near.isdisjoint(turn_keys[0])


def _drop_contained(items: list[tuple[Hit, Owner, float]]) -> list[tuple[Hit, Owner, float]]:
    """Longest match wins within a group and between for and against ("error rate" hides "error",
    "language model" hides "model"); across positive groups both count ("we want" and "we")."""
    # Multi-word hits by each word they cover: only those can contain a hit starting there.
    covering: dict[int, list[tuple[int, int, int, bool]]] = {}
    for hit, owner, _ in items:
        if hit[2] - hit[1] > 1:
            span = (hit[1], hit[2], owner.group, owner.against)
            for position in range(hit[1], hit[2]):
                covering.setdefault(position, []).append(span)
    if not covering:
        return items
    kept = []
    for item in items:
        (_t, start, end, _w), owner, _ = item
        spans = covering.get(start)
        if spans:
            against = owner.against
            width = end - start
            if any(
                end <= o_end and o_end - o_start > width and (o_group == owner.group or o_against != against)
                for o_start, o_end, o_group, o_against in spans
            ):
                continue
        kept.append(item)
    return kept


@dataclass(slots=True)
class Scan:
    """A text's terms and, per skill, an upper bound of its score: the cheap first look."""

    tokens: Tokens
    valued: list[tuple[Hit, float]]
    """Hits that count, with their modifier (1, or 0.5 for a lower-case acronym)."""
    bounds: dict[int, float]
    """Per skill, an upper bound of its score (before earlier turns and embeddings): per group, the
    noisy-or of every claim the group has in the text. The score takes the same noisy-or over fewer
    factors (one per span and term, some set aside, none counted twice), never more, so no skill can
    score more than this."""
    ignored: dict[int, list[tuple[Hit, str]]]


def scan(compiled: Compiled, text: str, *, among: set[int] | None = None) -> Scan:
    """Terms of ``text`` and score bounds of the candidate skills: those with an anchor hit, or the
    skills ``among`` (for an earlier turn, whatever the last turn made candidates)."""
    text = normalise(text)
    index = compiled.index
    tokens = index.tokens(text)
    hits = index.find(tokens, text)
    bounds: dict[int, float] = {}
    valued: list[tuple[Hit, float]] = []
    ignored: dict[int, list[tuple[Hit, str]]] = {}
    if not hits:
        return Scan(tokens, valued, bounds, ignored)
    negated = negated_positions(tokens)
    scan_terms = compiled.scan_terms
    # Per (skill, group) slot, the product of (1 - strength * value) over the group's hits: a hit's
    # anchor claims right away, in the one pass over the hits; words of skill text only once the
    # candidates are known. A slot's factors multiply in hit order either way.
    slots: dict[int, float] = {}
    get = slots.get
    candidates: set[int] = set() if among is None else among
    texts: list[tuple[dict[int, tuple[int, float]], float]] = []  # hits with skill-text claims
    for hit in hits:
        claimed = scan_terms[hit[0]]
        if claimed is None:
            continue
        value = 1.0 if not hit[3] and hit[1] not in negated else _modifier(hit, tokens, negated)
        if value == 0.0:
            reason = "negated" if hit[1] in negated else "a quantity"
            for owner in compiled.owners[hit[0]]:
                if owner.bound:
                    ignored.setdefault(owner.skill, []).append((hit, reason))
            continue
        valued.append((hit, value))
        claims, text_claims = claimed
        if claims is not None:
            if among is None:
                candidates.update(claims)
                if value == 1.0:
                    for slot, _strength, factor in claims.values():
                        slots[slot] = get(slot, 1.0) * factor
                else:
                    for slot, strength, _factor in claims.values():
                        slots[slot] = get(slot, 1.0) * (1.0 - strength * value)
            else:
                for skill, (slot, strength, _factor) in claims.items():
                    if skill in among:
                        slots[slot] = get(slot, 1.0) * (1.0 - strength * value)
        if text_claims is not None:
            texts.append((text_claims, value))
    if candidates:
        for text_claims, value in texts:
            if candidates.isdisjoint(text_claims):
                continue  # most words of skill text belong to skills that are not candidates
            if len(text_claims) <= len(candidates):
                for skill, (slot, strength) in text_claims.items():
                    if skill in candidates:
                        slots[slot] = get(slot, 1.0) * (1.0 - strength * value)
            else:
                for skill in candidates.intersection(text_claims):
                    slot, strength = text_claims[skill]
                    slots[slot] = get(slot, 1.0) * (1.0 - strength * value)
    caps = compiled.slot_caps
    for slot, rest in slots.items():
        skill = slot // GROUP_SLOTS
        bounds[skill] = bounds.get(skill, 0.0) + caps[slot] * (1.0 - rest)
    return Scan(tokens, valued, bounds, ignored)


class Weighing:
    """The second look at one turn for some skills: their hits gathered in one pass, each skill weighed
    when asked (the router asks for the likeliest first and may stop early)."""

    def __init__(self, compiled: Compiled, found: Scan, skills: Collection[int]) -> None:
        self._compiled = compiled
        self._found = found
        self._turn_keys: list[set[str]] = []
        keep = skills if isinstance(skills, set | frozenset) else set(skills)
        self._keep = keep
        per_skill: dict[int, list[tuple[Hit, Owner, float]]] = {}
        self._items = per_skill
        if not keep:
            return
        owners = compiled.owners
        claim_set = compiled.claim_set
        owner_index = compiled.owner_index
        get = per_skill.get
        for hit, value in found.valued:
            term = hit[0]
            if keep.isdisjoint(claim_set[term]):
                continue
            claims = owners[term]
            if len(keep) < len(claims):
                # A common word has dozens of claims; the few skills weighed say where theirs are.
                where = owner_index[term]
                for skill in keep:
                    for j in where.get(skill, ()):
                        items = get(skill)
                        if items is None:
                            per_skill[skill] = [(hit, claims[j], value)]
                        else:
                            items.append((hit, claims[j], value))
            else:
                for owner in claims:
                    skill = owner.skill
                    if skill in keep:
                        items = get(skill)
                        if items is None:
                            per_skill[skill] = [(hit, owner, value)]
                        else:
                            items.append((hit, owner, value))

    def all(self) -> dict[int, Evidence]:
        """Every skill's evidence: those with hits, and those whose hits were all set aside."""
        result = {skill: self.evidence(skill) for skill in self._items}
        for skill in self._found.ignored:
            if skill in self._keep and skill not in result:
                result[skill] = self.evidence(skill)
        return result

    def evidence(self, skill: int) -> Evidence | None:
        """The skill's evidence, ``None`` when the turn has nothing for it or against it."""
        items = self._items.get(skill)
        void = self._found.ignored.get(skill)
        if items is None and void is None:
            return None
        ignored = list(void) if void is not None else []
        entry = self._compiled.entries[skill]
        tokens = self._found.tokens
        if items:
            senses = entry.term_senses
            if senses:
                kept = []
                for item in items:
                    sense = senses.get(item[0][0])
                    if sense is not None and _other_sense(sense, item[0], tokens, self._turn_keys):
                        ignored.append((item[0], "other sense"))
                    else:
                        kept.append(item)
                items = kept
            if len(items) > 1:
                items = _drop_contained(items)
        evidence_ = _combine(entry, items, tokens) if items else _nothing()
        evidence_.ignored = ignored
        return evidence_


def weigh(compiled: Compiled, found: Scan, skills: Collection[int]) -> dict[int, Evidence]:
    """The second look, for ``skills`` only: senses, overlaps, groups, the score."""
    return Weighing(compiled, found, skills).all()


def _nothing() -> Evidence:
    return Evidence(0.0, 0.0, 0.0, 0, {}, {}, [])


def _combine(entry: Entry, items: list[tuple[Hit, Owner, float]], tokens: Tokens) -> Evidence:
    # A span of words counts once on each side, in the group where it weighs most (automatically =
    # automatic* = automat*; "predictor" is ML, not also a task word), and a term once per group
    # however often it recurs. Quotes discount what the message mentions, not what it asks against:
    # a quoted error message is still a debugging question.
    groups = entry.groups
    quoted = tokens.quoted
    # span -> (weighted value, strength, group, hit); one per side (for / against). A span is one int
    # (words start to end, and the side; a CJK term's negative id), cheaper to hash than a tuple.
    by_span: dict[int, tuple[float, float, int, Hit]] = {}
    for hit, owner, value in items:
        against = owner.against
        strength = owner.strength * value
        start = hit[1]
        if quoted is not None and start >= 0 and quoted[start] and not against:
            strength *= QUOTED
        span = ((start << 32 | hit[2]) << 1 | against) if start >= 0 else -1 - (hit[0] << 1 | against)
        weighted = strength * owner.weight
        seen = by_span.get(span)
        if seen is None or weighted > seen[0]:
            by_span[span] = (weighted, strength, owner.group, hit)
    best: dict[tuple[int, int], tuple[float, Hit]] = {}
    for _weighted, strength, group_idx, hit in by_span.values():
        key = (hit[0], group_idx)
        seen = best.get(key)
        if seen is None or strength > seen[0]:
            best[key] = (strength, hit)
    remaining: dict[int, float] = {}
    for (_term, group_idx), (strength, _hit) in best.items():
        remaining[group_idx] = remaining.get(group_idx, 1.0) * (1.0 - min(strength, 1.0))
    score = topic = support = 0.0
    facets = 0
    contributions: dict[int, float] = {}
    for group_idx, rest in remaining.items():
        group = groups[group_idx]
        contribution = group.weight * (1.0 - rest)
        kind = group.kind
        if kind == "against":
            contribution = -contribution
        elif kind == "topic":
            topic += contribution
        elif kind == "support":
            support += contribution
        if contribution >= FACET_MIN and kind in ("topic", "support"):
            facets += 1
        score += contribution
        contributions[group_idx] = contribution
    return Evidence(score, topic, topic + support, facets, contributions, best, [])


def matched_terms(evidence: Evidence, tokens: Tokens, texts: list[str]) -> list[tuple[str, int, float]]:
    """(surface text, group index, strength), strongest first."""
    words = tokens.words
    found = []
    for (term, group), (strength, hit) in evidence.best.items():
        start, end = hit[1], hit[2]
        if start < 0:
            text = texts[term]
        else:
            text = words[start] if end - start == 1 else " ".join(words[start:end])
        found.append((text, group, strength))
    # Stable either way: a reversed sort keeps equal strengths in their order, as sorting by -strength.
    found.sort(key=_strength, reverse=True)
    return found


_strength = itemgetter(2)


def ignored_terms(evidence: Evidence, tokens: Tokens, texts: list[str]) -> list[str]:
    """ "model (other sense)", "ML (negated)": what was seen and set aside, each once."""
    seen = dict.fromkeys(
        f"{tokens.span(hit[1], hit[2]) if hit[1] >= 0 else texts[hit[0]]} ({reason})"
        for hit, reason in evidence.ignored
    )
    return list(seen)
