"""Experiment Tracking (ET-01..ET-05) and Training Pipeline: TP-01..TP-09, TP-11 and AP-01, AP-06, AP-13, AP-17."""

from __future__ import annotations

import re

from ._base import ET, FE, MS, PD, TP, View, bad, check, ok, when_temporal
from ._lexicon import lexicon
from ._shared import gpu_requirements, platform_label, stack_fit
from ._text import clip, distinct, found, has

_SPLIT_WORD = re.compile(r"split", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


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
        return bad(
            f"hosted tracker {foreign[0]} on a {platform_label(v)} request without a self-hosted option"
        )
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


def random_split(v: View) -> str | None:
    """A stated (not negated) random or shuffled split in the Training Pipeline."""
    section = v.sec(TP)
    return found(lexicon().kw("TP-01", "random"), section.plain) if section else None


def resampling_before_split(v: View) -> str | None:
    """Scaling, imputation or oversampling fit before the split (AP-17), as written; ``None`` if not."""

    def compute() -> str | None:
        lex = lexicon()
        hit = found(lex.kw("TP-03", "leak_before_split"), v.text(PD, FE, TP))
        if hit:
            return clip(hit)
        section = v.sec(TP)
        for drawing in section.parsed.code_blocks if section else []:
            split = _SPLIT_WORD.search(drawing)
            if split is None:
                continue
            early = lex.kw("TP-03", "stage_leak").search(drawing[: split.start()])
            if early:
                return f"{early.group()!r} drawn before the split"
        return None

    return v.memo("resampling_before_split", compute)


@check("TP-01", TP)
def split_strategy(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(TP).plain  # type: ignore[union-attr]
    if not v.facts.temporal:
        hit = found(lex.kw("TP-01", "any_split"), text, negation=False)
        return ok(f"split stated ({hit!r}) for non-temporal data") if hit else bad("no split strategy")
    rand = random_split(v)
    if rand:
        return bad(f"random split ({rand!r}) on temporal data")
    time_based = found(lex.kw("TP-01", "time_based"), text)
    if not time_based:
        return bad("temporal data without a time-based / out-of-time split")
    walk = found(lex.kw("TP-01", "walk_forward"), text)
    if not walk:
        return bad(f"time-based split ({time_based!r}) without walk-forward/rolling validation")
    return ok(f"{time_based} split with {walk} validation")


@check("AP-01", TP, when=when_temporal)
def random_split_on_time(v: View) -> tuple:
    rand = random_split(v)
    return (
        bad(f"random split on temporal data ({rand!r})") if rand else ok("no random split on temporal data")
    )


@check(
    "TP-02", TP, when=lambda v: None if v.facts.repeated_entities else "no repeated entities in the request"
)
def group_split(v: View) -> tuple:
    hit = found(lexicon().kw("TP-02", "group"), v.sec(TP).plain)  # type: ignore[union-attr]
    if hit:
        return ok(f"group-aware split or dedup ({hit!r})")
    return bad("no group-aware split (by patient/user/device/site) or dedup before splitting")


@check("TP-03", TP)
def fit_on_train_only(v: View) -> tuple:
    leak = resampling_before_split(v)
    if leak:
        return bad(f"preprocessing fit before the split: {leak}")
    hit = found(lexicon().kw("TP-03", "train_only"), v.text(TP, FE))
    if hit:
        return ok(f"preprocessing fit on train only ({hit!r})")
    return bad("no statement that scalers/imputers/encoders are fit on the training split only")


@check("AP-17", TP)
def preprocessing_before_split(v: View) -> tuple:
    leak = resampling_before_split(v)
    return (
        bad(f"preprocessing fit before the split: {leak}")
        if leak
        else ok("no preprocessing before the split")
    )


@check("TP-04", TP)
def orchestrator(v: View) -> tuple:
    fitting, foreign = stack_fit(v, "orchestrators", v.sec(TP).plain)  # type: ignore[union-attr]
    if foreign:
        return bad(f"orchestrator {foreign[0]} does not fit a {platform_label(v)} request")
    if not fitting:
        return bad("no orchestrator or scheduler named")
    return ok(f"orchestrated with {fitting[0]}")


@check("TP-05", TP)
def tuning(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(TP).plain  # type: ignore[union-attr]
    if lex.kw("TP-05", "on_test").search(text):
        return bad("hyperparameters tuned on the test set")
    method = found(lex.kw("TP-05", "method"), text)
    if not method:
        return bad("no tuning method (random/Bayesian search, Optuna, ...)")
    budget = found(lex.kw("TP-05", "budget"), text, negation=False)
    if not budget:
        return bad(f"tuning method {method!r} without a budget (trials or hours)")
    return ok(f"{method} with a budget of {budget}")


@check("TP-06", TP)
def validation_gate(v: View) -> tuple:
    gate = lexicon().kw("TP-06", "gate")
    for unit in v.sec(TP).units:  # type: ignore[union-attr]
        hit = gate.search(unit)
        if hit and _DIGIT.search(unit):
            return ok(f"promotion gate with a number: {clip(unit)!r}")
    return bad("no numeric promotion gate (must beat baseline/champion by X)")


@check("TP-07", TP)
def registry(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(TP)
    text = section.row_text("Registry") or section.plain  # type: ignore[union-attr]
    named = found(lex.patterns("registries", "named"), text) or found(
        lex.patterns("registries", "named"), section.plain
    )  # type: ignore[union-attr]
    if not named:
        return bad("no named model registry")
    states = found(lex.patterns("registries", "states"), section.plain, negation=False)  # type: ignore[union-attr]
    if not states:
        return bad(f"registry {named} without versions, aliases, stages or approval")
    return ok(f"{named} with {states}")


@check("TP-08", TP)
def pipeline_diagram(v: View) -> tuple:
    lex = lexicon()
    drawings = [d for d in v.sec(TP).parsed.code_blocks if d.strip()]  # type: ignore[union-attr]
    if not drawings:
        return bad("no fenced pipeline diagram")
    drawing = max(drawings, key=len)
    if not lex.kw("TP-08", "arrows").search(drawing):
        return bad("diagram has no arrows")
    stages = [name for name, pattern in lex.kw_groups("TP-08", "stages").items() if pattern.search(drawing)]
    if len(stages) < 6:
        return bad(f"diagram shows {len(stages)} of the 9 stages ({', '.join(stages)}); needs >= 6")
    return ok(f"diagram with arrows and {len(stages)} stages")


@check("TP-09", TP)
def reproducibility(v: View) -> tuple:
    lex = lexicon()
    text = v.text(TP, ET)
    groups = ("container", "seed", "unit", "integration")
    present = [g for g in groups if has(lex.kw("TP-09", g), text)]
    if len(present) >= 3:
        return ok(f"reproducibility: {', '.join(present)}")
    return bad(f"only {', '.join(present) or 'none'} of container/seed/unit tests/integration test")


def _constrained_compute(v: View) -> str | None:
    facts = v.facts
    if facts.no_gpu or facts.budget_tight or facts.serving_mode == "edge":
        return None
    return "no GPU, budget or edge constraint"


@check("TP-11", TP, when=_constrained_compute)
def compute_fits(v: View) -> tuple:
    if v.facts.no_gpu:
        required = gpu_requirements(v)
        if required:
            return bad(f"GPU required although the request rules GPUs out ({required[0]})")
    cpu = distinct(lexicon().kw("TP-11", "cpu_friendly"), v.text(TP, MS))
    if not cpu:
        return bad("no CPU-friendly or low-cost compute choice for a constrained request")
    return ok(f"compute fits the constraints ({', '.join(cpu[:3])})")


@check("AP-06", None, when=lambda v: None if v.facts.no_gpu else "the request does not rule out GPUs")
def gpu_against_request(v: View) -> tuple:
    absent = v.absent(TP, MS)
    if absent and v.partial:
        return absent
    required = gpu_requirements(v)
    return bad(f"GPU required on a no-GPU request ({required[0]})") if required else ok("no GPU required")


def _tabular(v: View) -> str | None:
    if v.facts.modality != "tabular":
        return f"{v.facts.modality} data"
    return None


@check("AP-13", TP, when=_tabular)
def deep_first_model(v: View) -> tuple:
    lex = lexicon()
    section = v.sec(TP)
    training = section.row_text("Training") or section.plain  # type: ignore[union-attr]
    deep = found(lex.patterns("deep_models", "deep"), training)
    if not deep:
        return ok("first model is not a deep net")
    baseline = v.sec(PD).cell("Baseline performance") if v.sec(PD) else ""  # type: ignore[union-attr]
    simple = found(lex.patterns("deep_models", "simple"), baseline + "\n" + v.text(TP))
    if simple:
        return ok(f"deep model ({deep!r}) alongside a simple baseline ({simple!r})")
    return bad(f"deep model ({deep!r}) first on tabular data without a simple baseline")
