"""Scoring check outcomes: pass rate per section, overall mean and minimum (the ML Test Score way)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._checks import CheckOutcome

REPORT_WIDE = "(report)"
"""Group name for outcomes that belong to no single section (G, XC, some anti-patterns, S-TITLE...)."""


@dataclass(frozen=True)
class SectionScore:
    section: str
    passed: int
    failed: int
    na: int

    @property
    def scored(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        """Pass rate over applicable outcomes (``na`` excluded); ``None`` when nothing applied."""
        return self.passed / self.scored if self.scored else None


@dataclass(frozen=True)
class Score:
    sections: tuple[SectionScore, ...]
    mean: float | None
    """Mean of the section pass rates (sections where something applied)."""
    minimum: float | None
    """Lowest section pass rate: a report is as ready as its weakest section (Breck et al. 2017)."""
    weakest: str | None
    passed: int
    failed: int
    na: int
    failures: tuple[CheckOutcome, ...]

    @property
    def pass_rate(self) -> float | None:
        """Passed over applicable outcomes, all sections pooled."""
        scored = self.passed + self.failed
        return self.passed / scored if scored else None

    def section(self, name: str) -> SectionScore | None:
        return next((s for s in self.sections if s.section == name), None)

    def summary(self) -> str:
        def pct(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.0%}"

        return (
            f"{self.passed}/{self.passed + self.failed} passed ({pct(self.pass_rate)}), {self.na} n/a; "
            f"section mean {pct(self.mean)}, minimum {pct(self.minimum)}"
            + (f" ({self.weakest})" if self.weakest else "")
        )


def score(outcomes: Iterable[CheckOutcome]) -> Score:
    """Aggregate outcomes per section (report-wide ones under :data:`REPORT_WIDE`)."""
    counts: dict[str, list[int]] = {}
    failures: list[CheckOutcome] = []
    for outcome in outcomes:
        group = counts.setdefault(outcome.section or REPORT_WIDE, [0, 0, 0])
        group[("pass", "fail", "na").index(outcome.status)] += 1
        if outcome.status == "fail":
            failures.append(outcome)
    sections = tuple(SectionScore(name, p, f, n) for name, (p, f, n) in counts.items())
    rated = [(s.rate, s.section) for s in sections if s.rate is not None]
    mean = sum(r for r, _ in rated) / len(rated) if rated else None
    weakest = min(rated, key=lambda pair: pair[0]) if rated else None
    return Score(
        sections=sections,
        mean=mean,
        minimum=weakest[0] if weakest else None,
        weakest=weakest[1] if weakest else None,
        passed=sum(s.passed for s in sections),
        failed=sum(s.failed for s in sections),
        na=sum(s.na for s in sections),
        failures=tuple(failures),
    )
