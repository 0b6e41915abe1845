"""Monitoring actions follow the serving mode: a batch run can be blocked, a real-time request, a stream or
an on-device model cannot. Before, a real-time fraud endpoint was told that stale features 'block batch
scoring' and NaN scores 'block the batch' (a contradiction with its own Model Serving section, rubric XC-01)."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

ONLINE = [
    ("Bank with MLOps platform on Azure: real-time card fraud scoring, 3,000 transactions per second peak, p99 under "
     "50 ms", "real-time"),
    ("Wake word detection on a smart speaker, on device.", "edge"),
    ("Anomaly detection on server metrics streamed via Kafka from 20,000 servers, alert the on-call engineer within "
     "a minute.", "streaming"),
]  # fmt: skip
BATCH = ["Small team of 2 at a Shopify store: predict which customers will churn in the next 60 days, 40k customers, "
         "weekly scoring, no ML infra yet."]  # fmt: skip


def _notes(text: str) -> tuple[str, str]:
    brief = read_request(text)
    return brief.serving_mode, " ".join(design_report(brief)["MonitoringDrift"].notes)


@pytest.mark.parametrize(("request_text", "mode"), ONLINE)
def test_online_monitoring_blocks_no_batch(request_text: str, mode: str) -> None:
    read_mode, notes = _notes(request_text)
    assert read_mode == mode
    assert "batch" not in notes.lower(), notes
    assert "fallback" in notes or "late" in notes


@pytest.mark.parametrize("request_text", BATCH)
def test_batch_monitoring_blocks_the_run(request_text: str) -> None:
    read_mode, notes = _notes(request_text)
    assert read_mode == "batch" and "block the batch" in notes and "block batch scoring" in notes
