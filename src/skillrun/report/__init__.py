"""Reports: the typed model, markdown rendering in the skill's Output Format, and parsing back."""

from ._model import Provenance, Report, RunInfo, SectionBody, SectionResult, Table, UsageTotals
from ._parse import parse_markdown
from ._parsed import ParsedReport, ParsedSection, ParsedTable

__all__ = [
    "ParsedReport",
    "ParsedSection",
    "ParsedTable",
    "Provenance",
    "Report",
    "RunInfo",
    "SectionBody",
    "SectionResult",
    "Table",
    "UsageTotals",
    "parse_markdown",
]
