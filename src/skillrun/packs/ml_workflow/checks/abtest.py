"""A/B Testing: AB-01..AB-10 and AP-09 (sample size), AP-15 (individual randomisation), AP-16 (peeking)."""

from __future__ import annotations

import re

from ..stats import plain_number
from ._base import AB, MD, MS, PD, Verdict, View, bad, check, na, ok, when_regulated
from ._fixed import audience_verdict
from ._lexicon import lexicon
from ._power import (
    ClusterReading,
    PowerReading,
    acceptable_durations,
    central_duration,
    cluster_reaches_power,
    expected_n,
    off,
    read_power,
)
from ._text import affirmed_matches, clip, found, has

_SPLIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*%?\s*(?:/\s*(\d+(?:\.\d+)?)\s*%?)+(?![\w.])")
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*%")
_REST = re.compile(r"hold-?out|not in the (?:test|experiment)|remaining|rest\b|excluded|unexposed", re.I)
_RAMP = re.compile(r"stepped|wedge|cross(?:es|over)|ramp|until|→|->|stage", re.IGNORECASE)
_PRIMARY_SPLIT = re.compile(r"[:;(]| — | – | - |\. ")
_MULTI = re.compile(r"\band\b|&|\bplus\b|\s\+\s|,(?!\d)", re.IGNORECASE)
_LIST = re.compile(r"[,;\n]|\band\b", re.IGNORECASE)
_INDIVIDUAL = re.compile(
    r"randomi[sz]\w*[^.\n|]{0,40}?\b(?:by|at|per|on)\s+(?:the\s+)?(?:individual\s+)?"
    r"(?:patient|applicant|employee|user|individual|member|person|customer|candidate|worker)s?\b|"
    r"(?:patient|applicant|employee|individual|user|person|worker)[- ]level\s+(?:randomi|A/?B|split|assignment)|"
    r"(?:patient|applicant|employee|user|individual|member|person|customer|candidate|worker)s?\s+"
    r"(?:are|is|will be|get)\s+(?:individually\s+)?randomi[sz]|randomi[sz]\w*\s+individually|coin[- ]flip",
    re.IGNORECASE,
)
_REVIEW = re.compile(
    r"IRB|ethics|ethical review|compliance|legal review|legal sign|regulator|consent|\bDPO\b|works council|"
    r"institutional review|review board|comit[ée]",
    re.IGNORECASE,
)


def ab_infeasible(v: View) -> str | None:
    """The alternative the report proposes when it declares a plain A/B infeasible (AB-11), else ``None``."""

    def compute() -> str | None:
        section = v.sec(AB)
        if section is None:
            return None
        lex = lexicon()
        text = section.plain
        if not lex.kw("AB-infeasible", "declared").search(text):
            return None
        return found(lex.kw("AB-infeasible", "alternative"), text, negation=False)

    return v.memo("ab_infeasible", compute)


def _when_power_calc(v: View) -> str | None:
    """n/a when the report replaces the A/B test (AB-11) and states no sample size; a stated one is checked."""
    alternative = ab_infeasible(v)
    if alternative and power_reading(v).n is None:
        return f"report replaces the A/B test with {alternative!r} (AB-11) and sizes no test"
    return None


def _when_split(v: View) -> str | None:
    """n/a when the report replaces the A/B test (AB-11) and gives no split in percentages."""
    alternative = ab_infeasible(v)
    section = v.sec(AB)
    if alternative and section is not None and not _PERCENT.search(section.cell("Traffic split")):
        return f"report replaces the A/B test with {alternative!r} (AB-11) and splits no traffic"
    return None


def power_reading(v: View) -> PowerReading:
    def compute() -> PowerReading:
        section = v.sec(AB)
        assert section is not None
        return read_power(
            section.plain, section.cell("Primary metric"), section.cell("Min duration") or section.plain
        )

    return v.memo("power", compute)


@check("AB-01", AB)
def randomization_unit(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(AB).plain  # type: ignore[union-attr]
    unit = lex.kw("AB-01", "unit")
    for m in lex.kw("AB-01", "randomize").finditer(text):
        near = unit.search(text[max(0, m.start() - 60) : m.end() + 60])
        if near:
            return ok(f"randomised by {near.group()!r}")
    if ab_infeasible(v):
        return na(f"no randomised test; report uses {ab_infeasible(v)!r}")
    return bad("no randomisation unit (user, account, device, store, cluster, switchback)")


@check("AB-02", AB, when=_when_split)
def split_sums(v: View) -> tuple:
    section = v.sec(AB)
    cell = section.cell("Traffic split") or section.plain  # type: ignore[union-attr]
    splits = list(_SPLIT.finditer(cell))
    if splits:
        final = splits[-1]
        arms = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", final.group())]
        total = sum(arms)
        if abs(total - 100) <= 0.5:
            return ok(f"final split {final.group().strip()} sums to 100%")
        percents = [float(p) for p in _PERCENT.findall(cell)]
        if any(abs(total - p) <= 0.5 for p in percents if p != total) or (
            _REST.search(cell) and any(abs(total + p - 100) <= 0.5 for p in percents)
        ):
            return ok(f"split {final.group().strip()} of the traffic share in the test")
        return bad(f"split {final.group().strip()} sums to {total:g}%, not 100%")
    percents = [float(p) for p in _PERCENT.findall(cell)]
    if len(percents) >= 2 and abs(sum(percents[-2:]) - 100) <= 0.5:
        return ok(f"arms {percents[-2]:g}% and {percents[-1]:g}% sum to 100%")
    if 100.0 in percents and _RAMP.search(cell):
        return ok("stepped rollout ending with 100% of units treated")
    return bad(f"no traffic split in percentages: {clip(cell)!r}")


@check("AB-03", AB)
def one_primary_metric(v: View) -> tuple:
    cell = v.sec(AB).cell("Primary metric")  # type: ignore[union-attr]
    if not cell.strip():
        return bad("no primary metric")
    head = _PRIMARY_SPLIT.split(cell, maxsplit=1)[0]
    joined = _MULTI.search(head)
    if joined:
        return bad(f"more than one primary metric: {clip(head)!r}")
    return ok(f"one primary metric: {clip(head, 50)!r}")


@check("AB-04", AB)
def guardrails(v: View) -> tuple:
    section = v.sec(AB)
    cell = section.cell("Guardrail metrics") or section.plain  # type: ignore[union-attr]
    lex = lexicon()
    items = [i for i in _LIST.split(cell) if i.strip()]
    trust = found(lex.kw("AB-04", "trust"), cell, negation=False)
    harm = found(lex.kw("AB-04", "harm"), cell, negation=False)
    if len(items) < 2:
        return bad("fewer than two guardrail metrics")
    if not trust:
        return bad("no trust/operational guardrail (SRM, p99 latency, error rate)")
    if not harm:
        return bad("no business/user-harm guardrail (revenue, complaints, false declines)")
    return ok(f"guardrails include {trust!r} and {harm!r}")


@check("AB-05", AB, when=_when_power_calc)
def mde_alpha_power(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(AB).plain  # type: ignore[union-attr]
    missing = [
        name for name in ("baseline", "mde", "alpha", "power") if not lex.kw("AB-05", name).search(text)
    ]
    if missing:
        return bad("not stated: " + ", ".join(missing))
    return ok("baseline, MDE, alpha and power stated")


def sample_size_verdict(v: View) -> Verdict:
    r = power_reading(v)
    if r.n is None:
        return bad("no sample size per arm stated")
    missing = r.missing_for_n()
    if r.baseline is None and r.baseline_unread:
        # A wrong number would give a wrong verdict: say what could not be read instead.
        return na(
            f"n = {r.n:,.0f} per arm not recomputed: no baseline value read from {clip(r.baseline_unread)!r}"
        )
    if missing:
        return bad(f"n = {r.n:,.0f} per arm but {', '.join(missing)} not stated, so it cannot be recomputed")
    expected = expected_n(r)
    if not expected:
        return bad("the stated baseline and MDE give no valid effect to size")
    best = min(expected, key=lambda e: abs(r.n - e) / e)  # type: ignore[operator]
    gap = off(r.n, best)
    c = r.cluster
    de = c.expected_de if c is not None else None
    if abs(gap) > 0.10:
        if (
            c is not None
            and de is not None
            and c.n_clustered in (None, r.n)
            and abs(off(r.n, best * de)) <= 0.10
        ):
            # The only n the report gives is the inflated one.
            return ok(f"n = {r.n:,.0f} per arm matches n x DE = {best:,} x {plain_number(de)} ({_design(c)})")
        return bad(f"n = {r.n:,.0f} per arm, recomputed {best:,} ({gap:+.0%})")
    unit = f"n = {r.n:,.0f} per arm matches {best:,} ({gap:+.1%})"
    return unit_or_cluster_verdict(r, best, unit)


def _design(c: ClusterReading) -> str:
    m = f", m = {plain_number(c.m)}" if c.m is not None else ""
    return f"ICC = {c.icc:g}{m}"


def unit_or_cluster_verdict(r: PowerReading, best: int, unit: str) -> Verdict:
    """``unit`` when the test is not cluster-randomised, else the check of its design-effect arithmetic."""
    c = r.cluster
    if c is None:
        return ok(unit)
    de = c.expected_de
    if de is None:
        if c.de is None or c.n_clustered is None:
            return ok(unit)  # an ICC without a cluster size or design effect: nothing more to recompute
        if abs(off(c.n_clustered, best * c.de)) > 0.10:
            return bad(
                f"n x DE = {c.n_clustered:,.0f} per arm, but {best:,} x DE {c.de:g} = {best * c.de:,.0f}"
            )
        return ok(f"{unit}; n x DE = {c.n_clustered:,.0f} with the stated DE {c.de:g} (no cluster size m)")
    if c.de is not None and abs(c.de - de) > max(0.10 * de, 0.05):
        return bad(
            f"DE = {c.de:g} stated, but 1 + (m - 1) x ICC = 1 + ({plain_number(c.m)} - 1) x {c.icc:g} = {plain_number(de)}"
        )
    target = best * de
    if c.n_clustered is None:
        return bad(
            f"{unit}, but the design effect {plain_number(de)} ({_design(c)}) is never applied: no n x DE per arm"
        )
    if abs(off(c.n_clustered, target)) > 0.10:
        return bad(
            f"n x DE = {c.n_clustered:,.0f} per arm, recomputed {best:,} x {plain_number(de)} = {target:,.0f} "
            f"({off(c.n_clustered, target):+.0%})"
        )
    if c.n_icc is not None and abs(off(c.n_icc, best * c.icc)) > 0.10:
        return bad(f"n x ICC = {c.n_icc:,.0f} clusters per arm stated, recomputed {best * c.icc:,.0f}")
    return ok(f"{unit}; n x DE = {c.n_clustered:,.0f} matches {best:,} x {plain_number(de)} ({_design(c)})")


def duration_verdict(v: View) -> Verdict:
    r = power_reading(v)
    if r.n is None:
        return bad("no sample size, so no duration can follow from it")
    if r.audience is not None:
        return audience_verdict(r, r.audience)
    if not r.daily:
        return bad("daily eligible units not stated, duration cannot be checked")
    if not r.durations:
        return bad("no duration in days or weeks")
    c = r.cluster
    if c is not None and (c.expected_de is not None or c.de is not None):
        return _cluster_duration_verdict(r, c)
    accepted = acceptable_durations(r)
    if set(r.durations) & accepted:
        hit = sorted(set(r.durations) & accepted)[-1]
        window = f" incl. {r.window}-day window" if r.window else ""
        return ok(
            f"{hit} days{window} matches {r.arms} x {r.n:,.0f} / ({r.daily:,.0f}/day x {r.fraction:.0%})"
        )
    expected = sorted(accepted)
    return bad(
        f"duration {r.durations[0]} days, recomputed {expected[len(expected) // 2]} days"
        + (f" (incl. {r.window}-day window)" if r.window else "")
    )


def _cluster_duration_verdict(r: PowerReading, c: ClusterReading) -> Verdict:
    """The clustered test length: enrolment of arms x n x DE units, and m consistent with it."""
    assert r.n is not None and r.daily
    daily = r.daily * r.fraction
    if c.infeasible:
        if not c.clusters:
            return bad("says no test length reaches power, but states no number of clusters")
        reached = cluster_reaches_power(r, r.n) if c.clusters >= r.arms else None
        if reached is not None:
            return bad(
                f"says no test length reaches power, but {c.clusters} clusters reach n x DE in {reached} days"
            )
        return ok(
            f"no powered length, rightly: {c.clusters} clusters cannot reach n x DE within a year "
            f"(n x ICC = {r.n * c.icc:,.0f} clusters per arm would be needed)"
        )
    de = c.expected_de or c.de
    assert de is not None
    inflated = c.n_clustered or r.n * de
    accepted = acceptable_durations(r, inflated)
    hits = sorted(set(r.durations) & accepted)
    window = f" incl. {r.window}-day window" if r.window else ""
    if not hits:
        return bad(
            f"no duration follows from the design effect: {r.arms} x {inflated:,.0f} (n x DE) / "
            f"{daily:,.0f} per day gives {central_duration(r, inflated)} days{window}"
        )
    if c.m is not None and c.clusters:
        sizes = {d: daily * (d - r.window) / c.clusters for d in hits if d > r.window}
        if sizes and not any(abs(off(c.m, size)) <= 0.10 for size in sizes.values()):
            d, size = next(iter(sizes.items()))
            return bad(
                f"m = {plain_number(c.m)} per cluster, but {daily:,.0f}/day x {d - r.window} days / {c.clusters} clusters "
                f"= {plain_number(size)}"
            )
    return ok(f"{hits[-1]} days{window} matches {r.arms} x {inflated:,.0f} (n x DE) / ({daily:,.0f}/day)")


@check("AB-06", AB, when=_when_power_calc)
def sample_size(v: View) -> tuple:
    return sample_size_verdict(v)


@check("AB-07", AB, when=_when_power_calc)
def duration(v: View) -> tuple:
    return duration_verdict(v)


@check("AP-09", AB, when=_when_power_calc)
def sample_size_missing_or_off(v: View) -> tuple:
    verdicts = (sample_size_verdict(v), duration_verdict(v))
    for verdict in verdicts:
        if verdict[0] == "fail":
            return verdict
    for verdict in verdicts:
        if verdict[0] == "na":
            return verdict
    return ok("sample size and duration follow from the power calculation")


@check("AB-08", AB, when=_when_split)
def srm_check(v: View) -> tuple:
    lex = lexicon()
    text = v.text(AB, MD)
    if not lex.kw("AB-08", "srm").search(text):
        return bad("no sample-ratio-mismatch check")
    if not lex.kw("AB-08", "test").search(text):
        return bad("SRM named without a chi-squared test")
    return ok("SRM check with a chi-squared test")


@check("AB-09", AB)
def rollback_criteria(v: View) -> tuple:
    section = v.sec(AB)
    cell = section.cell("Rollback criteria") or section.plain  # type: ignore[union-attr]
    if not re.search(r"\d", cell):
        return bad(f"rollback criteria without a number: {clip(cell)!r}")
    metric = found(lexicon().kw("AB-09", "guardrail"), cell, negation=False)
    if not metric:
        return bad("rollback criteria name no guardrail metric")
    return ok(f"numeric rollback on {metric!r}")


@check("AB-10", AB)
def no_peeking(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(AB).plain  # type: ignore[union-attr]
    fixed = found(lex.kw("AB-10", "fixed"), text, negation=False)
    if fixed:
        return ok(f"analysis plan: {fixed!r}")
    peek = found(lex.kw("AB-10", "peeking"), text)
    if peek:
        return bad(f"peeking: {peek!r}")
    return bad("no fixed horizon or sequential method")


@check("AP-16", AB)
def peeking(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(AB).plain  # type: ignore[union-attr]
    peek = found(lex.kw("AB-10", "peeking"), text)
    if peek and not re.search(r"sequential|alpha[- ]spending|mSPRT|always-valid", text, re.IGNORECASE):
        return bad(f"stops when significance first appears: {peek!r}")
    return ok("no stopping at the first significant p-value")


@check("AP-15", AB, when=when_regulated)
def individual_randomisation(v: View) -> tuple:
    text = v.sec(AB).plain  # type: ignore[union-attr]
    hit = next(affirmed_matches(_INDIVIDUAL, text), None)
    if hit is None:
        return ok("no individual-level randomised decision change")
    if _REVIEW.search(v.text(AB, MS, PD)) or has(lexicon().kw("MS-06", "rollout"), text):
        return ok(f"individual randomisation ({clip(hit.group(), 40)!r}) with review or a shadow phase")
    return bad(f"individual-level randomisation ({clip(hit.group(), 40)!r}) without IRB/compliance review")
