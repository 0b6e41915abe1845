"""Events a running chain emits, one per finished step, then the report."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..report import Provenance, Report, SectionResult


@dataclass(frozen=True)
class IntakeDone:
    brief: BaseModel
    provenance: Provenance


@dataclass(frozen=True)
class SectionDone:
    result: SectionResult
    done: int
    """Sections finished so far, this one included."""
    total: int


@dataclass(frozen=True)
class ReportDone:
    report: Report


ChainEvent = IntakeDone | SectionDone | ReportDone
