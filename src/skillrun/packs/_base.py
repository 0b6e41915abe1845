"""What a skill pack gives the runtime: typed schemas, the offline expert, and code-computed figures.

A pack is optional. A skill without one still runs on an LLM backend with sections derived from its
Output Format; a pack adds typed section models, the offline expert engine and domain checks.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from ..models import SectionTask
from ..report import SectionBody


class Pack(Protocol):
    skill: str
    """Slug of the skill this pack serves (``ml-workflow``)."""

    brief_type: type[BaseModel]

    def output_type(self, name: str) -> type[BaseModel]:
        """The model a chain definition names in a step's ``output`` (``ModelServing``)."""
        ...

    def expert(self, task: SectionTask) -> BaseModel:
        """The offline expert engine: answer ``task`` without any LLM (intake included)."""
        ...

    def finalize(self, task: SectionTask, value: BaseModel) -> BaseModel:
        """Overwrite what code can compute (sample sizes, durations, capacity) whatever the model said."""
        ...

    def body(self, value: BaseModel) -> SectionBody:
        """Map a section onto the Output Format's tables, fields and diagram."""
        ...

    def title(self, brief: BaseModel) -> str:
        """The value for the title placeholder (``Subscriber churn``)."""
        ...

    def assumptions(self, brief: BaseModel) -> list[str]:
        """One human line per assumption the brief records."""
        ...
