"""The router: keyword candidates, a second look at their context, ranked and explained matches."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..spec import Skill
from ._compile import Compiled, Entry, compile_skills, resolve_profile
from ._embed import Embedder, EmbeddingStage
from ._message import Routable, weighted_turns
from ._profile import RoutingProfile
from ._score import FACET_MIN, Evidence, Scan, Weighing, ignored_terms, matched_terms, scan, weigh
from ._text import Tokens, normalise


@dataclass(frozen=True, slots=True)
class Match:
    """A skill the message calls for (or, from :meth:`Router.scores`, one it was weighed against)."""

    skill: str
    """The skill's slug (``ml-workflow``)."""
    name: str
    score: float
    threshold: float
    matched: tuple[str, ...]
    """The message's words that counted for the skill, strongest first."""
    why: str
    """One line: the score against the threshold and what made it up."""
    fired: bool = True

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["matched"] = list(self.matched)
        return data


@dataclass(slots=True)
class _Decision:
    """The numbers behind a match; turned into a :class:`Match` only when someone will look at it."""

    skill: int
    score: float
    topic: float
    facets: int
    fired: bool
    found: Evidence | None
    context: float
    similarity: float | None

    def rank(self, entries: list[Entry]) -> tuple[float, float, str]:
        # Margin over the skill's own threshold first, then raw score, then slug: deterministic.
        entry = entries[self.skill]
        return (-self.score / entry.profile.threshold, -self.score, entry.slug)


class Router:
    """Routes chat messages to skills. Build it once (``from_skills``), call :meth:`route` per message."""

    def __init__(self, compiled: Compiled, embedder: Embedder | None = None) -> None:
        self._compiled = compiled
        self._embedding = EmbeddingStage(embedder, compiled.entries) if embedder is not None else None

    @classmethod
    def from_skills(
        cls,
        skills: Iterable[Skill],
        *,
        profiles: Mapping[str, RoutingProfile | str | Path] | None = None,
        embedder: Embedder | None = None,
    ) -> Router:
        """Compile ``skills``. Each skill's profile is ``profiles[slug]`` when ``profiles`` is given
        (a skill left out gets the defaults), else the ``routing.yaml`` of its folder if it has one."""
        skills = list(skills)
        chosen = {s.slug: resolve_profile(s, profiles) for s in skills}
        return cls(compile_skills(skills, chosen), embedder)

    @property
    def skills(self) -> list[str]:
        return [e.slug for e in self._compiled.entries]

    def route(self, message: Routable, *, top_k: int | None = None) -> list[Match]:
        """The skills ``message`` calls for, best first; empty when it calls for none."""
        decisions, tokens = self._decide(message, prune=True, top_k=top_k)
        fired = [d for d in decisions if d.fired]
        if not fired:
            return []
        entries = self._compiled.entries
        fired.sort(key=lambda d: d.rank(entries))
        return [self._explain(d, tokens) for d in (fired if top_k is None else fired[:top_k])]

    def route_one(self, message: Routable) -> Match | None:
        """The best skill for ``message`` or ``None``: the pure function an eval harness calls."""
        found = self.route(message, top_k=1)
        return found[0] if found else None

    def scores(self, message: Routable) -> list[Match]:
        """Every candidate skill (and any whose hits were all set aside), fired or not, ranked: what
        ``route`` chooses from, without its shortcuts."""
        decisions, tokens = self._decide(message)
        entries = self._compiled.entries
        decisions.sort(key=lambda d: (not d.fired, *d.rank(entries)))
        return [self._explain(d, tokens) for d in decisions]

    def trigger_hits(self, message: str) -> dict[str, list[str]]:
        """The keyword stage alone: skills whose triggers occur in ``message``, with the words found.

        Word boundaries, inflections and case-sensitive acronyms apply; senses, negation and context
        do not (that is the second stage's job).
        """
        compiled = self._compiled
        index = compiled.index
        text = normalise(message)
        tokens = index.tokens(text)
        out: dict[str, list[str]] = {}
        trigger_slugs = compiled.trigger_slugs
        words = tokens.words
        for term, start, end, weak in index.find(tokens, text):
            slugs = trigger_slugs[term]
            if not slugs or weak:
                continue
            if start < 0:
                found = index.texts[term]
            else:
                found = words[start] if end - start == 1 else " ".join(words[start:end])
            for slug in slugs:
                listed = out.get(slug)
                if listed is None:
                    out[slug] = [found]
                else:
                    listed.append(found)
        return out

    def _decide(
        self, message: Routable, *, prune: bool = False, top_k: int | None = None
    ) -> tuple[list[_Decision], Tokens | None]:
        turns = weighted_turns(message)
        if not turns:
            return [], None
        compiled = self._compiled
        first = scan(compiled, turns[0].text)
        candidates = set(first.bounds)
        earlier = [(turn.weight, scan(compiled, turn.text, among=candidates)) for turn in turns[1:]]
        if prune and self._embedding is None:
            return self._best_first(first, earlier, top_k), first.tokens
        similarity = self._embedding.contributions(turns[0].text) if self._embedding else {}
        skills = first.bounds.keys() | first.ignored.keys() | similarity.keys()
        return self._weigh(Weighing(compiled, first, skills), earlier, skills, similarity), first.tokens

    def _weigh(
        self,
        first: Weighing,
        earlier: list[tuple[float, Scan]],
        skills: Collection[int],
        similarity: Mapping[int, float] | None = None,
    ) -> list[_Decision]:
        compiled = self._compiled
        last = {s: found for s in skills if (found := first.evidence(s)) is not None}
        context: dict[int, float] = {}
        for weight, found in earlier:
            for skill, evidence_ in weigh(compiled, found, found.bounds.keys() & last.keys()).items():
                if evidence_.positive > 0:
                    context[skill] = context.get(skill, 0.0) + weight * evidence_.positive
        similarity = similarity or {}
        entries = compiled.entries
        return [
            _decide_one(entries[s], s, last.get(s), context.get(s, 0.0), similarity.get(s))
            for s in skills
            if s in last or s in similarity
        ]

    def _best_first(
        self, first: Scan, earlier: list[tuple[float, Scan]], top_k: int | None
    ) -> list[_Decision]:
        """Weigh the skills that could fire, highest upper bound first, and stop once none of the
        rest could enter the top ``k``. Exact: the same matches as weighing every skill."""
        compiled = self._compiled
        thresholds = compiled.thresholds
        entries = compiled.entries
        lift: dict[int, float] = {}
        for weight, found in earlier:
            for skill, bound in found.bounds.items():
                lift[skill] = lift.get(skill, 0.0) + weight * bound
        ceiling: dict[int, float] = {}
        for skill, bound in first.bounds.items():
            threshold = thresholds[skill]
            if skill in lift:
                bound += min(entries[skill].profile.context_cap * threshold, lift[skill])
            if bound >= threshold:
                ceiling[skill] = bound / threshold
        weighing = Weighing(compiled, first, ceiling.keys())
        if top_k is None or len(ceiling) <= top_k:
            return self._weigh(weighing, earlier, ceiling.keys())
        decisions: list[_Decision] = []
        best: list[float] = []  # margins of the fired decisions, highest first
        for skill in sorted(ceiling, key=lambda s: (-ceiling[s], entries[s].slug)):
            if len(best) >= top_k and ceiling[skill] < best[top_k - 1]:
                break
            for decision in self._weigh(weighing, earlier, (skill,)):
                decisions.append(decision)
                if decision.fired:
                    best.append(decision.score / thresholds[skill])
                    best.sort(reverse=True)
        return decisions

    def _explain(self, decision: _Decision, tokens: Tokens | None) -> Match:
        entry = self._compiled.entries[decision.skill]
        texts = self._compiled.index.texts
        found = decision.found
        terms = matched_terms(found, tokens, texts) if found is not None and tokens is not None else []
        ignored = ignored_terms(found, tokens, texts) if found is not None and tokens is not None else []
        matched = tuple(dict.fromkeys(t for t, g, _ in terms if entry.groups[g].kind != "against" and t))
        return Match(
            entry.slug,
            entry.name,
            round(decision.score, 4),
            entry.profile.threshold,
            matched,
            _why(entry, decision, terms, ignored),
            decision.fired,
        )


def _decide_one(
    entry: Entry, skill: int, found: Evidence | None, context: float, similar: float | None
) -> _Decision:
    profile = entry.profile
    score = found.score if found else 0.0
    topic = found.topic if found else 0.0
    facets = found.facets if found else 0
    if similar is not None:
        score += similar
        topic += max(similar, 0.0)
        facets += similar >= FACET_MIN
    bonus = 0.0
    if context > 0 and topic > 0:
        # Earlier turns only support a last turn that is on topic itself, and only so far.
        bonus = min(context, profile.context_cap * profile.threshold)
        score += bonus
        topic += bonus
        facets += bonus >= FACET_MIN
    fired = score >= profile.threshold and topic >= profile.topic_min and facets >= profile.corroboration
    return _Decision(skill, score, topic, facets, fired, found, bonus, similar)


def _why(entry: Entry, decision: _Decision, terms: list[tuple[str, int, float]], ignored: list[str]) -> str:
    profile = entry.profile
    score, topic = decision.score, decision.topic
    if decision.fired:
        head = f"{score:.2f} >= {profile.threshold:.2f}"
    elif score >= profile.threshold and topic < profile.topic_min:
        head = f"topic {topic:.2f} < {profile.topic_min:.2f} needed"
    elif score >= profile.threshold:
        head = f"evidence from {decision.facets} of {profile.corroboration} groups needed"
    else:
        head = f"{score:.2f} < {profile.threshold:.2f}"
    parts = []
    by_group: dict[int, dict[str, None]] = {}
    for text, group_idx, _strength in terms:  # strongest first already
        if text:
            by_group.setdefault(group_idx, {})[text] = None
    contributions = decision.found.contributions if decision.found else {}
    for group_idx, contribution in sorted(contributions.items(), key=lambda p: -abs(p[1])):
        shown = ", ".join(list(by_group.get(group_idx, ()))[:3])
        parts.append(
            f"{entry.groups[group_idx].label} {contribution:+.2f}" + (f" ({shown})" if shown else "")
        )
    if decision.similarity is not None:
        parts.append(f"embedding {decision.similarity:+.2f}")
    if decision.context:
        parts.append(f"earlier turns {decision.context:+.2f}")
    if ignored:
        parts.append("ignored: " + ", ".join(ignored[:3]))
    return f"{head}: " + "; ".join(parts) if parts else head
