"""Second stage: senses, negation, quotes, conversations, explanations, ranking, profiles, embedders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from skillrun.errors import SkillParseError, UsageError
from skillrun.routing import Conversation, Router, RoutingProfile, Turn, load_embedder
from skillrun.spec import Skill, load_skills


@pytest.fixture(scope="module")
def router(repo: Path) -> Router:
    """The built-in ML Workflow skill with its routing.yaml, as the CLI sees it."""
    return Router.from_skills(load_skills([repo / "skill"]))


def fired(router: Router, message: object) -> bool:
    return router.route_one(message) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "message",
    [
        "Our data model needs a new column for invoices",
        "She is my role model",
        "Which car model should I buy?",
        "Training wheels for my daughter's bike?",
        "How long is continental drift per year?",
        "Serving size for lasagna for six people?",
        "We don't need ML for this, a lookup table is enough",
        "Is 5 ml of saline enough to flush a line?",
        "Explain gradient boosting in simple terms",
    ],
)
def test_other_senses_negation_and_questions_stay_silent(router: Router, message: str) -> None:
    assert not fired(router, message), router.scores(message)[:1]


@pytest.mark.parametrize(
    "message",
    [
        "how should we retrain our churn predictor when customer behaviour shifts?",
        "Design the training pipeline, serving and drift monitoring for our fraud model",
        "need ml pipline for predictin equipment failures from sensor data",
        "Queremos un modelo que prediga la demanda; ¿cómo diseñamos el entrenamiento y el despliegue?",
    ],
)
def test_requests_fire(router: Router, message: str) -> None:
    assert fired(router, message), router.scores(message)[:1]


@pytest.mark.parametrize(
    "message",
    [
        # an elided article joined to the noun (l', dell') must not hide it
        "Comment organiser l'entraînement et le suivi de la dérive de notre modèle de scoring ?",
        "Come gestire l'addestramento e la messa in produzione del nostro modello di churn?",
        # emails as the data a classifier reads are not a writing task
        "We want to sort incoming emails into departments automatically; how should we train and deploy it?",
        # an ML project or system named as such is the topic, not a name-drop
        "Our first machine learning project: flag late shipments. What should we build first and what can wait?",
        # "saves money" is no code question; "stima" estimates; an underwriting model is a prediction task
        "Design a model that catches duplicate invoices and saves our finance team hours; how do we roll it out?",
        "Vogliamo stimare il valore di ogni cliente: quali passi per addestramento e rilascio?",
        "¿Cómo montarías un sistema que recomiende recetas y cómo medir si aumenta los pedidos?",
        # "throw away" is waste, not a thrown exception
        "Our stores throw away a lot of fruit. Could we predict daily sales per store and item, and how would we run it?",
        "Our underwriters price policies by hand. What would a model that assists them need, from data to audit?",
    ],
)
def test_class_level_positives_fire(router: Router, message: str) -> None:
    assert fired(router, message), router.scores(message)[:1]


@pytest.mark.parametrize(
    "message",
    [
        "Our GitLab CI pipeline rebuilds every Docker layer; how do we speed it up?",
        "How do I label messages in my Outlook inbox automatically by sender?",
        "My Keras training loop hangs after the first epoch when batch size is 128, how do I fix it?",
        "Book a training session on conflict negotiation for our sales team next month.",
        "Our Go service has a memory leak since the last deploy; how do we track it down?",
        "The xgboost call raises 'could not convert string to float: yes'; how do I encode it?",
    ],
)
def test_software_pipelines_mail_labels_and_training_loops_stay_silent(router: Router, message: str) -> None:
    assert not fired(router, message), router.scores(message)[:1]


def test_elided_articles_are_dropped() -> None:
    from skillrun.routing._text import drop_elision

    assert drop_elision("l'entraînement") == "entraînement"
    assert drop_elision("dell'addestramento") == "addestramento"
    assert drop_elision("don't") == "don't"
    assert drop_elision("W&B") == "W&B"


def test_lexicon_terms_with_elided_articles_match_messages() -> None:
    from skillrun.routing._index import TermIndex
    from skillrun.routing._text import normalise

    index = TermIndex()
    (term,) = index.add("mesurer l'impact")
    text = normalise("Comment mesurer l'impact du modèle ?")
    assert term in {hit[0] for hit in index.find(index.tokens(text), text)}


def test_match_explains_itself(router: Router) -> None:
    match = router.route_one("Design the retraining and drift monitoring for our churn model")
    assert match is not None
    assert match.skill == "ml-workflow" and match.name == "ML Workflow"
    assert match.score >= match.threshold == 1.0
    assert {"retraining", "churn"} <= set(match.matched)
    assert match.why.startswith(f"{match.score:.2f} >= 1.00: ")
    assert "\n" not in match.why
    assert match.as_dict()["matched"] == list(match.matched)


def test_ignored_hits_are_named(router: Router) -> None:
    (closest,) = router.scores("Which car model should I buy?")
    assert not closest.fired
    assert "ignored: model (other sense)" in closest.why
    (negated,) = router.scores("We don't need ML here")
    assert "ML (negated)" in negated.why


def test_quoted_text_counts_less(router: Router) -> None:
    plain = router.scores("our churn model needs drift monitoring")[0].score
    quoted = router.scores('our "churn model needs drift monitoring"')[0].score
    assert quoted < plain


def test_last_user_turn_decides(router: Router) -> None:
    design = [
        {"role": "user", "content": "Design drift monitoring for our churn model."},
        {"role": "assistant", "content": "Here is the design ..."},
    ]
    assert not fired(
        router, [*design, {"role": "user", "content": "Thanks! Now write a haiku about autumn."}]
    )
    assert fired(router, [*design, {"role": "user", "content": "And how should we retrain it?"}])


def test_earlier_turns_support_but_a_change_of_subject_drops_them(router: Router) -> None:
    earlier = [
        {"role": "user", "content": "We trained a gradient boosting model for late payments."},
        {"role": "assistant", "content": "How is it used today?"},
    ]
    follow_up = "It isn't yet. How do we get it running nightly and know when it goes stale?"
    with_context = router.scores([*earlier, {"role": "user", "content": follow_up}])[0]
    alone = router.scores(follow_up)[0]
    assert with_context.score > alone.score
    assert "earlier turns" in with_context.why
    shifted = router.scores([*earlier, {"role": "user", "content": "different topic: " + follow_up}])[0]
    assert shifted.score == alone.score


def test_conversation_forms_are_equivalent(router: Router) -> None:
    turns = [
        ("user", "Our recommender is live."),
        ("assistant", "OK."),
        ("user", "How should we monitor it?"),
    ]
    as_dicts = [{"role": r, "content": c} for r, c in turns]
    as_model = Conversation(messages=[Turn(role=r, content=c) for r, c in turns])
    as_text = "\n".join(f"{r.title()}: {c}" for r, c in turns)
    scores = {router.scores(m)[0].score for m in (as_dicts, as_model, as_text)}
    assert len(scores) == 1


def test_bad_conversation_is_a_usage_error(router: Router) -> None:
    with pytest.raises(UsageError, match="role"):
        router.route([{"role": "robot", "content": "hi"}])
    with pytest.raises(UsageError):
        router.route(42)  # type: ignore[arg-type]


def test_empty_message_matches_nothing(router: Router) -> None:
    assert router.route("   ") == []
    assert router.route([{"role": "assistant", "content": "only the assistant spoke"}]) == []


def skill(slug: str, triggers: list[str], description: str) -> Skill:
    return Skill(
        name=slug, slug=slug, description=description, triggers=triggers, format="agent-skills", path=""
    )


def test_ranking_top_k_and_ties_are_deterministic() -> None:
    twins = [
        skill(s, ["invoice"], "Create and send invoices to customers.") for s in ("b-invoices", "a-invoices")
    ]
    router = Router.from_skills([*twins, skill("c-other", ["docker"], "Run containers.")])
    matches = router.route("create an invoice for the customer")
    assert [m.skill for m in matches] == ["a-invoices", "b-invoices"]  # equal scores: by slug
    assert [m.skill for m in router.route("create an invoice for the customer", top_k=1)] == ["a-invoices"]
    assert router.route_one("create an invoice for the customer") == matches[0]


def test_best_first_pruning_gives_the_same_matches() -> None:
    skills = [
        skill(f"s{i:02d}", [f"w{i % 7}", "report"], f"Make w{i % 5} reports for teams.") for i in range(40)
    ]
    router = Router.from_skills(skills)
    message = "make the w3 report for w1 teams"
    everything = [m for m in router.scores(message) if m.fired]
    assert router.route(message) == everything
    assert router.route(message, top_k=3) == everything[:3]


def test_skill_without_triggers_gets_candidates_from_name_and_description() -> None:
    router = Router.from_skills([skill("pdf-merger", [], "Merge PDF files and split PDF pages.")])
    assert router.trigger_hits("merge these PDF files") == {"pdf-merger": ["PDF"]}
    match = router.route_one("merge these PDF files into one")
    assert match is not None and match.skill == "pdf-merger"
    assert router.route_one("merge conflict in git") is None


def test_profile_file_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "routing.yaml"
    bad.write_text("threshold: 1\ngroups:\n  a: {weight: 1, terms: [x]}\n  a: {weight: 1, terms: [y]}\n")
    with pytest.raises(SkillParseError, match=r"routing.yaml:4: .*repeated key 'a'"):
        RoutingProfile.from_file(bad)
    bad.write_text("groups:\n  a: {weight: 1, terms: {2.0: [x]}}\n")
    with pytest.raises(SkillParseError, match="invalid routing profile"):
        RoutingProfile.from_file(bad)


def test_shipped_profile_is_valid(repo: Path) -> None:
    profile = RoutingProfile.from_file(repo / "skill" / "ml-workflow" / "routing.yaml")
    kinds = {g.kind for g in profile.groups.values()}
    assert kinds == {"topic", "support", "request", "against"}


class FakeEmbedder:
    """Bag of letters: enough to show that the stage is plugged in and counted."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[float(t.lower().count(c)) for c in "abcdefghijklmnopqrstuvwxyz"] for t in texts]


def test_embedding_stage_is_pluggable() -> None:
    plain = skill("notes", ["zzz"], "Take meeting notes.")
    without = Router.from_skills([plain])
    with_embedder = Router.from_skills([plain], embedder=FakeEmbedder())
    message = "take meeting notes please"
    assert without.scores(message) == []  # description words alone make no candidate
    (found,) = with_embedder.scores(message)  # the embedding stage weighs every skill
    assert found.skill == "notes" and "embedding" in found.why


def test_unknown_embedder_names_the_installed_ones() -> None:
    with pytest.raises(UsageError, match="no embedder named 'nope'"):
        load_embedder("nope")


def test_public_api_is_pinned() -> None:
    import skillrun.routing as routing

    assert routing.__all__ == [
        "Conversation",
        "Embedder",
        "Match",
        "Router",
        "RoutingCase",
        "RoutingProfile",
        "RoutingScore",
        "SenseRule",
        "TermGroup",
        "Turn",
        "available_embedders",
        "load_embedder",
        "load_routing_cases",
        "score_routing",
    ]


def test_pruning_is_exact_on_every_labelled_message(repo: Path) -> None:
    """Bounds and best-first weighing skip work, never a match: compare with weighing everything."""
    import random
    import re

    from skillrun.routing import load_routing_cases

    cases = load_routing_cases(repo / "evals" / "routing" / "ml-workflow.cases.jsonl")
    messages = [c.routable() for c in cases]
    vocab = sorted(
        {w.lower() for m in messages if isinstance(m, str) for w in re.findall(r"[A-Za-z]{4,}", m)}
    )
    rng = random.Random(7)
    synthetic = [
        skill(
            f"syn-{i:03d}",
            rng.sample(vocab, 6) + [f"{rng.choice(vocab)} {rng.choice(vocab)}"],
            "Use for " + " ".join(rng.sample(vocab, 12)) + ".",
        )
        for i in range(300)
    ]
    router = Router.from_skills([*load_skills([repo / "skill"]), *synthetic])
    for message in messages:
        everything = [m for m in router.scores(message) if m.fired]
        assert router.route(message) == everything, message
        assert router.route(message, top_k=2) == everything[:2], message
