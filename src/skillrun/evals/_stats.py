"""Statistics for eval runs: t-intervals (clustered by case for repeats), paired comparisons, percentiles.

No SciPy: the Student t distribution comes from the regularised incomplete beta function, evaluated
with its continued fraction (modified Lentz), and the quantile by bisection on the CDF. Accurate to
about 1e-10, far below what an eval of a few hundred cases can resolve.

Cases are treated as a sample from the population of requests a skill will see (Miller 2024, "Adding
Error Bars to Evals"). With repeats, scores of one case are not independent, so the interval is taken
over per-case means (cluster means: each case weighs the same, df = cases - 1).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, stdev

_TINY = 1e-300
_EPS = 1e-15


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            break
    return h


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = a * math.log(x) + b * math.log1p(-x) - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = 0.5 * regularized_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t > 0 else tail


def t_ppf(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t (``t_ppf(0.975, 9) == 2.2622...``)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be in (0, 1)")
    if df > 1e7:
        return NormalDist().inv_cdf(p)
    if p < 0.5:
        return -t_ppf(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class Interval:
    """A mean with its standard error and a two-sided confidence interval (``None`` when n < 2)."""

    mean: float
    n: int
    stderr: float | None = None
    low: float | None = None
    high: float | None = None
    level: float = 0.95


def mean_ci(values: Sequence[float], level: float = 0.95) -> Interval | None:
    """Mean with a Student-t interval; ``None`` for no values, no interval for a single value."""
    data = [float(v) for v in values]
    if not data:
        return None
    mean = fmean(data)
    n = len(data)
    if n < 2:
        return Interval(mean=mean, n=n, level=level)
    se = stdev(data) / math.sqrt(n)
    half = t_ppf(0.5 + level / 2.0, n - 1) * se
    return Interval(mean=mean, n=n, stderr=se, low=mean - half, high=mean + half, level=level)


def clustered_mean_ci(groups: Mapping[str, Sequence[float]], level: float = 0.95) -> Interval | None:
    """Interval over cluster means (one cluster per case), so repeats of a case count once."""
    means = [fmean(v) for v in groups.values() if v]
    return mean_ci(means, level)


def percentile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) with linear interpolation between order statistics."""
    data = sorted(values)
    if not data:
        return None
    position = (len(data) - 1) * q / 100.0
    below = math.floor(position)
    above = min(below + 1, len(data) - 1)
    return data[below] + (data[above] - data[below]) * (position - below)


def bootstrap_ci(
    values: Sequence[float], level: float = 0.95, resamples: int = 2000, seed: int = 0
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean, seeded so two reports of one run agree."""
    data = list(values)
    if len(data) < 2:
        return None
    rng = random.Random(seed)
    n = len(data)
    means = sorted(fmean(rng.choices(data, k=n)) for _ in range(resamples))
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = percentile(means, tail), percentile(means, 100.0 - tail)
    assert low is not None and high is not None
    return low, high


@dataclass(frozen=True)
class PairedComparison:
    """B minus A over cases present in both runs."""

    n: int
    mean_a: float
    mean_b: float
    diff: Interval
    t: float | None
    p_value: float | None
    """Two-sided paired t-test; ``None`` when every difference is the same (no spread)."""
    bootstrap: tuple[float, float] | None

    @property
    def significant(self) -> bool:
        return (
            self.diff.low is not None
            and self.diff.high is not None
            and (self.diff.low > 0 or self.diff.high < 0)
        )


def paired_comparison(
    a: Mapping[str, float], b: Mapping[str, float], level: float = 0.95, seed: int = 0
) -> PairedComparison | None:
    """Paired t-interval and bootstrap interval of the per-case difference ``b - a``."""
    keys = [k for k in a if k in b]
    if not keys:
        return None
    diffs = [b[k] - a[k] for k in keys]
    interval = mean_ci(diffs, level)
    assert interval is not None
    t_stat = p_value = None
    if interval.stderr:
        t_stat = interval.mean / interval.stderr
        p_value = 2.0 * (1.0 - t_cdf(abs(t_stat), len(diffs) - 1))
    elif len(diffs) > 1:
        # Every case moved by exactly the same amount: no spread, so the interval is the point itself.
        interval = Interval(interval.mean, interval.n, 0.0, interval.mean, interval.mean, level)
    return PairedComparison(
        n=len(keys),
        mean_a=fmean(a[k] for k in keys),
        mean_b=fmean(b[k] for k in keys),
        diff=interval,
        t=t_stat,
        p_value=p_value,
        bootstrap=bootstrap_ci(diffs, level, seed=seed),
    )
