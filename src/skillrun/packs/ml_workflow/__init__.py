"""The ML Workflow pack: Brief and section schemas, the offline expert engine, and domain checks."""

from __future__ import annotations

from pydantic import BaseModel

from ...models import SectionTask
from ...report import SectionBody
from .brief import Brief
from .sections import SECTION_TYPES, ABTesting, ModelServing
from .stats import complete_plan, describe_duration


class MLWorkflowPack:
    skill = "ml-workflow"
    brief_type = Brief

    def output_type(self, name: str) -> type[BaseModel]:
        if name == "Brief":
            return Brief
        return SECTION_TYPES[name]

    def expert(self, task: SectionTask) -> BaseModel:
        # Imported here: the expert engine loads its knowledge base, which the LLM path may never need.
        from .design import design_section
        from .intake import read_request

        if task.step == "intake" or task.output_type is Brief:
            return read_request(task.request)
        assert isinstance(task.brief, Brief)
        return design_section(task.output_type.__name__, task.brief, task.inputs)

    def finalize(self, task: SectionTask, value: BaseModel) -> BaseModel:
        if isinstance(value, Brief):
            # An LLM's brief keeps the figures the expert intake read from the request (see reconcile.py).
            from .intake import read_request
            from .reconcile import merge_briefs

            return merge_briefs(value, read_request(task.request), task.request)
        if isinstance(value, ModelServing) and isinstance(task.brief, Brief):
            from .reconcile import with_serving_figures

            return with_serving_figures(value, task.brief, task.inputs)
        if isinstance(value, ABTesting) and value.plan is not None:
            plan = complete_plan(value.plan)
            return value.model_copy(update={"plan": plan, "min_duration": describe_duration(plan)})
        return value

    def body(self, value: BaseModel) -> SectionBody:
        return value.to_body()  # type: ignore[attr-defined]

    def title(self, brief: BaseModel) -> str:
        assert isinstance(brief, Brief)
        from .design._plan import plan_for

        # A profile's variant (a gym's retention offer, an airline's no-shows) names the project more
        # narrowly than the intake could; the sections read the same specialised brief.
        return plan_for(brief).brief.project_name

    def assumptions(self, brief: BaseModel) -> list[str]:
        assert isinstance(brief, Brief)
        return [a.line() for a in brief.assumptions]


PACK = MLWorkflowPack()

__all__ = ["PACK", "Brief", "MLWorkflowPack"]
