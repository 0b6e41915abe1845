"""Intake on an LLM backend: the model's reading of the request, merged with the expert intake's.

The model understands prose better; the expert intake's rules find stated figures reliably. So for the
figures a design hangs on (traffic, latency limits, team size, cloud, GPUs, budget, base rate, label
delay, horizon), a value the expert intake *read from the request* wins over the model's, and a value
the model left open is filled from the expert intake, with its assumption. A figure counts as read from
the request when the expert brief has it and records no assumption for it.

Capacity figures: the Throughput cell of Model Serving is rewritten from the brief's traffic with
the expert engine's own formula, so it matches the brief whoever wrote the section (the expert's own
sections are left exactly as they were), the way the A/B plan's sample size is recomputed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .brief import Assumption, Brief
from .sections import ModelServing

# Dotted Brief paths of the figures the expert intake is trusted with when the request states them.
FIGURES: tuple[str, ...] = (
    "traffic.peak_rps",
    "traffic.daily_volume",
    "traffic.daily_eligible_units",
    "traffic.clusters",
    "traffic.cluster_noun",
    "traffic.history_rows",
    "latency.p50_ms",
    "latency.p99_ms",
    "latency.tail_percentile",
    "latency.deadline",
    "team_size",
    "cloud",
    "gpu",
    "budget",
    "base_rate",
    "label_delay_days",
    "horizon",
    "edge_target",
    "regulated",
)
_OPEN = (None, "unspecified")


def _get(brief: Brief, path: str) -> Any:
    value: Any = brief
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _covers(assumed: str, path: str) -> bool:
    return path == assumed or path.startswith(assumed + ".") or assumed.startswith(path + ".")


def _is_assumed(brief: Brief, path: str) -> bool:
    return any(_covers(a.field, path) for a in brief.assumptions)


def merge_briefs(llm: Brief, expert: Brief, request: str) -> Brief:
    """``llm`` with the expert intake's stated figures, gaps filled, and ``request`` as given."""
    updates: dict[str, dict[str, Any]] = {"": {}, "traffic": {}, "latency": {}}
    stated: list[str] = []
    filled: list[str] = []
    for path in FIGURES:
        theirs, ours = _get(expert, path), _get(llm, path)
        if theirs in _OPEN:
            continue
        if not _is_assumed(expert, path):
            stated.append(path)
        elif ours in _OPEN:
            filled.append(path)
        else:
            continue
        group, _, name = path.rpartition(".")
        updates[group][name or path] = theirs
    top = dict(updates[""])
    if updates["traffic"]:
        top["traffic"] = llm.traffic.model_copy(update=updates["traffic"])
    if updates["latency"]:
        top["latency"] = llm.latency.model_copy(update=updates["latency"])

    kept = [a for a in llm.assumptions if not any(_covers(a.field, p) for p in stated)]
    carried = [a for a in expert.assumptions if any(_covers(a.field, p) for p in filled)]
    seen = {a.field for a in kept}
    assumptions: list[Assumption] = kept + [a for a in carried if a.field not in seen]

    top.update(
        request=request,
        assumptions=assumptions,
        constraints=_union(llm.constraints, expert.constraints),
        data_sources=llm.data_sources or expert.data_sources,
        feature_candidates=llm.feature_candidates or expert.feature_candidates,
    )
    return llm.model_copy(update=top)


def _union(first: list[str], second: list[str]) -> list[str]:
    seen = {s.strip().lower() for s in first}
    return list(first) + [s for s in second if s.strip().lower() not in seen]


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
