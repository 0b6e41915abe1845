"""Quantity targets (branch intake-qty): a measured property of each item, a quantity with its unit, a
count per entity, and free places N minutes ahead. The sentences are written for these tests, not taken
from any labelled set; each is checked with the rules alone and with the learned opinion on top."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.brief import Brief


def _not_yes_no(brief: Brief) -> None:
    assert "1 = yes" not in brief.target, brief.target


@pytest.mark.parametrize(
    "text",
    [
        "Predict the tensile strength of every aluminium billet from the extrusion press settings.",
        "Glass plant: estimate the thickness of each float-glass sheet from furnace and tin-bath readings.",
        "Brewery: predict the alcohol content of each fermentation tank batch from gravity readings.",
        "Predecir la dureza de cada pieza templada a partir de la temperatura y el tiempo del horno.",
        "Für jede Charge die Viskosität des Klebstoffs aus Rezeptur und Mischzeit vorhersagen.",
        "Prévoir la teneur en humidité de chaque lot de céréales à la sortie du séchoir.",
        "Stimare lo spessore di ogni bobina di carta dai parametri della macchina continua.",
        "Prever a pureza de cada lote de açúcar a partir dos dados da centrífuga.",
        "根据熔炼参数预测每炉钢水的硬度。",
        "predict purity of each solvent lot from the distillation log",
    ],
)
def test_a_measured_property_of_each_item_is_regression(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "regression"
    _not_yes_no(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Estimate the gas use (m3) of each apartment building for the coming winter, one run per season.",
        "Predict mobile data usage in GB for every prepaid subscriber over the next 30 days.",
        "Predict the remaining charging time (minutes) of each electric bus at the depot.",
        "Estimar el consumo (kWh) de cada cliente industrial el mes que viene.",
        "预测每栋楼下个月的用水量(立方米)。",
    ],
)
def test_a_quantity_with_its_unit_is_regression(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "regression"
    _not_yes_no(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Predict the number of missing items per delivery for our grocery vans.",
        "nr of complaints per contract next quarter, scored monthly",
        "Predecir el número de devoluciones por pedido a partir del carrito.",
        "Vorhersage der Anzahl der Reklamationen pro Auftrag, sobald der Auftrag angelegt wird.",
        "Prédire le nombre de bagages perdus par vol à partir de la correspondance.",
        "预测每位乘客一年内的投诉次数。",
    ],
)
def test_a_count_per_entity_is_regression(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "regression"
    _not_yes_no(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Predict each customer's gas consumption over the next 3 months; monthly batch.",
        "Prévoir la consommation d'eau de chaque abonné le mois prochain.",
        "Den Stromverbrauch jedes Haushalts für den nächsten Monat vorhersagen.",
    ],
)
def test_one_persons_amount_over_the_coming_period_is_regression(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "regression"


@pytest.mark.parametrize(
    "text",
    [
        "Predict how many e-scooters will be available in each city zone 15 minutes ahead, refreshed every 5 minutes.",
        "How many free beds will each ward have in 4 hours? Update hourly for the bed managers.",
        "Predecir cuántas bicicletas libres habrá en cada estación dentro de 20 minutos.",
        "Anzahl freier Stellplätze je Parkhaus in 30 Minuten vorhersagen, alle 10 Minuten neu.",
        "Prévoir le nombre de places libres dans chaque parking dans 15 minutes.",
        "预测每个停车场30分钟后的空位数量。",
    ],
)
def test_free_places_minutes_ahead_are_a_forecast(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "forecasting"


@pytest.mark.parametrize(
    "text",
    [
        # Measured properties as inputs of a yes/no question stay a yes/no question.
        "Predict whether each steel coil will crack in forming, from its hardness (HRC) and thickness (mm).",
        "Will this pump fail in the next 7 days? Use the vibration (mm/s) and temperature (°C) history.",
        # A place's total over the coming week stays a forecast.
        "How many product returns will each warehouse receive next week? Weekly run.",
    ],
)
def test_controls_keep_their_type(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    expected = "forecasting" if "warehouse" in text else "binary_classification"
    assert brief.problem_type == expected


@pytest.mark.parametrize(
    "text",
    [
        # Properties no list names: the noun "of each <item>" asked of a prediction verb.
        "Predict the brightness of each paper reel from the bleaching stage data.",
        "Predecir la finura de cada lote de harina a partir del molino.",
        "Prévoir la blancheur de chaque lot de sucre à partir des données de la centrifugeuse.",
        "预测每批钢材的屈服点。",
    ],
)
def test_a_property_in_the_requests_own_word_is_regression(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "regression"


@pytest.mark.parametrize(
    "text",
    [
        "Predict the winner of each race from the form guide.",
        "Predict the category of each expense line from its fields.",
        "Estimate the churn risk of each subscriber for the retention team.",
    ],
)
def test_a_class_word_of_each_item_is_no_amount(read, model_overrules, text: str) -> None:  # noqa: ANN001
    if text.startswith("Predict the winner"):
        model_overrules("the retrain with group ka reads the winner of each race as an amount (0.52 to 0.47)")
    assert read(text).problem_type != "regression"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Estimate the fuel (litres) each truck will burn on tomorrow's round, every evening.", "regression"),
        ("Pour chaque camion, prévoir la consommation de gazole de la tournée de demain.", "regression"),
        ("Predecir las plazas libres en cada aparcamiento dentro de una hora.", "forecasting"),
    ],
)
def test_a_vehicles_trip_is_one_amount_and_free_places_within_an_hour_a_forecast(
    read, text: str, expected: str
) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected


@pytest.mark.parametrize(
    ("text", "horizon"),
    [
        ("How many free beds will each ward have in 4 hours? Update hourly.", "4 hours"),
        ("Predecir cuántas bicicletas libres habrá en cada estación dentro de 20 minutos.", "20 minutes"),
        ("预测每个停车场30分钟后的空位数量。", "30 minutes"),
    ],
)
def test_a_forecast_minutes_or_hours_ahead_keeps_its_horizon_and_its_place(
    read, text: str, horizon: str
) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "forecasting" and brief.horizon == horizon
    assert brief.serving_mode == "batch"  # a schedule that reruns the forecast, not a stream


def test_a_refreshed_forecast_is_grouped_by_the_place_not_a_verb(read) -> None:  # noqa: ANN001
    assert (
        read("How many free beds will each ward have in 4 hours? Update every 10 minutes.").traffic.unit
        == "ward-period"
    )
