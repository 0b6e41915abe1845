"""A/B sizing against a fixed audience, read back and recomputed (AB-06, AB-07).

A one-shot send (a campaign's list) or a fleet randomised once has no daily inflow: the report states the
audience, the exposure and the outcome window, and either that n per arm fits in the audience or that the
audience is too small and the smallest effect it detects. The verdict redoes each with :mod:`..stats`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..stats import detectable_mde
from ._base import Verdict, bad, ok
from ._text import NUMBER, to_number

if TYPE_CHECKING:
    from ._power import PowerReading

_NUM = rf"(?P<num>{NUMBER})"


def _number(match: re.Match[str]) -> float:
    return to_number(match.group("num"), match.groupdict().get("mult"))


def _off(value: float, expected: float) -> float:
    return (value - expected) / expected


# A fixed audience (a campaign's list, a fleet): "a fixed audience of 200,000 customers", "1-day exposure",
# "Audience too small ...", "the smallest detectable effect with 20,000 per arm is MDE +20.6% relative".
_AUDIENCE = re.compile(rf"fixed audience of {_NUM}", re.IGNORECASE)
_EXPOSURE = re.compile(r"(?P<num>\d+)-day exposure", re.IGNORECASE)
_TOO_SMALL = re.compile(r"audience too small|too small for the (?:target effect|MDE)", re.IGNORECASE)
_DETECTABLE = re.compile(
    rf"smallest detectable effect with {_NUM} per arm is MDE (?P<sign>[+\-−])(?P<mde>\d+(?:\.\d+)?)% relative", re.I
)


@dataclass
class AudienceReading:
    """The fixed-audience sizing a report states."""

    size: float
    exposure: int | None = None
    too_small: bool = False
    detectable_per_arm: float | None = None
    detectable: float | None = None
    """The stated smallest detectable relative effect (signed)."""


def read_audience(ab_text: str) -> AudienceReading | None:
    m = _AUDIENCE.search(ab_text)
    if m is None:
        return None
    a = AudienceReading(size=_number(m))
    if found := _EXPOSURE.search(ab_text):
        a.exposure = int(found.group("num"))
    a.too_small = bool(_TOO_SMALL.search(ab_text))
    if found := _DETECTABLE.search(ab_text):
        a.detectable_per_arm = _number(found)
        sign = -1 if found.group("sign") in "-−" else 1
        a.detectable = sign * float(found.group("mde")) / 100
    return a


def audience_verdict(r: PowerReading, a: AudienceReading) -> Verdict:
    """A fixed audience: the length is exposure + outcome window, and the audience fits n per arm or the
    report says it is too small and what it can detect (recomputed from the stated inputs)."""
    assert r.n is not None
    if a.exposure is None:
        return bad("fixed audience stated but no exposure (campaign or send) length")
    total = a.exposure + r.window
    if total not in r.durations:
        return bad(f"fixed audience: duration {r.durations[0]} days, but {a.exposure}-day exposure + {r.window}-day window = {total}")
    per_arm = a.size * r.fraction / r.arms
    fits = per_arm >= r.n
    if fits == a.too_small:
        said = "too small" if a.too_small else "large enough"
        return bad(f"audience called {said}, but {a.size:,.0f} x {r.fraction:.0%} / {r.arms} = {per_arm:,.0f} per arm vs n = {r.n:,.0f}")
    if a.detectable is not None and a.detectable_per_arm is not None and r.baseline is not None:
        base = r.baseline / 100 if r.baseline_pct else r.baseline
        sd = r.sd if r.mean_metric else None
        expected = detectable_mde(a.detectable_per_arm, base, sd, 1 if a.detectable > 0 else -1, r.alpha, r.power)
        if expected is None or abs(_off(a.detectable, expected)) > 0.10:
            return bad(f"detectable effect {a.detectable:+.1%} stated, recomputed {expected}")
    verdict = "too small, detectable effect recomputed" if a.too_small else f"{r.arms} x {r.n:,.0f} fit"
    return ok(f"{total} days = {a.exposure}-day exposure + {r.window}-day window; fixed audience {a.size:,.0f}: {verdict}")
