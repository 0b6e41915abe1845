"""``skillrun eval diff RUN_A RUN_B``: per-case and per-check deltas, and a paired comparison.

Results are paired by case id (repeats are averaged per case first), so the comparison is about the
same requests under two configurations. The paired t-interval and a seeded bootstrap interval of the
per-case difference B - A tell whether a change is larger than the case-to-case noise; the lists of
regressions and improvements tell where to look.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

from ..errors import UsageError
from ._results import Result
from ._stats import PairedComparison, paired_comparison
from ._store import read_results
from ._summary import _num, _pct


@dataclass
class CaseDelta:
    case_id: str
    score_a: float | None
    score_b: float | None
    status_a: str
    status_b: str
    newly_failing: list[str] = field(default_factory=list)
    newly_passing: list[str] = field(default_factory=list)

    @property
    def delta(self) -> float | None:
        if self.score_a is None or self.score_b is None:
            return None
        return self.score_b - self.score_a


@dataclass
class CheckDelta:
    id: str
    section: str | None
    rate_a: float | None
    rate_b: float | None

    @property
    def delta(self) -> float | None:
        return None if self.rate_a is None or self.rate_b is None else self.rate_b - self.rate_a


@dataclass
class RunDiff:
    run_a: str
    run_b: str
    model_a: str
    model_b: str
    paired: PairedComparison | None
    cases: list[CaseDelta]
    checks: list[CheckDelta]
    only_in_a: list[str]
    only_in_b: list[str]

    @property
    def regressions(self) -> list[CaseDelta]:
        worse = [
            c for c in self.cases if (c.delta is not None and c.delta < -1e-9) or c.newly_failing or _worse(c)
        ]
        return sorted(worse, key=lambda c: (c.delta if c.delta is not None else -2.0, c.case_id))

    @property
    def improvements(self) -> list[CaseDelta]:
        better = [
            c for c in self.cases if (c.delta is not None and c.delta > 1e-9) or c.newly_passing or _better(c)
        ]
        worse = {c.case_id for c in self.regressions}  # once, not once per candidate
        better = [c for c in better if c.case_id not in worse]
        return sorted(better, key=lambda c: (-(c.delta or 0.0), c.case_id))

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("cases", "checks", "paired")}
        data["paired"] = (
            None if self.paired is None else {**asdict(self.paired), "significant": self.paired.significant}
        )
        data["cases"] = [{**asdict(c), "delta": c.delta} for c in self.cases]
        data["checks"] = [{**asdict(c), "delta": c.delta} for c in self.checks]
        data["regressions"] = [c.case_id for c in self.regressions]
        data["improvements"] = [c.case_id for c in self.improvements]
        return data


_RANK = {"pass": 2, "fail": 1, "error": 0, "missing": -1}


def _worse(c: CaseDelta) -> bool:
    return _RANK.get(c.status_b, 0) < _RANK.get(c.status_a, 0) and c.status_a != "missing"


def _better(c: CaseDelta) -> bool:
    return _RANK.get(c.status_b, 0) > _RANK.get(c.status_a, 0) and c.status_b != "missing"


def _load(folder: Path) -> list[Result]:
    if not folder.exists():
        raise UsageError(f"no run folder at {folder}")
    results = read_results(folder)
    if not results:
        raise UsageError(f"{folder} holds no results")
    return results


def _pairs(
    a: list[Result], b: list[Result], model_a: str | None, model_b: str | None
) -> list[tuple[str, str]]:
    models_a = sorted({r.model for r in a})
    models_b = sorted({r.model for r in b})
    for chosen, models, side in ((model_a, models_a, "A"), (model_b, models_b, "B")):
        if chosen is not None and chosen not in models:
            raise UsageError(
                f"run {side} has no results for backend {chosen!r} (it has: {', '.join(models)})"
            )
    if model_a or model_b:
        pick_a = model_a or (models_a[0] if len(models_a) == 1 else model_b)
        pick_b = model_b or (models_b[0] if len(models_b) == 1 else model_a)
        if pick_a not in models_a or pick_b not in models_b:
            raise UsageError("name the backend of both runs with --model-a and --model-b")
        return [(pick_a, pick_b)]  # type: ignore[list-item]
    if len(models_a) == 1 and len(models_b) == 1:
        return [(models_a[0], models_b[0])]
    if models_a == models_b:
        return [(m, m) for m in models_a]
    raise UsageError(
        f"runs have different backends (A: {', '.join(models_a)}; B: {', '.join(models_b)}); "
        "pick one pair with --model-a and --model-b"
    )


def diff_runs(
    run_a: Path, run_b: Path, model_a: str | None = None, model_b: str | None = None
) -> list[RunDiff]:
    a, b = _load(run_a), _load(run_b)
    return [_diff_one(run_a, run_b, ma, mb, a, b) for ma, mb in _pairs(a, b, model_a, model_b)]


def _per_case(results: list[Result], model: str) -> dict[str, list[Result]]:
    grouped: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        if r.model == model:
            grouped[r.case_id].append(r)
    return grouped


def _case_score(rows: list[Result]) -> float | None:
    scores = [r.score for r in rows if r.status != "error" and r.score is not None]
    return fmean(scores) if scores else None


def _case_status(rows: list[Result]) -> str:
    statuses = {r.status for r in rows}
    for status in ("error", "fail", "pass"):
        if status in statuses:
            return status
    return "missing"


def _check_shares(rows: list[Result]) -> dict[str, tuple[float, str | None]]:
    seen: dict[str, list[float]] = defaultdict(list)
    sections: dict[str, str | None] = {}
    for r in rows:
        for o in r.outcomes:
            if o.status in ("pass", "fail"):
                seen[o.id].append(1.0 if o.status == "pass" else 0.0)
                sections[o.id] = o.section
    return {k: (fmean(v), sections[k]) for k, v in seen.items()}


def _diff_one(
    run_a: Path, run_b: Path, model_a: str, model_b: str, a: list[Result], b: list[Result]
) -> RunDiff:
    cases_a, cases_b = _per_case(a, model_a), _per_case(b, model_b)
    common = sorted(set(cases_a) & set(cases_b))
    deltas: list[CaseDelta] = []
    scores_a: dict[str, float] = {}
    scores_b: dict[str, float] = {}
    check_values: dict[str, tuple[list[float], list[float], str | None]] = {}
    for case_id in common:
        rows_a, rows_b = cases_a[case_id], cases_b[case_id]
        delta = CaseDelta(
            case_id, _case_score(rows_a), _case_score(rows_b), _case_status(rows_a), _case_status(rows_b)
        )
        shares_a, shares_b = _check_shares(rows_a), _check_shares(rows_b)
        for check_id in sorted(set(shares_a) & set(shares_b)):
            (value_a, section), (value_b, _) = shares_a[check_id], shares_b[check_id]
            if value_b < value_a:
                delta.newly_failing.append(check_id)
            elif value_b > value_a:
                delta.newly_passing.append(check_id)
            values = check_values.setdefault(check_id, ([], [], section))
            values[0].append(value_a)
            values[1].append(value_b)
        if delta.score_a is not None and delta.score_b is not None:
            scores_a[case_id], scores_b[case_id] = delta.score_a, delta.score_b
        deltas.append(delta)
    checks = [
        CheckDelta(check_id, section, fmean(va) if va else None, fmean(vb) if vb else None)
        for check_id, (va, vb, section) in sorted(check_values.items())
    ]
    checks.sort(key=lambda c: (c.delta if c.delta is not None else 0.0, c.id))
    return RunDiff(
        run_a=str(run_a),
        run_b=str(run_b),
        model_a=model_a,
        model_b=model_b,
        paired=paired_comparison(scores_a, scores_b),
        cases=deltas,
        checks=checks,
        only_in_a=sorted(set(cases_a) - set(cases_b)),
        only_in_b=sorted(set(cases_b) - set(cases_a)),
    )


def render_diff(diff: RunDiff, console: Any, limit: int = 25) -> None:
    from rich.table import Table

    title = f"{diff.run_a} [{diff.model_a}]  ->  {diff.run_b} [{diff.model_b}]"
    console.print(title, style="bold", markup=False)
    p = diff.paired
    if p is None:
        console.print("no case has a score in both runs", markup=False)
    else:
        line = (
            f"{p.n} paired cases: mean score {p.mean_a:.3f} -> {p.mean_b:.3f}, difference {p.diff.mean:+.4f}"
        )
        if p.diff.low is not None and p.diff.high is not None:
            line += f", paired t 95% CI [{p.diff.low:+.4f}, {p.diff.high:+.4f}]"
        if p.p_value is not None:
            line += f", p = {p.p_value:.3g}"
        if p.bootstrap is not None:
            line += f", bootstrap 95% CI [{p.bootstrap[0]:+.4f}, {p.bootstrap[1]:+.4f}]"
        console.print(line, markup=False)
        verdict = "significant" if p.significant else "not significant (the interval includes 0)"
        console.print(f"change is {verdict}", markup=False)
    for name, rows in (("regressions", diff.regressions), ("improvements", diff.improvements)):
        if not rows:
            console.print(f"no {name}", markup=False)
            continue
        table = Table(title=f"{name} ({len(rows)})", title_justify="left")
        for column in ("case", "A", "B", "delta", "status", "checks"):
            table.add_column(column, justify="right" if column in ("A", "B", "delta") else "left")
        for c in rows[:limit]:
            flips = c.newly_failing if name == "regressions" else c.newly_passing
            table.add_row(
                c.case_id,
                _num(c.score_a),
                _num(c.score_b),
                "-" if c.delta is None else f"{c.delta:+.3f}",
                f"{c.status_a} -> {c.status_b}",
                ", ".join(flips[:6]) + (" …" if len(flips) > 6 else ""),
            )
        console.print(table)
    moved = [c for c in diff.checks if c.delta]
    if moved:
        table = Table(title="pass rate per check (changed only)", title_justify="left")
        for column in ("check", "section", "A", "B", "delta"):
            table.add_column(column, justify="right" if column in ("A", "B", "delta") else "left")
        for c in moved[:limit]:
            table.add_row(
                c.id,
                c.section or "(report)",
                _pct(c.rate_a),
                _pct(c.rate_b),
                f"{c.delta:+.1%}",
            )
        console.print(table)
    for side, ids in (("A", diff.only_in_a), ("B", diff.only_in_b)):
        if ids:
            console.print(
                f"only in run {side}: {', '.join(ids[:20])}" + (" …" if len(ids) > 20 else ""), markup=False
            )
