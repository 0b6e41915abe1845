"""A cue written with a trailing space ("che ", "open ", "reviews on ") ends a word there.

Cues are stripped when the YAML is loaded, which silently turned "open " into a prefix of "opened" and
the Italian several-labels cue "tutti i ... che " into one that also took "tutti i clienti che stanno
per disdire" (all customers about to cancel: a yes/no per customer) as several labels. The loader now
keeps the space's meaning as a word-end guard; the Italian cue also asks for what applies to the item.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow._cues import Cues, cue_text
from skillrun.packs.ml_workflow._frames import Frame


def test_a_trailing_space_becomes_a_word_end() -> None:
    assert cue_text("che ") != "che"
    assert cue_text("  churn ") != "churn"
    assert cue_text("churn") == "churn"
    cues = Cues(["open ", "reviews? (of|from|on|about) "])
    assert cues.count("we open a ticket") == 1
    assert cues.count("open.") == 1  # punctuation and the end of the text end a word too
    assert cues.count("the opened tickets") == 0
    assert cues.count("reviews on the product") == 1
    assert cues.count("reviews online") == 0


def test_frames_keep_the_word_end_too() -> None:
    frame = Frame([["pay "], ["late"]])
    assert frame.matches("they pay late")
    assert not frame.matches("the payment is late")


def test_the_trailing_space_survives_the_knowledge_cache() -> None:
    import pickle

    cues = Cues(["che "])
    again = pickle.loads(pickle.dumps(cues))
    assert again.count("checkout") == 0 and again.count("che cosa") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Tutti i clienti che stanno per disdire l'abbonamento entro tre mesi: elenco mensile per il call center.",
        "Tutti gli utenti che smetteranno di pagare il prossimo mese, ogni lunedì.",
    ],
)
def test_all_customers_who_will_cancel_is_no_label_set(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "binary_classification"
    assert brief.temporal is True


def test_the_labels_that_apply_to_an_item_stay_several(read) -> None:  # noqa: ANN001
    text = "Per ogni ricetta pubblicata, indicare tutte le etichette che si applicano (vegana, senza glutine, piccante, ...)."
    assert read(text).problem_type == "multilabel_classification"
