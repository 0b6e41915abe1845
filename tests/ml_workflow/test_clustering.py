"""Segments asked for with nothing to predict: the engine designs clustering and says so.

The rubric's vocabulary (§0.1) has no unsupervised type, so before this the engine invented an outcome
("Binary classifier for customers: the outcome the request describes happens") or read "segment" as image
segmentation. Now such a request gets its own type, a behavioural feature set, silhouette and stability as
the offline metrics, a holdout of untailored entities online, and monitors of segment shares and stability
instead of matured labels. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from skillrun import run, to_markdown
from skillrun.packs.ml_workflow.checks.problem import report_problem_type
from skillrun.packs.ml_workflow.intake import read_request

SEGMENTATIONS = [
    ("Segment our 2M retail customers into groups with similar buying behaviour so marketing can tailor campaigns; monthly refresh, BigQuery.", "customer"),
    ("Loyalty programme: group our 3M cardholders into segments with similar shopping behaviour; no labels exist.", "cardholder"),
    ("Customer segmentation for a telco with 4M subscribers, refreshed quarterly.", "subscriber"),
    ("Streaming service: divide our 500k subscribers into groups with similar viewing habits for the content team.", "subscriber"),
    ("Find natural groups of players in our mobile game from their session and spending patterns.", "player"),
    ("Banco: segmentación de clientes según su uso de productos, actualizada cada trimestre.", None),
    ("Queremos dividir a los clientes en grupos con hábitos de compra similares.", None),
    ("Kundensegmentierung für unseren Onlineshop: 800k Kunden nach Kaufverhalten gruppieren, monatlich, Azure.", None),
    ("Unsere Bank will Kunden in Gruppen mit ähnlichem Zahlungsverhalten einteilen, ohne vorhandene Labels.", None),
    ("Répartir nos clients en groupes aux comportements similaires pour adapter nos campagnes.", None),
    ("客户分群：根据消费行为把会员分成几类，用于精准营销，每月更新。", None),
    ("Segmentação de clientes de uma rede de farmácias pelo comportamento de compra.", None),
    ("Segmentazione dei clienti di un e-commerce in base agli acquisti.", None),
]  # fmt: skip

NOT_SEGMENTATIONS = [
    ("Our models run on a Kubernetes cluster; predict which customers will churn in the next 30 days.", "binary_classification"),
    ("Segment each MRI scan into tumour and healthy tissue.", "image_segmentation"),
    ("Forecast weekly sales per customer segment for the next 8 weeks.", "forecasting"),
    ("Split the history into train and test groups by month and predict which users will churn next month.", "binary_classification"),
]  # fmt: skip


@pytest.mark.parametrize(("request_text", "entity"), SEGMENTATIONS)
def test_segments_with_no_target_are_clustering(request_text: str, entity: str | None) -> None:
    brief = read_request(request_text)
    assert (brief.problem_type, brief.serving_mode, brief.temporal) == ("clustering", "batch", False)
    assert any(a.field == "problem_type" and a.value.startswith("clustering") for a in brief.assumptions)
    if entity is not None:
        assert brief.entity == entity


@pytest.mark.parametrize(("request_text", "problem_type"), NOT_SEGMENTATIONS)
def test_compute_clusters_pixels_and_segment_inputs_are_not_clustering(request_text: str, problem_type: str) -> None:
    assert read_request(request_text).problem_type == problem_type


def test_a_segment_to_predict_per_item_is_not_a_segmentation() -> None:
    assert read_request("Predict which segment a new customer will join at signup, 100 ms.").problem_type != "clustering"


def test_the_clustering_report_judges_segments_without_labels() -> None:
    report = to_markdown(run(SEGMENTATIONS[0][0]))
    problem = report.split("## Feature Engineering")[0]
    row = next(line for line in problem.splitlines() if line.startswith("| Problem type"))
    assert report_problem_type(row.split("|")[2]) == "clustering"
    assert "silhouette" in problem and "Rand index" in problem
    assert "predict no label" not in problem and "(1 = yes, 0 = no)" not in report
    training = report.split("## Training Pipeline")[1].split("## Model Serving")[0]
    assert "matured labels" not in training and "Hungarian matching" in training
    monitoring = report.split("## Monitoring and Drift")[1]
    assert "segment shares" in monitoring and "matured-label" not in monitoring
    assert "P(y|x)" not in monitoring
    assert "random holdout of customers" in report


def test_non_temporal_reports_name_one_holdout_throughout() -> None:
    report = to_markdown(run("Classify each product photo into one of 40 categories for our catalogue; nightly batch."))
    design = report.split("## Model Serving")[0]  # the A/B section may still name an out-of-time backtest
    assert "out-of-time" not in design
    assert design.count("held-out test set") >= 4
