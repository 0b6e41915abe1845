"""A precompute with an online computation on top stays hybrid against the learned opinion's batch, while a
precompute that the request only names an online word for (or that the app reads back) stays the model's."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_hybrid
from skillrun.packs.ml_workflow.intake._serving import classify_serving
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

COMPUTED_ONLINE = [
    "Weekly we build a catalogue of shipping rate cards per lane; the checkout then calculates a delivery price"
    " from the parcel dimensions the shopper enters.",
    "Versicherer: nächtlicher Lauf über alle Verträge; jeder neue Antrag wird sofort neu bewertet, sobald er"
    " eingereicht wird.",
    "Furniture shop: every week we build a product list per customer and filter it in real time by current stock"
    " when they open the app.",
]
ONLY_NAMED_OR_READ_BACK = [
    # "在线教育平台" is the kind of business, not an online step; the list is computed offline and shown.
    "在线教育平台：预测每位学员接下来会报名哪门课程，在个人主页上展示 5 门，每晚离线计算。",
    "Wir berechnen jede Nacht für jeden Kunden 10 Produktempfehlungen und speichern sie in einer Tabelle; die App"
    " liest sie beim Start nur aus.",
]


def _serving(text: str) -> tuple[str, bool]:
    folded, _ = prepare(text)
    serving = classify_serving(folded, knowledge(), None, "recommendation", None, None)
    return serving.mode, serving.computed_online


@pytest.mark.parametrize("text", COMPUTED_ONLINE)
def test_an_online_computation_on_a_precompute_is_hybrid_and_kept(read, text: str) -> None:  # noqa: ANN001
    assert _serving(text) == ("hybrid", True)
    assert read(text).serving_mode == "hybrid"


@pytest.mark.parametrize("text", ONLY_NAMED_OR_READ_BACK)
def test_a_precompute_shown_or_read_back_is_batch(read, text: str) -> None:  # noqa: ANN001
    assert _serving(text)[1] is False
    assert read(text).serving_mode == "batch"


def test_the_guard_keeps_hybrid_against_batch_or_real_time_only_with_an_online_computation() -> None:
    assert keep_hybrid("hybrid", "batch", computed_online=True) == "hybrid"
    assert keep_hybrid("hybrid", "batch", computed_online=False) == "batch"
    assert keep_hybrid("hybrid", "real-time", computed_online=True) == "hybrid"
    assert keep_hybrid("hybrid", "real-time", computed_online=False) == "real-time"
    assert keep_hybrid("hybrid", "streaming", computed_online=True) == "streaming"
    assert keep_hybrid("batch", "hybrid", computed_online=True) == "hybrid"
