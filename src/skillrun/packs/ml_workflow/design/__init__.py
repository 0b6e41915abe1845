"""The expert designers: one function per report section, dispatched by the section model's name."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from ..brief import Brief
from ._plan import Plan, plan_for
from .abtest import design_ab
from .features import design_features
from .monitoring import design_monitoring
from .problem import design_problem
from .serving import design_serving
from .tracking import design_tracking
from .training import design_training

__all__ = ["DESIGNERS", "design_report", "design_section"]

DESIGNERS: dict[str, Callable[[Plan], BaseModel]] = {
    "ProblemDefinition": design_problem,
    "FeatureEngineering": design_features,
    "ExperimentTracking": design_tracking,
    "TrainingPipeline": design_training,
    "ModelServing": design_serving,
    "ABTesting": design_ab,
    "MonitoringDrift": design_monitoring,
}


def design_section(output_type_name: str, brief: Brief, inputs: dict[str, BaseModel] | None = None) -> BaseModel:
    """The section named ``output_type_name`` for ``brief``; earlier sections in ``inputs`` keep choices aligned."""
    try:
        designer = DESIGNERS[output_type_name]
    except KeyError:
        raise KeyError(f"no expert designer for section {output_type_name!r}") from None
    return designer(plan_for(brief, inputs))


def design_report(brief: Brief) -> dict[str, BaseModel]:
    """All seven sections in template order (the chain does the same step by step)."""
    plan = plan_for(brief)
    return {name: designer(plan) for name, designer in DESIGNERS.items()}
