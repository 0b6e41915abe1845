"""Audio is judged by what it is for: keyword spotting (a wake word) by false rejects at a false-accept
budget per hour (FRR@FA/h), other sound classification (machine faults, bird species, events) by its
classes (macro-F1, per-class recall), and a speech-to-text step by its word error rate (WER)."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

CLASS_METRICS = [
    ("Classify machine sounds from our factory microphones into 8 fault types, 2 GB of labelled clips, batch nightly.",
     "multiclass fault sounds: no false accepts per hour of a keyword"),
    ("Identify bird species from audio recordings uploaded by volunteers, 300 species.", "species are classes"),
    ("Detect rare gunshot sounds in city microphones, less than 1% of clips contain one", "a rare sound event class"),
]  # fmt: skip
WAKE_WORD = [
    ("Wake word detection on a smart speaker, on device.", "keyword spotting keeps its DET-curve metric"),
]
TRANSCRIPTION = [
    ("Speech-to-text for our call-centre recordings, then classify each call's audio into 6 complaint types",
     "a transcription step is measured by WER"),
    ("Transcribe voice notes from field technicians and classify the reported fault into 12 categories",
     "read as text classification, its transcripts still come from speech"),
]  # fmt: skip


def _metric(text: str) -> str:
    return design_report(read_request(text))["ProblemDefinition"].evaluation_metric


@pytest.mark.parametrize(("request_text", "why"), CLASS_METRICS)
def test_sound_classes_use_class_metrics(request_text: str, why: str) -> None:
    metric = _metric(request_text)
    assert "macro-F1" in metric and "per-class recall" in metric, f"{why}: {metric}"
    assert "FA/h" not in metric and "false accepts" not in metric, f"{why}: {metric}"


@pytest.mark.parametrize(("request_text", "why"), WAKE_WORD)
def test_wake_word_keeps_false_rejects_at_false_accepts(request_text: str, why: str) -> None:
    assert "FRR@FA/h" in _metric(request_text), why


@pytest.mark.parametrize(("request_text", "why"), TRANSCRIPTION)
def test_transcription_is_measured_by_word_error_rate(request_text: str, why: str) -> None:
    metric = _metric(request_text)
    assert "WER" in metric and "macro-F1" in metric, f"{why}: {metric}"


def _slices(text: str) -> str:
    notes = design_report(read_request(text))["ExperimentTracking"].notes
    return next(note for note in notes if note.startswith("Slice metrics"))


@pytest.mark.parametrize(("request_text", "why"), CLASS_METRICS[:2])
def test_sounds_without_a_speaker_are_not_sliced_by_accent(request_text: str, why: str) -> None:
    slices = _slices(request_text)
    assert "accent" not in slices and "microphone" in slices, f"{why}: {slices}"


@pytest.mark.parametrize(("request_text", "why"), WAKE_WORD + TRANSCRIPTION[:1])
def test_speech_is_sliced_by_speaker(request_text: str, why: str) -> None:
    assert "speaker accent" in _slices(request_text), why
