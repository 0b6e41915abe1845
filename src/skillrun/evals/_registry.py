"""Which checks apply to a skill, and running them over one report (evals and chain guardrails alike)."""

from __future__ import annotations

import importlib
import threading

from pydantic import BaseModel

from ..packs import get_pack
from ..report._parse import parse_markdown
from ..report._parsed import ParsedReport
from ..spec import Skill
from ._cases import rubric_id
from ._checks import Check, CheckContext, CheckOutcome, Expectations
from ._structure import structural_checks

_CACHE: dict[str, tuple[Skill, list[Check]]] = {}
_LOCK = threading.Lock()


def _pack_checks(slug: str) -> list[Check]:
    pack = get_pack(slug)
    if pack is None:
        return []
    try:
        module = importlib.import_module(type(pack).__module__ + ".checks")
    except ModuleNotFoundError:
        return []
    return list(getattr(module, "CHECKS", []))


def checks_for(skill: Skill) -> list[Check]:
    """Structural checks from the skill's Output Format, then its pack's domain checks."""
    with _LOCK:
        cached = _CACHE.get(skill.slug)
        if cached is not None and cached[0] is skill:
            return cached[1]
    checks: list[Check] = []
    if skill.template is not None:
        checks += structural_checks(skill.template)
    checks += _pack_checks(skill.slug)
    with _LOCK:
        _CACHE[skill.slug] = (skill, checks)
    return checks


def required_ids(expect: Expectations | None) -> set[str]:
    """Rubric ids an eval case names in ``must`` or ``must_not`` (``"FE-04=no: ..."`` gives ``FE-04``)."""
    if expect is None:
        return set()
    return {rubric_id(item) for item in [*expect.must, *expect.must_not]}


def run_checks(ctx: CheckContext, *, section: str | None = None) -> list[CheckOutcome]:
    """Run the skill's checks on ``ctx``; with ``section``, only that section's checks (guardrails).

    A check that ``ctx.expect`` names in ``must``/``must_not`` counts even where it would be ``na``: on a
    full report such an outcome becomes a failure. A check that raises is reported as ``na`` with the
    error as its reason, so one bug never stops an eval run or a chain.
    """
    checks = checks_for(ctx.skill)
    if section is not None:
        checks = [c for c in checks if c.section == section]
    required = required_ids(ctx.expect)
    outcomes: list[CheckOutcome] = []
    for check in checks:
        try:
            outcome = check(ctx)
        except Exception as exc:  # noqa: BLE001 - a broken check must not take the run down
            outcome = CheckOutcome(check.id, "na", f"check error: {type(exc).__name__}: {exc}", check.section)
        if outcome.status == "na" and outcome.id in required and not ctx.sections:
            outcome = CheckOutcome(
                outcome.id, "fail", f"required by the case, but {outcome.reason}", outcome.section
            )
        outcomes.append(outcome)
    return outcomes


def make_context(
    skill: Skill,
    report: str | ParsedReport,
    request: str,
    *,
    brief: BaseModel | None = None,
    expect: Expectations | dict | None = None,
    sections: frozenset[str] | set[str] | None = None,
) -> CheckContext:
    """A :class:`CheckContext` from markdown (parsed here) or an already parsed report."""
    parsed = parse_markdown(report) if isinstance(report, str) else report
    if isinstance(expect, dict):
        expect = Expectations.model_validate(expect)
    return CheckContext(
        skill=skill,
        report=parsed,
        request=request,
        brief=brief,
        expect=expect,
        sections=frozenset(sections or ()),
    )
