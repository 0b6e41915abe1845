"""ML Workflow domain checks: every ``[auto]`` rubric item and the decidable anti-patterns.

``CHECKS`` lists them (each one satisfies :class:`skillrun.evals.Check`): report-wide items (G, XC and
AP-06/AP-07, ``section=None``) first, then per section in report order. Lexicons live in
``skill/ml-workflow/knowledge/checks.yaml``.
"""

from __future__ import annotations

from . import abtest, features, monitoring, problem, report_wide, serving, training
from ._base import REGISTRY, SECTIONS, DomainCheck, View, rubric_items, view
from ._facts import Facts, read_facts
from ._lexicon import lexicon

_ORDER = {None: 0, **{heading: i + 1 for i, heading in enumerate(SECTIONS)}}


def _key(check: DomainCheck) -> tuple[int, int, str]:
    # Anti-patterns after the section's properties, both by number.
    return _ORDER[check.section], check.id.startswith("AP-"), check.id


CHECKS: list[DomainCheck] = sorted(REGISTRY, key=_key)
CHECK_IDS: frozenset[str] = frozenset(c.id for c in CHECKS)

del abtest, features, monitoring, problem, report_wide, serving, training

__all__ = [
    "CHECKS",
    "CHECK_IDS",
    "DomainCheck",
    "Facts",
    "View",
    "lexicon",
    "read_facts",
    "rubric_items",
    "view",
]
