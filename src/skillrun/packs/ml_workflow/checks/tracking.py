"""Experiment Tracking: ET-01..ET-05."""

from __future__ import annotations

from ._base import ET, TP, View, bad, check, ok
from ._lexicon import lexicon
from ._shared import platform_label, stack_fit
from ._text import found

_ET02_GROUPS = ("code", "data", "params", "metrics", "artifact", "environment", "seed")


@check("ET-01", ET)
def tracker(v: View) -> tuple:
    section = v.sec(ET)
    text = section.row_text("Tool") or section.plain  # type: ignore[union-attr]
    fitting, foreign = stack_fit(v, "trackers", text)
    if not fitting and not foreign:
        fitting, foreign = stack_fit(v, "trackers", section.plain)  # type: ignore[union-attr]
    if not fitting and not foreign:
        return bad("no experiment tracker named (MLflow, W&B, Neptune, ClearML, cloud-native)")
    saas = lexicon().by_stack("trackers")["saas"]
    wrong_cloud = [f for f in foreign if not saas.search(f)]
    if wrong_cloud:
        return bad(f"tracker {wrong_cloud[0]} does not fit a {platform_label(v)} request")
    if foreign and not fitting:
        return bad(f"hosted tracker {foreign[0]} on a {platform_label(v)} request without a self-hosted option")
    return ok(f"tracker {fitting[0]}")


@check("ET-02", ET)
def what_is_tracked(v: View) -> tuple:
    text = v.sec(ET).plain  # type: ignore[union-attr]
    lex = lexicon()
    present = [g for g in _ET02_GROUPS if lex.kw("ET-02", g).search(text)]
    missing = [g for g in _ET02_GROUPS if g not in present]
    if len(present) >= 5:
        return ok(f"{len(present)}/7 tracked: {', '.join(present)}")
    return bad(f"only {len(present)}/7 tracked; missing {', '.join(missing)}")


@check("ET-03", ET)
def organization(v: View) -> tuple:
    text = v.sec(ET).plain  # type: ignore[union-attr]
    lex = lexicon()
    naming = found(lex.kw("ET-03", "naming"), text, negation=False)
    link = found(lex.kw("ET-03", "link"), text, negation=False)
    if not naming:
        return bad("no naming convention, hierarchy or tags for runs")
    if not link:
        return bad("no link from registry versions to runs (lineage)")
    return ok(f"runs organised ({naming!r}) and linked ({link!r})")


@check("ET-04", ET)
def data_versioning(v: View) -> tuple:
    hit = found(lexicon().kw("ET-04", "versioning"), v.text(ET, TP))
    if hit:
        return ok(f"data versioning: {hit}")
    return bad("no data versioning mechanism (DVC, lakeFS, Delta/Iceberg time travel, snapshots)")


@check("ET-05", ET)
def slice_metrics(v: View) -> tuple:
    hit = found(lexicon().kw("ET-05", "slices"), v.text(ET, TP))
    if hit:
        return ok(f"slice metrics logged ({hit!r})")
    return bad("no per-slice metrics (region, language, site, subgroup)")

