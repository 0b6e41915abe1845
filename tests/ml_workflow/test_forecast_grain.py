"""The grain of a forecast target follows the request (rubric PD-02: the target names its entity and
period): "weekly demand per store" is a store-week target, not the retail profile's SKU-store-day.
Sentences are written for these tests, in five languages."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._grain import forecast_period, stated_series
from skillrun.packs.ml_workflow.intake._text import fold
from skillrun.packs.ml_workflow.knowledge import knowledge


@pytest.mark.parametrize(
    ("text", "grain"),
    [
        ("Convenience chain: weekly demand forecast per store, refreshed daily, 6 weeks ahead.", "store-week"),
        ("Mayorista: pronosticar la demanda diaria por SKU y por centro de distribución para reabastecer.", "SKU-DC-day"),
        ("Drogeriekette: Prognose der wöchentlichen Nachfrage pro Artikel und Filiale für die Nachbestellung.", "SKU-store-week"),
        ("Distributeur : prévision de la demande mensuelle par catégorie et par région pour les achats.", "category-region-month"),
        ("Coffee chain: forecast hourly demand per store for the next 2 days so shifts can be planned.", "store-hour"),
        ("Retailer: demand forecast at SKU-store-week level, 10 weeks out.", "SKU-store-week"),
        ("Previsión de ventas semanales por tienda para las próximas 8 semanas.", "store-week"),
        # The profile's own grain when the request states none.
        ("Inventory replenishment: forecast product demand for the next 14 days.", "SKU-store-day"),
    ],
)  # fmt: skip
def test_retail_target_takes_the_stated_grain(text: str, grain: str) -> None:
    brief = read_request(text)
    assert brief.domain == "demand_forecast"
    assert f"per {grain} " in brief.target, brief.target


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("forecast weekly sales per store; the job runs daily", "week"),
        ("daily batch: forecast demand per store per week", "week"),
        ("Les ventes de chaque magasin, par jour ; calcul chaque nuit.", "day"),
        ("预测每家门店每天的客流量，每周一更新一次。", "day"),
        ("Absatz pro Filiale, stündlich; der Lauf startet jeden Morgen.", "hour"),
        ("forecast demand per store; refreshed every week", None),
        ("Wochenabsatz je Filiale für die nächsten 6 Wochen prognostizieren.", "week"),
        ("sales forecast at store-week level; a two-week horizon", "week"),
    ],
)
def test_the_period_is_what_the_forecast_is_per_not_when_it_runs(text: str, period: str | None) -> None:
    assert forecast_period(fold(text)) == period


@pytest.mark.parametrize(
    ("text", "series"),
    [
        ("Retail chain with 800 stores and 15k SKUs: forecast per store-SKU.", "SKU-store"),
        ("demand of about 8,000 products per store", "SKU-store"),
        ("la demanda de cada producto en 300 tiendas", "SKU-store"),
        ("预测每个区域每月的需求量", "region"),
        ("we have 80 stores and sell 20k products; forecast footfall", None),
    ],
)
def test_series_nouns_count_only_when_the_forecast_is_grouped_by_them(text: str, series: str | None) -> None:
    assert stated_series(fold(text), knowledge().forecast_series) == series
