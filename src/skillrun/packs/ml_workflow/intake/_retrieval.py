"""A search ranked in two stages: candidates retrieved from the index, then re-ranked, both for the query.

The lexicon's hybrid cues include the stage names of a recommender pipeline (召回 / 精排 / 粗排, "candidate
generation", "retrieval +"), because a recommender's candidates are usually generated ahead of time (the suite's
two-tower homepage rows). In a search the candidates are retrieved when the query arrives, so the same words name
two online stages: real-time (rubric §0.1; the suite's job board re-ranks Elasticsearch candidates per query).
Something computed ahead (documents embedded offline, a nightly candidate list) still makes it hybrid.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..knowledge import Knowledge


def per_query_stages(text: str, kb: Knowledge, problem_type: str, use: Mapping[str, float]) -> bool:
    """Whether the pipeline words of a ranking request describe stages run per query (nothing precomputed)."""
    if problem_type != "ranking" or use["precompute"] + use["scheduled_refresh"] > 0:
        return False
    return kb.problem_rules["search_words"].count(text) > 0
