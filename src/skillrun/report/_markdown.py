"""Report to markdown, exactly in the skill's Output Format.

The template drives the layout: its ``##`` sections in order, and inside each its tables, bold fields
and diagram in the order the template shows them. A section body that does not fit (other columns,
other row labels, a missing field) is an error, never a silently different report.
"""

from __future__ import annotations

import re

from ..errors import TemplateMismatchError
from ..spec import OutputTemplate, TemplateDiagram, TemplateField, TemplateSection, TemplateTable
from ._escape import escape_cell, escape_inline, escape_title
from ._model import Report, SectionBody, SectionResult, Table

_FENCE = re.compile(r"`{3,}|~{3,}")


def render_markdown(report: Report, template: OutputTemplate) -> str:
    lines = [f"# {escape_title(report.title)}", ""]
    if report.banner:
        lines += [f"> **Note:** {escape_inline(report.banner)}", ""]
    if report.assumptions:
        lines.append("**Assumptions:**")
        lines += [f"- {escape_inline(a)}" for a in report.assumptions]
        lines.append("")
    by_heading = {s.heading: s for s in report.sections}
    for section in template.sections:
        result = by_heading.get(section.heading)
        if result is None:
            raise TemplateMismatchError(f"report has no section {section.heading!r}")
        lines += render_section(section, result)
    return "\n".join(lines).rstrip() + "\n"


def render_section(section: TemplateSection, result: SectionResult) -> list[str]:
    """One ``##`` section: heading, fallback note, template elements in order, then notes."""
    body = result.body
    lines = [f"## {section.heading}", ""]
    if result.provenance.fallback:
        reason = result.provenance.fallback_reason or "the model failed"
        lines += [f"> Written by the offline expert engine ({escape_inline(reason)}).", ""]
    tables = iter(body.tables)
    used_fields: set[str] = set()
    for element in section.elements:
        if isinstance(element, TemplateTable):
            table = next(tables, None)
            if table is None:
                raise TemplateMismatchError(f"{section.heading}: a table is missing")
            lines += _table(section.heading, element, table) + [""]
        elif isinstance(element, TemplateField):
            value = body.fields.get(element.label)
            if value is None:
                raise TemplateMismatchError(f"{section.heading}: field {element.label!r} is missing")
            used_fields.add(element.label)
            lines += [f"**{element.label}:** {escape_inline(value)}", ""]
        elif isinstance(element, TemplateDiagram):
            lines += _diagram(section.heading, body) + [""]
    extra_tables = list(tables)
    extra_fields = set(body.fields) - used_fields
    if extra_tables or extra_fields:
        raise TemplateMismatchError(
            f"{section.heading}: content the template has no place for "
            f"({len(extra_tables)} tables, fields {sorted(extra_fields)})"
        )
    if body.notes:
        lines += [f"- {escape_inline(n)}" for n in body.notes] + [""]
    return lines


def _table(heading: str, spec: TemplateTable, table: Table) -> list[str]:
    if table.columns != spec.columns:
        raise TemplateMismatchError(
            f"{heading}: columns {table.columns} differ from the template's {spec.columns}"
        )
    if spec.row_labels is not None:
        labels = [row[0] if row else "" for row in table.rows]
        if labels != spec.row_labels:
            raise TemplateMismatchError(
                f"{heading}: rows {labels} differ from the template's {spec.row_labels}"
            )
    if not table.rows:
        raise TemplateMismatchError(f"{heading}: the table has no rows")
    lines = ["| " + " | ".join(spec.columns) + " |", "|" + "|".join("---" for _ in spec.columns) + "|"]
    for row in table.rows:
        if len(row) != len(spec.columns):
            raise TemplateMismatchError(
                f"{heading}: a row has {len(row)} cells, the table {len(spec.columns)} columns"
            )
        lines.append("| " + " | ".join(escape_cell(cell) for cell in row) + " |")
    return lines


def _diagram(heading: str, body: SectionBody) -> list[str]:
    if not body.diagram or not body.diagram.strip():
        raise TemplateMismatchError(f"{heading}: the diagram is missing")
    # A fence inside the diagram would close the code block early and let text escape into the report.
    drawing = _FENCE.sub(lambda m: "'" * len(m.group()), body.diagram.strip("\n"))
    return ["```text", drawing, "```"]
