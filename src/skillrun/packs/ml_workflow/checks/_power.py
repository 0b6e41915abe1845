"""Reading a power calculation back out of a report, and redoing it with :mod:`..stats` (AB-06, AB-07).

The A/B section states (in whatever order) a baseline, an MDE, alpha, power, n per arm, the daily
eligible units, the share of traffic in the test and an outcome window; this module finds those numbers
and recomputes n and the duration the rubric's way (§10): n within ±10%, duration within ±1 day before
rounding up to whole weeks, plus the outcome window.

A cluster-randomised or stepped-wedge test is sized on top of that: when the report states an ICC and a
cluster size m, the design effect DE = 1 + (m - 1) x ICC, the inflated n x DE per arm and the clustered
duration are recomputed as well (Donner and Klar; ``stats.design_effect``), and a claim that no test
length reaches power is checked against the clusters available.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..stats import cluster_enrollment_days, design_effect, n_per_arm_mean, n_per_arm_proportion
from ._fixed import AudienceReading, read_audience
from ._text import CLAUSE_END, NUMBER, to_number

_NUM = rf"(?P<num>{NUMBER})"
_N = [
    re.compile(rf"\bn\s*(?:=|≈|~|:)\s*{_NUM}\s?(?P<mult>k|K|M)?\b", re.IGNORECASE),
    re.compile(
        rf"{_NUM}\s?(?P<mult>k|K|M)?\s*(?:[\w-]+\s){{0,2}}?(?:per|/|each)\s*(?:arm|variant|group)\b", re.I
    ),
    re.compile(rf"sample size[^\d\n|;]{{0,30}}?{_NUM}\s?(?P<mult>k|K|M)?\b", re.IGNORECASE),
]
_BASELINE = re.compile(r"\bbaseline\b", re.IGNORECASE)
# A number in the clause after "baseline": its currency, its unit and whether it is a window ("30-day").
_BASELINE_NUM = re.compile(
    rf"(?<![\w.])(?P<cur>[$€£]\s?)?{_NUM}(?P<window>\s*-?\s*(?:day|week|month|hour|h\b|d\b)s?)?"
    r"\s*(?P<pct>%|pp\b|percent\b|percentage points?)?",
    re.IGNORECASE,
)
_MEAN_WORD = re.compile(r"\b(?:mean|average|avg|median)\b", re.IGNORECASE)
# Units that make a bare number a mean ("baseline handling time 12 minutes", "baseline AOV 60 EUR").
_MEAN_UNIT = re.compile(
    r"\s*(?:ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|USD|EUR|GBP|dollars?|euros?|points?|stars?|"
    r"items?|km|kg|per (?:user|session|order|customer|visit|member|account|patient|claim))\b",
    re.IGNORECASE,
)
_SD_AFTER = re.compile(r"\bsd\b|σ|\bstd\b|standard deviation", re.IGNORECASE)
_BASELINE_GAP = 40
"""At most this many characters between "baseline" and its value ("baseline 30-day readmission rate 11%")."""
_SD = re.compile(
    rf"(?:\bsd\b|σ|\bstd\b\.?(?:\s*dev(?:iation)?)?|standard deviation)\s*(?:=|of|:|≈|is)?\s*[$€£]?{_NUM}",
    re.I,
)
_MDE = re.compile(
    rf"(?:\bMDE\b|minimum detectable effect)[^\d\n|;+\-−]{{0,24}}(?P<sign>[+\-−])?\s*[$€£]?{_NUM}\s*"
    r"(?P<unit>%|pp\b|percentage points?)?(?P<qual>[^\n|;]{0,16})",
    re.IGNORECASE,
)
# "MDE -10% relative = 0.50% absolute": the absolute figure is the more precise one.
_MDE_ABSOLUTE = re.compile(
    rf"[^\n|;]{{0,30}}?=\s*[~≈]?\s*[$€£]?{_NUM}\s*(?P<unit>%|pp\b|percentage points?)?\s*(?:absolute|abs\b)",
    re.I,
)
_ALPHA = re.compile(r"(?:\balpha\b|α)\s*(?:=|:|of)?\s*(?P<num>0?\.\d+)", re.IGNORECASE)
_POWER = [
    re.compile(r"\bpower\s*(?:=|:|of)?\s*(?P<num>0?\.\d+|\d{2}(?:\.\d+)?\s*%)", re.IGNORECASE),
    re.compile(r"(?P<num>\d{2}(?:\.\d+)?\s*%)\s*power", re.IGNORECASE),
]
_ARMS = re.compile(r"\b(?P<num>\d|two|three|four)\s*(?:arms|variants|groups)\b", re.IGNORECASE)
_DAILY = re.compile(
    rf"{_NUM}\s?(?P<mult>k|K|M)?\s*(?:[\w-]+\s){{0,3}}?[\w-]*\s*(?:/\s*day|per day|a day|each day|daily|par jour|por d[ií]a)",
    re.I,
)
# The share of eligible traffic in the test (all arms): "x 20% of traffic" in the arithmetic, or
# "20% of traffic in the experiment". "50% of users see the new model" is an arm, not the share.
_FRACTION = [
    re.compile(r"(?:x|×|\*)\s*(?P<num>\d+(?:\.\d+)?)\s*%", re.IGNORECASE),
    re.compile(
        r"(?P<num>\d+(?:\.\d+)?)\s*%\s*of\s+(?:the\s+)?(?:eligible\s+)?traffic\s+"
        r"(?:in|enrolled|enters|allocated|is in|goes to the)\s*(?:the\s+)?(?:test|experiment)",
        re.IGNORECASE,
    ),
]
_WINDOW = [
    re.compile(r"\+\s*(?P<num>\d+)\s*-?\s*day", re.IGNORECASE),
    re.compile(
        r"(?P<num>\d+)\s*-?\s*days?\s+(?:outcome|observation|label|churn|conversion|attribution|maturation|"
        r"follow-?up|readout)?\s*(?:window|period|lag)",
        re.IGNORECASE,
    ),
]
_METRIC_WINDOW = re.compile(r"(?P<num>\d+)\s*-?\s*day", re.IGNORECASE)
_DURATION = re.compile(rf"{_NUM}\s*-?\s*(?P<unit>days?|d\b|weeks?|wks?)", re.IGNORECASE)
_WORDS = {"two": 2, "three": 3, "four": 4}

# Cluster designs: "ICC = 0.05", "m = 21 units", "DE = 1 + (m - 1) x ICC = 1 + (21 - 1) x 0.05 = 2",
# "n x DE = 3,124 per arm", "300 clusters (150 per arm)", "at least n x ICC = 607 clusters per arm".
_ICC = re.compile(
    r"(?:\bICC\b|intra-?(?:class|cluster) correlation(?: coefficient)?)(?:\s*\(ICC\))?\s*"
    r"(?:=|:|of|≈|~|is|at)?\s*(?P<num>0?\.\d+)(?![\d.])",
    re.IGNORECASE,
)
_CLUSTER_SIZE = [
    re.compile(rf"(?<![\w-])m\s*(?:=|≈|~)\s*{_NUM}"),
    re.compile(rf"cluster size(?:\s*\(?m\)?)?\s*(?:=|:|of|≈|~)?\s*{_NUM}", re.IGNORECASE),
    re.compile(rf"{_NUM}\s+(?:[\w-]+\s){{0,2}}?per cluster\b", re.IGNORECASE),
]
_DE_ANCHOR = re.compile(r"\bDE\b|design effect", re.IGNORECASE)
_DE_VALUE = re.compile(rf"(?:=|≈|~|\bof\b|\bis\b)\s*{_NUM}(?!\s*[-+x×*/(^]|\s*\d|[\d.])", re.IGNORECASE)
_DE_END = re.compile(r"[;|\n]|,(?=\s)|\bso\b|\bthen\b|[.!?](?=\s|$)")
_N_CLUSTERED = [
    re.compile(rf"\bn\s*[x×*·]\s*DE\s*(?:=|≈|~)\s*{_NUM}", re.IGNORECASE),
    re.compile(
        rf"(?:inflated|clustered|effective|cluster-adjusted)\s+(?:n|sample(?:\s+size)?)(?:\s+per\s+arm)?\s*"
        rf"(?:=|:|of|to|≈|~)\s*{_NUM}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NUM}\s*(?:[\w-]+\s){{0,2}}?per arm (?:after|with|including|incl\.?) (?:the )?design effect", re.I
    ),
]
_N_ICC = re.compile(rf"\bn\s*[x×*·]\s*ICC\s*(?:=|≈|~)\s*{_NUM}", re.IGNORECASE)
_CLUSTERS = re.compile(
    rf"(?<![=≈~]\s){_NUM}\s+(?:randomi[sz]ed\s+)?clusters\b(?P<per_arm>\s+per\s+arm)?", re.I
)
_INFEASIBLE = re.compile(
    r"no powered (?:length|duration|test)|cannot be powered|can't be powered|out of reach|"
    r"however long the test runs|no (?:test )?length (?:within a year )?reaches",
    re.IGNORECASE,
)


@dataclass
class ClusterReading:
    """The cluster-randomised sizing a report states (any figure may be missing)."""

    icc: float
    m: float | None = None
    de: float | None = None
    n_clustered: float | None = None
    n_icc: float | None = None
    """The stated lower bound on clusters per arm, n x ICC (with few clusters)."""
    clusters: int | None = None
    infeasible: bool = False
    """The report says no test length reaches power with these clusters."""

    @property
    def expected_de(self) -> float | None:
        if self.m is None or self.m < 1 or not 0 <= self.icc < 1:
            return None
        return design_effect(self.m, self.icc)


def _stated_de(text: str) -> float | None:
    """The value a "DE = 1 + (m - 1) x ICC = ... = 2" chain (or "design effect of 2") ends with."""
    for anchor in _DE_ANCHOR.finditer(text):
        segment = text[anchor.end() : anchor.end() + 120]
        if end := _DE_END.search(segment):
            segment = segment[: end.start()]
        values = list(_DE_VALUE.finditer(segment))
        if values:
            return to_number(values[-1].group("num"))
    return None


def read_cluster(ab_text: str, arms: int = 2) -> ClusterReading | None:
    """The cluster sizing of ``ab_text``, or ``None`` when it states no ICC (no cluster design to check)."""
    m = _ICC.search(ab_text)
    if m is None:
        return None
    c = ClusterReading(icc=float(m.group("num")))
    for pattern in _CLUSTER_SIZE:
        if found := pattern.search(ab_text):
            c.m = _number(found)
            break
    c.de = _stated_de(ab_text)
    for pattern in _N_CLUSTERED:
        if found := pattern.search(ab_text):
            c.n_clustered = _number(found)
            break
    if found := _N_ICC.search(ab_text):
        c.n_icc = _number(found)
    counts = list(_CLUSTERS.finditer(ab_text))
    total = next((found for found in counts if not found.group("per_arm")), None)
    if total is not None:
        c.clusters = int(_number(total))
    elif counts and not (c.n_icc is not None and _number(counts[0]) == c.n_icc):
        c.clusters = int(_number(counts[0])) * arms
    c.infeasible = bool(_INFEASIBLE.search(ab_text))
    return c


@dataclass
class PowerReading:
    n: float | None = None
    baseline: float | None = None
    baseline_pct: bool = False
    baseline_mean: bool = False
    """The baseline is a mean (currency, a unit, "mean"), not a rate."""
    baseline_unread: str | None = None
    """A baseline mentioned with numbers near it, none of them its stated value (the clause, for a reason)."""
    sd: float | None = None
    mde: float | None = None
    mde_relative: bool = True
    mde_sign: int = 0
    """-1 decrease, +1 increase, 0 unknown (both are tried)."""
    alpha: float = 0.05
    power: float = 0.8
    arms: int = 2
    daily: float | None = None
    fraction: float = 1.0
    window: int = 0
    durations: list[int] = field(default_factory=list)
    stated: dict[str, bool] = field(default_factory=dict)
    cluster: ClusterReading | None = None
    """Set when the report sizes a cluster-randomised test (it states an ICC)."""
    audience: AudienceReading | None = None
    """Set when the report sizes the test against a fixed audience (a send, a fleet)."""

    @property
    def mean_metric(self) -> bool:
        return self.baseline is not None and (
            self.baseline_mean or (not self.baseline_pct and self.baseline > 1)
        )

    def missing_for_n(self) -> list[str]:
        need = {"baseline": self.baseline, "MDE": self.mde}
        if self.mean_metric:
            need["standard deviation"] = self.sd
        return [k for k, v in need.items() if v is None]


def _number(match: re.Match[str]) -> float:
    return to_number(match.group("num"), match.groupdict().get("mult"))


@dataclass(frozen=True)
class _Baseline:
    value: float
    pct: bool
    mean: bool


def _baseline_value(clause: str) -> _Baseline | None | bool:
    """The value a clause starting right after "baseline" states: a rate (a percentage or a share below
    1) or a mean (a currency, a unit, "mean ...", or a number followed by its sd). ``False`` when the
    clause has numbers but none reads as the baseline's value, ``None`` when it has none."""
    numbers = [m for m in _BASELINE_NUM.finditer(clause) if not m.group("window")]
    if not numbers:
        return None
    m = numbers[0]
    if m.start() > _BASELINE_GAP:
        return False
    value = to_number(m.group("num"))
    before, after = clause[: m.start()], clause[m.end() :]
    if m.group("pct"):
        return _Baseline(value, True, False)
    if m.group("cur") or _MEAN_WORD.search(before) or _MEAN_UNIT.match(after):
        return _Baseline(value, False, True)
    if 0 < value < 1:
        return _Baseline(value, False, False)
    if _SD_AFTER.search(after[:24]):
        return _Baseline(value, False, True)
    return False


def _read_baseline(text: str, r: PowerReading) -> None:
    """The first baseline whose value is stated where it is named ("baseline 11%", "baseline mean $60").

    A number elsewhere in the clause ("balanced on baseline rate by ramping 2 pilot sites") is not
    taken for the baseline: the reading stays empty and ``baseline_unread`` says where it looked.
    """
    for anchor in _BASELINE.finditer(text):
        clause = text[anchor.end() : anchor.end() + 80]
        cut = CLAUSE_END.search(clause)
        if cut:
            clause = clause[: cut.start()]
        found = _baseline_value(clause)
        if isinstance(found, _Baseline):
            r.baseline, r.baseline_pct, r.baseline_mean = found.value, found.pct, found.mean
            return
        if found is False and r.baseline_unread is None:
            r.baseline_unread = "baseline" + clause


def read_power(ab_text: str, primary_metric: str, duration_cell: str) -> PowerReading:
    r = PowerReading()
    for pattern in _N:
        m = pattern.search(ab_text)
        if m:
            r.n = _number(m)
            break
    _read_baseline(ab_text, r)
    if m := _SD.search(ab_text):
        r.sd = _number(m)
    if m := _MDE.search(ab_text):
        r.mde = to_number(m.group("num"))
        unit = (m.group("unit") or "").lower()
        qual = m.group("qual").lower()
        r.mde_sign = {"+": 1, "-": -1, "−": -1}.get(m.group("sign") or "", 0)
        if "absolute" in qual.split("=")[0] or "abs" in qual.split("=")[0][:6] or unit.startswith("p"):
            r.mde_relative = False
        elif unit == "%" or "relative" in qual:
            r.mde_relative = True
        else:
            r.mde_relative = False
        if unit in ("%", "pp") or unit.startswith("percentage"):
            r.mde /= 100
        if r.mde_relative and (absolute := _MDE_ABSOLUTE.match(ab_text, m.end("num"))):
            r.mde, r.mde_relative = to_number(absolute.group("num")), False
            if absolute.group("unit"):
                r.mde /= 100
    if m := _ALPHA.search(ab_text):
        r.alpha, r.stated["alpha"] = float(m.group("num")), True
    for pattern in _POWER:
        if m := pattern.search(ab_text):
            raw = m.group("num").replace(" ", "")
            r.power = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
            r.stated["power"] = True
            break
    if m := _ARMS.search(ab_text):
        token = m.group("num").lower()
        r.arms = int(token) if token.isdigit() else _WORDS[token]
    if m := _DAILY.search(ab_text):
        r.daily = _number(m)
    for pattern in _FRACTION:
        if m := pattern.search(duration_cell) or pattern.search(ab_text):
            fraction = float(m.group("num")) / 100
            if 0 < fraction <= 1:
                r.fraction = fraction
                break
    for pattern in _WINDOW:
        if m := pattern.search(ab_text):
            r.window = int(m.group("num"))
            break
    else:
        if m := _METRIC_WINDOW.search(primary_metric):
            r.window = int(m.group("num"))
    for m in _DURATION.finditer(duration_cell):
        value = to_number(m.group("num"))
        r.durations.append(int(value * 7 if m.group("unit").lower().startswith("w") else value))
    r.cluster = read_cluster(ab_text, r.arms)
    r.audience = read_audience(duration_cell) or read_audience(ab_text)
    return r


def expected_n(r: PowerReading) -> list[int]:
    """n per arm the stated inputs give (one value per plausible effect direction)."""
    assert r.baseline is not None and r.mde is not None
    base = r.baseline / 100 if r.baseline_pct else r.baseline
    delta = base * r.mde if r.mde_relative else r.mde
    if delta == 0:
        return []
    if r.sd is not None or r.mean_metric:
        if r.sd is None:
            return []
        return [n_per_arm_mean(r.sd, delta, r.alpha, r.power)]
    signs = [r.mde_sign] if r.mde_sign else [1, -1]
    out = []
    for sign in signs:
        p2 = base + sign * abs(delta)
        if 0 < p2 < 1 and 0 < base < 1:
            out.append(n_per_arm_proportion(base, p2, r.alpha, r.power))
    return out


def _weeks(days: float) -> int:
    return max(7, 7 * math.ceil(max(days, 1e-9) / 7))


def acceptable_durations(r: PowerReading, n: float | None = None) -> set[int]:
    """Total days (enrolment in whole weeks + outcome window) within ±1 day of the raw enrolment of
    ``n`` per arm (default: the stated n; for a cluster design, the inflated n x DE)."""
    n = r.n if n is None else n
    assert n is not None and r.daily
    raw = r.arms * n / (r.daily * r.fraction)
    return {_weeks(math.ceil(raw + shift)) + r.window for shift in (-1, 0, 1)}


def central_duration(r: PowerReading, n: float) -> int:
    """The total days the rubric's arithmetic gives for ``n`` per arm, without the ±1 day tolerance."""
    assert r.daily
    return _weeks(math.ceil(r.arms * n / (r.daily * r.fraction))) + r.window


def cluster_reaches_power(r: PowerReading, n: float) -> int | None:
    """Enrolment days (whole weeks, within a year) at which the stated clusters reach ``n`` x DE, or
    ``None`` when none does; ``stats.cluster_enrollment_days`` on the report's own inputs."""
    c = r.cluster
    assert c is not None and c.clusters and r.daily
    found = cluster_enrollment_days(math.ceil(n), r.daily * r.fraction, c.clusters, c.icc, r.arms)
    return found[0] if found is not None else None


def off(value: float, expected: float) -> float:
    """Relative difference of ``value`` from ``expected``."""
    return (value - expected) / expected
