"""Harness for ``figures_cases.jsonl``: the figures a brief and its report state for a request, compared with
the labelled ones. Shared by the parametrised test and by before/after measurements."""

from __future__ import annotations

import json
import re
from pathlib import Path

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

CASES = [json.loads(line) for line in (Path(__file__).parent / "figures_cases.jsonl").read_text().splitlines() if line.strip()]
# A rate with four significant digits after the point ("0.3472/s", "1.736/s") reads as false precision.
_SILLY_RATE = re.compile(r"\d\.\d{3,}\s?/\s?s\b")


def _close(got: float | None, want: float) -> bool:
    return got is not None and abs(got - want) <= 0.01 * abs(want)


def wrong_figures(request: str, expect: dict) -> dict[str, object]:
    """Each expected figure the engine got wrong, with what it read instead (empty when all are right)."""
    brief = read_request(request)
    sections = design_report(brief)
    serving, features = sections["ModelServing"], sections["FeatureEngineering"]
    sla = serving.latency_sla or ""
    traffic, latency = brief.traffic, brief.latency
    printed = re.findall(r"p(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) ms", sla)
    got: dict[str, object] = {
        "latency_ms": latency.p99_ms,
        # The tail percentile the serving section prints next to the stated budget.
        "percentile": next((float(p) for p, ms in printed if _close(float(ms), latency.p99_ms or -1)), None),
        "rate_per_s": traffic.peak_rps,
        "daily_volume": traffic.daily_volume,
        "daily_volume_not": traffic.daily_volume,
        "history_rows": getattr(traffic, "history_rows", None),
        "eligible_per_day": traffic.daily_eligible_units,
        "store_in_budget": bool(features.feature_store and "lookup" in sla),
        "sensible_rates": not _SILLY_RATE.search(
            json.dumps([a.line() for a in brief.assumptions]) + json.dumps({k: s.model_dump() for k, s in sections.items()}, default=str)
        ),
    }
    wrong: dict[str, object] = {}
    for key, want in expect.items():
        value = got[key]
        if key == "daily_volume_not":
            ok = not _close(value, want)  # type: ignore[arg-type]
        elif key == "percentile":
            ok = value == want  # p99.9 is not p99
        elif isinstance(want, bool):
            ok = value is want
        else:
            ok = _close(value, want)  # type: ignore[arg-type]
        if not ok:
            wrong[key] = value
    return wrong
