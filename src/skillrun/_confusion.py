"""How a routed message counts, and precision/recall/F1 over the counts: one implementation for
:func:`skillrun.routing.score_routing` and for the eval harness's routing suites (``skillrun eval
evals/routing``). Kept out of :mod:`skillrun.routing` so the harness does not load the router to count.

- ``trigger: true`` for skill S: S fires is a true positive; nothing fires, a false negative; another
  skill fires, both a false negative and a false positive ("wrong"). With no skill named (and no
  default), any skill firing is a true positive.
- ``trigger: false``: any skill firing is a false positive. A skill named on a negative case says which
  skill the message is a near miss for (a note for readers); it does not make another skill firing
  right, because the message should start no skill at all.

Precision with nothing predicted positive (and recall with no positive case) is undefined: ``None``,
shown as "n/a", and a gate on it (``--min-precision``) fails rather than passing on an empty ratio.
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["tp", "fp", "fn", "tn", "wrong"]


def routing_outcome(trigger: bool, wanted: str | None, predicted: str | None) -> Outcome:
    """How one message counts (see the module's docstring): ``wanted`` is the skill a positive case
    expects (``None``: any), ``predicted`` the skill that fired (``None``: nothing)."""
    if not trigger:
        return "tn" if predicted is None else "fp"
    if predicted is None:
        return "fn"
    return "tp" if wanted is None or predicted == wanted else "wrong"


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when ``whole`` is 0 (an undefined precision or recall)."""
    return part / whole if whole else None


def shown(value: float | None, spec: str = ".3f") -> str:
    """A precision, recall or F1 for people: ``n/a`` when undefined."""
    return "n/a" if value is None else format(value, spec)


class Confusion:
    """Confusion counts and the ratios over them, shared by :class:`RoutingScore` and the eval harness.

    Subclasses are dataclasses with integer fields ``tp``, ``fp``, ``fn`` and ``tn``.
    """

    tp: int
    fp: int
    fn: int
    tn: int

    def count(self, outcome: Outcome) -> None:
        """Add one message's outcome; "wrong" is both a miss and a false positive."""
        if outcome in ("fn", "wrong"):
            self.fn += 1
        if outcome in ("fp", "wrong"):
            self.fp += 1
        if outcome == "tp":
            self.tp += 1
        elif outcome == "tn":
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p is not None and r is not None and p + r else None


def predicted_slug(match: object) -> str | None:
    """The slug of the skill a router's match names (``None`` for no match)."""
    skill = getattr(match, "skill", None) if match is not None else None
    if skill is None:
        return None
    return str(getattr(skill, "slug", skill))
