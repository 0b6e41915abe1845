"""Reports: the typed model, markdown rendering in the skill's Output Format, and parsing back."""

from ._model import Provenance, Report, RunInfo, SectionBody, SectionResult, Table, UsageTotals

__all__ = ["Provenance", "Report", "RunInfo", "SectionBody", "SectionResult", "Table", "UsageTotals"]
