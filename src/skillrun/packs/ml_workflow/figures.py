"""Capacity figures written by code on every backend, the way the A/B plan's sample size is.

The Throughput cell of Model Serving states peak and average load and the capacity to provision. An
LLM's version of it is prose with numbers it may have guessed; here it is rewritten from the brief's
traffic with the expert engine's own formula, so the figures match the brief whoever wrote the
section (and the expert's own sections are left exactly as they were).
"""

from __future__ import annotations

from pydantic import BaseModel

from .brief import Brief
from .sections import ModelServing

_COMPUTED_MODES = ("batch", "real-time", "streaming", "hybrid")


def with_serving_figures(value: ModelServing, brief: Brief, inputs: dict[str, BaseModel]) -> ModelServing:
    traffic = brief.traffic
    if value.serving_mode not in _COMPUTED_MODES:
        return value  # edge: load is per device, nothing to derive from the brief
    if value.serving_mode == "batch" and not traffic.daily_volume:
        return value
    if value.serving_mode != "batch" and not (traffic.peak_rps or traffic.daily_volume):
        return value
    from .design._plan import plan_for
    from .design.serving import _throughput  # the expert's formula: one source for these figures

    plan = plan_for(brief, {**inputs, "model_serving": value})
    return value.model_copy(update={"throughput": _throughput(plan)})
