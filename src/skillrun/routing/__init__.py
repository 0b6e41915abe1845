"""Trigger router: which skill, if any, a chat message calls for, with the score and the reason.

Two stages. Keywords first: every skill's triggers compiled into one token index (word boundaries,
inflections, case-sensitive acronyms, multi-word and symbol triggers, Unicode normalisation). Then a
second look: a score from the message's context (the skill's own vocabulary and its routing profile,
other senses of the trigger words, negation, quotes, earlier turns) against a per-skill threshold.
An embedding stage can be plugged in (:class:`Embedder`); none ships with skillrun.

    router = Router.from_skills(load_skills(dirs))
    router.route_one("how should we retrain our churn predictor when behaviour shifts?")
"""

from ._cases import RoutingCase, RoutingScore, load_routing_cases, score_routing
from ._embed import Embedder, available_embedders, load_embedder
from ._message import Conversation, Turn
from ._profile import RoutingProfile, SenseRule, TermGroup
from ._router import Match, Router

__all__ = [
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
