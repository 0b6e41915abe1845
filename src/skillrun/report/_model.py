"""The typed report: brief, sections with their provenance, and the neutral body each section renders to."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny


class Table(BaseModel):
    """Cells of one table, in the template's column order. Cells are plain text; the renderer escapes."""

    model_config = ConfigDict(extra="forbid")

    columns: list[str]
    rows: list[list[str]]


class SectionBody(BaseModel):
    """What a section contributes to the report, independent of markdown.

    The renderer walks the template's elements in order and takes tables (in order), bold fields (by
    label) and the diagram from here; notes follow them as a short list.
    """

    model_config = ConfigDict(extra="forbid")

    tables: list[Table] = []
    fields: dict[str, str] = {}
    diagram: str | None = None
    notes: list[str] = []


class UsageTotals(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    requests: int = 0


class Provenance(BaseModel):
    """How one section was produced."""

    backend: str
    """Registry name of the backend that wrote the section (``expert`` after a fallback)."""
    attempts: int = 1
    """Asks of the model, re-asks included (transport retries are not counted)."""
    fallback: bool = False
    fallback_reason: str | None = None
    usage: UsageTotals = Field(default_factory=UsageTotals)
    cost_usd: float | None = None
    """``None`` when the model has no entry in the price table (unknown, not free)."""
    latency_ms: float = 0.0
    findings: list[str] = []
    """Guardrail findings that were still open when the section was accepted."""


class SectionResult(BaseModel):
    step: str
    heading: str
    value: SerializeAsAny[BaseModel]
    body: SectionBody
    provenance: Provenance


class RunInfo(BaseModel):
    """Totals for the whole run."""

    model: str
    usage: UsageTotals = Field(default_factory=UsageTotals)
    cost_usd: float | None = None
    duration_ms: float = 0.0
    fallback_sections: list[str] = []
    intake: Provenance | None = None


class Report(BaseModel):
    """A finished report. ``brief`` and section ``value``s are the pack's own models."""

    skill: str
    """Slug of the skill."""
    skill_name: str
    title: str
    """The rendered ``#`` title without hashes (``ML Workflow: Subscriber churn``)."""
    request: str
    brief: SerializeAsAny[BaseModel] | None = None
    assumptions: list[str] = []
    """Each assumption the run made, as one human line (``traffic: 200 rps (not given)``)."""
    sections: list[SectionResult]
    run: RunInfo
    banner: str | None = None
    """One line shown above the report when something needs the reader's attention (fallbacks)."""

    def section(self, step_or_heading: str) -> SectionResult:
        for s in self.sections:
            if step_or_heading in (s.step, s.heading):
                return s
        raise KeyError(step_or_heading)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
