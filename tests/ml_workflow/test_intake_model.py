"""The intake's learned second opinion: the shipped weights load and validate, pure-Python inference
reproduces scikit-learn's answers (export round-trip), and a model trained without the three latest
request batches, combined with the rules' *first look* at them, clears its accuracy bars there."""

from __future__ import annotations

import collections
import copy
import json
from pathlib import Path

import pytest

from skillrun.packs.ml_workflow._learned import FEATURE_VERSION, IntakeModel, LinearModel, features
from skillrun.packs.ml_workflow.brief import RUBRIC_PROBLEM_TYPES
from skillrun.packs.ml_workflow.intake import learned_text, read_request
from skillrun.packs.ml_workflow.knowledge import _FILES, KnowledgeError, _paths, build, knowledge

HERE = Path(__file__).parent
REPO = HERE.parents[1]
HELDOUT_MODEL = HERE / "intake_model_heldout.json"
FIRST_LOOK = REPO / "bench" / "intake_model" / "first_look.jsonl"
SHIPPED = REPO / "skill" / "ml-workflow" / "knowledge" / "intake_model.json"


def _data(path: Path = SHIPPED) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_shipped_model_loads_and_says_what_it_is() -> None:
    model = knowledge().intake_model
    assert set(model.models) == {"problem_type", "serving_mode", "temporal"}
    # Clustering is read by the wording rules alone (intake/_segments.py): the model knows the rubric's 15.
    assert set(model.models["problem_type"].classes) == set(RUBRIC_PROBLEM_TYPES) == set(knowledge().problem_types) - {"clustering"}
    assert set(model.models["serving_mode"].classes) == set(knowledge().serving)
    assert set(model.models["temporal"].classes) == {"true", "false"}
    data = _data()
    assert data["feature_version"] == FEATURE_VERSION
    assert "bench/intake_model/train.py" in data["about"] and data["trained_on"]["requests"] > 800
    assert (
        data["held_out"]["rules_plus_model"]["problem_type"]
        > data["held_out"]["rules_first_look"]["problem_type"]
    )
    # 2**16 hashed buckets per class as int8: about 2 MB (bench/README: 2**13 buckets lost 3 points of type).
    assert SHIPPED.stat().st_size < 2_500_000


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(feature_version=FEATURE_VERSION + 1),
        lambda d: d["models"]["problem_type"]["classes"].__setitem__(0, "astrology"),
        lambda d: d["models"]["serving_mode"]["weights"].pop(),
        lambda d: d["models"]["temporal"].update(bits=d["models"]["temporal"]["bits"] + 1),
        lambda d: d["combine"]["problem_type"]["weights"].pop(),
    ],
)
def test_a_model_file_that_does_not_fit_is_rejected(breakage) -> None:  # noqa: ANN001
    texts = {name: p.read_text(encoding="utf-8") for name, p in zip(_FILES, _paths(), strict=True)}
    data = copy.deepcopy(_data())
    breakage(data)
    with pytest.raises(KnowledgeError):
        build(dict(texts, intake_model=json.dumps(data)))


@pytest.mark.parametrize("path", [SHIPPED, HELDOUT_MODEL], ids=["shipped", "heldout"])
def test_pure_python_inference_matches_scikit_learn(path: Path) -> None:
    """The export's sample: scikit-learn's probabilities, recomputed from the int8 weights."""
    data = _data(path)
    models = {t: LinearModel.from_data(m) for t, m in data["models"].items()}
    assert len(data["sample"]) >= 30
    for row in data["sample"]:
        f = features(learned_text(row["text"]))  # what the model was trained on and reads
        for target, expected in row.items():
            if target == "text":
                continue
            got = models[target].proba(f)
            assert max(abs(got[c] - p) for c, p in expected.items()) < 0.03, (target, row["text"][:60])
            ranked = sorted(expected.values(), reverse=True)
            if ranked[0] - ranked[1] > 0.05:
                assert max(got, key=got.get) == max(expected, key=expected.get)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _heldout_rows() -> list[tuple[dict, dict]]:
    """The left-out batches (fresh, dq, dp) with their labels and the rules' first look at each request."""
    looks = {r["id"]: r for r in _jsonl(FIRST_LOOK)}
    left_out = set(_data(HELDOUT_MODEL)["trained_on"]["left_out"])
    assert left_out == {"fresh", "dq", "dp"}
    rows = _jsonl(HERE / "fresh_requests.jsonl") + _jsonl(HERE / "dev_requests.jsonl")
    cases = [r for r in rows if r["id"].split("-")[0] in ("fr", "dq", "dp")]
    assert len(cases) == 100
    return [(c, looks[c["id"]]) for c in cases]


def test_heldout_batches_accuracy() -> None:
    """Model and combiners trained without fresh, dq and dp (100 requests); the rules as they first read
    them (bench/intake_model/first_look.jsonl). Measured: see bench/README.md, intake section."""
    data = _data(HELDOUT_MODEL)
    kb = knowledge()
    model = IntakeModel.from_data(data, set(kb.problem_types), set(kb.serving))
    hits: collections.Counter[str] = collections.Counter()
    for case, look in _heldout_rows():
        f = features(case["request"])
        truth = case["expect"]
        pt = model.opinion("problem_type", f, look["problem_type"], look["problem_scores"])
        sm = model.opinion("serving_mode", f, look["serving_mode"], look["serving_scores"])
        t = model.opinion("temporal", f, str(look["temporal"]).lower())
        hits["rules type"] += look["problem_type"] == truth["problem_type"]
        hits["type"] += pt.answer == truth["problem_type"]
        hits["model type"] += pt.model == truth["problem_type"]
        hits["rules mode"] += look["serving_mode"] == truth["serving_mode"]
        hits["mode"] += sm.answer == truth["serving_mode"]
        hits["temporal"] += t.answer == str(truth["temporal"]).lower()
        hits["rules temporal"] += look["temporal"] == truth["temporal"]
    print(dict(hits))
    assert hits["type"] >= THRESHOLDS["type"], hits
    assert hits["mode"] >= THRESHOLDS["mode"], hits
    assert hits["temporal"] >= THRESHOLDS["temporal"], hits
    assert hits["type"] > hits["rules type"] and hits["mode"] >= hits["rules mode"], hits


THRESHOLDS = {"type": 88, "mode": 93, "temporal": 90}
"""Out of 100; set a few points under the measured values so a retrain with more data does not trip them."""


def test_close_calls_are_assumptions() -> None:
    """Where the rules and the learned model disagree, the brief says so, whichever reading was taken."""
    # A terse request with no word on consumption: the rules' default (online) loses to the model (batch).
    brief = read_request("estimate delivery times for our bakery's van routes")
    assert brief.serving_mode == "batch"
    (note,) = [a for a in brief.assumptions if a.field == "serving_mode" and "close call" in a.reason]
    assert "real-time" in note.reason and "batch" in note.reason
    # A clear request: no close call.
    brief = read_request(
        "Forecast daily demand per SKU per store for the next 14 days, nightly batch, BigQuery."
    )
    assert brief.problem_type == "forecasting"
    assert not [a for a in brief.assumptions if "close call" in a.reason]
