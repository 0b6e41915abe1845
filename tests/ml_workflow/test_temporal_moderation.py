"""Moderation of user content is temporal (rubric §0.1; the rubric's toxicity example ml-016 is
temporal=true): slang, targets and evasion tricks change, so a random split would test on the past of
the training data. The learned intake opinion, trained on mixed labels for this class, does not overrule
it. Static text tasks keep temporal=false. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from skillrun import find_skill
from skillrun.evals import make_context
from skillrun.packs.ml_workflow.checks._facts import read_facts
from skillrun.packs.ml_workflow.intake import read_request

ADVERSARIAL = [
    "Video platform: flag abusive comments under each video before they appear, 300 ms budget.",
    "Marketplace: flag each new listing as scam or genuine from its text; sellers keep rewording it to evade our filters.",
    "Foro de recetas: detectar mensajes con discurso de odio antes de que se publiquen.",
    "Gaming-Chat: toxische Nachrichten erkennen und ausblenden, bevor andere Spieler sie sehen.",
    "Application de rencontre : repérer les messages de harcèlement avant leur remise au destinataire.",
    "论坛：用户发帖时实时识别辱骂和骚扰内容，违规的先隐藏。",
    "Email provider: spam filter for incoming mail, scored as messages arrive.",
    "Community app: flag posts with self-harm content for our moderators within a minute.",
    "Reviews site: detect fake reviews written by paid reviewers before they go live.",
]
STATIC = [
    "Law office: sort each scanned document into one of 12 document types (deed, invoice, court order, ...); nightly.",
    "Vertragsprüfung: Parteien, Daten und Beträge in Verträgen markieren (NER); wöchentliche Verarbeitung.",
    "Catalogue team: assign each product description to one of our 400 categories; one-off batch.",
    "Clinic: tag each sentence of discharge letters with the medication names it mentions.",
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_moderation_spam_and_evasion_are_temporal(text: str) -> None:
    assert read_request(text).temporal is True


@pytest.mark.parametrize("text", STATIC)
def test_static_text_tasks_stay_not_temporal(text: str) -> None:
    assert read_request(text).temporal is False


def test_the_checks_read_moderation_as_temporal_from_a_bare_request() -> None:
    ctx = make_context(
        find_skill("ml-workflow"), "# x", "Flag toxic comments on our forum before they are shown."
    )
    assert read_facts(ctx).temporal is True
