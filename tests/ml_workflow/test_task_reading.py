"""The task reading: modality from what the data is, target form from how it is phrased, frames.

The labelled development and fresh requests (written before the engine was run on them, see
bench/README.md) guard the generalisation work against regressions; the unit tests below pin the
mechanisms that carry it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillrun.packs.ml_workflow._frames import Frame
from skillrun.packs.ml_workflow.intake import read_request
from skillrun.packs.ml_workflow.intake._task import form_votes, modality_of, read_task, without_enumerations
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

HERE = Path(__file__).parent


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["dev_requests.jsonl", "fresh_requests.jsonl"])
def test_labelled_requests_keep_their_framing(name: str) -> None:
    rows = _rows(name)
    wrong_type = [r["id"] for r in rows if read_request(r["request"]).problem_type != r["expect"]["problem_type"]]
    wrong_mode = [r["id"] for r in rows if read_request(r["request"]).serving_mode != r["expect"]["serving_mode"]]
    assert len(wrong_type) <= 0.03 * len(rows), wrong_type
    assert len(wrong_mode) <= 0.03 * len(rows), wrong_mode


def _medium(text: str) -> str:
    folded, _ = prepare(text)
    return modality_of(read_task(folded, knowledge()), None, 0.0)


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ("Scam SMS: warn users about phishing messages on the phone.", "text"),
        ("12M listing photos need a room-type tag each.", "image"),
        ("Field recorders: which bird species are calling in each clip?", "audio"),
        ("After on-device speech-to-text, pull out the slots from the transcribed command.", "text"),
        ("Classify each recorded call by the caller's tone of voice, not by the transcript.", "audio"),
        ("From the hive's sound level and temperature, tell if the colony will swarm.", "tabular"),
        ("Predict which free users of our note-taking app will upgrade next month.", "tabular"),
        ("Predict the return reason (damaged, late, fraud, complaint, other) from order data.", "tabular"),
        # What the request says it does not have is not its data; "no labelled images" still has images.
        ("Flag fraudulent claims from amount, policy age and garage fields (no free text).", "tabular"),
        ("Predict late invoice payment from ERP fields; there is no free text and no images.", "tabular"),
        ("Predecir impagos a partir de los campos del ERP, sin texto libre ni imágenes.", "tabular"),
        ("Kündigungen aus Vertragsdaten vorhersagen, ohne Freitext und ohne Fotos.", "tabular"),
        ("Route support e-mails to 12 queues; no images, only the e-mail text.", "text"),
        ("We have no labelled images yet, only 200k unlabelled product photos to sort.", "image"),
    ],
)
def test_modality_is_what_the_data_is(text: str, medium: str) -> None:
    assert _medium(text) == medium


@pytest.mark.parametrize(
    ("text", "problem_type"),
    [
        ("Predict ride requests per H3 cell for each of the next six 10-minute windows.", "forecasting"),
        ("Flag consumption that is way off what the household normally uses; nobody labelled anything.", "anomaly_detection"),
        ("We piloted coaching with random assignment; who benefits most from coaching?", "uplift_modeling"),
        ("Tag every product with all the marketing labels that apply; a product usually has 3-5.", "multilabel_classification"),
        ("Pull the party names and dates out of the contracts into our database.", "sequence_labeling"),
        ("Ordinare i candidati di ogni offerta dal più adatto al meno adatto.", "ranking"),
        ("Fuel use in tonnes per day for the next leg, estimated from engine data.", "regression"),
    ],
)
def test_target_form_decides_the_type(text: str, problem_type: str) -> None:
    assert read_request(text).problem_type == problem_type


def test_frames_need_every_word_set_in_one_sentence() -> None:
    frame = Frame([["sort", "ordenar"], ["results", "candidat"]])
    assert frame.matches("we want to sort the results by fit")
    assert frame.matches("queremos ordenar los candidatos")
    assert not frame.matches("we sort mail. results arrive later")


def test_listed_class_names_are_not_data_or_task_words() -> None:
    assert without_enumerations("motif parmi 6 (carte, fraude, réclamation, autre) ici") == "motif parmi 6   ici"
    assert without_enumerations("no list (a, b) here") == "no list (a, b) here"


def test_a_stated_effect_is_needed_for_uplift() -> None:
    kb = knowledge()
    plan, _ = prepare("Churn model; we will validate it with a randomised A/B test.")
    assert "uplift_modeling" not in form_votes(read_task(plan, kb), "tabular")
    target, _ = prepare("We ran a randomised test and only want customers the offer actually changes.")
    assert "uplift_modeling" in form_votes(read_task(target, kb), "tabular")


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Revalue all homes nightly, and recompute immediately when an owner edits the facts.", "hybrid"),
        ("Embed all decisions offline, then re-score the top 200 with a cross-encoder at query time.", "hybrid"),
        ("Articles hit our Kafka feed and must get their codes within 2 seconds of ingestion.", "streaming"),
        ("Detect abnormal pump behaviour on the site gateway (industrial PC); the uplink is flaky.", "edge"),
        ("Tag each new listing photo with its room type in hourly runs.", "batch"),
        ("理赔员上传单据后几秒内就要看到抽取结果。", "real-time"),
    ],
)
def test_serving_mode_follows_consumption(text: str, mode: str) -> None:
    assert read_request(text).serving_mode == mode


def test_every_task_cue_entry_names_its_source() -> None:
    import yaml

    from skillrun.packs.ml_workflow.knowledge import _paths

    path = next(p for p in _paths() if p.name == "tasks.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("modalities", "forms", "consumption", "time_dependence"):
        for name, entry in data[section].items():
            assert len(str(entry.get("source", ""))) > 20, (section, name)


@pytest.mark.parametrize(
    ("text", "problem_type"),
    [
        # "at delivery time" is when the model runs, not an amount to predict (nor a delivery ETA).
        ("Mail provider: filter phishing e-mails at delivery time, adding under 50 ms per message.", "text_classification"),
        ("Hotelkette: die Zimmerbelegung pro Nacht für die nächsten 60 Tage prognostizieren.", "forecasting"),
        ("Aus jeder Schadenmeldung Versicherungsnummer, Schadendatum und Schadenort automatisch auslesen.", "sequence_labeling"),
        ("Predict each business customer's account balance at month end, refreshed monthly.", "regression"),
        ("Estimate the yearly income of each loan applicant from the application form.", "regression"),
        ("Classify new satellite tiles as showing illegal logging or not, weekly batch.", "image_classification"),
        # Controls: a yes/no about a balance, and pixels asked for.
        ("Predict whether each customer's balance goes negative next month.", "binary_classification"),
        ("Segment the flooded area in each Sentinel-1 scene after storms.", "image_segmentation"),
    ],
)
def test_target_wordings_by_the_rules_and_the_engine(read, text: str, problem_type: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == problem_type
