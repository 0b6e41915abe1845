"""Skill files (seed pipe-table format and Agent Skills SKILL.md) as typed :class:`Skill` specs."""

from ._model import (
    OutputTemplate,
    Skill,
    SkillSection,
    Step,
    TemplateDiagram,
    TemplateField,
    TemplateSection,
    TemplateTable,
    TemplateText,
)

__all__ = [
    "OutputTemplate",
    "Skill",
    "SkillSection",
    "Step",
    "TemplateDiagram",
    "TemplateField",
    "TemplateSection",
    "TemplateTable",
    "TemplateText",
]
