"""Keyword stage: word boundaries, inflections, case-aware acronyms, symbols, Unicode, one index."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillrun.routing import Router, RoutingProfile
from skillrun.routing._text import fold, normalise, stem
from skillrun.spec import Skill, load_skill


def skill(slug: str, triggers: list[str], description: str = "A skill.") -> Skill:
    return Skill(
        name=slug.title(), slug=slug, description=description, triggers=triggers, format="seed", path=""
    )


@pytest.fixture(scope="module")
def router(repo: Path) -> Router:
    # The ML Workflow skill's own triggers (the seed's list), without its routing profile: the keyword
    # stage is what is under test.
    triggers = load_skill(repo / "skill" / "ml-workflow").triggers
    assert {"ML", "W&B", "Weights & Biases", "training"} <= set(triggers)
    return Router.from_skills([skill("ml-workflow", triggers)], profiles={})


def hits(router: Router, message: str) -> list[str]:
    return router.trigger_hits(message).get("ml-workflow", [])


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("We need ML for this", ["ML"]),
        ("our models keep changing", ["models"]),
        ("retrain our churn predictor", ["retrain"]),  # the re- form of the trigger "training"
        ("retraining every week", ["retraining"]),
        ("the features drifted", ["drifted"]),
        ("Log runs to W&B", ["W&B"]),
        ("we use weights & biases", ["weights biases"]),
        ("we use Weights and Biases", ["Weights and Biases"]),
        ("plan the model deployment", ["model deployment", "model"]),
        ("ＭＬ platform", ["ML"]),  # NFKC: full-width letters are the acronym
    ],
)
def test_matches(router: Router, message: str, found: list[str]) -> None:
    assert sorted(hits(router, message)) == sorted(found)


@pytest.mark.parametrize(
    "message",
    [
        "Is 5 ml of saline enough?",  # lower-case ml is millilitres for the keyword stage
        "Convert the HTML and YAML files",
        "remodel the kitchen",
        "reserving a table",
        "a w&b tier",
    ],
)
def test_no_match(router: Router, message: str) -> None:
    assert hits(router, message) == []


def test_one_index_for_all_skills() -> None:
    skills = [skill(f"s{i}", [f"alpha{i}", f"beta gamma{i}"]) for i in range(50)]
    router = Router.from_skills(skills, profiles={})
    assert router.trigger_hits("alpha7 and beta gamma9") == {"s7": ["alpha7"], "s9": ["beta gamma9"]}


def test_multi_word_trigger_does_not_cross_a_clause() -> None:
    router = Router.from_skills([skill("fs", ["feature store"])], profiles={})
    assert router.trigger_hits("the feature. Store it") == {}
    assert router.trigger_hits("the feature store") == {"fs": ["feature store"]}


def test_prefix_suffix_and_cjk_terms() -> None:
    profile = RoutingProfile.model_validate(
        {"groups": {"t": {"weight": 1.0, "terms": {1.0: ["vorhersag*", "*modell", "予測"]}}}}
    )
    router = Router.from_skills([skill("x", ["zzz"])], profiles={"x": profile})
    found = router.scores("Vorhersagen mit einem Prognosemodell und 需要予測")[0]
    assert set(found.matched) >= {"Vorhersagen", "Prognosemodell", "予測"}


def test_one_letter_typo_of_a_long_word() -> None:
    profile = RoutingProfile.model_validate({"groups": {"t": {"weight": 1.0, "terms": ["pipeline"]}}})
    router = Router.from_skills([skill("x", ["zzz"])], profiles={"x": profile})
    assert router.scores("need a pipline")[0].matched == ("pipline",)


def test_text_helpers() -> None:
    assert normalise("ＭＬ") == "ML"
    assert fold("Predicción") == "prediccion"
    assert fold("मॉडल") == "मॉडल"  # marks of other scripts are letters, kept
    assert {stem(w) for w in ("train", "training", "trained", "trains")} == {"train"}
    assert stem("server") != stem("serving")
    assert stem("modelling") == stem("models") == "model"


def test_typo_choice_does_not_depend_on_the_hash_seed() -> None:
    """The typo "retrian" is one edit from both "retrain" and "retrial": the same one must win in every process."""
    import os
    import subprocess
    import sys

    script = (
        "from skillrun.routing._index import TermIndex\n"
        "index = TermIndex()\n"
        "index.add('retrial')\n"
        "index.add('retrain')\n"
        "print(index._typo_key('retrian'))\n"
    )
    answers = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        answers.add(done.stdout.strip())
    assert len(answers) == 1, answers
    assert answers.pop() in {"retrain", "retrial"}
