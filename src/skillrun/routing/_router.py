"""The router: keyword candidates, a second look at their context, ranked and explained matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..spec import Skill
from ._compile import Compiled, Entry, compile_skills, resolve_profile
from ._embed import Embedder, EmbeddingStage
from ._message import Routable, weighted_turns
from ._profile import RoutingProfile
from ._score import FACET_MIN, Evidence, evidence
from ._text import normalise


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
        fired = [m for m in self.scores(message) if m.fired]
        return fired if top_k is None else fired[:top_k]

    def route_one(self, message: Routable) -> Match | None:
        """The best skill for ``message`` or ``None``: the pure function an eval harness calls."""
        found = self.route(message, top_k=1)
        return found[0] if found else None

    def trigger_hits(self, message: str) -> dict[str, list[str]]:
        """The keyword stage alone: skills whose triggers occur in ``message``, with the words found.

        Word boundaries, inflections and case-sensitive acronyms apply; senses, negation and context
        do not (that is the second stage's job).
        """
        index = self._compiled.index
        text = normalise(message)
        tokens = index.tokens(text)
        out: dict[str, list[str]] = {}
        entries = self._compiled.entries
        for hit in index.find(tokens, text):
            if hit.weak:
                continue
            for owner in self._compiled.owners[hit.term]:
                if owner.trigger:
                    words = " ".join(t.text for t in tokens[hit.start : hit.end]) if hit.start >= 0 else ""
                    out.setdefault(entries[owner.skill].slug, []).append(words or index.texts[hit.term])
        return out

    def scores(self, message: Routable) -> list[Match]:
        """Every skill with any evidence, fired or not, ranked: what ``route`` chooses from."""
        turns = weighted_turns(message)
        if not turns:
            return []
        compiled = self._compiled
        last, _tokens = evidence(compiled, turns[0].text)
        context: dict[int, float] = {}
        for turn in turns[1:]:
            earlier, _ = evidence(compiled, turn.text)
            for skill, found in earlier.items():
                if found.positive > 0:
                    context[skill] = context.get(skill, 0.0) + turn.weight * found.positive
        similarity = self._embedding.contributions(turns[0].text) if self._embedding else {}
        matches = []
        for skill in set(last) | set(similarity):
            entry = compiled.entries[skill]
            matches.append(self._match(entry, last.get(skill), context.get(skill, 0.0), similarity.get(skill)))
        matches.sort(key=lambda m: (-m.score / m.threshold, -m.score, m.skill))
        return matches

    def _match(self, entry: Entry, found: Evidence | None, context: float, similar: float | None) -> Match:
        profile = entry.profile
        score = found.score if found else 0.0
        topic = found.topic if found else 0.0
        extras: list[str] = []
        if similar:
            score += similar
            topic += max(similar, 0.0)
            extras.append(f"embedding {similar:+.2f}")
        bonus = 0.0
        if context > 0 and topic > 0:
            bonus = min(context, profile.context_cap * profile.threshold)
            score += bonus
            topic += bonus
            extras.append(f"earlier turns {bonus:+.2f}")
        facets = (found.facets if found else 0) + (bonus >= FACET_MIN) + (similar is not None and similar >= FACET_MIN)
        fired = score >= profile.threshold and topic >= profile.topic_min and facets >= profile.corroboration
        matched = tuple(
            dict.fromkeys(text for text, group, _ in (found.terms if found else ()) if _positive(entry, group))
        )
        return Match(
            entry.slug, entry.name, round(score, 4), profile.threshold, matched,
            _why(entry, found, score, topic, facets, fired, extras), fired,
        )


def _positive(entry: Entry, group: int) -> bool:
    return entry.groups[group].kind != "against"


def _why(
    entry: Entry, found: Evidence | None, score: float, topic: float, facets: int, fired: bool, extras: list[str]
) -> str:
    profile = entry.profile
    if fired:
        head = f"{score:.2f} >= {profile.threshold:.2f}"
    elif score >= profile.threshold and topic < profile.topic_min:
        head = f"topic {topic:.2f} < {profile.topic_min:.2f} needed"
    elif score >= profile.threshold:
        head = f"only {facets} of {profile.corroboration} corroborating groups"
    else:
        head = f"{score:.2f} < {profile.threshold:.2f}"
    parts = []
    for group_idx, contribution in found.parts if found else ():
        group = entry.groups[group_idx]
        words = [t for t, g, _ in found.terms if g == group_idx][:3] if found else []
        shown = ", ".join(w for w in words if w)
        parts.append(f"{group.label} {contribution:+.2f}" + (f" ({shown})" if shown else ""))
    return f"{head}: " + "; ".join(parts + extras) if parts or extras else head
