"""The typed inputs and outputs of skill tools, and function-calling definitions generated from them.

One pydantic model per shape is the single source: the MCP server's tools take their parameters from
:class:`SkillRequest` and :class:`RunSkillArgs`, and :func:`tool_definitions` turns
:class:`SkillRequest` into one OpenAI, Anthropic or MCP tool per skill. No SDK is imported here; the
tests check the output against the SDKs' own types.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ToolDefinitionError
from ..report import Provenance, Report, RunInfo, SectionResult
from ..spec import OutputTemplate, Skill

ToolFormat = Literal["openai", "anthropic", "mcp"]
TOOL_FORMATS: tuple[ToolFormat, ...] = ("openai", "anthropic", "mcp")

# The intersection of OpenAI's function-name rule and MCP's tool-name rule (SEP-986).
TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
_MAX_DESCRIPTION = 1024


class SkillRequest(BaseModel):
    """Run the skill on a free-text request and return its report in markdown."""

    model_config = ConfigDict(extra="forbid", title="SkillRequest")

    request: str = Field(
        description=(
            "What the user wants, in their own words. Include the details given earlier in the "
            "conversation (data, scale, constraints, team); the skill assumes what is missing and says so."
        )
    )
    model: str | None = Field(
        default=None,
        description=(
            "Backend to write the report with, such as 'expert' (the offline engine). "
            "null uses the server's default."
        ),
    )


class RunSkillArgs(SkillRequest):
    """Arguments of the MCP ``run_skill`` and ``start_skill_run`` tools."""

    model_config = ConfigDict(extra="forbid", title="RunSkillArgs")

    skill: str = Field(description="Slug or name of the skill, as list_skills shows it (e.g. 'ml-workflow').")


class ReportSection(BaseModel):
    """One section of a report: its markdown, its typed content and how it was produced."""

    step: str
    heading: str
    markdown: str
    value: dict[str, Any]
    """The section's typed content as the skill pack's model dumps it."""
    provenance: Provenance


class SkillReport(BaseModel):
    """A finished report as structured data; ``markdown`` is the whole report in the Output Format."""

    skill: str
    skill_name: str
    title: str
    request: str
    markdown: str
    brief: dict[str, Any] | None = None
    assumptions: list[str] = []
    sections: list[ReportSection]
    run: RunInfo
    banner: str | None = None

    @classmethod
    def from_report(cls, report: Report, markdown: str, skill: Skill) -> SkillReport:
        template = skill.template
        sections = []
        for result in report.sections:
            sections.append(
                ReportSection(
                    step=result.step,
                    heading=result.heading,
                    markdown=section_markdown(template, result) if template is not None else "",
                    value=result.value.model_dump(mode="json"),
                    provenance=result.provenance,
                )
            )
        return cls(
            skill=report.skill,
            skill_name=report.skill_name,
            title=report.title,
            request=report.request,
            markdown=markdown,
            brief=report.brief.model_dump(mode="json") if report.brief is not None else None,
            assumptions=report.assumptions,
            sections=sections,
            run=report.run,
            banner=report.banner,
        )


def section_markdown(template: OutputTemplate, result: SectionResult) -> str:
    """One finished section in the skill's Output Format, as it appears in the whole report."""
    from ..report._markdown import render_section

    return "\n".join(render_section(template.section(result.heading), result)).rstrip() + "\n"


class SkillInfo(BaseModel):
    """A skill as ``list_skills`` shows it."""

    slug: str
    name: str
    description: str
    triggers: list[str]
    sections: list[str]
    """Headings of the report the skill writes, in order."""
    resource: str
    """URI of the skill document (``skill://<slug>``)."""
    tool: str
    """Its name in ``skillrun tools`` function-calling definitions."""

    @classmethod
    def of(cls, skill: Skill) -> SkillInfo:
        return cls(
            slug=skill.slug,
            name=skill.name,
            description=skill.description,
            triggers=list(skill.triggers),
            sections=skill.template.headings if skill.template is not None else [],
            resource=f"skill://{skill.slug}",
            tool=tool_name(skill),
        )


class SkillCatalog(BaseModel):
    skills: list[SkillInfo]


class ChatTurn(BaseModel):
    """An earlier turn of the conversation."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: str


def tool_name(skill: Skill) -> str:
    """The function-calling name of a skill: its slug in snake_case, cut to 64 characters."""
    name = re.sub(r"[^a-zA-Z0-9_]+", "_", skill.slug).strip("_").lower()[:64]
    return name or "skill"


def tool_description(skill: Skill) -> str:
    """What the skill does and when to call it, for a model deciding whether to call the tool."""
    parts = [skill.description.strip().rstrip(".") + "."]
    if skill.triggers:
        parts.append(f"Use it when the user asks about: {', '.join(skill.triggers)}.")
    if skill.template is not None and skill.template.headings:
        parts.append(f"Returns a markdown report with sections: {', '.join(skill.template.headings)}.")
    text = " ".join(parts)
    return text if len(text) <= _MAX_DESCRIPTION else text[: _MAX_DESCRIPTION - 1].rstrip() + "…"


def tool_definitions(skills: list[Skill], fmt: ToolFormat = "openai") -> list[dict[str, Any]]:
    """One tool definition per skill, in the shape the ``fmt`` API takes.

    - ``openai``: a Chat Completions function tool in strict mode (every property required,
      ``additionalProperties: false``, optional values as a union with null).
    - ``anthropic``: a Messages API tool, ``{name, description, input_schema}``.
    - ``mcp``: an MCP ``Tool`` (camelCase keys), as a host would list it.

    Each tool's arguments are :class:`SkillRequest`; a call maps to the MCP ``run_skill`` tool with
    ``skill`` set to the tool's skill.
    """
    if fmt not in TOOL_FORMATS:
        raise ToolDefinitionError(f"unknown tool format {fmt!r}; use one of {', '.join(TOOL_FORMATS)}")
    seen: set[str] = set()
    tools = []
    for skill in skills:
        name = tool_name(skill)
        if name in seen:
            raise ToolDefinitionError(f"two skills share the tool name {name!r}")
        seen.add(name)
        tools.append(_tool(fmt, name, tool_description(skill), skill))
    return tools


def _tool(fmt: ToolFormat, name: str, description: str, skill: Skill) -> dict[str, Any]:
    if fmt == "openai":
        return {
            "type": "function",
            "function": {
                "name": name,
                "description": description,
                "parameters": strict_schema(SkillRequest.model_json_schema()),
                "strict": True,
            },
        }
    schema = plain_schema(SkillRequest.model_json_schema())
    if fmt == "anthropic":
        return {"name": name, "description": description, "input_schema": schema}
    return {
        "name": name,
        "title": skill.title or skill.name,
        "description": description,
        "inputSchema": schema,
        "outputSchema": SkillReport.model_json_schema(),
        "annotations": {"readOnlyHint": True, "openWorldHint": False},
    }


def plain_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of a pydantic object schema without its top-level title (tool names carry that)."""
    out = copy.deepcopy(schema)
    out.pop("title", None)
    return out


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` that OpenAI's strict mode accepts.

    Every object lists all its properties as required and forbids others; a ``null`` default is
    dropped (a nullable property is already a union with null, and strict mode needs a value).
    """
    out = plain_schema(schema)
    _make_strict(out)
    return out


def _make_strict(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _make_strict(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "object":
        node["additionalProperties"] = False
        properties = node.get("properties")
        if isinstance(properties, dict):
            node["required"] = list(properties)
    if "default" in node and node["default"] is None:
        del node["default"]
    for key in ("properties", "$defs"):
        for child in (node.get(key) or {}).values():
            _make_strict(child)
    for key in ("items", "anyOf", "allOf", "oneOf"):
        if key in node:
            _make_strict(node[key])
