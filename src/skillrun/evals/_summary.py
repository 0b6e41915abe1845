"""Aggregates of a run: per backend, per section and per check, with intervals; and their console view.

Scores are averaged over results that have a verdict. Errored results are counted and listed apart:
they are neither passes nor failures. With repeats, the score interval is clustered by case (see
``_stats``), and cases whose status changes between repeats are listed as flaky.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from statistics import fmean
from typing import Any

from .._confusion import Confusion, shown
from ._results import Result
from ._stats import Interval, clustered_mean_ci, mean_ci, percentile


@dataclass
class CheckStat:
    id: str
    section: str | None
    passed: int = 0
    failed: int = 0
    na: int = 0
    errors: int = 0

    @property
    def rate(self) -> float | None:
        decided = self.passed + self.failed
        return self.passed / decided if decided else None


@dataclass
class ErrorLine:
    case_id: str
    repeat: int
    where: str
    type: str
    message: str


@dataclass
class ModelSummary:
    model: str
    results: int = 0
    passed: int = 0
    failed: int = 0
    errored: int = 0
    repeats: int = 1
    score: Interval | None = None
    min_section: Interval | None = None
    worst_min_section: float | None = None
    sections: dict[str, float] = field(default_factory=dict)
    checks: list[CheckStat] = field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    requests: int = 0
    cache_hits: int = 0
    cost_usd: float | None = 0.0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    fallback_sections: int = 0
    errors: list[ErrorLine] = field(default_factory=list)
    flaky: list[str] = field(default_factory=list)


@dataclass
class RoutingSummary(Confusion):
    """One router's counts over a routing suite; precision, recall and F1 (``None`` when undefined)
    come from :class:`skillrun._confusion.Confusion`, the arithmetic ``score_routing`` uses too."""

    model: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errored: int = 0
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorLine] = field(default_factory=list)


@dataclass
class Summary:
    suite: str
    kind: str
    models: list[ModelSummary] = field(default_factory=list)
    routing: list[RoutingSummary] = field(default_factory=list)

    @property
    def errored(self) -> int:
        return sum(m.errored for m in self.models) + sum(r.errored for r in self.routing)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for model, raw in zip(self.models, data["models"], strict=True):
            for stat, raw_stat in zip(model.checks, raw["checks"], strict=True):
                raw_stat["rate"] = stat.rate
        for routing, raw in zip(self.routing, data["routing"], strict=True):
            raw.update(precision=routing.precision, recall=routing.recall, f1=routing.f1)
        data["errored"] = self.errored
        return data


def summarise(results: Iterable[Result], suite: str, kind: str) -> Summary:
    by_model: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_model[result.model].append(result)
    summary = Summary(suite=suite, kind=kind)
    for model in by_model:
        rows = sorted(by_model[model], key=lambda r: (r.case_id, r.repeat))
        if kind == "routing":
            summary.routing.append(_routing_summary(model, rows))
        else:
            summary.models.append(_model_summary(model, rows))
    return summary


def _model_summary(model: str, rows: list[Result]) -> ModelSummary:
    s = ModelSummary(model=model, results=len(rows))
    s.repeats = max((r.repeat for r in rows), default=0) + 1
    scored = [r for r in rows if r.status != "error" and r.score is not None]
    by_case: dict[str, list[float]] = defaultdict(list)
    for r in scored:
        by_case[r.case_id].append(float(r.score))  # type: ignore[arg-type]
    s.score = clustered_mean_ci(by_case) if s.repeats > 1 else mean_ci([float(r.score) for r in scored])  # type: ignore[arg-type]
    minima = [r.min_section for r in scored if r.min_section is not None]
    s.min_section = mean_ci(minima)
    s.worst_min_section = min(minima) if minima else None
    section_values: dict[str, list[float]] = defaultdict(list)
    checks: dict[str, CheckStat] = {}
    statuses: dict[str, set[str]] = defaultdict(set)
    cost_known = True
    cost = 0.0
    for r in rows:
        s.passed += r.status == "pass"
        s.failed += r.status == "fail"
        s.errored += r.status == "error"
        statuses[r.case_id].add(r.status)
        s.input_tokens += r.usage.input_tokens
        s.output_tokens += r.usage.output_tokens
        s.requests += r.usage.requests
        s.cache_hits += r.usage.cache_hits
        s.fallback_sections += len(r.fallback_sections)
        if r.cost_usd is None:
            cost_known = cost_known and r.usage.requests == 0
        else:
            cost += r.cost_usd
        for e in r.errors:
            s.errors.append(ErrorLine(r.case_id, r.repeat, e.where, e.type, e.message))
        if r.status != "error":
            for heading, value in r.sections.items():
                section_values[heading].append(value)
        for o in r.outcomes:
            stat = checks.setdefault(o.id, CheckStat(o.id, o.section))
            if o.status == "pass":
                stat.passed += 1
            elif o.status == "fail":
                stat.failed += 1
            elif o.status == "na":
                stat.na += 1
            else:
                stat.errors += 1
    s.cost_usd = round(cost, 6) if cost_known else None
    s.sections = {k: fmean(v) for k, v in section_values.items()}
    s.checks = sorted(checks.values(), key=lambda c: (c.rate if c.rate is not None else 2.0, c.id))
    latencies = [r.latency_ms for r in rows if r.status != "error"]
    s.latency_p50_ms = percentile(latencies, 50)
    s.latency_p95_ms = percentile(latencies, 95)
    if s.repeats > 1:
        s.flaky = sorted(case for case, seen in statuses.items() if len(seen - {"error"}) > 1)
    return s


def _routing_summary(model: str, rows: list[Result]) -> RoutingSummary:
    s = RoutingSummary(model=model)
    for r in rows:
        if r.status == "error" or r.routing is None:
            s.errored += 1
            for e in r.errors:
                s.errors.append(ErrorLine(r.case_id, r.repeat, e.where, e.type, e.message))
            continue
        outcome = r.routing.outcome
        row = {"id": r.case_id, "expected": r.routing.expected_skill if r.routing.trigger else None}
        row.update(predicted=r.routing.predicted, score=r.routing.score, why=r.routing.why)
        s.count(outcome)
        if outcome in ("fn", "wrong"):
            s.false_negatives.append(row)
        if outcome in ("fp", "wrong"):
            s.false_positives.append(row)
    return s


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} ms"


def _interval(m: ModelSummary) -> str:
    if m.score is None:
        return "-"
    if m.score.low is None or m.score.high is None:
        return f"{m.score.mean:.3f} (n={m.score.n})"
    clustered = f", {m.repeats} repeats, clustered" if m.repeats > 1 else ""
    return f"{m.score.mean:.3f} [{m.score.low:.3f}, {m.score.high:.3f}] (n={m.score.n}{clustered})"


def render_summary(summary: Summary, console: Any, *, max_checks: int = 20, max_errors: int = 20) -> None:
    """The run's summary as rich tables on ``console``."""
    from rich.table import Table

    if summary.models:
        # Metrics as rows, backends as columns: readable in 80 columns and in CI logs.
        table = Table(title=f"suite {summary.suite}", title_justify="left")
        table.add_column("metric")
        for m in summary.models:
            table.add_column(m.model, justify="right")
        rows: list[tuple[str, list[str]]] = [
            (
                "results",
                [
                    f"{m.results} ({m.passed} pass, {m.failed} fail, {m.errored} error)"
                    for m in summary.models
                ],
            ),
            ("score (95% CI)", [_interval(m) for m in summary.models]),
            (
                "min section (worst)",
                [
                    f"{_num(m.min_section.mean if m.min_section else None)} ({_num(m.worst_min_section)})"
                    for m in summary.models
                ],
            ),
            (
                "tokens in / out",
                [
                    f"{m.input_tokens:,} / {m.output_tokens:,}"
                    + (f" ({m.cache_hits} cached calls)" if m.cache_hits else "")
                    for m in summary.models
                ],
            ),
            ("cost", ["unknown" if m.cost_usd is None else f"${m.cost_usd:,.4f}" for m in summary.models]),
            (
                "latency p50 / p95",
                [f"{_ms(m.latency_p50_ms)} / {_ms(m.latency_p95_ms)}" for m in summary.models],
            ),
        ]
        if any(m.fallback_sections for m in summary.models):
            rows.append(("fallback sections", [str(m.fallback_sections) for m in summary.models]))
        for label, cells in rows:
            table.add_row(label, *cells)
        console.print(table)
        _render_sections(summary, console)
        _render_checks(summary, console, max_checks)
        for m in summary.models:
            if m.flaky:
                console.print(f"{m.model}: flaky across repeats: {', '.join(m.flaky)}", markup=False)
    for r in summary.routing:
        table = Table(title=f"routing suite {summary.suite} ({r.model})", title_justify="left")
        for column in ("precision", "recall", "F1", "TP", "FP", "FN", "TN", "error"):
            table.add_column(column, justify="right")
        table.add_row(
            shown(r.precision, ".1%"),
            shown(r.recall, ".1%"),
            shown(r.f1),
            str(r.tp),
            str(r.fp),
            str(r.fn),
            str(r.tn),
            str(r.errored),
        )
        console.print(table)
        for title, rows in (("false positives", r.false_positives), ("false negatives", r.false_negatives)):
            if rows:
                console.print(f"{title}:", style="bold")
                for row in rows:
                    got = row["predicted"] or "nothing"
                    console.print(
                        f"  {row['id']}: routed to {got}" + (f" ({row['why']})" if row["why"] else ""),
                        markup=False,
                    )
    _render_errors(summary, console, max_errors)


def _render_sections(summary: Summary, console: Any) -> None:
    from rich.table import Table

    headings: list[str] = []
    for m in summary.models:
        headings += [h for h in m.sections if h not in headings]
    if not headings:
        return
    table = Table(title="score per section", title_justify="left")
    table.add_column("section")
    for m in summary.models:
        table.add_column(m.model, justify="right")
    for heading in headings:
        table.add_row(heading, *(_num(m.sections.get(heading)) for m in summary.models))
    console.print(table)


def _render_checks(summary: Summary, console: Any, limit: int) -> None:
    from rich.table import Table

    stats: dict[str, dict[str, CheckStat]] = defaultdict(dict)
    for m in summary.models:
        for c in m.checks:
            stats[c.id][m.model] = c
    failing = sorted(
        (cid for cid, per in stats.items() if any(c.failed or c.errors for c in per.values())),
        key=lambda cid: (min((c.rate if c.rate is not None else 1.0) for c in stats[cid].values()), cid),
    )
    if not failing:
        if stats:
            console.print(f"all {len(stats)} checks pass on every result", markup=False)
        return
    table = Table(title="pass rate per check (failing checks, worst first)", title_justify="left")
    table.add_column("check")
    table.add_column("section")
    for m in summary.models:
        table.add_column(m.model, justify="right")
    for cid in failing[:limit]:
        per = stats[cid]
        section = next((c.section for c in per.values() if c.section), None) or "(report)"
        cells = []
        for m in summary.models:
            c = per.get(m.model)
            cells.append("-" if c is None else f"{_pct(c.rate)} ({c.passed}/{c.passed + c.failed})")
        table.add_row(cid, section, *cells)
    console.print(table)
    hidden = len(failing) - min(limit, len(failing))
    passing = len(stats) - len(failing)
    tail = [f"{hidden} more failing checks (see report.html)"] if hidden else []
    tail.append(f"{passing} checks pass on every result")
    console.print("; ".join(tail), markup=False)


def _render_errors(summary: Summary, console: Any, limit: int) -> None:
    lines = [(m.model, e) for m in summary.models for e in m.errors]
    lines += [(r.model, e) for r in summary.routing for e in r.errors]
    if not lines:
        return
    console.print(f"errors ({summary.errored} results; not counted as failures):", style="bold red")
    for model, e in lines[:limit]:
        console.print(
            f"  {e.case_id} [{model}, repeat {e.repeat}] {e.where}: {e.type}: {e.message}", markup=False
        )
    if len(lines) > limit:
        console.print(f"  ... and {len(lines) - limit} more (see results.jsonl)", markup=False)
