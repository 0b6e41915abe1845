"""Round-2 intake classes: enumerated targets, counted amounts, modality nouns, spans in five languages,
"detect" on photos, latency in other languages, the learned opinion keeping the data's medium, and
regulated-domain false friends. Sentences are our own and differ from bench/intake_cases_round2.jsonl."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._overrule import keep_medium


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tea estate: assign each harvested batch a leaf grade A1-D from the withering and moisture readings. "
         "About 900 batches a season, scored overnight.", "multiclass_classification"),
        # Left out in round 2 (the learned model read image classification); the multilabel guard keeps it.
        ("Ceramics plant: from line-camera photos, tell which of 9 surface flaws are present on each tile, "
         "zero or more; results per pallet every hour.", "multilabel_classification"),
    ],
)
def test_enumerated_targets(text: str, expected: str) -> None:
    assert read_request(text).problem_type == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ferry operator: estimate how many cars will miss each sailing, 48 hours before departure, written to "
        "the booking system every night.",
    ],
)
def test_counted_amounts_are_regression(text: str) -> None:
    assert read_request(text).problem_type == "regression"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir zeichnen Husten-Aufnahmen von Schweinen im Stall auf und wollen Atemwegsinfekte erkennen; "
         "die Auswertung läuft jede Stunde auf dem Stallrechner.", "audio_classification"),
        ("Application pour parents : reconnaître une toux de bronchiolite à partir d'un enregistrement de "
         "toux envoyé depuis le téléphone, réponse sous 4 secondes.", "audio_classification"),
        ("Classifieds site: buyers upload pictures with every ad; flag ads whose pictures show counterfeit "
         "goods or weapons before they are published, within a second.", "image_classification"),
    ],
)
def test_modality_nouns(text: str, expected: str) -> None:
    assert read_request(text).problem_type == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rechtsabteilung: Markierung von Begriffen in Kaufverträgen, die Parteien und Beträge nennen, "
        "im BIO-Schema; wöchentliche Verarbeitung.",
        "Agence d'intérim : étiqueter chaque mot des offres d'emploi qui désigne un métier ou un lieu, "
        "traitement chaque nuit.",
        "Clinic notes: tag each token as drug, dose or symptom so pharmacists can scan them; overnight job.",
    ],
)
def test_spans_are_sequence_labeling(text: str) -> None:
    assert read_request(text).problem_type == "sequence_labeling"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Service de livraison : estimer la durée de chaque course, réponse sous 2 secondes dans l'appli.", 2000.0),
        ("外卖平台：预测每个订单是否会超时，下单后 1 秒内返回结果。", 1000.0),
    ],
)
def test_latency_in_other_languages(text: str, expected: float) -> None:
    brief = read_request(text)
    assert brief.serving_mode == "real-time"
    assert brief.latency.p99_ms == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pawn-free credit: our microfinance arm wants to know if a group loan will go 30 days past due; "
         "weekly run.", "credit"),
        ("消费金融：预测借款人是否会逾期，每天 1 万笔申请，当天批量处理。", "credit"),
        ("City library: predict which book loans will come back late so reminders go out; nightly batch.", None),
        ("Orchard app: find leaf disease on apple trees from phone photos; nightly batch.", None),
        ("Telehealth start-up: decide whether a rash photo needs a same-day doctor visit; API within 5 s.", "health"),
    ],
)
def test_regulated_domain(text: str, expected: str | None) -> None:
    assert read_request(text).regulated == expected


@pytest.mark.parametrize(
    ("rule", "model", "kept"),
    [
        ("audio_classification", "binary_classification", "audio_classification"),
        ("audio_classification", "text_classification", "audio_classification"),
        ("audio_classification", "object_detection", "audio_classification"),
        ("image_classification", "multiclass_classification", "image_classification"),
        ("text_classification", "binary_classification", "binary_classification"),
        ("binary_classification", "audio_classification", "audio_classification"),
        ("image_classification", "object_detection", "object_detection"),
    ],
)
def test_learned_opinion_keeps_the_medium(rule: str, model: str, kept: str) -> None:
    assert keep_medium(rule, model) == kept
