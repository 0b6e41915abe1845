"""The Output Format section as an :class:`OutputTemplate`: title pattern, ``##`` sections, elements.

Seed files write the template straight into the section body. A SKILL.md keeps it inside a fenced
```` ```markdown ```` block, because its ``#`` headings would otherwise split the document.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ._body import Block, Body
from ._markdown import Fence, atx_heading, find_fences, is_separator_row, is_table_row, split_row, trimmed
from ._model import (
    OutputTemplate,
    TemplateDiagram,
    TemplateElement,
    TemplateField,
    TemplateSection,
    TemplateTable,
    TemplateText,
)

_FIELD = re.compile(
    r"^\*\*(?P<label>[^*]+?):\*\*[ \t]*(?P<hint>.*)$|^\*\*(?P<label2>[^*]+?)\*\*:[ \t]*(?P<hint2>.*)$"
)
_DIAGRAM = re.compile(
    r"^\[(?P<hint>[^\[\]]*\b(?:diagram|flowchart|flow chart|chart|drawing|sketch)\b[^\[\]]*)\]$", re.I
)
# A first cell like these means "one row per item, as many as needed" rather than a fixed label.
_FREE_ROW = re.compile(r"^(?:\.\.\.|…|\[[^\]]*\]|)$")
_TEMPLATE_LANGUAGES = ("markdown", "md")


def read_template(
    lines: list[str], block: Block, body: Body, fmt: str, path: str
) -> tuple[OutputTemplate | None, list[Problem]]:
    """Parse the Output Format ``block``; ``None`` when it holds no template (with a warning why)."""
    if fmt == "seed":
        start, end, anchor = block.start, block.end, block.heading + 1
    else:
        fence = _template_fence(lines, block, body.fences)
        if fence is None:
            why = (
                "Output Format section is empty"
                if not trimmed(lines, block.start, block.end).strip()
                else "Output Format holds no ```markdown block, so the skill has no report template"
            )
            return None, [Problem(path, block.heading + 1, why, severity="warning")]
        start, end, anchor = fence.start + 1, fence.end, fence.start + 1
    if not trimmed(lines, start, end).strip():
        return None, [Problem(path, anchor, "Output Format section is empty", severity="warning")]
    reader = _TemplateReader(lines, path, require_separator=fmt != "seed")
    return reader.read(start, end, anchor)


def _template_fence(lines: list[str], block: Block, fences: list[Fence]) -> Fence | None:
    inside = [f for f in fences if block.start <= f.start < block.end]
    for fence in inside:
        if fence.language in _TEMPLATE_LANGUAGES:
            return fence
    for fence in inside:
        first = next((lines[i] for i in fence.content if lines[i].strip()), "")
        heading = atx_heading(first)
        if not fence.language and heading is not None and heading[0] == 1:
            return fence
    return None


class _TemplateReader:
    def __init__(self, lines: list[str], path: str, *, require_separator: bool) -> None:
        self.lines = lines
        self.path = path
        self.require_separator = require_separator
        self.problems: list[Problem] = []
        self.title: str | None = None
        self.title_line = 0
        self.sections: list[tuple[str, int, list[TemplateElement]]] = []
        self._warned_stray = False

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, severity="warning"))

    def read(self, start: int, end: int, anchor: int) -> tuple[OutputTemplate | None, list[Problem]]:
        fences = {f.start: f for f in find_fences(self.lines, start, end)}
        i = start
        while i < end:
            line = self.lines[i]
            if i in fences:
                fence = fences[i]
                self.add(i, TemplateDiagram(hint=trimmed(self.lines, fence.start + 1, fence.end), line=i + 1))
                i = fence.end + 1
            elif is_table_row(line):
                j = i
                while j < end and is_table_row(self.lines[j]):
                    j += 1
                table = self.table(i, j)
                if table is not None:
                    self.add(i, table)
                i = j
            else:
                if line.strip():
                    self.line(i, line.strip())
                i += 1
        if self.title is None:
            self.error(anchor, "Output Format has no '#' title line (such as '# Report: [Name]')")
        elif not self.sections:
            self.error(self.title_line, "Output Format has no '##' sections")
        if any(p.severity == "error" for p in self.problems) or self.title is None:
            return None, self.problems
        sections = [TemplateSection(heading=h, elements=e, line=n) for h, n, e in self.sections]
        return OutputTemplate(
            title_pattern=self.title, sections=sections, line=self.title_line
        ), self.problems

    def add(self, index: int, element: TemplateElement) -> None:
        if self.sections:
            self.sections[-1][2].append(element)
        elif not self._warned_stray:
            self._warned_stray = True
            where = "the '#' title" if self.title is None else "the first '##' section"
            self.warn(index + 1, f"template text before {where} is ignored")

    def line(self, index: int, text: str) -> None:
        heading = atx_heading(text)
        if heading is not None and heading[0] <= 2:
            self.heading(index, *heading)
            return
        if heading is not None:
            self.add(index, TemplateText(text=text, line=index + 1))
            return
        field = _FIELD.match(text)
        if field is not None:
            label = (field["label"] or field["label2"]).strip()
            hint = _unbracket(field["hint"] if field["label"] else field["hint2"])
            if self.sections and label in {
                f.label for f in self.sections[-1][2] if isinstance(f, TemplateField)
            }:
                self.error(
                    index + 1, f"duplicate field '{label}' in template section '{self.sections[-1][0]}'"
                )
                return
            self.add(index, TemplateField(label=label, hint=hint, line=index + 1))
            return
        diagram = _DIAGRAM.match(text)
        if diagram is not None:
            self.add(index, TemplateDiagram(hint=diagram["hint"].strip(), line=index + 1))
            return
        self.add(index, TemplateText(text=text, line=index + 1))

    def heading(self, index: int, level: int, text: str) -> None:
        if level == 1:
            if self.title is not None:
                self.error(
                    index + 1, f"a second '#' title in Output Format (the first is at line {self.title_line})"
                )
            elif self.sections:
                self.error(index + 1, "the '#' title must come before the template's '##' sections")
            else:
                self.title, self.title_line = text, index + 1
            return
        if not text:
            self.error(index + 1, "template section heading is empty")
            return
        for heading, line, _ in self.sections:
            if heading == text:
                self.error(index + 1, f"duplicate template section '{text}' (first at line {line})")
                return
        if self.title is None and not self.sections:
            self._warned_stray = True  # the missing title is reported once, at the end
        self.sections.append((text, index + 1, []))

    def table(self, start: int, end: int) -> TemplateTable | None:
        rows = [(i + 1, split_row(self.lines[i])) for i in range(start, end)]
        header_line, columns = rows[0]
        ok = True
        if any(not c for c in columns):
            self.error(header_line, "table header has an empty column name")
            ok = False
        body = rows[1:]
        if body and is_separator_row(body[0][1]):
            separator_line, separator = body.pop(0)
            if len(separator) != len(columns):
                self.error(
                    separator_line,
                    f"table separator row has {len(separator)} cells, the header {len(columns)}",
                )
                ok = False
        elif self.require_separator:
            self.error(header_line, "table has no separator row (| --- | --- |) under its header")
            ok = False
        else:
            self.warn(header_line, "table has no separator row (| --- | --- |) under its header")
        for line, cells in body:
            if len(cells) != len(columns):
                self.error(
                    line, f"table row has {len(cells)} cells, but the header has {len(columns)} columns"
                )
                ok = False
        if not ok:
            return None
        return self._shape(columns, body, header_line)

    def _shape(self, columns: list[str], body: list[tuple[int, list[str]]], line: int) -> TemplateTable:
        fixed = [(n, cells) for n, cells in body if not _FREE_ROW.match(cells[0])]
        if not fixed:
            hints = body[0][1] if body else []
            return TemplateTable(columns=columns, row_labels=None, cell_hints=hints, line=line)
        if len(fixed) < len(body):
            self.warn(line, "table mixes fixed row labels with '...' rows; the '...' rows are ignored")
        labels: list[str] = []
        for n, cells in fixed:
            if cells[0] in labels:
                self.error(n, f"duplicate row label '{cells[0]}' in table")
            labels.append(cells[0])
        return TemplateTable(
            columns=columns, row_labels=labels, row_hints=[cells[1:] for _, cells in fixed], line=line
        )


def _unbracket(text: str) -> str:
    text = text.strip()
    if text.startswith("[") and text.endswith("]") and "]" not in text[1:-1]:
        return text[1:-1].strip()
    return text
