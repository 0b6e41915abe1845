"""Routing profiles: what the second stage knows about a skill.

Every skill gets a profile derived from its own text: its triggers (or, without any, candidates from
its name and description), the words of its description, and the words of its Purpose, Inputs and
step titles. A skill folder may add a ``routing.yaml`` next to its SKILL.md with more: aliases, term
groups in several languages (topic words, request words, and words *against* the skill), the other
senses of its trigger words, and its threshold. The file is content, validated here, never executed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import SkillParseError
from ..spec import Skill

Kind = Literal["topic", "support", "request", "against"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TermGroup(_Strict):
    """Terms that count as one kind of evidence; several hits in a group saturate (noisy-or)."""

    kind: Kind = "topic"
    """``topic``: the skill's subject (counts toward ``topic_min``); ``support``: the domain around it
    (a tool name, the data); ``request``: the shape of the ask (design, how should we, our);
    ``against``: another task or sense (write an email, debug a traceback)."""
    weight: float = Field(gt=0, le=3)
    """What a fully saturated group adds to (or, for ``against``, takes from) the score."""
    label: str = ""
    """How the one-line reason names the group; defaults to its key."""
    terms: dict[float, list[str]]
    """Terms by strength in (0, 1]. ``word*`` matches a prefix, ``*word`` a suffix (German compounds),
    all-capital words match by case, CJK terms match as substrings."""

    @field_validator("terms", mode="before")
    @classmethod
    def _plain_list(cls, value: object) -> object:
        return {1.0: value} if isinstance(value, list) else value

    @field_validator("terms")
    @classmethod
    def _strengths(cls, value: dict[float, list[str]]) -> dict[float, list[str]]:
        for strength in value:
            if not 0 < strength <= 1:
                raise ValueError(f"term strength {strength} is outside (0, 1]")
        return value


class SenseRule(_Strict):
    """Contexts in which a trigger word means something else; a hit in such a context is void."""

    before: list[str] = []
    """Words directly before the term (role model, car model, continental drift)."""
    after: list[str] = []
    """Words directly after it (model railway, serving size, training wheels)."""
    near: list[str] = []
    """Words anywhere in the same turn (W&B next to fuel or aircraft)."""


class RoutingProfile(_Strict):
    """How a skill is recognised. Every field has a default, so ``RoutingProfile()`` is valid."""

    threshold: float = Field(0.8, gt=0)
    """Score at which the skill fires."""
    topic_min: float = Field(0.5, ge=0)
    """Topic evidence needed as well: request words and skill-text overlap alone never fire."""
    corroboration: int = Field(1, ge=1, le=5)
    """How many distinct topic or support groups must each add at least 0.1: one domain word in a
    request-shaped sentence ("names for a startup that predicts yields") is not enough."""
    context_cap: float = Field(0.35, ge=0, le=1)
    """Share of the threshold that earlier conversation turns may add to the last user turn."""
    trigger_weight: float = Field(0.7, gt=0, le=3)
    """Weight of the group holding the frontmatter triggers and aliases."""
    about_weight: float = Field(0.6, ge=0, le=3)
    """Weight of the words of the skill's name and description."""
    body_weight: float = Field(0.35, ge=0, le=3)
    """Weight of the words of Purpose, Inputs and step titles."""
    aliases: list[str] = []
    """More trigger terms: spellings, tool names, translations (wandb, MLOps, modelo)."""
    senses: dict[str, SenseRule] = {}
    """Per trigger word, the contexts of its other senses."""
    groups: dict[str, TermGroup] = Field({}, max_length=60)

    @classmethod
    def from_file(cls, path: str | Path) -> RoutingProfile:
        import yaml  # content files only; routing itself never needs YAML

        path = Path(path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_unique_keys_loader()) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SkillParseError.single(
                path, _yaml_line(exc), f"cannot read routing profile: {exc}"
            ) from None
        try:
            return cls.model_validate(data)
        except ValueError as exc:
            first = str(exc).splitlines()
            raise SkillParseError.single(path, 1, "invalid routing profile: " + " ".join(first[:3])) from None


def _unique_keys_loader() -> type:
    """A safe loader that rejects a repeated key: YAML would silently keep only the last one."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"repeated key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return loader.construct_mapping(node, deep=True)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def _yaml_line(exc: Exception) -> int:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


PROFILE_FILE = "routing.yaml"


def find_profile(skill: Skill) -> Path | None:
    """``routing.yaml`` beside the skill file, else in the skill's folder of the content roots."""
    from .._content import find_content

    if skill.path:
        beside = Path(skill.path).parent / PROFILE_FILE
        if beside.is_file():
            return beside
    found = find_content("skill", f"{skill.slug}/{PROFILE_FILE}")
    return found if found is not None and found.is_file() else None


# --- deriving vocabulary from the skill's own text -------------------------------------------------

_STOP = frozenset(
    """a about above after again against all also an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from
    further had has have having here how i if in into is it its itself just may me might more most
    must my no nor not now of off on once only or other our out over own per same she should so some
    such than that the their them then there these they this those through to too under until up
    upon us very via was we were what when where which while who whom why will with within would
    you your yours e g ie eg vs versus one two three new make makes made get gets use used uses using
    user users skill skills claude agent help helps want wants need needs like also well way ways
    include includes including based work works across always never every thing things
    automate automated automation builder creator generator helper guide tool tools assistant manager
    quick start tips best practice practices task tasks""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'&+-]*")
_NAMEISH = re.compile(r"^(?:[A-Z][a-z]+[A-Z]\w*|[A-Za-z]*\d[\w-]*|[A-Z]{2,}\w*)$")

MAX_BODY_TERMS = 60


def candidate_triggers(skill: Skill) -> list[str]:
    """Triggers for a skill that declares none: its frontmatter ``tags``, its name as a phrase
    (weights-and-biases -> "weights and biases"), and the telling words of its name and slug."""
    found: list[str] = []
    tags = skill.metadata.get("tags")
    if isinstance(tags, list):
        found += [t for t in tags if isinstance(t, str) and 2 <= len(t) <= 40]
    phrase = re.split(r"[\s_\-./]+", skill.slug)
    if 2 <= len(phrase) <= 4:
        found.append(" ".join(phrase))
    for raw in re.split(r"[\s_\-./]+", f"{skill.name} {skill.slug}"):
        if len(raw) >= 3 and raw.lower() not in _STOP:
            found.append(raw)
    unique: dict[str, str] = {}
    for term in found:
        unique.setdefault(term.lower(), term)
    return list(unique.values())


def content_words(text: str) -> list[str]:
    """Words of prose worth matching: no stop words, no one- or two-letter words, first spelling kept."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in _WORD.findall(text):
        word = raw.strip("'-")
        low = word.lower()
        if len(word) < 3 or low in _STOP or low in seen:
            continue
        seen.add(low)
        out.append(word if _NAMEISH.match(word) else low)
    return out


def description_names(skill: Skill) -> list[str]:
    """Product names and acronyms of the description (FastMCP, GPT-4, MCP): near-triggers."""
    return [w for w in content_words(skill.description) if _NAMEISH.match(w)]


def body_text(skill: Skill) -> str:
    """The parts of the body that say what the skill is for; big reference sections are left out."""
    parts: list[str] = []
    for key in ("purpose", "inputs", "when_to_use_this_skill", "when_to_use", "overview"):
        section = skill.section(key)
        if section is not None:
            parts.append(section.body[:2000])
    parts.extend(step.title for step in skill.steps)
    return "\n".join(parts)


def body_words(skill: Skill) -> list[str]:
    counts: dict[str, int] = {}
    for word in content_words_all(body_text(skill)):
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked[:MAX_BODY_TERMS]


def content_words_all(text: str) -> list[str]:
    """Like :func:`content_words` but with repeats, for counting."""
    out = []
    for raw in _WORD.findall(text):
        word = raw.strip("'-").lower()
        if len(word) >= 3 and word not in _STOP:
            out.append(word)
    return out
