"""Serving words a request names only to rule them out, or for something other than serving.

"No real-time needed, every hour is enough", "it doesn't need to be live", "kein Echtzeitbedarf",
"pas besoin de temps réel", "不需要实时": the words "real-time", "live" and "Echtzeit" are the cues that
vote for an online mode, so left in place they would vote for the very mode the request declines. The
denied spans (knowledge/tasks.yaml consumption.denied) are blanked before the serving words are read, and
each denial is counted as a result nobody waits on (rubric §0.1: real-time is a caller waiting).

A retraining schedule ("we retrain monthly", consumption.training_cadence) is blanked the same way but not
counted: it is about the training pipeline, not about who waits on a score. So is a feature refresh ("features
computed nightly into the feature store", consumption.feature_refresh): inputs an online model reads, not its
predictions precomputed.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._cues import Cues
from ..knowledge import Knowledge

_ROUNDS = 3
"""A cue list reports the first occurrence of each cue; a few rounds catch the same denial repeated."""


def without_denials(text: str, kb: Knowledge) -> tuple[str, int]:
    """``text`` with each denied serving phrase, retraining schedule and feature refresh blanked (same length, so offsets
    hold), and the count of denials."""
    text, _ = blank_hits(text, kb.consumption_cues["training_cadence"])
    text, _ = blank_hits(text, kb.consumption_cues["feature_refresh"])
    return blank_hits(text, kb.consumption_cues["denied"])


def blank_hits(text: str, cues: Cues) -> tuple[str, int]:
    """``text`` with every hit of ``cues`` blanked, and the number of phrases blanked."""
    phrases, blanked = 0, text
    for hits, after_round in _hit_rounds(cues, text):
        blanked = after_round
        reach = -1
        for start, end, _factor in hits:
            phrases += start >= reach  # two cues over one phrase ("no need for real-time") are one phrase
            reach = max(reach, end)
    return blanked, phrases


def every_hit(cues: Cues, text: str) -> list[tuple[int, int, float]]:
    """Every hit of ``cues`` in ``text``, not only each cue's first: the same wording used twice is two hits."""
    return [hit for hits, _ in _hit_rounds(cues, text) for hit in hits]


def _hit_rounds(cues: Cues, text: str) -> Iterator[tuple[list[tuple[int, int, float]], str]]:
    """Each round's hits (sorted) and the text with them blanked, which the next round reads."""
    for _ in range(_ROUNDS):
        hits = sorted(cues.hits(text))
        if not hits:
            return
        for start, end, _factor in hits:
            text = text[:start] + " " * (end - start) + text[end:]
        yield hits, text
