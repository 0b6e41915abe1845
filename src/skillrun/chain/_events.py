"""Events a running chain emits, one per finished step, then the report."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import ChainError
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


async def final_report(events: AsyncIterator[ChainEvent]) -> Report:
    """The report that ends a chain's events; the events before it are passed over."""
    async for event in events:
        if isinstance(event, ReportDone):
            return event.report
    raise ChainError("the chain ended without a report")
