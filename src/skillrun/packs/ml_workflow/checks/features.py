"""Feature Engineering: FE-01, FE-02, FE-04..FE-08 and AP-03, AP-08, AP-14."""

from __future__ import annotations

import re

from ._base import FE, MS, PD, TP, View, bad, check, ok, when_regulated, when_temporal
from ._facts import REGULATED_DOMAINS
from ._lexicon import lexicon
from ._text import clip, found, has

_REQUIRED_COLUMNS = ("feature", "source", "transformation", "type", "leakage")
_LEVEL = re.compile(r"^\s*(low|medium|med|high)\b", re.IGNORECASE)
_FS_CLAIM = re.compile(
    r"feature store[^.\n]{0,80}?\b(not recommended|not needed|not required|recommended|yes|no)\b",
    re.IGNORECASE,
)


def feature_rows(v: View) -> list[tuple[list[str], str]]:
    """``(cells, leakage cell)`` per row of the feature table."""
    section = v.sec(FE)
    if section is None or section.table is None:
        return []
    table = section.table
    index = next((i for i, c in enumerate(table.columns) if "leak" in c.lower()), len(table.columns) - 1)
    return [(row, row[index] if index < len(row) else "") for row in table.rows]


def _high(leakage: str) -> bool:
    m = _LEVEL.match(leakage)
    return bool(m and m.group(1).lower() == "high")


@check("FE-01", FE)
def feature_table(v: View) -> tuple:
    table = v.sec(FE).table  # type: ignore[union-attr]
    if table is None:
        return bad("no feature table")
    header = " ".join(table.columns).lower()
    missing = [c for c in _REQUIRED_COLUMNS if c not in header]
    if missing:
        return bad("feature table lacks columns: " + ", ".join(missing))
    if len(table.rows) < 5:
        return bad(f"only {len(table.rows)} feature rows (needs >= 5)")
    return ok(f"{len(table.rows)} features with source, transformation, type and leakage risk")


@check("FE-02", FE)
def leakage_rated(v: View) -> tuple:
    rows = feature_rows(v)
    if not rows:
        return bad("no feature table")
    mitigation = lexicon().kw("FE-02", "mitigation")
    for cells, leakage in rows:
        if not _LEVEL.match(leakage):
            return bad(
                f"feature {clip(cells[0], 40)!r} has leakage {clip(leakage, 30)!r} (not low/medium/high)"
            )
    for cells, leakage in rows:
        if _high(leakage) and not mitigation.search(" | ".join(cells)):
            return bad(
                f"high-risk feature {clip(cells[0], 40)!r} has no mitigation (as-of join, cutoff, exclusion)"
            )
    highs = sum(_high(leak) for _, leak in rows)
    return ok(f"all {len(rows)} rows rated; {highs} high-risk rows mitigated")


def feature_store_decision(v: View) -> tuple[str | None, str]:
    """``("yes" | "no" | None, the text it was read from)``."""

    def compute() -> tuple[str | None, str]:
        section = v.sec(FE)
        if section is None:
            return None, ""
        lex = lexicon()
        value = section.field("Feature store")
        if value:
            head = re.split(r"[.;:—–(]| - ", value, maxsplit=1)[0]
            # The decision leads the field (rubric: within 80 characters of "feature store").
            for text in (head, value[:80]):
                no = lex.kw("FE-04", "no").search(text)
                yes = lex.kw("FE-04", "yes").search(text)
                if no and (not yes or no.start() <= yes.start()):
                    return "no", value
                if yes:
                    return "yes", value
        claim = _FS_CLAIM.search(section.plain)
        if claim:
            word = claim.group(1).lower()
            return ("yes" if word in ("yes", "recommended") else "no"), claim.group()
        return None, value or ""

    return v.memo("feature_store", compute)


@check("FE-04", FE)
def feature_store(v: View) -> tuple:
    decision, text = feature_store_decision(v)
    if decision is None:
        return bad("no yes/no feature-store decision")
    criterion = found(lexicon().kw("FE-04", "criteria"), text, negation=False)
    if not criterion:
        return bad(
            f"feature store {decision!r} without a criterion (online serving, reuse, freshness, skew, team)"
        )
    expected = v.must.get("FE-04")
    if expected in ("yes", "no") and decision != expected:
        return bad(f"feature store {decision!r}, the case expects {expected!r}")
    return ok(f"feature store {decision!r} justified by {criterion!r}")


def _single_batch_first_model(v: View) -> str | None:
    facts = v.facts
    if facts.serving_mode not in ("batch", None) and not v.required("AP-03"):
        return f"serving mode is {facts.serving_mode}"
    if not (facts.small_team or facts.first_model):
        return "not a first model or small team"
    return None


@check("AP-03", FE, when=_single_batch_first_model)
def feature_store_overkill(v: View) -> tuple:
    decision, text = feature_store_decision(v)
    if decision == "yes":
        return bad(f"feature store required for a small-team batch first model: {clip(text)!r}")
    return ok("no feature store required")


@check("FE-05", FE)
def one_transformation_path(v: View) -> tuple:
    hit = found(lexicon().kw("FE-05", "shared"), v.text(FE, TP, MS))
    if hit:
        return ok(f"training and serving share feature logic ({hit!r})")
    if feature_store_decision(v)[0] == "yes":
        return ok("a feature store serves training and serving")
    return bad("no shared transformation path between training and serving")


@check("FE-06", FE)
def schema_validation(v: View) -> tuple:
    lex = lexicon()
    text = v.text(FE, TP)
    if not has(lex.kw("FE-06", "schema"), text):
        return bad("no feature schema")
    tool = found(lex.kw("FE-06", "tools"), text)
    if not tool:
        return bad("schema without a validation tool (Great Expectations, Pandera, TFDV, Deequ, dbt tests)")
    return ok(f"schema validated with {tool}")


@check("FE-07", FE, when=when_regulated)
def sensitive_attributes(v: View) -> tuple:
    hit = found(lexicon().kw("FE-07", "terms"), v.text(FE, PD), negation=False)
    if hit:
        return ok(f"protected/sensitive attributes addressed ({hit!r})")
    return bad(f"{v.facts.regulated} decision without a word on protected attributes, proxies or PII")


@check("FE-08", FE, when=when_temporal)
def no_look_ahead(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(FE).plain  # type: ignore[union-attr]
    window = found(lex.kw("FE-08", "window"), text, negation=False)
    if not window:
        return bad("no lag/rolling window features")
    as_of = found(lex.kw("FE-08", "as_of"), text, negation=False)
    if not as_of:
        return bad(f"windows ({window!r}) without an as-of/point-in-time cutoff")
    return ok(f"windowed features ({window!r}) computed {as_of!r}")


@check("AP-08", FE)
def post_outcome_features(v: View) -> tuple:
    rows = feature_rows(v)
    lex = lexicon()
    deny = lex.patterns("post_outcome_features", "patterns")
    mitigation = lex.kw("FE-02", "mitigation")
    for cells, leakage in rows:
        text = " | ".join(cells)
        if _high(leakage) and not mitigation.search(text):
            return bad(f"high-leakage feature {clip(cells[0], 40)!r} used without mitigation")
        hit = deny.search(" | ".join(cells[:3]).replace("_", " "))
        if hit and not mitigation.search(text):
            return bad(f"post-outcome feature {clip(cells[0], 40)!r} ({hit.group()!r}) without mitigation")
    return ok("no post-outcome or unmitigated high-leakage features")


@check("AP-14", FE, when=when_regulated)
def protected_inputs(v: View) -> tuple:
    lex = lexicon()
    # A domain set only by the case labels ("regulated") gets the widest list, hiring's.
    domain = v.facts.regulated if v.facts.regulated in REGULATED_DOMAINS else "hiring"
    protected = lex.patterns("protected_attributes", domain)
    exempt = lex.patterns("protected_attributes", "exempt")
    things = lex.patterns("protected_attributes", "not_a_person")
    for cells, _ in feature_rows(v):
        text = " | ".join(cells[:1] + cells[2:3]).replace("_", " ")
        # "item_age_hours" reads "item age hours": the age of a posting, not of the person decided about.
        spans = [m.span() for m in things.finditer(text)]
        hit = next((m for m in protected.finditer(text) if not any(a <= m.start() < b for a, b in spans)), None)
        if hit and not exempt.search(" | ".join(cells)):
            return bad(f"protected attribute {hit.group()!r} is a model input ({clip(cells[0], 40)!r})")
    return ok(f"no protected attribute among the model inputs ({domain})")
