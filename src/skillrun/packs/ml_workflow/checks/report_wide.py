"""Report-wide rubric items: G-04 and AP-07 (stack matches the platform), G-06 (regulated controls) and
the cross-section consistency checks XC-01..XC-06."""

from __future__ import annotations

import re

from ._base import AB, FE, MD, MS, PD, TP, View, bad, check, na, ok, when_platform, when_regulated
from ._facts import is_capacity, per_of
from ._lexicon import CaseFolded, lexicon
from ._shared import (
    eval_metrics,
    foreign_services,
    gpu_requirements,
    metric_label,
    names_eval_metric,
    platform_label,
    report_mode,
    time_based_split,
)
from ._text import clip, found, quantities
from .features import feature_rows
from .serving import consistent, percentiles, tail_of

_HIGH = re.compile(r"^\s*high\b", re.IGNORECASE)
_EXCLUDED = re.compile(
    r"exclud|drop|not used|removed|never used|left out|only for (?:evaluation|monitoring)", re.I
)
_TEAM = CaseFolded(
    r"team of (?P<a>\d+)|(?P<b>\d+)[- ](?:person|people|engineer|ML engineer|data scientist)s?\b(?! per)"
)
_CONTENT_WORD = re.compile(r"[a-zA-Z][a-zA-Z-]{3,}")
_STOP = frozenset(
    "rate metric metrics primary business value user users per the with from that this over days week weeks month "
    "relative absolute measured measure within test arm arms total average mean level".split()
)


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
    return ok(
        f"{v.facts.regulated}: {5 - len(missing)}/5 controls" + (f" (no {missing[0]})" if missing else "")
    )


@check("XC-01", None)
def serving_mode_consistent(v: View) -> tuple:
    absent = v.absent(MS, AB, MD)
    if absent:
        return absent
    mode = report_mode(v)
    if mode is None:
        return na("no serving mode stated in Model Serving")
    lex = lexicon()
    text = v.text(AB, MD)
    online = found(lex.kw("XC-01", "online"), text)
    batch = found(lex.kw("XC-01", "batch"), text)
    if mode == "batch" and online:
        return bad(f"Model Serving is batch but A/B or monitoring assume online serving ({online!r})")
    if mode in ("real-time", "streaming") and batch and not online:
        return bad(f"Model Serving is {mode} but A/B or monitoring assume batch scoring ({batch!r})")
    return ok(f"A/B testing and monitoring fit {mode} serving")


@check("XC-02", None)
def eval_metric_everywhere(v: View) -> tuple:
    absent = v.absent(PD, TP, MD)
    if absent:
        return absent
    wanted = eval_metrics(v)
    if not wanted:
        return na("no known metric in the evaluation-metric row")
    missing = [h for h in (TP, MD) if not names_eval_metric(v, v.text(h))]
    if missing:
        return bad(f"{metric_label(wanted[0])} (PD-04) does not reappear in {', '.join(missing)}")
    return ok(f"{metric_label(wanted[0])} used in the promotion gate and in monitoring")


def _temporal_and_time_split(v: View) -> str | None:
    if not v.facts.temporal:
        return "not temporal"
    return None if time_based_split(v) else "split is not time-based"


@check("XC-03", None, when=_temporal_and_time_split)
def temporal_consistency(v: View) -> tuple:
    absent = v.absent(FE, MD)
    if absent:
        return absent
    lex = lexicon()
    as_of = found(lex.kw("FE-08", "as_of"), v.text(FE), negation=False)
    if not as_of:
        return bad("time-based split, but features have no as-of logic")
    seasonal = found(lex.kw("XC-03", "seasonal"), v.text(MD), negation=False)
    if not seasonal:
        return bad("time-based split, but drift is not compared with a seasonally matched reference window")
    return ok(f"as-of features ({as_of!r}) and a matched reference window ({seasonal!r})")


def _team_sizes(text: str) -> list[int]:
    return [int(m.group("a") or m.group("b")) for m in _TEAM.finditer(text)]


_JOB_SPEED = re.compile(r"^[^;|]{0,20}\bover an? [\w-]+ (?:job|run|batch|window)\b", re.IGNORECASE)


@check("XC-04", None)
def numbers_match_request(v: View) -> tuple:
    facts = v.facts
    problems: list[str] = []
    checked: list[str] = []
    section = v.sec(MS)
    if facts.latency_limit_ms is not None and section is not None:
        tail = tail_of(percentiles(section.plain))
        checked.append("latency")
        if tail is not None and tail[1] > facts.latency_limit_ms:
            problems.append(f"{tail[0]} {tail[1]:g} ms over the request's {facts.latency_limit_ms:g} ms")
    if facts.team_size is not None:
        checked.append("team size")
        other = [n for n in _team_sizes(v.text()) if n != facts.team_size]
        if other:
            problems.append(f"team of {other[0]} vs {facts.team_size} in the request")
    if facts.no_gpu:
        checked.append("GPU")
        if gpu_requirements(v):
            problems.append(f"GPU required ({gpu_requirements(v)[0]}) on a no-GPU request")
    if facts.platforms:
        checked.append("platform")
        if foreign_services(v):
            problems.append(f"{foreign_services(v)[0][0]} on a {'/'.join(sorted(facts.platforms))} request")
    text = v.text()
    # A total ("3k trials", "20M users") is not a figure the design restates, and the capacity of the
    # people acting on the scores ("investigators review 60 claims a day") is not the volume scored.
    volumes = [r for r in facts.rates if r.volume and r.word]
    numbers = quantities(text) if volumes else []
    for rate in volumes:
        word = rate.word.rstrip("s")
        checked.append(rate.noun)
        for q in numbers:
            tail = text[q.end : q.end + 24]
            if q.value < 10 or not tail.lower().lstrip(" ~").startswith(word[:4]):
                continue
            if is_capacity(text, q.start, q.end, q.value):
                continue
            if _JOB_SPEED.match(text[q.end : q.end + 40]):
                continue  # "≈ 80 rows/s over a 1-hour job": how fast a batch runs, not how much arrives
            if not consistent(q.value, per_of(tail), rate):
                problems.append(
                    f"{q.value:,.0f} {tail.split()[0]} vs {rate.value:,.0f} {rate.noun} in the request"
                )
                break
    if problems:
        return bad("; ".join(problems[:2]))
    return ok("consistent with the request (" + (", ".join(checked[:4]) or "nothing to compare") + ")")


@check("XC-05", None)
def high_leakage_not_used(v: View) -> tuple:
    absent = v.absent(FE)
    if absent:
        return absent
    mitigation = lexicon().kw("FE-02", "mitigation")
    highs = [(cells, " | ".join(cells)) for cells, leak in feature_rows(v) if _HIGH.match(leak)]
    if not highs:
        return ok("no high-leakage features")
    rest = v.text(FE, TP)
    for cells, row in highs:
        if mitigation.search(row):
            continue
        name = cells[0].strip()
        mentions = [m for m in re.finditer(re.escape(name), rest, re.IGNORECASE)] if name else []
        if not any(_EXCLUDED.search(rest[max(0, m.start() - 80) : m.end() + 80]) for m in mentions):
            return bad(f"high-leakage feature {clip(name, 40)!r} used without mitigation")
    return ok(f"{len(highs)} high-leakage features mitigated or excluded")


def _concepts(text: str) -> set[str]:
    return {name for name, p in lexicon().kw_groups("XC-06", "concepts").items() if p.search(text)}


@check("XC-06", None)
def primary_is_business_metric(v: View) -> tuple:
    absent = v.absent(PD, AB)
    if absent:
        return absent
    business = v.sec(PD).cell("Business metric")  # type: ignore[union-attr]
    primary = v.sec(AB).cell("Primary metric")  # type: ignore[union-attr]
    if not primary.strip():
        return bad("no A/B primary metric")
    shared = _concepts(business) & _concepts(primary)
    if shared:
        return ok(f"A/B primary metric tracks the business metric ({', '.join(sorted(shared))})")
    words = {w.lower() for w in _CONTENT_WORD.findall(business)} - _STOP
    common = words & {w.lower() for w in _CONTENT_WORD.findall(primary)}
    if common:
        return ok(f"A/B primary metric shares {sorted(common)[0]!r} with the business metric")
    if lexicon().kw("XC-06", "proxy").search(v.sec(AB).plain):  # type: ignore[union-attr]
        return ok("A/B primary metric is a documented proxy for the business metric")
    return bad(f"A/B primary metric {clip(primary, 40)!r} is not the business metric {clip(business, 40)!r}")
