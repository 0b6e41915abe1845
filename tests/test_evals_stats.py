"""Statistics against known values (Student t tables, hand-computed intervals)."""

from __future__ import annotations

import math

import pytest

from skillrun.evals._stats import (
    bootstrap_ci,
    clustered_mean_ci,
    mean_ci,
    paired_comparison,
    percentile,
    regularized_beta,
    t_cdf,
    t_ppf,
)


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.706204736),
        (0.975, 2, 4.302652730),
        (0.975, 4, 2.776445105),
        (0.975, 9, 2.262157163),
        (0.975, 29, 2.045229642),
        (0.975, 120, 1.979930405),
        (0.95, 10, 1.812461123),
        (0.995, 4, 4.604094871),
        (0.025, 9, -2.262157163),
    ],
)
def test_t_quantiles_match_tables(p, df, expected):
    assert t_ppf(p, df) == pytest.approx(expected, abs=1e-7)


def test_t_cdf_and_beta_basics():
    assert t_cdf(0.0, 7) == pytest.approx(0.5)
    assert t_cdf(2.262157163, 9) == pytest.approx(0.975, abs=1e-9)
    assert t_cdf(-1.0, 1) == pytest.approx(0.25)  # Cauchy: 1/2 + atan(-1)/pi
    assert regularized_beta(0.5, 2.0, 2.0) == pytest.approx(0.5)
    assert regularized_beta(0.3, 1.0, 1.0) == pytest.approx(0.3)


def test_mean_ci_by_hand():
    ci = mean_ci([1, 2, 3, 4, 5])
    assert ci.mean == 3 and ci.n == 5
    se = math.sqrt(2.5) / math.sqrt(5)
    assert ci.stderr == pytest.approx(se)
    assert ci.low == pytest.approx(3 - 2.776445105 * se) and ci.high == pytest.approx(3 + 2.776445105 * se)
    assert ci.low == pytest.approx(1.036757, abs=1e-6)


def test_mean_ci_edge_cases():
    assert mean_ci([]) is None
    single = mean_ci([0.7])
    assert single.mean == 0.7 and single.low is None and single.high is None
    flat = mean_ci([0.5, 0.5, 0.5])
    assert flat.low == flat.high == 0.5


def test_clustered_interval_counts_each_case_once():
    # Case a repeats 3 times, case b once: clustering gives means 0.5 and 1.0, not four points.
    groups = {"a": [0.0, 0.5, 1.0], "b": [1.0], "c": [0.25, 0.25]}
    ci = clustered_mean_ci(groups)
    assert ci.n == 3
    assert ci.mean == pytest.approx((0.5 + 1.0 + 0.25) / 3)
    assert ci.stderr == pytest.approx(mean_ci([0.5, 1.0, 0.25]).stderr)


def test_percentiles_interpolate_linearly():
    assert percentile([], 50) is None
    assert percentile([7], 95) == 7
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile(range(1, 101), 95) == pytest.approx(95.05)
    assert percentile([10, 20, 30, 40, 50], 95) == pytest.approx(48.0)


def test_paired_comparison_by_hand():
    a = {"c1": 0.50, "c2": 0.60, "c3": 0.70, "c4": 0.80}
    b = {"c1": 0.60, "c2": 0.80, "c3": 0.70, "c4": 0.90, "only-b": 1.0}
    p = paired_comparison(a, b)
    diffs = [0.1, 0.2, 0.0, 0.1]
    se = math.sqrt(sum((d - 0.1) ** 2 for d in diffs) / 3) / 2
    assert p.n == 4 and p.diff.mean == pytest.approx(0.1)
    assert p.diff.stderr == pytest.approx(se)
    assert p.diff.low == pytest.approx(0.1 - 3.182446305 * se)
    assert p.t == pytest.approx(0.1 / se)
    assert p.p_value == pytest.approx(2 * (1 - t_cdf(0.1 / se, 3)))
    assert p.mean_a == pytest.approx(0.65) and p.mean_b == pytest.approx(0.75)
    assert p.significant is False  # the interval includes 0 with 4 cases


def test_paired_comparison_with_no_spread_is_exact():
    p = paired_comparison({"a": 0.5, "b": 0.6}, {"a": 0.4, "b": 0.5})
    assert p.diff.mean == pytest.approx(-0.1) and p.diff.low == p.diff.high == pytest.approx(-0.1)
    assert p.p_value is None and p.significant
    assert paired_comparison({"a": 1.0}, {"b": 1.0}) is None


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0.1 * i for i in range(20)]
    first, second = bootstrap_ci(values), bootstrap_ci(values)
    assert first == second
    assert first[0] < sum(values) / 20 < first[1]
    assert bootstrap_ci([1.0]) is None
