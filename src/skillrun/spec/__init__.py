"""Skill files (seed pipe-table format and Agent Skills SKILL.md) as typed :class:`Skill` specs.

``parse_skill`` reads text, ``load_skill`` a file or skill folder, ``load_skills`` whole skill folders
(first folder wins on a duplicate slug), and ``validate_paths`` collects every problem for the CLI.
"""

from ._loader import SkillSet, check_skill, load_skill, load_skills, parse_skill, slugify, validate_paths
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
    "SkillSet",
    "Step",
    "TemplateDiagram",
    "TemplateField",
    "TemplateSection",
    "TemplateTable",
    "TemplateText",
    "check_skill",
    "load_skill",
    "load_skills",
    "parse_skill",
    "slugify",
    "validate_paths",
]
