"""Problem Definition: PD-01..PD-07, PD-10 and AP-02 (accuracy on imbalanced data)."""

from __future__ import annotations

import re

from ._base import FE, PD, TP, View, bad, check, ok, when_imbalanced
from ._lexicon import lexicon
from ._shared import eval_metrics, metric_label, names_eval_metric, time_based_split
from ._text import clip, found, has

_TYPE_PATTERNS = [
    ("uplift_modeling", r"uplift"),
    ("sequence_labeling", r"sequence label|named entit|\bNER\b|token classification"),
    ("object_detection", r"object detection"),
    ("clustering", r"clustering|cluster analysis"),
    ("image_segmentation", r"segmentation"),
    ("image_classification", r"image classif"),
    ("audio_classification", r"audio classif|keyword spotting|sound classif|audio event"),
    ("text_classification", r"text classif"),
    ("multilabel_classification", r"multi-?label"),
    ("multiclass_classification", r"multi-?class|\d+-class|into \d+ (?:categories|classes)|\d+ categories"),
    ("binary_classification", r"\bbinary\b"),
    ("anomaly_detection", r"anomaly"),
    ("forecasting", r"forecast"),
    ("ranking", r"ranking|learning to rank|retrieval"),
    ("recommendation", r"recommend"),
    ("regression", r"regression"),
    ("classification", r"classification"),
]
_TYPES = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _TYPE_PATTERNS]
_MODALITY_WORDS = {
    "text_classification": re.compile(r"text|message|chat|comment|post|NLP|language", re.I),
    "image_classification": re.compile(r"image|x-?ray|photo|scan|radiograph", re.I),
    "audio_classification": re.compile(r"audio|speech|sound|wake|keyword|utterance", re.I),
}
_CLASSIFICATIONS = {
    "binary_classification",
    "multiclass_classification",
    "multilabel_classification",
    "classification",
}


def report_problem_type(cell: str) -> str | None:
    head = re.split(r"[:(—–]| - ", cell, maxsplit=1)[0]
    # "Binary classification" names both binary and classification: a specific type wins, first in
    # the cell's label, then anywhere in the cell ("Classification (40 categories)" is multiclass).
    for text in (head, cell):
        hits = sorted((m.start(), kind) for kind, pattern in _TYPES if (m := pattern.search(text)))
        specific = [kind for _, kind in hits if kind != "classification"]
        if specific:
            return specific[0]
    return "classification" if _TYPES[-1][1].search(cell) else None


@check("PD-01", PD, when=lambda v: None if v.facts.problem_type else "expected problem type unknown")
def problem_type(v: View) -> tuple:
    expected = v.facts.problem_type
    cell = v.sec(PD).cell("Problem type")  # type: ignore[union-attr]
    said = report_problem_type(cell)
    if said is None:
        return bad(f"no problem type in {clip(cell)!r}")
    if said == expected:
        return ok(f"problem type {said}")
    if expected == "binary_classification" and said == "classification":
        return ok("classification for a yes/no target")
    if {said, expected} == {"ranking", "recommendation"}:
        return ok(f"{said} accepted for {expected}")
    if {said, expected} == {"forecasting", "regression"}:
        if time_based_split(v) or has(lexicon().kw("TP-01", "walk_forward"), v.text(TP)):
            return ok(f"{said} with temporal validation accepted for {expected}")
        return bad(f"{said} for {expected} without temporal validation")
    modality = _MODALITY_WORDS.get(expected or "")
    if modality is not None and said in _CLASSIFICATIONS and modality.search(cell):
        return ok(f"{said} of {modality.search(cell).group()} accepted for {expected}")  # type: ignore[union-attr]
    return bad(f"problem type {said}, expected {expected}")


@check("PD-02", PD, when=lambda v: "not temporal" if v.facts.temporal is False else None)
def target_window(v: View) -> tuple:
    cell = v.sec(PD).cell("Target variable")  # type: ignore[union-attr]
    window = found(lexicon().kw("PD-02", "window"), cell, negation=False)
    if window:
        return ok(f"target names a window ({window!r})")
    return bad(f"target has no time window or horizon: {clip(cell)!r}")


@check("PD-03", PD)
def business_vs_eval(v: View) -> tuple:
    section = v.sec(PD)
    business, evaluation = section.cell("Business metric"), section.cell("Evaluation metric")  # type: ignore[union-attr]
    if not business.strip() or not evaluation.strip():
        return bad("business or evaluation metric missing")
    if " ".join(business.lower().split()) == " ".join(evaluation.lower().split()):
        return bad("business metric and evaluation metric are the same text")
    unit = found(lexicon().kw("PD-03", "business"), business, negation=False)
    if not unit:
        return bad(f"business metric is not in money, rate or time: {clip(business)!r}")
    return ok(f"business metric in business units ({unit!r}), distinct from the evaluation metric")


def _allowed_metrics(v: View) -> tuple[list[str], list[list[str]]]:
    fit = lexicon().metric_fit.get(v.facts.problem_type or "", {})
    if v.facts.imbalanced and "imbalanced" in fit:
        return fit["imbalanced"], fit.get("require_all", [])
    return fit.get("any", []), fit.get("require_all", [])


@check("PD-04", PD, when=lambda v: None if v.facts.problem_type else "expected problem type unknown")
def metric_fits(v: View) -> tuple:
    names = eval_metrics(v)
    cell = v.sec(PD).cell("Evaluation metric")  # type: ignore[union-attr]
    if not names:
        return bad(f"no known evaluation metric in {clip(cell)!r}")
    kind = v.facts.problem_type
    if v.facts.imbalanced and names[0] == "accuracy":
        return bad("accuracy is the primary metric on imbalanced data")
    allowed, require_all = _allowed_metrics(v)
    for group in require_all:
        if not set(group) & set(names):
            return bad(f"{kind} needs one of {', '.join(metric_label(g) for g in group)}")
    fitting = [n for n in names if n in allowed] if allowed else names
    if not fitting:
        listed = ", ".join(metric_label(n) for n in names)
        return bad(f"{listed} does not fit {kind}{' (imbalanced)' if v.facts.imbalanced else ''}")
    return ok(f"{', '.join(metric_label(n) for n in fitting)} fits {kind}")


@check("AP-02", PD, when=when_imbalanced)
def accuracy_on_imbalanced(v: View) -> tuple:
    names = eval_metrics(v)
    if names and (names[0] == "accuracy" or set(names) <= {"accuracy"}):
        return bad("accuracy is the primary evaluation metric on imbalanced data")
    return ok("primary metric is not accuracy" if names else "no accuracy as primary metric")


@check("PD-05", PD)
def baseline(v: View) -> tuple:
    cell = v.sec(PD).cell("Baseline performance")  # type: ignore[union-attr]
    lex = lexicon()
    kind = found(lex.kw("PD-05", "kind"), cell, negation=False)
    if not kind:
        return bad(f"no baseline kind (heuristic, rules, popularity, existing model...) in {clip(cell)!r}")
    if not re.search(r"\d", cell) and not lex.kw("PD-05", "plan").search(cell):
        return bad(f"baseline {kind!r} has no number and no plan to measure it")
    return ok(f"baseline {kind!r} with a figure or a plan to measure it")


_COMPARISON_CACHE: dict[str, re.Pattern[str]] = {}


def _comparison() -> re.Pattern[str]:
    if "c" not in _COMPARISON_CACHE:
        words = lexicon().data["keywords"]["PD-06"]["comparison"]
        body = "|".join(f"(?:{w})" for w in words)
        _COMPARISON_CACHE["c"] = re.compile(
            rf"(?:{body})\w*\s*(?:by\s+|of\s+|to\s+|than\s+)?[~≈]?\s*[$€£]?\s*\d", re.IGNORECASE
        )
    return _COMPARISON_CACHE["c"]


@check("PD-06", PD)
def success_threshold(v: View) -> tuple:
    cell = v.sec(PD).cell("Success threshold")  # type: ignore[union-attr]
    if not _comparison().search(cell):
        return bad(f"no comparison with a number (>= 0.35, +20%...) in {clip(cell)!r}")
    named = names_eval_metric(v, cell)
    wanted = eval_metrics(v)
    if not named:
        target = f"the evaluation metric ({metric_label(wanted[0])})" if wanted else "any metric"
        return bad(f"threshold does not name {target}")
    return ok(f"numeric bar on {metric_label(named[0])}")


@check("PD-07", PD, when=when_imbalanced)
def imbalance_handled(v: View) -> tuple:
    lex = lexicon()
    text = v.text(PD, FE, TP)
    rate = found(lex.kw("PD-07", "rate"), text, negation=False)
    handling = found(lex.kw("PD-07", "handling"), text)
    if not rate:
        return bad("base rate / prevalence not stated")
    if not handling:
        return bad("no imbalance handling (class weights, resampling on train only, threshold)")
    from .training import resampling_before_split

    leak = resampling_before_split(v)
    if leak:
        return bad(f"resampling before the split: {leak}")
    return ok(f"base rate ({rate!r}) and handling ({handling!r}) stated")


@check("PD-10", PD)
def label_delay(v: View) -> tuple:
    lex = lexicon()
    text = v.sec(PD).plain  # type: ignore[union-attr]
    delay = lex.kw("PD-10", "delay")
    for match in lex.kw("PD-10", "label").finditer(text):
        near = text[max(0, match.start() - 200) : match.end() + 200]
        hit = delay.search(near)
        if hit:
            return ok(f"label source with its delay ({hit.group()!r} near {match.group()!r})")
    return bad("no label source with its delay (label ... days/weeks/available after)")
