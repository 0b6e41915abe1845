"""Skills and their profiles compiled into one term index and per-skill scoring tables."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..spec import Skill
from ._index import TermIndex, sense_key
from ._profile import (
    RoutingProfile,
    TermGroup,
    body_words,
    candidate_triggers,
    content_words,
    description_names,
    find_profile,
)

TRIGGER, ABOUT, BODY = "trigger", "about", "body"
_AUTO_LABELS = {TRIGGER: "trigger", ABOUT: "description", BODY: "skill text"}
# Auto-derived words shared by more than this share of the skills say nothing about any of them.
_MAX_SHARE = 0.2
NAME_TRIGGER = 0.8
GROUP_SLOTS = 64  # more groups than any profile has
_NO_SKILLS: frozenset[int] = frozenset()  # shared by the many terms without such claims: sets stay GC-tracked


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    label: str
    kind: str
    weight: float


@dataclass(frozen=True, slots=True)
class Sense:
    before: frozenset[str]
    after: frozenset[str]
    near: frozenset[str]


@dataclass(frozen=True, slots=True)
class Owner:
    """A skill's claim on a term: which group it feeds and how strongly."""

    skill: int
    group: int
    strength: float
    trigger: bool
    bound: float = 0.0
    """What this claim can add at most (strength times group weight; 0 for against): summed over a
    message's hits it bounds the skill's score from above, so hopeless skills are skipped early."""
    against: bool = False
    """Whether the group speaks against the skill; with ``weight``, copied from the group so that
    scoring does not look the group up for every hit."""
    weight: float = 0.0


@dataclass(slots=True)
class Entry:
    """One skill as the router scores it."""

    slug: str
    name: str
    profile: RoutingProfile
    groups: list[Group] = field(default_factory=list)
    term_senses: dict[int, Sense] = field(default_factory=dict)
    text: str = ""
    """Name, description and purpose: what an embedding stage compares messages with."""


ScanTerm = tuple[dict[int, tuple[int, float, float]] | None, dict[int, tuple[int, float]] | None]


@dataclass(slots=True)
class Compiled:
    index: TermIndex
    entries: list[Entry]
    owners: list[list[Owner]]
    thresholds: list[float] = field(default_factory=list)
    # The table below is read by the scoring loop, which runs over every hit of every message.
    # Per term, ``None`` when no skill claims it, else its positive claims split in two. Anchors
    # (triggers, candidate triggers, routing-profile terms) make a skill a candidate, as skill ->
    # (slot, strength, 1 - strength) where a slot is ``skill * GROUP_SLOTS + group``; the last is the
    # noisy-or factor of a full-strength hit, ready. Words of a skill's description and body only score
    # candidates: skill -> (slot, strength). Either dict is ``None`` when empty. One entry per term, so
    # a hit costs one table lookup, and dicts and tuples of numbers, which the cyclic GC stops
    # tracking after one look.
    scan_terms: list[ScanTerm | None] = field(default_factory=list)
    slot_caps: dict[int, float] = field(default_factory=dict)
    """Per (skill, group) slot, the group's weight: a group never adds more, whatever its hits."""
    claim_set: list[frozenset[int]] = field(default_factory=list)
    owner_index: list[dict[int, tuple[int, ...]]] = field(default_factory=list)
    """Per term, where each skill's claims stand in ``owners`` (one for, one against at most): the
    second look weighs a few skills and asks for theirs, instead of walking every claim of a common
    word. Positions, not the claims themselves, so the GC stops tracking the table."""
    trigger_slugs: list[tuple[str, ...]] = field(default_factory=list)
    """Per term, the slugs of the skills that declared it (or derived it) as a trigger: the keyword
    stage."""

    def __post_init__(self) -> None:
        self.thresholds = [e.profile.threshold for e in self.entries]
        one = _Shared()
        for claims in self.owners:
            anchors: dict[int, tuple[int, float, float]] = {}
            texts: dict[int, tuple[int, float]] = {}
            for o in claims:
                if o.bound:
                    group = self.entries[o.skill].groups[o.group].name
                    slot, strength = one.number(o.skill * GROUP_SLOTS + o.group), one.number(o.strength)
                    if group in (ABOUT, BODY):
                        texts[o.skill] = one.tuple((slot, strength))
                    else:
                        anchors[o.skill] = one.tuple((slot, strength, one.number(1.0 - o.strength)))
            self.scan_terms.append((one.table(anchors), one.table(texts)) if claims else None)
        self.slot_caps = {
            skill * GROUP_SLOTS + g: group.weight
            for skill, entry in enumerate(self.entries)
            for g, group in enumerate(entry.groups)
        }
        self.claim_set = [
            one.value(frozenset(o.skill for o in claims)) if claims else _NO_SKILLS for claims in self.owners
        ]
        slugs = [e.slug for e in self.entries]
        self.trigger_slugs = [
            one.value(tuple(slugs[o.skill] for o in claims if o.trigger)) for claims in self.owners
        ]
        for claims in self.owners:
            where: dict[int, tuple[int, ...]] = {}
            for j, o in enumerate(claims):
                where[o.skill] = (*where.get(o.skill, ()), j)
            self.owner_index.append(one.index(where))


class _Shared:
    """One object for equal numbers, tuples and claim tables of the scoring table. A skill's fifteen
    triggers then share one claim table, and a message's hits touch fewer distinct objects: the
    second stage's time at 1,000 skills is mostly CPU-cache misses, not instructions."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[type, float], float] = {}
        self._tuples: dict[tuple[int, ...], tuple] = {}
        self._tables: dict[tuple[tuple[int, int], ...], dict] = {}
        self._values: dict[Any, Any] = {}
        self._indexes: dict[tuple[tuple[int, tuple[int, ...]], ...], dict] = {}

    def number(self, value: float) -> float:
        # Keyed with the type: 1 == 1.0, and an int must not stand in for a float.
        return self._numbers.setdefault((type(value), value), value)

    def tuple(self, items: tuple) -> tuple:
        # Items are shared already, so their ids name their values (and stay alive here).
        return self._tuples.setdefault(tuple(map(id, items)), items)

    def value(self, value: frozenset[int] | tuple[str, ...]) -> Any:
        """The shared copy of a set of skill ids or a tuple of slugs."""
        return self._values.setdefault(value, value)

    def index(self, where: dict[int, tuple[int, ...]]) -> dict[int, tuple[int, ...]]:
        """The shared copy of a skill -> claim positions table (never mutated once built)."""
        return self._indexes.setdefault(tuple(where.items()), where)

    def table(self, claims: dict[int, tuple]) -> dict[int, tuple] | None:
        """The shared copy of a skill -> claim table (never mutated once built), ``None`` if empty."""
        if not claims:
            return None
        key = tuple((skill, id(claim)) for skill, claim in claims.items())
        return self._tables.setdefault(key, claims)


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(sense_key(w) for w in words)


# (text, group, strength, is a trigger, is derived): derived terms come from skill text or names, not
# from an author, and weigh less the more skills share them.
_Term = tuple[str, str, float, bool, bool]


def _auto_terms(skill: Skill, profile: RoutingProfile) -> list[_Term]:
    triggers = list(skill.triggers) + list(profile.aliases)
    if triggers:
        out = [(t, TRIGGER, 1.0, True, False) for t in triggers]
    else:
        # Tags and name words are candidates, not declared triggers: "training" in grpo-rl-training.
        out = [(t, TRIGGER, NAME_TRIGGER, True, True) for t in candidate_triggers(skill)]
    names = description_names(skill)
    out += [(w, ABOUT, 0.8, False, True) for w in names]
    described = content_words(f"{skill.name} {skill.description}")
    out += [(w, ABOUT, 0.5, False, True) for w in described if w not in names]
    out += [(w, BODY, 0.3, False, True) for w in body_words(skill)]
    return out


def _authored_terms(profile: RoutingProfile) -> list[_Term]:
    return [
        (variant, name, strength, False, False)
        for name, group in profile.groups.items()
        for strength, terms in group.terms.items()
        for term in terms
        for variant in phrasal_variants(term)
    ]


_PARTICLES = frozenset("up out back off down over".split())
_OBJECTS = ("it", "that", "this", "them", "these", "those", "everything")


def phrasal_variants(term: str) -> list[str]:
    """An English phrasal verb also matches with its object inside: roll out -> roll it out."""
    words = term.split()
    if len(words) != 2 or words[1].lower() not in _PARTICLES:
        return [term]
    return [term] + [f"{words[0]} {pronoun} {words[1]}" for pronoun in _OBJECTS]


def resolve_profile(skill: Skill, given: Mapping[str, RoutingProfile | str | Path] | None) -> RoutingProfile:
    """The profile given for the skill's slug, else its ``routing.yaml``, else the defaults."""
    chosen = (given or {}).get(skill.slug)
    if isinstance(chosen, RoutingProfile):
        return chosen
    if chosen is not None:
        return RoutingProfile.from_file(chosen)
    if given is None:
        found = find_profile(skill)
        if found is not None:
            return RoutingProfile.from_file(found)
    return RoutingProfile()


def compile_skills(skills: Iterable[Skill], profiles: Mapping[str, RoutingProfile]) -> Compiled:
    index = TermIndex()
    entries: list[Entry] = []
    claims: list[dict[tuple[int, bool], Owner]] = []  # per skill: (term, against) -> best owner
    derived: list[set[int]] = []  # per skill: terms whose claim is derived
    # How many skills derive each term, counted apart for skill text and for candidate triggers.
    df: dict[tuple[bool, int], int] = {}
    for number, skill in enumerate(skills):
        profile = profiles.get(skill.slug) or RoutingProfile()
        entry = Entry(skill.slug, skill.name, profile, text=_embedding_text(skill))
        groups: dict[str, int] = {}
        auto = {TRIGGER: profile.trigger_weight, ABOUT: profile.about_weight, BODY: profile.body_weight}
        for name, weight in auto.items():
            if weight > 0:
                groups[name] = len(entry.groups)
                entry.groups.append(Group(name, _AUTO_LABELS[name], "topic", weight))
        for name, group in profile.groups.items():
            groups[name] = len(entry.groups)
            entry.groups.append(_group(name, group))
        mine: dict[tuple[int, bool], Owner] = {}
        mine_derived: set[int] = set()
        for text, group_name, strength, is_trigger, is_derived in _auto_terms(
            skill, profile
        ) + _authored_terms(profile):
            if group_name not in groups:
                continue
            group_idx = groups[group_name]
            against = entry.groups[group_idx].kind == "against"
            for term in index.add(text, trigger=is_trigger):
                owner = Owner(number, group_idx, strength, is_trigger)
                best = mine.get((term, against))
                if best is None or _value(owner, entry) > _value(best, entry):
                    mine[(term, against)] = owner
                    if is_derived:
                        mine_derived.add(term)
                    else:
                        mine_derived.discard(term)
        entry.term_senses = _senses(profile, index, mine)
        for term in mine_derived:
            key = (mine[(term, False)].trigger, term)
            df[key] = df.get(key, 0) + 1
        claims.append(mine)
        derived.append(mine_derived)
        entries.append(entry)
    owners: list[list[Owner]] = [[] for _ in range(len(index))]
    total = len(entries)
    for number, mine in enumerate(claims):
        for (term, against), owner in mine.items():
            strength = owner.strength
            if not against and term in derived[number]:
                shared = df.get((owner.trigger, term), 1)
                if not owner.trigger and shared > 3 and shared > _MAX_SHARE * total:
                    continue  # a word of half the skills' descriptions tells none apart
                strength /= 1 + math.log(shared)
            group = entries[number].groups[owner.group]
            bound = 0.0 if against else strength * group.weight
            owners[term].append(
                Owner(owner.skill, owner.group, strength, owner.trigger, bound, against, group.weight)
            )
    return Compiled(index, entries, owners)


def _value(owner: Owner, entry: Entry) -> float:
    return owner.strength * entry.groups[owner.group].weight


def _group(name: str, group: TermGroup) -> Group:
    return Group(name, group.label or name, group.kind, group.weight)


def _senses(
    profile: RoutingProfile, index: TermIndex, mine: dict[tuple[int, bool], Owner]
) -> dict[int, Sense]:
    """Sense rules by term id, for the skill's positive terms that contain a ruled word."""
    if not profile.senses:
        return {}
    rules: dict[str, Sense] = {}
    for word, rule in profile.senses.items():
        key = sense_key(word)
        new = Sense(_keys(rule.before), _keys(rule.after), _keys(rule.near))
        old = rules.get(key)
        # Spellings that share a key (model, Modell, modèle) pool their contexts.
        rules[key] = (
            new if old is None else Sense(old.before | new.before, old.after | new.after, old.near | new.near)
        )
    out: dict[int, Sense] = {}
    for term, against in mine:
        if against:
            continue
        for spec in index.specs(term):
            rule = rules.get(_rule_key(spec))
            if rule is not None:
                out[term] = rule
                break
    return out


def _rule_key(spec: str) -> str:
    """The sense key a term word answers to: prefixes and suffixes by their stem (deploy* -> deploy)."""
    if spec.startswith(("P:", "S:")):
        return sense_key(spec[2:])
    return spec


def _embedding_text(skill: Skill) -> str:
    purpose = skill.section("purpose")
    return "\n".join(p for p in (skill.name, skill.description, purpose.body if purpose else "") if p)
