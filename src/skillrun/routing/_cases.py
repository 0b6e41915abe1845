"""Labelled routing cases (JSONL) and precision/recall of a router on them.

One case per line: ``{"id", "message" (text or a list of {role, content}), "trigger": bool,
"skill": slug or null, "why", "tags": [...]}``. ``skill`` may be left out when a suite is about one
skill; :func:`score_routing` then takes ``default_skill``.

How one routed message counts, and precision/recall when nothing is predicted, is decided in
:mod:`skillrun._confusion` for :func:`score_routing` and the eval harness alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._confusion import Confusion, predicted_slug, routing_outcome, shown
from ..errors import Problem, SuiteError
from ._message import Turn

CASE_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
"""A case id, routing or report: one token, as results, JUnit and ``--case`` globs name it."""


class RoutingCase(BaseModel):
    """One labelled chat message (or conversation, last turn deciding): should it trigger a skill?

    ``trigger: true`` expects ``skill`` (default: the suite's skill); ``trigger: false`` expects no skill
    at all (a ``skill`` given on it names the near miss, for readers; any skill firing is a false
    positive). The one case type of :func:`load_routing_cases` and the eval harness's routing suites.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=CASE_ID)
    message: str | list[Turn] = Field(min_length=1)
    """Turns are the router's own :class:`Turn`: a role it would refuse fails when the case is read."""
    trigger: bool
    skill: str | None = None
    why: str = ""
    tags: list[str] = []

    @property
    def text(self) -> str:
        """The message as one text (a conversation as ``role: content`` lines)."""
        if isinstance(self.message, str):
            return self.message
        return "\n".join(f"{t.role}: {t.content}" for t in self.message)

    def routable(self) -> str | list[dict[str, str]]:
        """What a router's ``route`` takes: the text, or the turns as ``{role, content}`` mappings."""
        return self.message if isinstance(self.message, str) else [t.model_dump() for t in self.message]


def parse_case_line(line: str) -> RoutingCase:
    """One JSONL line as a case; ``ValueError`` with a one-line message when it is not one."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("a case must be a JSON object")
    try:
        return RoutingCase.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{where}: {first['msg']}" if where else first["msg"]) from None


def load_routing_cases(path: str | Path) -> list[RoutingCase]:
    """Every case of a JSONL file; a :class:`SuiteError` lists every bad line as ``path:line: message``."""
    path = Path(path)
    cases: list[RoutingCase] = []
    problems: list[Problem] = []
    ids: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = parse_case_line(line)
        except ValueError as exc:
            problems.append(Problem(str(path), number, str(exc)))
            continue
        if case.id in ids:
            problems.append(Problem(str(path), number, f"duplicate id {case.id!r}"))
        ids.add(case.id)
        cases.append(case)
    if problems:
        raise SuiteError(problems)
    return cases


@dataclass
class RoutingScore(Confusion):
    """Confusion counts; a positive routed to the wrong skill is both a false positive and a miss."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"precision {shown(self.precision)} recall {shown(self.recall)} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": None if self.precision is None else round(self.precision, 4),
            "recall": None if self.recall is None else round(self.recall, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "false_positives": self.false_positives,
            "misses": self.misses,
        }


def score_routing(
    route_one: Callable[[Any], Any],
    cases: Iterable[RoutingCase],
    *,
    default_skill: str | None = None,
) -> RoutingScore:
    """Precision and recall of ``route_one`` (e.g. ``Router.route_one``) over ``cases``.

    ``route_one`` takes a case's message and returns ``None`` or an object with a ``skill`` attribute
    (a slug or a skill). ``cases`` come from :func:`load_routing_cases` or an eval routing suite.
    """
    score = RoutingScore()
    for case in cases:
        found = route_one(case.routable())
        outcome = routing_outcome(case.trigger, case.skill or default_skill, predicted_slug(found))
        score.count(outcome)
        if outcome in ("fn", "wrong"):
            score.misses.append(case.id)
        if outcome in ("fp", "wrong"):
            score.false_positives.append(case.id)
    return score
