"""A decision taken now whose outcome shows later is temporal (rubric §0.1: fraud, default, churn): a
claim paid without review is judged by the fraud or overpayment found months later, an order by whether
it comes back, a claim by whether the manual check was needed. The learned opinion does not overrule it.
Sorting claims or items by what they are (document type, category) stays not temporal.
Sentences are written for these tests."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import read_request

LATER = [
    "Travel insurer: decide for each new claim whether it can be paid without review; 800 claims a day, nightly run.",
    "Shoe shop: predict whether an order will be returned before we ship it; 12,000 orders a day.",
    "Versandhändler: für jede Bestellung schätzen, ob sie retourniert wird, damit wir vor dem Versand eingreifen können.",
    "车险公司：每天对新进理赔判断是否需要人工复核，夜间批量处理。",
    "Mutuelle santé : décider si chaque demande de remboursement peut être payée sans examen manuel ; traitement chaque nuit.",
    "Aseguradora de salud: decidir si cada reembolso puede pagarse sin revisión; se procesan cada noche.",
]
FIXED = [
    "Insurer: sort each incoming claim document into one of 9 document types (invoice, repair quote, police report, ...), nightly.",
    "Webshop: jedes Produkt anhand von Gewicht und Material einer von 25 Warengruppen zuordnen; nächtlicher Lauf.",
    "把每个商品按尺寸和材质归入20个类目之一，每晚批量运行。",
]


@pytest.mark.parametrize("text", LATER)
def test_outcome_seen_later_is_temporal(text: str) -> None:
    assert read_request(text).temporal is True


@pytest.mark.parametrize("text", LATER)
def test_outcome_seen_later_is_temporal_by_the_rules(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert read_request(text).temporal is True


@pytest.mark.parametrize("text", FIXED)
def test_fixed_properties_stay_not_temporal(text: str) -> None:
    assert read_request(text).temporal is False
