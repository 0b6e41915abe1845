"""Items shown to a user (rubric §0.1 and PD-01: "which items to show" is recommendation) that the other
votes read as a yes/no question or as a ranking.

Three framings, each named by knowledge/lexicon.yaml ``problem_rules``:

- a block of other items on an item's page ("Customers who bought this also bought", "More like this");
- the next item each user will take, predicted to be shown as suggestions: "which course each learner
  will enrol in next" sounds like a yes/no question ("which X will ...") but picks among items per user;
- the order of the items in a list each user receives as their own (the daily alert e-mail, a swipe deck,
  a feed): ordering it chooses what that user sees first;
- candidates re-ranked on a surface each user gets without asking (the home feed or screen, a "For you"
  row, a named shelf, the app as it opens): the ranker is the recommender's last stage.

A search query keeps an ordering a ranking, personalised or not: the user asked for the results. A search
named as the user's past signal ("their recent searches", "historial de búsquedas") asks for nothing.
"""

from __future__ import annotations

from ..knowledge import Knowledge
from ._task import Task

_FRAMINGS = ("item_page_block", "next_item_choice", "order_for_each_user", "user_own_list")
_VERDICTS = ("binary_classification", "image_classification", "text_classification", "audio_classification")
_CHOICE_VOTE = 5.0
"""As strong as an explicit class count or amount: the request names what is shown, so a domain's usual
yes/no framing or one "likely to" does not outvote it."""


def shows_items(text: str, kb: Knowledge) -> bool:
    """The request names items shown to a user in one of the three framings (the guard in _overrule.py)."""
    rules = kb.problem_rules
    return any(rules[name].count(text) > 0 for name in _FRAMINGS)


def items_shown(text: str, kb: Knowledge, task: Task, explicit: dict[str, float], scores: dict[str, float]) -> None:
    """Move the votes of a yes/no or ranking reading to recommendation when the request shows items to a user."""
    rules = kb.problem_rules
    searched = _searched(text, kb)
    if rules["item_page_block"].count(text) or rules["next_item_choice"].count(text):
        # The likelihood is each candidate item's score: the yes/no words describe how items are picked, and
        # photos, articles or songs named are the items shown ("a 'More like this' strip of 20 photos").
        scores["recommendation"] += _CHOICE_VOTE + max(scores[kind] for kind in _VERDICTS)
    ordered = task.forms["order_for_query"] > 0 or explicit.get("ranking", 0.0) > 0
    own_list = rules["order_for_each_user"].count(text) > 0 or (ordered and rules["user_own_list"].count(text) > 0)
    if own_list and not searched:
        # "order the listings in each subscriber's daily alert e-mail by how likely they are to ask for a
        # viewing": the sort key is a probability, the answer is what that subscriber sees first.
        scores["recommendation"] += _CHOICE_VOTE + scores["ranking"] + scores["binary_classification"]
        scores["ranking"] = 0.0
    elif task.forms["items_for_user"] > 0 and task.forms["order_for_query"] > 0 and not searched:
        # "candidates generated offline, re-ranked when the user refreshes": what is ordered is what a user
        # is shown, with no query; the ordering words name its re-rank step.
        scores["recommendation"] += scores["ranking"]
        scores["ranking"] = 0.0
    elif not searched and rules["reorder_step"].count(text) and rules["personal_surface"].count(text):
        # "a nightly retrieval job feeds a real-time ranker for the home feed", "Ranking-Modell für die Reihe
        # auf dem Startbildschirm": the surface is the user's own, so the ranker picks what they see.
        scores["recommendation"] += _CHOICE_VOTE + scores["ranking"] + scores["binary_classification"]
        scores["ranking"] = 0.0


def _searched(text: str, kb: Knowledge) -> bool:
    """Whether a search query is answered: a search word outside the spans naming past searches as a signal."""
    rules = kb.problem_rules
    if not rules["search_words"].count(text):
        return False
    for start, end, _ in rules["search_history"].hits(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return rules["search_words"].count(text) > 0
