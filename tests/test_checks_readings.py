"""How the ML Workflow checks read reports and requests where a naive reading gave wrong verdicts:
metric names that differ only by case or suffix, the regulated-domain condition, human review
capacities, the A/B baseline and cluster-randomised sizing."""

from __future__ import annotations

import pytest
from fixture_skill import REPORTS, SKILL

from skillrun.evals import CheckOutcome, Expectations, make_context, run_checks
from skillrun.packs.ml_workflow.checks._shared import metrics_in


def _report(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


def _outcomes(markdown: str, request: str, **kwargs: object) -> dict[str, CheckOutcome]:
    ctx = make_context(SKILL, markdown, request, **kwargs)  # type: ignore[arg-type]
    return {o.id: o for o in run_checks(ctx)}


def _replace(markdown: str, old: str, new: str) -> str:
    assert old in markdown, f"fixture drifted: {old[:60]!r}"
    return markdown.replace(old, new)


# ------------------------------------------------------------------------------------------ PD-04

CHURN_METRIC = (
    "| Evaluation metric | PR-AUC on the out-of-time test month, plus recall at the top 5% of scored users "
    "(campaign capacity) |"
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("mAP@0.5", ["map_iou"]),
        ("mAP@.5", ["map_iou"]),
        ("mAP@[.5:.95]", ["map_iou"]),
        ("mAP@0.5:0.95", ["map_iou"]),
        ("mAP@50:95", ["map_iou"]),
        ("mAP@IoU=0.5", ["map_iou"]),
        ("mAP@50", ["map_iou"]),
        ("mAP50-95", ["map_iou"]),
        ("COCO mAP", ["map_iou"]),
        ("mean average precision at IoU 0.5", ["map_iou"]),
        ("AP@[.5:.95]", ["map_iou"]),
        ("MAP@10", ["map_at"]),
        ("MAP@k", ["map_at"]),
        ("MAP@50", ["map_at"]),
        ("MAP and NDCG@10", ["map_at", "ndcg"]),
        ("mean average precision", ["map_at"]),
        ("average precision (PR-AUC)", ["pr_auc"]),
        ("a saliency map and a heat map", []),
    ],
)
def test_map_at_k_and_detection_map_are_told_apart(text: str, names: list[str]) -> None:
    assert metrics_in(text) == names


@pytest.mark.parametrize(
    ("metric", "problem_type", "status"),
    [
        ("mAP@0.5 and mAP@[.5:.95] per part class", "object_detection", "pass"),
        ("mAP@0.5:0.95 (COCO), recall on defects at the operating confidence", "object_detection", "pass"),
        ("MAP@10 on held-out sessions", "object_detection", "fail"),
        ("MAP@10 and NDCG@10 on held-out sessions", "ranking", "pass"),
        ("mAP@0.5 on held-out sessions", "ranking", "fail"),
    ],
)
def test_pd04_detection_metric_fits_detection_only(metric: str, problem_type: str, status: str) -> None:
    markdown = _replace(_report("churn-fitness-gcp.md"), CHURN_METRIC, f"| Evaluation metric | {metric} |")
    got = _outcomes(markdown, "detect defects", expect=Expectations(problem_type=problem_type))["PD-04"]
    assert got.status == status, got
