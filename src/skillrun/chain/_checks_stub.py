"""STUB until the checks branch lands: the interface the guard codes against. Delete after merging.

``skillrun.evals.run_checks(ctx, section=heading)`` runs the rubric checks of one section;
``parse_markdown(text)`` reads a rendered report back into a :class:`ParsedReport`.
"""

from __future__ import annotations

from ..evals._checks import CheckContext, CheckOutcome
from ..report._parsed import ParsedReport, ParsedSection


def parse_markdown(text: str) -> ParsedReport:
    lines = text.splitlines()
    title = lines[0][2:].strip() if lines and lines[0].startswith("# ") else None
    sections = [ParsedSection(heading=line[3:].strip()) for line in lines if line.startswith("## ")]
    return ParsedReport(title=title, sections=sections, text=text)


def run_checks(ctx: CheckContext, section: str | None = None) -> list[CheckOutcome]:
    return []
