"""Report-wide rubric items: G-04 (stack matches the platform), G-06 (regulated controls), AP-07."""

from __future__ import annotations

from ._base import View, bad, check, ok, when_platform, when_regulated
from ._lexicon import lexicon
from ._shared import foreign_services, platform_label
from ._text import found

_G06_GROUPS = ("explain", "documentation", "fairness", "lineage", "privacy")


def _platform_verdict(v: View) -> tuple:
    foreign = foreign_services(v)
    label = platform_label(v)
    if foreign:
        names = ", ".join(f"{name} ({why})" for name, why in foreign[:3])
        return bad(f"{label} request, but the report names {names}")
    return ok(f"only {label}-compatible services and OSS")


@check("G-04", None, when=when_platform)
def stack_matches_platform(v: View) -> tuple:
    return _platform_verdict(v)


@check("AP-07", None, when=when_platform)
def other_cloud_services(v: View) -> tuple:
    return _platform_verdict(v)


@check("G-06", None, when=when_regulated)
def regulated_controls(v: View) -> tuple:
    lex = lexicon()
    text = v.text()
    present = {g: found(lex.kw("G-06", g), text, negation=False) for g in _G06_GROUPS}
    missing = [g for g, hit in present.items() if not hit]
    if len(missing) > 1:
        return bad(f"{v.facts.regulated}: missing {', '.join(missing)} controls")
    return ok(f"{v.facts.regulated}: {5 - len(missing)}/5 controls" + (f" (no {missing[0]})" if missing else ""))
