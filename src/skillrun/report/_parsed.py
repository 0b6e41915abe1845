"""Structure read back from a rendered markdown report (for checks, evals and tests)."""

from __future__ import annotations

from pydantic import BaseModel


class ParsedTable(BaseModel):
    columns: list[str]
    rows: list[list[str]]
    """Unescaped cell text; rows shorter or longer than ``columns`` are kept as found."""
    line: int = 0

    def column(self, name: str) -> list[str]:
        lowered = [c.lower() for c in self.columns]
        index = lowered.index(name.lower())
        return [row[index] if index < len(row) else "" for row in self.rows]

    def row(self, label: str) -> list[str] | None:
        """The row whose first cell equals ``label`` (case-insensitive)."""
        for row in self.rows:
            if row and row[0].strip().lower() == label.lower():
                return row
        return None

    def cell(self, label: str, column: int = 1) -> str | None:
        found = self.row(label)
        return found[column] if found is not None and column < len(found) else None


class ParsedSection(BaseModel):
    heading: str
    line: int = 0
    tables: list[ParsedTable] = []
    fields: dict[str, str] = {}
    """Bold ``**Label:** value`` lines, by label."""
    code_blocks: list[str] = []
    notes: list[str] = []
    """List items and other prose lines, unescaped, in order (the fallback note included)."""
    text: str = ""
    """The whole section as written (raw markdown), heading line included."""
    plain: str = ""
    """The section body as a reader sees it: tables (cells joined by `` | ``), fields (``Label: value``),
    diagrams and notes, one per line, markup and escapes removed. Keyword checks search this."""
    fallback: str | None = None
    """The reason in a ``> Written by the offline expert engine (...)`` note, when the section has one."""


class ParsedReport(BaseModel):
    title: str | None
    """The ``#`` title without hashes."""
    preamble: str = ""
    """Raw markdown between the title and the first ``##`` heading (banner, assumptions)."""
    banner: str | None = None
    """The text of a ``> **Note:** ...`` line in the preamble."""
    assumptions: list[str] = []
    """Items of the ``**Assumptions:**`` list in the preamble."""
    sections: list[ParsedSection] = []
    text: str = ""

    def section(self, heading: str) -> ParsedSection | None:
        for s in self.sections:
            if s.heading.strip().lower() == heading.lower():
                return s
        return None

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections]

    @property
    def plain(self) -> str:
        """Title, preamble items and every section's plain text (see :attr:`ParsedSection.plain`)."""
        parts = [self.title or "", self.banner or "", *self.assumptions]
        parts += [f"{s.heading}\n{s.plain}" for s in self.sections]
        return "\n".join(p for p in parts if p)
