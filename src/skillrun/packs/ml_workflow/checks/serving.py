"""Model Serving: MS-01..MS-08, MS-10 and AP-04, AP-05, AP-12."""

from __future__ import annotations

import re

from ._base import AB, FE, MD, MS, TP, View, bad, check, ok
from ._facts import Rate, is_capacity, per_of, to_per_day
from ._lexicon import lexicon
from ._shared import ONLINE_MODES, mode_components, report_mode
from ._text import NUMBER, clip, found, quantities, to_number

_UNITS = r"ms|milliseconds?|s|secs?|seconds?"
_PCT = {
    name: re.compile(
        rf"\b{name}(?:\.\d)?\b[^\d\n|]{{0,25}}?(?P<num>{NUMBER})\s*(?P<unit>{_UNITS})\b", re.IGNORECASE
    )
    for name in ("p50", "p90", "p95", "p99")
}
_TAILS = ("p99", "p95", "p90")
"""The tail a report may state a budget at: p99, or the percentile the request named (p95, p90)."""


def tail_of(values: dict[str, float]) -> tuple[str, float] | None:
    """The highest tail percentile ``values`` state, with its ms."""
    return next(((name, values[name]) for name in _TAILS if name in values), None)
_PAIR = re.compile(
    rf"\bp50\s*/\s*p9[59]\s*(?:latency\s*)?(?:=|:|of|≤|<=|<|under|below)?\s*(?P<a>{NUMBER})\s*"
    rf"(?:(?P<ua>{_UNITS})\b)?\s*/\s*(?P<b>{NUMBER})\s*(?P<ub>{_UNITS})\b",
    re.IGNORECASE,
)


def _ms(num: str, unit: str | None) -> float:
    value = to_number(num)
    return value if unit is None or unit.lower().startswith("m") else value * 1000


def percentiles(text: str) -> dict[str, float]:
    """``{"p50": ms, "p99": ms}`` as stated in ``text`` (``p50/p99 = 40/120 ms`` too)."""
    out: dict[str, float] = {}
    pair = _PAIR.search(text)
    if pair:
        out["p50"] = _ms(pair.group("a"), pair.group("ua") or pair.group("ub"))
        out["p99"] = _ms(pair.group("b"), pair.group("ub"))
    for name, pattern in _PCT.items():
        m = pattern.search(text)
        if m and name not in out:
            out[name] = _ms(m.group("num"), m.group("unit"))
    return out


def _mode(v: View) -> str | None:
    return report_mode(v) or v.facts.serving_mode


@check("MS-01", MS, when=lambda v: None if v.facts.serving_mode else "expected serving mode unknown")
def serving_mode(v: View) -> tuple:
    expected = v.facts.serving_mode
    said = report_mode(v)
    if said is None:
        return bad("no serving mode stated")
    if said == expected:
        return ok(f"serving mode {said}")
    parts = mode_components(v)
    if expected == "hybrid" and "batch" in parts and parts & {"real-time", "streaming"}:
        return ok("hybrid: batch and online components both present")
    if expected == "streaming" and said == "real-time":
        return ok("real-time inline scoring of the stream accepted for streaming")
    return bad(f"serving mode {said}, expected {expected}")


def _online_for_batch(v: View) -> tuple:
    said = report_mode(v)
    if said in ("real-time", "streaming"):
        return bad(f"{said} endpoint as the primary mode for periodic batch scoring")
    return ok(f"primary mode {said or 'not online'}")


def _batch_for_online(v: View) -> tuple:
    said = report_mode(v)
    if said == "batch" and not mode_components(v) & {"real-time", "streaming"}:
        return bad(f"batch-only serving for a {v.facts.serving_mode} decision")
    return ok(f"serving mode {said}")


# The eval cases name AP-04 for a serving-mode mismatch in either direction ("AP-04: nightly batch" on a
# streaming case). When a case requires AP-04 or AP-05 on a request of the other kind, the check guards
# the mismatch that request can actually have.
@check("AP-04", MS, when=lambda v: None if v.facts.serving_mode == "batch" else "not a batch request")
def realtime_for_batch(v: View) -> tuple:
    return _online_for_batch(v) if v.facts.serving_mode in ("batch", None) else _batch_for_online(v)


@check(
    "AP-05",
    MS,
    when=lambda v: (
        None if v.facts.serving_mode in ("real-time", "streaming", "hybrid") else "no in-request decision"
    ),
)
def batch_for_online(v: View) -> tuple:
    return _online_for_batch(v) if v.facts.serving_mode == "batch" else _batch_for_online(v)


@check("MS-02", MS)
def latency_sla(v: View) -> tuple:
    section = v.sec(MS)
    cell = section.cell("Latency SLA") or section.plain  # type: ignore[union-attr]
    mode = _mode(v)
    if mode not in ONLINE_MODES:
        deadline = found(lexicon().kw("MS-02", "deadline"), cell, negation=False)
        if deadline:
            return ok(f"batch completion deadline ({deadline!r})")
        return bad(f"batch serving without a completion deadline: {clip(cell)!r}")
    values = percentiles(cell) or percentiles(section.plain)  # type: ignore[union-attr]
    p50, tail = values.get("p50"), tail_of(values)
    if p50 is None or tail is None:
        return bad(f"{mode} serving needs p50 and p99 in ms; found {', '.join(values) or 'none'}")
    name, p99 = tail
    if p99 < p50:
        return bad(f"{name} {p99:g} ms is below p50 {p50:g} ms")
    limit = v.facts.latency_limit_ms
    if limit is not None and p99 > limit:
        return bad(f"{name} {p99:g} ms exceeds the request's limit of {limit:g} ms")
    return ok(f"p50 {p50:g} ms, {name} {p99:g} ms" + (f" within {limit:g} ms" if limit else ""))


@check("AP-12", MS, when=lambda v: None if _mode(v) in ONLINE_MODES else "not online serving")
def average_latency_only(v: View) -> tuple:
    text = v.sec(MS).plain  # type: ignore[union-attr]
    average = found(lexicon().kw("MS-02", "average"), text, negation=False)
    tail = percentiles(text)
    if average and not (set(_TAILS) & set(tail)):
        return bad(f"only average latency ({average!r}), no p99")
    return ok("latency stated as percentiles" if tail else "no average-only latency")


def _throughput_numbers(text: str) -> list[tuple[float, str]]:
    """``(value, per)`` for every number followed by a throughput unit, except people's capacities."""
    units = lexicon().kw("MS-03", "units")
    out = []
    for q in quantities(text):
        tail = text[q.end : q.end + 32]
        if q.value == 0 or not units.search(tail) or is_capacity(text, q.start, q.end, q.value):
            continue
        out.append((q.value, per_of(tail.split(";")[0])))
    return out


def _close(a: float, b: float) -> bool:
    return b > 0 and 0.1 <= a / b <= 10


def consistent(value: float, per: str, rate: Rate) -> bool:
    """Within an order of magnitude of ``rate``, converting seconds, minutes, hours, days, weeks and
    months. A count ("288k rows per run") is read as written or as one run a day ("12k rows/hour")."""
    ours, theirs = to_per_day(value, per), rate.per_day
    if ours is not None and theirs is not None:
        return _close(ours, theirs)
    return _close(value, rate.value) or (ours is None and theirs is not None and _close(value, theirs))


@check("MS-03", MS)
def throughput(v: View) -> tuple:
    section = v.sec(MS)
    cell = section.cell("Throughput") or section.plain  # type: ignore[union-attr]
    stated = _throughput_numbers(cell)
    if not stated:
        return bad(f"no numeric throughput (rps, events/s, rows per batch): {clip(cell)!r}")
    # Totals ("3k trials", "20M users") are not throughputs, nor are the capacities of the people who
    # act on the scores ("investigators review 60 claims a day"); only volumes in time are compared.
    rates = [r for r in v.facts.rates if r.volume]
    if not rates:
        return ok(f"throughput {stated[0][0]:,.0f} stated")
    for value, per in stated:
        for rate in rates:
            if consistent(value, per, rate):
                return ok(
                    f"throughput {value:,.0f} consistent with the request's {rate.value:,.0f} {rate.noun}"
                )
    first = rates[0]
    return bad(
        f"throughput {stated[0][0]:,.0f} is not within 10x of the request's {first.value:,.0f} {first.noun}"
    )


@check("MS-04", MS)
def scaling(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(MS)
    text = section.cell("Scaling") or section.plain  # type: ignore[union-attr]
    mode = _mode(v) or "batch"
    if mode == "real-time":
        auto = found(lex.kw("MS-04", "online"), text)
        extra = found(lex.kw("MS-04", "online_extra"), text, negation=False)
        if auto and extra:
            return ok(f"autoscaling ({auto!r}) with {extra!r}")
        return bad("real-time scaling needs autoscaling plus min replicas or a load test")
    groups = {
        "batch": ("batch",),
        "streaming": ("streaming",),
        "edge": ("edge",),
        "hybrid": ("batch", "online"),
    }
    for group in groups.get(mode, ("batch",)):
        hit = found(lex.kw("MS-04", group), text)
        if hit:
            return ok(f"{mode} scaling via {hit!r}")
    return bad(f"no {mode} scaling strategy in {clip(text)!r}")


@check("MS-05", MS)
def fallback(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(MS)
    text = section.cell("Fallback") or section.plain  # type: ignore[union-attr]
    trigger = found(lex.kw("MS-05", "trigger"), section.plain, negation=False)  # type: ignore[union-attr]
    mechanism = found(lex.kw("MS-05", "mechanism"), text, negation=False)
    if not (trigger or section.cell("Fallback")):  # type: ignore[union-attr]
        return bad("no fallback behaviour")
    if not mechanism:
        return bad(f"fallback without a mechanism (rules, cached score, human queue): {clip(text)!r}")
    return ok(f"fallback to {mechanism!r}")


@check("MS-06", MS)
def safe_rollout(v: View) -> tuple:
    lex = lexicon()
    text = v.text(MS, AB)
    rollout = found(lex.kw("MS-06", "rollout"), text)
    rollback = found(lex.kw("MS-06", "rollback"), text, negation=False)
    if not rollout:
        return bad("no shadow or canary phase before full traffic")
    if not rollback:
        return bad(f"{rollout} without a rollback procedure")
    return ok(f"{rollout} with {rollback}")


@check("MS-07", MS)
def prediction_logging(v: View) -> tuple:
    lex = lexicon()
    log, what = lex.kw("MS-07", "log"), lex.kw("MS-07", "what")
    logged = None
    for unit in v.units(MS, MD):
        for m in log.finditer(unit):
            near = unit[max(0, m.start() - 80) : m.end() + 80]
            if what.search(near):
                logged = near
                break
        if logged:
            break
    if not logged:
        return bad("no logging of served features/predictions")
    if not lex.kw("MS-07", "version").search(v.text(MS, MD)):
        return bad("predictions logged without the model version")
    return ok("features/predictions logged with the model version")


@check("MS-08", MS, when=lambda v: None if v.facts.serving_mode == "edge" else "not edge serving")
def edge_specifics(v: View) -> tuple:
    lex = lexicon()
    text = v.text(MS, TP)
    groups = {g: lex.kw("MS-08", g) for g in ("size", "compress", "ota", "offline", "telemetry")}
    present = [g for g, p in groups.items() if p.search(text)]
    if lex.patterns("edge_runtimes", "patterns").search(text):
        present.append("runtime")
    if len(present) >= 4:
        return ok(f"edge specifics: {', '.join(present)}")
    return bad(f"only {', '.join(present) or 'none'} of size/compression/runtime/OTA/offline/telemetry")


def _online_behavioural(v: View) -> str | None:
    if v.facts.serving_mode not in ("real-time", "streaming", "hybrid"):
        return "not real-time or streaming"
    section = v.sec(FE)
    if section is None or not lexicon().kw("MS-10", "behavioural").search(section.plain):
        return "no behavioural features"
    return None


@check("MS-10", MS, when=_online_behavioural)
def feature_freshness(v: View) -> tuple:
    lex = lexicon()
    fresh, unit = lex.kw("MS-10", "fresh"), lex.kw("MS-10", "unit")
    for piece in v.units(MS, FE):
        for m in fresh.finditer(piece):
            if unit.search(piece[max(0, m.start() - 60) : m.end() + 60]):
                return ok(f"online feature freshness target: {clip(piece)!r}")
    return bad("no freshness target (with a time unit) for online features")
