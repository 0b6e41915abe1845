"""An order-of-magnitude monthly cost for the design, computed from the brief's volumes (rubric MS-09).

Every figure comes from the request's traffic, the serving mode, the model complexity and the retraining
cadence, priced with the on-demand list prices in ``knowledge/platforms.yaml`` (``unit_costs``). It is a
sizing aid for the reader ("tens of dollars" vs "thousands a month"), not a quote, and says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ._plan import Plan

_COST_WORDS = re.compile(
    r"\b(cost|costs|budget|cheap|cheaper|expensive|spend|spending|costo|costos|presupuesto|kosten|gunstig|cout|couts|"
    r"orcamento|custo|custos)\b|成本|预算|费用"
)
_ONLINE = ("real-time", "streaming", "hybrid")
_BATCH = ("batch", "hybrid")
_DAYS_PER_MONTH = 30


@dataclass(frozen=True)
class CostLine:
    what: str
    dollars: float
    basis: str
    spot_eligible: bool = False


def cost_wanted(plan: Plan) -> bool:
    """Whether the report prices the design: a stated budget, a word about cost, or a small team."""
    brief = plan.brief
    return brief.budget != "unspecified" or plan.simple or bool(_COST_WORDS.search(brief.request.lower()))


def monthly_cost(plan: Plan) -> list[CostLine]:
    brief, units = plan.brief, plan.kb.unit_costs
    complexity = brief.model_complexity
    deep = complexity == "deep-learning" and brief.gpu is not False
    lines: list[CostLine] = []
    hours = units.hours_per_month
    if plan.mode in _ONLINE:
        rps = brief.traffic.peak_rps or 1.0
        replicas = max(units.min_replicas, math.ceil(2 * rps / units.rps_per_replica[complexity]))
        price = units.gpu_inference_hour if deep else units.cpu_hour
        kind = "GPU (T4)" if deep else "4-vCPU"
        lines.append(
            CostLine("online serving", replicas * hours * price, f"{replicas} {kind} replicas x {hours:.0f} h x ${price:.2f}/h")
        )
    if plan.mode in _BATCH:
        rows = (brief.traffic.daily_volume or 10_000) * _DAYS_PER_MONTH
        rate = units.rows_per_worker_hour[complexity]
        job_hours = max(rows / rate, _DAYS_PER_MONTH * units.min_job_hours)
        price = units.gpu_inference_hour if deep else units.cpu_hour
        lines.append(
            CostLine(
                "batch scoring", job_hours * price, f"{_count(rows)} rows / {_count(rate)} rows per worker-hour = "
                f"{_count(job_hours)} worker-hours x ${price:.2f}/h", spot_eligible=True,
            )
        )
    runs = _DAYS_PER_MONTH / plan.cadence_days
    train_hours = units.training_hours[complexity]
    price = units.gpu_training_hour if deep else units.cpu_hour
    lines.append(
        CostLine(
            "training", runs * train_hours * price,
            f"{_count(runs)} {'run' if runs == 1 else 'runs'} x {train_hours:.0f} h x ${price:.2f}/h", spot_eligible=True,
        )
    )
    lines.append(
        CostLine(
            "tracking and orchestration", 2 * hours * units.small_vm_hour,
            f"2 small always-on instances, or the managed equivalent, x {hours:.0f} h x ${units.small_vm_hour:.3f}/h",
        )
    )
    return lines


def cost_note(plan: Plan) -> str:
    """The Model Serving note: each cost line with its basis, the total, the total with spot capacity, and
    the platform's cost levers."""
    lines = monthly_cost(plan)
    total = sum(line.dollars for line in lines)
    discount = plan.kb.unit_costs.spot_discount
    with_spot = total - discount * sum(line.dollars for line in lines if line.spot_eligible)
    parts = "; ".join(f"{line.what} ≈ {money(line.dollars)} ({line.basis})" for line in lines)
    spot = f", ≈ {money(with_spot)} with spot/preemptible capacity for training and batch jobs" if with_spot < 0.9 * total else ""
    devices = " The devices themselves are a one-off hardware cost outside this figure." if plan.mode == "edge" else ""
    where = "at cloud list prices (on existing servers this is capacity, not spend)" if plan.platform == "oss" and (
        plan.brief.cloud in ("on-prem", "air-gapped")
    ) else "at on-demand list prices"
    return (
        f"Cost (order of magnitude per month {where}, from the volumes above): {parts}; total ≈ {money(total)}/month"
        f"{spot}.{devices} Cost levers: {plan.stack.cost}."
    )


def money(dollars: float) -> str:
    """Dollars to two significant figures ("$1,400", "$35", "$0.77"), as an estimate should be written."""
    if dollars < 0.01:
        return "< $0.01"
    digits = 1 - math.floor(math.log10(dollars))
    text = f"{round(dollars, digits):,.{max(digits, 0)}f}"
    return "$" + (text.rstrip("0").rstrip(".") if "." in text else text)


def _count(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2g}" if value < 10 else f"{value:.0f}"
