"""Typed form of a skill file: what the loader produces and everything else reads."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import Problem


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SkillSection(_Frozen):
    """A top-level section of the skill body (Purpose, Inputs, Process, ...)."""

    title: str
    key: str
    """Normalised title used for lookups: lower case, words joined by ``_`` (``output_format``)."""
    body: str
    line: int
    """1-based line of the heading in the source file."""
    level: int = 2
    """Markdown heading level (1 or 2); 0 for the bare-word headings of the seed format."""


class Step(_Frozen):
    """One ``Step N: Title`` of the Process section."""

    number: int
    title: str
    body: str
    line: int


class TemplateTable(_Frozen):
    """A markdown table of the Output Format."""

    kind: Literal["table"] = "table"
    columns: list[str]
    row_labels: list[str] | None
    """Fixed first-column labels, in order; ``None`` when rows are free (the template shows ``...``)."""
    cell_hints: list[str] = []
    """For free rows: the template's example cells (``Low/Med/High``), one per column."""
    row_hints: list[list[str]] = []
    """For fixed rows: the template's cells after each label (``Batch / Real-time / Streaming / Edge``)."""
    line: int = 0


class TemplateField(_Frozen):
    """A bold field line such as ``**Feature store:** [Yes/No — ...]``."""

    kind: Literal["field"] = "field"
    label: str
    """The label without the colon and the asterisks: ``Feature store``."""
    hint: str = ""
    line: int = 0


class TemplateDiagram(_Frozen):
    """A bracketed placeholder for a diagram, rendered as a fenced code block."""

    kind: Literal["diagram"] = "diagram"
    hint: str
    line: int = 0


class TemplateText(_Frozen):
    """Any other line of template prose, kept so the template can be shown back."""

    kind: Literal["text"] = "text"
    text: str
    line: int = 0


TemplateElement = Annotated[
    TemplateTable | TemplateField | TemplateDiagram | TemplateText, Field(discriminator="kind")
]


class TemplateSection(_Frozen):
    """A ``##`` section of the Output Format with its elements in order."""

    heading: str
    elements: list[TemplateElement] = []
    line: int = 0

    @property
    def tables(self) -> list[TemplateTable]:
        return [e for e in self.elements if isinstance(e, TemplateTable)]

    @property
    def fields(self) -> list[TemplateField]:
        return [e for e in self.elements if isinstance(e, TemplateField)]

    @property
    def diagram(self) -> TemplateDiagram | None:
        return next((e for e in self.elements if isinstance(e, TemplateDiagram)), None)


class OutputTemplate(_Frozen):
    """The report layout a skill prescribes."""

    title_pattern: str
    """The ``#`` title line without the hashes, e.g. ``ML Workflow: [Project/Model Name]``."""
    sections: list[TemplateSection]
    line: int = 0

    @property
    def title_prefix(self) -> str:
        """The fixed part of the title before its placeholder (``ML Workflow: ``)."""
        head, sep, _ = self.title_pattern.partition("[")
        return head if sep else self.title_pattern

    def section(self, heading: str) -> TemplateSection:
        for s in self.sections:
            if s.heading == heading:
                return s
        raise KeyError(heading)

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections]

    def structure(self) -> dict[str, Any]:
        """The layout alone: title, headings, table columns and row labels, field labels, diagrams.

        Line numbers, hints and prose are left out, so two templates worded differently compare equal
        when a report rendered for one fits the other.
        """
        sections = []
        for section in self.sections:
            elements: list[dict[str, Any]] = []
            for e in section.elements:
                if isinstance(e, TemplateTable):
                    elements.append({"table": e.columns, "rows": e.row_labels})
                elif isinstance(e, TemplateField):
                    elements.append({"field": e.label})
                elif isinstance(e, TemplateDiagram):
                    elements.append({"diagram": True})
            sections.append({"heading": section.heading, "elements": elements})
        return {"title": self.title_pattern, "sections": sections}


class Skill(_Frozen):
    """A loaded skill."""

    name: str
    slug: str
    """File-system and tool-safe id: ``ml-workflow``."""
    description: str
    department: str | None = None
    version: str | None = None
    triggers: list[str] = []
    title: str | None = None
    format: Literal["seed", "agent-skills"]
    path: str
    sections: list[SkillSection] = []
    steps: list[Step] = []
    template: OutputTemplate | None = None
    metadata: dict[str, Any] = {}
    """Frontmatter keys skillrun does not model, kept as they were."""
    warnings: list[Problem] = []

    def section(self, key: str) -> SkillSection | None:
        """The section whose normalised key (``purpose``, ``output_format``) is ``key``."""
        return next((s for s in self.sections if s.key == key), None)
