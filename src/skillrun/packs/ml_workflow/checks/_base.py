"""The frame every ML Workflow check runs in: registration, conditions, and a per-report view.

A check is a small function ``fn(view) -> (status, reason)`` registered with :func:`check`. The view
holds what many checks share (each section's plain text and units, the resolved facts, memoised
analyses), built once per :class:`CheckContext` so a whole run over one report stays in milliseconds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ....evals._checks import CheckContext, CheckOutcome, Status
from ....report._parsed import ParsedSection, ParsedTable
from ._facts import Facts, read_facts

PD = "Problem Definition"
FE = "Feature Engineering"
ET = "Experiment Tracking"
TP = "Training Pipeline"
MS = "Model Serving"
AB = "A/B Testing"
MD = "Monitoring and Drift"
SECTIONS = (PD, FE, ET, TP, MS, AB, MD)

Verdict = tuple[Status, str]
Condition = Callable[["View"], str | None]
"""Returns why the check does not apply (``na``), or ``None`` when it does."""

_RUBRIC_ITEM = re.compile(r"^\s*(?P<id>[A-Z]{1,2}-\d{2})(?:\s*=\s*(?P<direction>[\w-]+))?")


def rubric_items(items: list[str]) -> dict[str, str | None]:
    """``{"FE-04": "no", "AP-07": None}`` from case lines such as ``"FE-04=no: no feature store"``."""
    out: dict[str, str | None] = {}
    for item in items:
        m = _RUBRIC_ITEM.match(item)
        if m:
            out[m.group("id")] = (m.group("direction") or "").lower() or out.get(m.group("id"))
    return out


class SectionView:
    """One parsed section with the shapes checks ask for."""

    def __init__(self, parsed: ParsedSection) -> None:
        self.parsed = parsed
        # Built from the units rather than ``parsed.plain``: table header rows ("Threshold", "Action",
        # "Leakage Risk") are template words, not claims of the report.
        self.plain = "\n".join(self.units)

    @cached_property
    def units(self) -> list[str]:
        """Self-contained pieces (table rows, fields, notes, diagrams) for "A near B" checks."""
        out: list[str] = []
        for table in self.parsed.tables:
            out += [" | ".join(row) for row in table.rows]
        out += [f"{k}: {v}" for k, v in self.parsed.fields.items()]
        out += self.parsed.notes
        out += self.parsed.code_blocks
        return out

    @property
    def table(self) -> ParsedTable | None:
        return self.parsed.tables[0] if self.parsed.tables else None

    def row(self, label: str) -> list[str] | None:
        wanted = _norm(label)
        for table in self.parsed.tables:
            for row in table.rows:
                if row and _norm(row[0]) == wanted:
                    return row
        return None

    def cell(self, label: str, column: int = 1) -> str:
        """Cell ``column`` of the row labelled ``label`` ("" when absent)."""
        row = self.row(label)
        return row[column] if row is not None and column < len(row) else ""

    def row_text(self, label: str) -> str:
        """Every cell after the label of row ``label``, joined."""
        row = self.row(label)
        return " | ".join(row[1:]) if row else ""

    def field(self, label: str) -> str | None:
        wanted = _norm(label)
        for key, value in self.parsed.fields.items():
            if _norm(key) == wanted:
                return value
        return None

    def column(self, name: str) -> list[str]:
        """Cells of the first table column whose header contains ``name`` (case-insensitive)."""
        for table in self.parsed.tables:
            for index, header in enumerate(table.columns):
                if name.lower() in header.lower():
                    return [row[index] if index < len(row) else "" for row in table.rows]
        return []


def _norm(text: str) -> str:
    return " ".join(text.strip().strip("*_`").split()).lower()


class View:
    """Everything the checks derive from one context, computed at most once."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.report = ctx.report
        self.partial = bool(ctx.sections)
        self._sections: dict[str, SectionView | None] = {}
        self._memo: dict[str, Any] = {}
        expect = ctx.expect
        self.must = rubric_items(expect.must) if expect is not None else {}
        self.must_not = rubric_items(expect.must_not) if expect is not None else {}

    @cached_property
    def facts(self) -> Facts:
        return read_facts(self.ctx)

    def sec(self, heading: str) -> SectionView | None:
        if heading not in self._sections:
            parsed = None
            if not self.partial or heading in self.ctx.sections:
                parsed = self.report.section(heading)
            self._sections[heading] = SectionView(parsed) if parsed is not None else None
        return self._sections[heading]

    def text(self, *headings: str) -> str:
        """Plain text of the named sections that are present (all seven when none are named).

        The same string object comes back for the same headings, so the lexicon's lower-casing of it is
        done once per report, not once per check.
        """
        key = "text:" + "|".join(headings)
        if key not in self._memo:
            parts = [s.plain for h in (headings or SECTIONS) if (s := self.sec(h)) is not None]
            self._memo[key] = "\n".join(parts)
        return self._memo[key]

    def units(self, *headings: str) -> list[str]:
        return [u for h in (headings or SECTIONS) if (s := self.sec(h)) is not None for u in s.units]

    def absent(self, *headings: str) -> Verdict | None:
        """A verdict when a needed section is missing: ``na`` on a partial report, else ``fail``."""
        missing = [h for h in headings if self.sec(h) is None]
        if not missing:
            return None
        if self.partial:
            return "na", "needs " + ", ".join(missing) + " (not in this partial report)"
        return "fail", "section missing: " + ", ".join(missing)

    def required(self, check_id: str) -> bool:
        return check_id in self.must or check_id in self.must_not

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


# Views are cached by context identity: a run over one report asks ~100 checks about the same context.
_VIEWS: dict[int, tuple[CheckContext, View]] = {}
_VIEWS_LOCK = threading.Lock()
_VIEWS_KEPT = 8


def view(ctx: CheckContext) -> View:
    with _VIEWS_LOCK:
        cached = _VIEWS.get(id(ctx))
        if cached is not None and cached[0] is ctx:
            return cached[1]
        built = View(ctx)
        if len(_VIEWS) >= _VIEWS_KEPT:
            _VIEWS.pop(next(iter(_VIEWS)))
        _VIEWS[id(ctx)] = (ctx, built)
        return built


@dataclass(frozen=True)
class DomainCheck:
    """A registered rubric check; callable as the :class:`~skillrun.evals.Check` protocol asks."""

    id: str
    section: str | None
    fn: Callable[[View], Verdict]
    when: Condition | None = None

    def __call__(self, ctx: CheckContext) -> CheckOutcome:
        v = view(ctx)
        if self.section is not None:
            if v.partial and self.section not in ctx.sections:
                return CheckOutcome(self.id, "na", "section not part of this partial report", self.section)
            if v.sec(self.section) is None:
                return CheckOutcome(self.id, "fail", f"section '{self.section}' is missing", self.section)
        if self.when is not None and not v.required(self.id):
            why_not = self.when(v)
            if why_not:
                return CheckOutcome(self.id, "na", why_not, self.section)
        status, reason = self.fn(v)
        return CheckOutcome(self.id, status, reason, self.section)


REGISTRY: list[DomainCheck] = []


def check(check_id: str, section: str | None = None, *, when: Condition | None = None):
    """Register ``fn`` as the check for rubric id ``check_id``."""

    def register(fn: Callable[[View], Verdict]) -> Callable[[View], Verdict]:
        REGISTRY.append(DomainCheck(check_id, section, fn, when))
        return fn

    return register


# ------------------------------------------------------------------------------- shared conditions


def when_temporal(v: View) -> str | None:
    if v.facts.temporal:
        return None
    return "not temporal" if v.facts.temporal is False else "temporal unknown"


def when_imbalanced(v: View) -> str | None:
    if v.facts.imbalanced:
        return None
    return (
        "classes not imbalanced" if v.facts.imbalanced is False else "imbalance unknown or not classification"
    )


def when_regulated(v: View) -> str | None:
    if v.facts.regulated:
        return None
    said = {"brief": " (per the brief)", "request": " (read from the request)"}.get(
        v.facts.source.get("regulated", ""), ""
    )
    return f"no decision about a person in credit, insurance, health or hiring{said}"


def when_platform(v: View) -> str | None:
    return None if v.facts.platforms else "the request names no platform"


def ok(reason: str) -> Verdict:
    return "pass", reason


def bad(reason: str) -> Verdict:
    return "fail", reason


def na(reason: str) -> Verdict:
    return "na", reason
