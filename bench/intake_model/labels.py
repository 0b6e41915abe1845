"""What each labelled request should be, and what the rules answered at their first look at it.

Shared by the classifier, the combiner and the evaluation: the first looks are read from
``first_look.jsonl`` (written by first_look.py), one row per request id.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from intake_model.data import Case
from skillrun.packs.ml_workflow._learned import rule_margin

HERE = Path(__file__).resolve().parent
LENIENT = {frozenset({"ranking", "recommendation"}), frozenset({"forecasting", "regression"})}


def label(case: Case, target: str) -> str | None:
    value = getattr(case, target)
    return None if value is None else str(value).lower() if target == "temporal" else value


def correct(pred: str, truth: str, lenient: bool = False) -> bool:
    return pred == truth or (lenient and frozenset({pred, truth}) in LENIENT)


def first_looks() -> dict[str, dict]:
    path = HERE / "first_look.jsonl"
    if not path.exists():
        return {}
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def rule_answer(row: dict, target: str) -> tuple[str, float]:
    """The rules' answer in a first-look row and their vote margin for it (temporal has no votes)."""
    if target == "temporal":
        return str(row["temporal"]).lower(), math.inf
    return row[target], rule_margin(rule_scores(row, target))


def rule_scores(row: dict, target: str) -> dict[str, float] | None:
    return (
        None
        if target == "temporal"
        else row["problem_scores" if target == "problem_type" else "serving_scores"]
    )
