"""Intake accuracy on the shared example cases and on our own varied requests, plus number parsing."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._numbers import normalise_numbers, parse_quantities
from skillrun.packs.ml_workflow.intake._text import fold, prepare

_spec = importlib.util.spec_from_file_location("own_requests", Path(__file__).with_name("requests.py"))
assert _spec and _spec.loader
_own = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_own)
OWN = _own.OWN_REQUESTS


def _cases(shared: Path) -> list[dict]:
    lines = (shared / "evals" / "ml-workflow.cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_example_cases_type_mode_and_shape(shared: Path) -> None:
    cases = _cases(shared)
    right = 0
    for case in cases:
        brief = read_request(case["request"])
        expect = case["expect"]
        right += brief.problem_type == expect["problem_type"] and brief.serving_mode == expect["serving_mode"]
        assert brief.temporal == expect["temporal"], case["id"]
    assert right / len(cases) >= 0.95


def test_own_requests_at_least_95_percent() -> None:
    wrong = []
    for text, problem_type, mode, cloud in OWN:
        brief = read_request(text)
        if brief.problem_type != problem_type or brief.serving_mode != mode or (cloud and brief.cloud != cloud):
            wrong.append((text[:60], brief.problem_type, brief.serving_mode, brief.cloud))
    assert len(wrong) / len(OWN) <= 0.05, wrong


def test_own_requests_cover_every_type_and_mode() -> None:
    assert len({pt for _, pt, _, _ in OWN}) == 15
    assert {mode for _, _, mode, _ in OWN} == {"batch", "real-time", "streaming", "edge", "hybrid"}


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("we run 1.5k TPS at peak", "peak_rps", 1500),
        ("about 2M/day", "daily_volume", 2_000_000),
        ("chat with 20k msgs/s", "peak_rps", 20_000),
        ("p99 < 50 ms please", "latency_p99_ms", 50),
        ("answer under 100ms", "latency_p99_ms", 100),
        ("results in < 150 ms p99", "latency_p99_ms", 150),
        ("environ 4 000 rendez-vous par jour", "daily_volume", 4000),
        ("2.500 Bestellungen pro Tag", "daily_volume", 2500),
        ("unos 500k usuarios activos al mes", "monthly_active", 500_000),
        ("每天200万笔交易", "daily_volume", 2_000_000),
        ("延迟低于50毫秒", "latency_p99_ms", 50),
        ("taux de no-show ~8 %", "base_rate", 0.08),
        ("we are two engineers", "team_size", 2),
        ("data team of 3", "team_size", 3),
        ("somos 2 personas en datos", "team_size", 2),
        ("failure at least 30 days ahead", "horizon_days", 30),
        ("quit in the next 6 months", "horizon_days", 180),
        ("chargebacks arrive after 60 days", "label_delay_days", 60),
        ("coordinators can handle ~40 calls/day", "capacity_per_day", 40),
    ],
)
def test_quantities(text: str, field: str, value: float) -> None:
    found = parse_quantities(fold(text))
    assert getattr(found, field) == pytest.approx(value)


def test_capacity_is_not_volume() -> None:
    assert parse_quantities(fold("coordinators can handle ~40 calls/day")).daily_volume is None


def test_number_normalisation() -> None:
    assert normalise_numbers("4 000 and 20,000 and 1,5k") == "4000 and 20000 and 1.5k"


def test_languages_detected() -> None:
    assert prepare("Necesitamos predecir el abandono de usuarios para nuestra app")[1] == "es"
    assert prepare("Wir wollen die Kündigung von Kunden vorhersagen und das Team ist klein")[1] == "de"
    assert prepare("Nous voulons prédire les no-shows dans nos cliniques pour les patients")[1] == "fr"
    assert prepare("我们想预测用户流失")[1] == "zh"


def test_typos_repaired() -> None:
    folded, _ = prepare("forcast demand and anomaly detecton with streamming data, recomendation")
    assert "forecast" in folded and "detection" in folded and "streaming" in folded


@pytest.mark.parametrize(
    ("text", "cloud"),
    [
        ("our data is in BigQuery", "gcp"),
        ("we train on SageMaker", "aws"),
        ("Synapse and Data Factory", "azure"),
        ("MaxCompute tables", "alibaba"),
        ("fully air-gapped network", "air-gapped"),
        ("on-prem servers only", "on-prem"),
        ("no cloud mentioned", "unspecified"),
    ],
)
def test_cloud_from_names_and_services(text: str, cloud: str) -> None:
    assert read_request(f"churn prediction, {text}").cloud == cloud


def test_assumptions_record_unstated_quantities() -> None:
    brief = read_request("churn model")
    fields = {a.field for a in brief.assumptions}
    assert {"label_delay_days", "cloud", "team_size", "traffic.daily_volume"} <= fields
    assert all(a.value and a.reason for a in brief.assumptions)


def test_constraints_and_context() -> None:
    brief = read_request("wake word detection on a Cortex-M4 microcontroller, 256KB RAM, no GPU obviously")
    assert brief.serving_mode == "edge" and brief.edge_target == "mcu" and brief.gpu is False
    startup = read_request("small startup, 3 engineers, first model: predict trial conversion, Postgres")
    assert startup.maturity == "first-model" and "PostgreSQL" in startup.data_sources
    hr = read_request("HR wants to predict which employees will quit in the next 6 months")
    assert hr.regulated == "hiring"


def test_typos_repaired_in_other_languages() -> None:
    folded, language = prepare("queremos una prediccion de la demnada de productos para nuestras tiendas")
    assert language == "es" and "demanda" in folded
    folded, language = prepare("Wir wollen die Nachfrgae prognostizieren und Kündigungen vorhersagen für unsere Kunden")
    assert language == "de" and "nachfrage" in folded


@pytest.mark.parametrize("word", ["football", "properties", "recordings", "seconds", "planting", "listing", "mentioning"])
def test_real_words_are_not_repaired(word: str) -> None:
    folded, _ = prepare(f"we want to predict something about {word} for our team")
    assert word in folded.split()


def test_rates_in_chinese_and_small_base_rates() -> None:
    brief = read_request("我们是一家支付公司，需要在交易授权时实时识别盗刷：每秒约5000笔交易，延迟要求50毫秒以内，欺诈率约0.05%。本地部署。")
    assert brief.traffic.peak_rps == 5000 and brief.latency.p99_ms == 50 and brief.base_rate == 0.0005
    assert brief.serving_mode == "real-time" and brief.cloud == "on-prem"
