"""Structural checks derived from any skill's Output Format template.

Given a :class:`~skillrun.spec.OutputTemplate`, :func:`structural_checks` returns checks for the title,
the ``##`` sections (all present, in order, nothing extra), each table (exact columns, fixed row labels),
each bold field (present, non-empty), each diagram (a fenced block), and placeholders per section.
Two of them carry rubric ids: ``G-01`` (sections present in order) and ``G-02`` (no placeholders:
``TBD``/``TODO``/``lorem``/``???``, angle-bracket slots, ``[...]``, ``...`` or empty cells, the template's
own bracketed hints, ``N/A`` without a reason).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..report._parsed import ParsedSection, ParsedTable
from ..spec import OutputTemplate, TemplateSection, TemplateTable
from ._checks import CheckContext, CheckOutcome, Status

# Upper case only: "todo" is Spanish and Portuguese for "all".
_WORDS = re.compile(r"\b(?:TBD|TODO|FIXME)\b|\b[Ll]orem ipsum\b|\b[Ll]orem\b|\?\?\?")
_ANGLE = re.compile(r"<\s*(?P<inner>\.\.\.|…|[A-Za-z][\w \-/]{0,24})\s*>")
_HTML_TAGS = frozenset(
    "a b br code div em hr i img li ol p pre s script small span strong style sub sup table td th tr u ul "
    "iframe svg".split()
)
_ELLIPSIS_BRACKET = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]")
_NA = re.compile(r"(?<![\w/])N/A(?![\w/])", re.IGNORECASE)
_REASON_WORD = re.compile(r"[A-Za-z]{2,}")
_EMPTY_VALUES = frozenset({"", "-", "—", "–", "...", "…", "?", "n/a", "na"})


def is_empty_value(value: str) -> bool:
    """An unfilled cell or field: blank, a dash, an ellipsis or a bare ``N/A``."""
    return value.strip().strip("*_` ").lower() in _EMPTY_VALUES


def _na_without_reason(text: str) -> bool:
    for match in _NA.finditer(text):
        following = text[match.end() : match.end() + 80].split("\n", 1)[0]
        if len(_REASON_WORD.findall(following)) < 2:
            return True
    return False


# Every finding below needs one of these characters or words; most cells have none of them.
_SUSPECT = re.compile(r"TBD|TODO|FIXME|[Ll]orem|\?\?\?|<|\[|\{|\.\.\.|…|N/A", re.IGNORECASE)
# An unfilled format slot ("by {unit}"); a naming pattern of joined slots ("{date}-{model}") is content.
_BRACE_SLOT = re.compile(r"(?<![\w}\-/{])\{[a-z_]{2,24}\}(?![\w{\-/])")


def placeholder_findings(text: str, *, hints: Iterable[str] = (), drawing: bool = False) -> list[str]:
    """What in ``text`` (one cell, field, note or diagram) looks unfilled; empty when nothing does.

    ``drawing`` relaxes the checks that ASCII art trips (angle brackets, ellipses).
    """
    found = [f"template hint {hint!r} left in" for hint in hints if hint and hint in text]
    if not _SUSPECT.search(text):
        return found
    stripped = text.strip()
    words = _WORDS.search(text)
    if words:
        found.append(f"placeholder {words.group()!r}")
    if drawing:
        return found
    for match in _ANGLE.finditer(text):
        inner = match.group("inner").strip().lower()
        if inner.split(" ")[0].strip("/") not in _HTML_TAGS:
            found.append(f"slot {match.group()!r}")
            break
    slot = _BRACE_SLOT.search(text)
    if slot:
        found.append(f"slot {slot.group()!r}")
    if _ELLIPSIS_BRACKET.search(text):
        found.append("'[...]'")
    if stripped in ("...", "…"):
        found.append("'...' instead of content")
    if _na_without_reason(text):
        found.append("N/A without a reason")
    return found


_SPACES = re.compile(r"\s+")
Verdict = tuple[Status, str]


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.strip().strip("*_`").strip()).lower()


@dataclass(frozen=True)
class StructuralCheck:
    """One template-derived check; ``run`` sees a context whose section (if any) is present."""

    id: str
    section: str | None
    run: Callable[[CheckContext], Verdict]

    def __call__(self, ctx: CheckContext) -> CheckOutcome:
        if self.section is not None:
            if ctx.sections and self.section not in ctx.sections:
                return CheckOutcome(self.id, "na", "section not part of this partial report", self.section)
            if ctx.report.section(self.section) is None:
                return CheckOutcome(self.id, "fail", f"section '## {self.section}' is missing", self.section)
        status, reason = self.run(ctx)
        return CheckOutcome(self.id, status, reason, self.section)


def expected_headings(ctx: CheckContext, template: OutputTemplate) -> list[str]:
    """Template headings this context should contain (a partial report: only those it names)."""
    if ctx.sections:
        return [h for h in template.headings if h in ctx.sections]
    return list(template.headings)


@dataclass(frozen=True)
class Hints:
    """What of the template must not reappear verbatim: hint phrases anywhere, example cells as a cell."""

    phrases: tuple[str, ...] = ()
    cells: frozenset[str] = frozenset()


def template_hints(template: OutputTemplate) -> Hints:
    """The template's placeholder texts (field and diagram hints, the title slot, example cells)."""
    phrases: list[str] = []
    _, bracket, rest = template.title_pattern.partition("[")
    if bracket:
        phrases.append("[" + rest)
    for section in template.sections:
        texts = [f.hint for f in section.fields]
        if section.diagram is not None:
            texts.append(section.diagram.hint)
        for hint in (t.strip() for t in texts):
            bare = hint.strip("[]").strip()
            # The bracketed form is unmistakable; the bare words only when long enough not to be prose.
            if len(bare) >= 3:
                phrases.append(f"[{bare}]")
            if len(bare) >= 12:
                phrases.append(bare)
    cells = {
        _norm(cell)
        for section in template.sections
        for table in section.tables
        for cell in [*table.cell_hints, *(c for row in table.row_hints for c in row)]
        if _norm(cell) not in ("", "...", "…")
    }
    return Hints(tuple(dict.fromkeys(phrases)), frozenset(cells))


def find_table(section: ParsedSection, spec: TemplateTable, index: int) -> ParsedTable | None:
    """The parsed table with the template's columns, else the one at the template's position."""
    wanted = [_norm(c) for c in spec.columns]
    for table in section.tables:
        if [_norm(c) for c in table.columns] == wanted:
            return table
    return section.tables[index] if index < len(section.tables) else None


# ------------------------------------------------------------------------------------- report-wide


def _title(template: OutputTemplate) -> Callable[[CheckContext], Verdict]:
    prefix = template.title_prefix.strip()

    def run(ctx: CheckContext) -> Verdict:
        title = (ctx.report.title or "").strip()
        if not title:
            return "fail", "no '# ' title line"
        if not _norm(title).startswith(_norm(prefix)):
            return "fail", f"title {title!r} does not start with {prefix!r}"
        rest = title[len(prefix) :].strip(" :-—")
        if not rest or "[" in rest and rest.endswith("]"):
            return "fail", f"title {title!r} does not name the project"
        return "pass", f"title {title!r}"

    return run


def _sections(template: OutputTemplate, *, strict: bool) -> Callable[[CheckContext], Verdict]:
    def run(ctx: CheckContext) -> Verdict:
        expected = expected_headings(ctx, template)
        found = [_norm(h) for h in ctx.report.headings]
        missing = [h for h in expected if _norm(h) not in found]
        if missing:
            return "fail", "missing sections: " + ", ".join(missing)
        order = [h for h in found if h in {_norm(e) for e in expected}]
        if order != [_norm(e) for e in expected]:
            return "fail", "sections out of order or repeated: " + ", ".join(ctx.report.headings)
        if strict:
            known = {_norm(h) for h in template.headings}
            extra = [h for h in ctx.report.headings if _norm(h) not in known]
            if extra:
                return "fail", "sections the template does not have: " + ", ".join(extra)
        return "pass", f"{len(expected)} sections present in order"

    return run


# The per-section scan feeds both S-PLACEHOLDER:<heading> and G-02; keep the last few results.
_SCANS: dict[tuple[int, str], tuple[ParsedSection, list[str]]] = {}
_SCANS_KEPT = 64


def _section_placeholders(section: ParsedSection, hints: Hints) -> list[str]:
    key = (id(section), section.heading)
    cached = _SCANS.get(key)
    if cached is not None and cached[0] is section:
        return cached[1]
    found = _scan_section(section, hints)
    if len(_SCANS) >= _SCANS_KEPT:
        _SCANS.pop(next(iter(_SCANS)))
    _SCANS[key] = (section, found)
    return found


def _scan_section(section: ParsedSection, hints: Hints) -> list[str]:
    found: list[str] = []
    for table in section.tables:
        for row in table.rows:
            label = row[0] if row else ""
            for col, cell in enumerate(row):
                where = (
                    f"{label!r}"
                    if col == 0
                    else f"{label!r}/{table.columns[col] if col < len(table.columns) else col}"
                )
                if is_empty_value(cell):
                    found.append(f"empty cell {where}")
                    continue
                if col > 0 and _norm(cell) in hints.cells:
                    found.append(f"template example {cell!r} in {where}")
                    continue
                found += [f"{what} in {where}" for what in placeholder_findings(cell, hints=hints.phrases)]
    for label, value in section.fields.items():
        if is_empty_value(value):
            found.append(f"empty field {label!r}")
        else:
            found += [
                f"{what} in field {label!r}" for what in placeholder_findings(value, hints=hints.phrases)
            ]
    for note in section.notes:
        found += [f"{what} in a note" for what in placeholder_findings(note, hints=hints.phrases)]
    for block in section.code_blocks:
        found += [
            f"{what} in the diagram"
            for what in placeholder_findings(block, hints=hints.phrases, drawing=True)
        ]
    return found


def _placeholders_report(template: OutputTemplate) -> Callable[[CheckContext], Verdict]:
    hints = template_hints(template)

    def run(ctx: CheckContext) -> Verdict:
        found: list[str] = []
        for what in placeholder_findings(ctx.report.title or "", hints=hints.phrases):
            found.append(f"{what} in the title")
        for item in ctx.report.assumptions:
            found += [f"{what} in an assumption" for what in placeholder_findings(item, hints=hints.phrases)]
        wanted = set(expected_headings(ctx, template)) if ctx.sections else None
        for section in ctx.report.sections:
            if wanted is not None and section.heading not in wanted:
                continue
            found += [f"{section.heading}: {f}" for f in _section_placeholders(section, hints)]
        if found:
            more = f" (+{len(found) - 3} more)" if len(found) > 3 else ""
            return "fail", "; ".join(found[:3]) + more
        return "pass", "no placeholders, empty cells or bare N/A"

    return run


# ----------------------------------------------------------------------------------------- per section


def _section_checks(spec: TemplateSection, hints: Hints) -> list[StructuralCheck]:
    heading = spec.heading
    checks: list[StructuralCheck] = []
    tables = spec.tables
    for index, table_spec in enumerate(tables):
        suffix = f"#{index + 1}" if len(tables) > 1 else ""
        checks.append(
            StructuralCheck(f"S-TABLE:{heading}{suffix}", heading, _table(heading, table_spec, index))
        )
        if table_spec.row_labels is not None:
            checks.append(
                StructuralCheck(f"S-ROWS:{heading}{suffix}", heading, _rows(heading, table_spec, index))
            )
    for f in spec.fields:
        checks.append(StructuralCheck(f"S-FIELD:{heading}:{f.label}", heading, _field(heading, f.label)))
    if spec.diagram is not None:
        checks.append(StructuralCheck(f"S-DIAGRAM:{heading}", heading, _diagram(heading)))

    def placeholders(ctx: CheckContext) -> Verdict:
        section = ctx.report.section(heading)
        assert section is not None
        found = _section_placeholders(section, hints)
        if found:
            more = f" (+{len(found) - 3} more)" if len(found) > 3 else ""
            return "fail", "; ".join(found[:3]) + more
        return "pass", "no placeholders"

    checks.append(StructuralCheck(f"S-PLACEHOLDER:{heading}", heading, placeholders))
    return checks


def _table(heading: str, spec: TemplateTable, index: int) -> Callable[[CheckContext], Verdict]:
    def run(ctx: CheckContext) -> Verdict:
        section = ctx.report.section(heading)
        assert section is not None
        table = find_table(section, spec, index)
        if table is None:
            return "fail", f"no table ({' | '.join(spec.columns)})"
        if [_norm(c) for c in table.columns] != [_norm(c) for c in spec.columns]:
            return "fail", f"columns {table.columns} differ from the template's {spec.columns}"
        if not table.rows:
            return "fail", "the table has no rows"
        ragged = [i + 1 for i, row in enumerate(table.rows) if len(row) != len(spec.columns)]
        if ragged:
            return "fail", f"rows {ragged} do not have {len(spec.columns)} cells"
        return "pass", f"table with columns {' | '.join(spec.columns)}, {len(table.rows)} rows"

    return run


def _rows(heading: str, spec: TemplateTable, index: int) -> Callable[[CheckContext], Verdict]:
    labels = spec.row_labels or []

    def run(ctx: CheckContext) -> Verdict:
        section = ctx.report.section(heading)
        assert section is not None
        table = find_table(section, spec, index)
        if table is None:
            return "fail", "no table to hold the rows " + ", ".join(labels)
        found = [row[0] if row else "" for row in table.rows]
        if [_norm(x) for x in found] == [_norm(x) for x in labels]:
            return "pass", "row labels as in the template"
        missing = [x for x in labels if _norm(x) not in {_norm(f) for f in found}]
        extra = [x for x in found if _norm(x) not in {_norm(label) for label in labels}]
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            parts.append("unexpected " + ", ".join(extra))
        return "fail", "row labels differ: " + ("; ".join(parts) or "order differs: " + ", ".join(found))

    return run


def _field(heading: str, label: str) -> Callable[[CheckContext], Verdict]:
    def run(ctx: CheckContext) -> Verdict:
        section = ctx.report.section(heading)
        assert section is not None
        value = next((v for k, v in section.fields.items() if _norm(k) == _norm(label)), None)
        if value is None:
            return "fail", f"no '**{label}:**' field"
        if is_empty_value(value):
            return "fail", f"'**{label}:**' is empty"
        return "pass", f"'{label}' filled"

    return run


def _diagram(heading: str) -> Callable[[CheckContext], Verdict]:
    def run(ctx: CheckContext) -> Verdict:
        section = ctx.report.section(heading)
        assert section is not None
        drawings = [b for b in section.code_blocks if b.strip()]
        if not drawings:
            return "fail", "no fenced diagram"
        return "pass", f"fenced diagram of {len(drawings[0].splitlines())} lines"

    return run


def structural_checks(template: OutputTemplate) -> list[StructuralCheck]:
    """All template-derived checks: report-wide first, then per section in template order."""
    hints = template_hints(template)
    checks = [
        StructuralCheck("S-TITLE", None, _title(template)),
        StructuralCheck("S-SECTIONS", None, _sections(template, strict=True)),
        StructuralCheck("G-01", None, _sections(template, strict=False)),
        StructuralCheck("G-02", None, _placeholders_report(template)),
    ]
    for section in template.sections:
        checks += _section_checks(section, hints)
    return checks
