"""Monitoring and Drift: MD-01..MD-09, MD-11..MD-13 and AP-10, AP-11, AP-18."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._base import MD, PD, TP, View, bad, check, na, ok
from ._lexicon import lexicon
from ._shared import eval_metrics, metric_label, names_eval_metric, platform_label, stack_fit
from ._text import clip, distinct, found, has, sentences

_CATEGORIES = ("data_drift", "model_drift", "concept_drift", "operational")
_THRESHOLD = re.compile(
    r"(?P<p>\bp(?:[- ]?value)?\s*)?(?P<cmp>>=|≥|>|<=|≤|<|=|\babove\b|\bover\b|\bexceeds?\b|\bthreshold(?: of)?\b|"
    r"\bat\b|\bof\b)\s*(?P<num>\d*\.?\d+)\s*(?P<pct>%)?"
)
_P_VALUE = re.compile(r"\bp[- ]?values?\b|\bp\s*(?:<|≤|<=|=)|significan", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_LABEL_DELAY = re.compile(r"(\d+)\s*-?\s*(day|week|month)s?", re.IGNORECASE)
_DAYS = {"day": 1, "week": 7, "month": 30}


@dataclass(frozen=True)
class DriftPair:
    method: str
    value: float
    p_value: bool
    text: str


def drift_pairs(v: View) -> list[DriftPair]:
    """(method, threshold) pairs stated in the monitoring section."""

    def compute() -> list[DriftPair]:
        section = v.sec(MD)
        if section is None:
            return []
        lex = lexicon()
        pairs: list[DriftPair] = []
        for unit in section.units:
            for m in lex.drift_pattern.finditer(unit):
                after = unit[m.end() : m.end() + 60]
                t = _THRESHOLD.search(after)
                if t is None:
                    continue
                value = float(t.group("num")) / (100 if t.group("pct") else 1)
                p_value = bool(t.group("p")) or bool(
                    _P_VALUE.search(after[: t.start()] + unit[max(0, m.start() - 20) : m.start()])
                )
                pairs.append(
                    DriftPair(m.lastgroup or "", value, p_value, clip(m.group() + after[: t.end()], 50))
                )
        return pairs

    return v.memo("drift_pairs", compute)


def _judge_pair(pair: DriftPair) -> tuple[str, str]:
    """``("ok" | "mismatch" | "range", reason)`` for one pair against the allowed table."""
    spec = lexicon().drift_methods[pair.method]
    kind, (low, high) = spec["kind"], spec["range"]
    name = pair.method.replace("_", " ")
    if kind == "detector":
        return "ok", f"{name} detector"
    if kind in ("distance", "auc", "share") and pair.p_value:
        return "mismatch", f"{name} threshold written as a p-value ({pair.text!r})"
    if kind == "p_value" and not pair.p_value and pair.value > high:
        return "mismatch", f"{name} threshold {pair.value:g} is not a p-value ({pair.text!r})"
    if not low <= pair.value <= high:
        return "range", f"{name} threshold {pair.value:g} outside [{low:g}, {high:g}]"
    return "ok", f"{name} {pair.value:g}"


def _large_volume(v: View) -> bool:
    return any(r.value >= 1e6 for r in v.facts.rates)


def _ks_without_caveat(v: View) -> bool:
    if not any(p.method == "ks" for p in drift_pairs(v)) or not _large_volume(v):
        return False
    caveat = lexicon().patterns("drift_methods", "large_n_caveat")
    return not caveat.search(v.sec(MD).plain)  # type: ignore[union-attr]


@check("MD-01", MD)
def four_monitors(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(MD)
    table = section.table  # type: ignore[union-attr]
    rows = table.rows if table else []
    columns = [c.lower() for c in table.columns] if table else []
    threshold_at = next((i for i, c in enumerate(columns) if "threshold" in c), None)
    action_at = next((i for i, c in enumerate(columns) if "action" in c), None)
    action = lex.kw("MD-01", "action")
    problems: list[str] = []
    for category in _CATEGORIES:
        label = lex.kw("MD-01", category)
        row = next((r for r in rows if r and label.search(r[0])), None)
        name = category.replace("_", " ")
        if row is None:
            problems.append(f"no {name} row")
            continue
        body = " | ".join(row[1:])
        threshold = row[threshold_at] if threshold_at is not None and threshold_at < len(row) else body
        verb = row[action_at] if action_at is not None and action_at < len(row) else body
        if len(row) < 2 or not row[1].strip() or row[1].strip() in ("-", "—"):
            problems.append(f"{name} has no tool")
        if not _DIGIT.search(threshold):
            problems.append(f"{name} has no numeric threshold")
        if not action.search(verb):
            problems.append(f"{name} has no action")
    if problems:
        return bad("; ".join(problems[:3]))
    return ok("data, model, concept and operational monitors with tool, threshold and action")


@check("MD-02", MD)
def drift_thresholds(v: View) -> tuple:
    pairs = drift_pairs(v)
    if not pairs:
        return bad("no drift statistic with a threshold (PSI 0.2, K-S p < 0.05, JS >= 0.1, ...)")
    for pair in pairs:
        verdict, reason = _judge_pair(pair)
        if verdict != "ok":
            return bad(reason)
    if _ks_without_caveat(v):
        return bad("K-S test on millions of rows without an effect-size caveat")
    if v.facts.modality in ("text", "image"):
        unstructured = lexicon().patterns("drift_methods", "unstructured_ok")
        if not unstructured.search(v.sec(MD).plain):  # type: ignore[union-attr]
            return bad(f"{v.facts.modality} inputs without embedding or domain-classifier drift")
    return ok("drift thresholds fit their methods: " + ", ".join(_judge_pair(p)[1] for p in pairs[:3]))


@check("AP-10", MD)
def drift_threshold_mismatch(v: View) -> tuple:
    for pair in drift_pairs(v):
        verdict, reason = _judge_pair(pair)
        if verdict == "mismatch":
            return bad(reason)
    if _ks_without_caveat(v):
        return bad("K-S on millions of rows with no caveat")
    return ok("no drift threshold mismatched with its method")


@check("MD-03", MD)
def prediction_drift(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(MD)
    text = section.plain  # type: ignore[union-attr]
    distribution = found(lex.kw("MD-03", "distribution"), text, negation=False)
    if not distribution:
        return bad("no prediction/score distribution or positive-rate monitor")
    wanted = eval_metrics(v)
    for unit in section.units:  # type: ignore[union-attr]
        named = names_eval_metric(v, unit) if _DIGIT.search(unit) else []
        if named:
            return ok(f"{distribution!r} plus {metric_label(named[0])} with a threshold")
    target = metric_label(wanted[0]) if wanted else "the evaluation metric"
    return bad(f"{distribution!r} monitored but not {target} with a threshold")


@check("MD-04", MD)
def concept_drift(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(MD).plain  # type: ignore[union-attr]
    if not lex.kw("MD-04", "concept").search(text):
        return bad("concept drift not addressed")
    how = found(lex.kw("MD-04", "how"), text, negation=False)
    if not how:
        return bad("concept drift named without how it is detected with delayed labels")
    return ok(f"concept drift detected via {how!r}")


@check("MD-05", MD)
def operational(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(MD).plain  # type: ignore[union-attr]
    signals = distinct(lex.kw("MD-05", "ops"), text, negation=False)
    tool = found(lex.patterns("ops_tools", "patterns"), text)
    if len(signals) < 3:
        return bad(f"only {len(signals)} operational signals ({', '.join(signals) or 'none'})")
    if not tool:
        return bad("operational monitoring without a named tool (Prometheus/Grafana, CloudWatch, ...)")
    return ok(f"{', '.join(signals[:3])} in {tool}")


@check("MD-06", MD)
def serving_data_quality(v: View) -> tuple:
    hit = found(lexicon().kw("MD-06", "quality"), v.sec(MD).plain, negation=False)  # type: ignore[union-attr]
    return (
        ok(f"serving-time data quality ({hit!r})")
        if hit
        else bad("no schema/null/range/volume checks on serving data")
    )


@check("MD-07", MD)
def actionable_alerts(v: View) -> tuple:
    section = v.sec(MD)
    actions = section.column("Action")  # type: ignore[union-attr]
    if not actions:
        return bad("monitor table has no Action column")
    verb = lexicon().kw("MD-07", "action")
    rows = section.table.rows  # type: ignore[union-attr]
    for row, cell in zip(rows, actions, strict=False):
        if not cell.strip() or cell.strip() in ("-", "—", "..."):
            return bad(f"monitor {clip(row[0], 30)!r} has no action")
        if not verb.search(cell):
            return bad(f"monitor {clip(row[0], 30)!r} action {clip(cell, 40)!r} is not actionable")
    return ok(f"all {len(actions)} monitors have an action")


@check("MD-08", MD)
def retraining_policy(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(MD)
    text = section.field("Retraining policy") or section.plain  # type: ignore[union-attr]
    missing = [g for g in ("schedule", "trigger", "gate") if not lex.kw("MD-08", g).search(text)]
    if missing:
        return bad("retraining policy lacks " + ", ".join(missing))
    return ok("scheduled cadence, triggers and a promotion gate")


@check("AP-11", MD)
def auto_promotion(v: View) -> tuple:
    lex = lexicon()
    text = v.text(TP, MD)
    gate, auto_promote = lex.kw("MD-08", "gate"), lex.kw("MD-08", "auto_promote")
    for unit in v.units(TP, MD) if auto_promote.search(text) else []:
        for sentence in sentences(unit) if auto_promote.search(unit) else []:
            auto = found(lex.kw("MD-08", "auto_promote"), sentence)
            if auto and not gate.search(sentence):
                return bad(f"automatic promotion without a validation gate ({clip(sentence)!r})")
    if v.facts.regulated and not lex.kw("MD-08", "human").search(text):
        return bad(f"{v.facts.regulated} model promoted without human approval")
    return ok(
        "promotion goes through a validation gate" + (" and human approval" if v.facts.regulated else "")
    )


@check("MD-09", MD)
def staleness(v: View) -> tuple:
    lex = lexicon()
    stale, amount = lex.kw("MD-09", "stale"), lex.kw("MD-09", "amount")
    for unit in v.sec(MD).units:  # type: ignore[union-attr]
        for m in stale.finditer(unit):
            if amount.search(unit[max(0, m.start() - 60) : m.end() + 60]):
                return ok(f"staleness bound: {clip(unit)!r}")
    return bad("no maximum model age or data lag with an alert")


@check("MD-11", MD)
def upstream_changes(v: View) -> tuple:
    hit = found(lexicon().kw("MD-11", "upstream"), v.sec(MD).plain, negation=False)  # type: ignore[union-attr]
    return (
        ok(f"upstream changes notify ({hit!r})") if hit else bad("no data contract or upstream-change alert")
    )


@check("MD-12", MD)
def numerical_stability(v: View) -> tuple:
    hit = found(lexicon().kw("MD-12", "numeric"), v.sec(MD).plain, negation=False)  # type: ignore[union-attr]
    return ok(f"numerical checks ({hit!r})") if hit else bad("no NaN/inf or out-of-range score alert")


@check("MD-13", MD)
def monitoring_tool_fits(v: View) -> tuple:
    fitting, foreign = stack_fit(v, "monitoring_tools", v.sec(MD).plain)  # type: ignore[union-attr]
    if foreign:
        return bad(f"monitoring tool {foreign[0]} does not fit a {platform_label(v) or 'the'} stack")
    if not fitting:
        return bad("no drift/monitoring tool named (Evidently, NannyML, cloud model monitoring)")
    return ok(f"monitoring with {fitting[0]}")


def _label_delay_days(v: View) -> float | None:
    if v.facts.label_delay_days is not None:
        return v.facts.label_delay_days
    section = v.sec(PD)
    if section is None:
        return None
    text = section.plain
    for m in re.finditer(r"label", text, re.IGNORECASE):
        near = _LABEL_DELAY.search(text[m.end() : m.end() + 120])
        if near:
            return float(near.group(1)) * _DAYS[near.group(2).lower()]
    return None


def _delayed_labels(v: View) -> str | None:
    delay = _label_delay_days(v)
    if delay is None:
        return "label delay unknown"
    return None if delay >= 7 else f"labels arrive within {delay:g} days"


@check("AP-18", MD, when=_delayed_labels)
def labelled_accuracy_only(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(MD).plain  # type: ignore[union-attr]
    if drift_pairs(v) or lex.kw("MD-03", "distribution").search(text):
        return ok("drift or prediction-distribution signals besides labelled accuracy")
    if has(lex.drift_pattern, text):
        return ok("drift statistics monitored")
    return bad("monitoring relies on labelled metrics only although labels are delayed")


_ = na
