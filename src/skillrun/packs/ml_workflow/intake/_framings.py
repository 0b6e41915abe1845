"""Framings whose words point at another problem type than the one they ask for (rubric PD-01).

Three readings, each named by knowledge/lexicon.yaml ``problem_rules``, applied after every other vote:

- a value suggested to someone ("suggest a monthly rent for each new listing", "recommend a credit limit
  amount", "建议售价") is an amount: regression, whatever the recommender's verb or a lender's yes/no says;
- which variant of a piece of content each user sees (a title's artwork per member, the headline per
  visitor, which of 12 banners) is a personalised choice among candidates: recommendation, even when the
  variants are pictures or texts;
- candidates for one case ordered for the worker handling it ("order the substitution suggestions shown to
  the picker by the probability the customer accepts") are a ranking, not a user's recommendations and not
  a yes/no per candidate.
"""

from __future__ import annotations

from ..knowledge import Knowledge
from ._task import Task

_VOTE = 5.0
"""As strong as a stated amount or class count (intake/_classify.py): the request names what it wants."""
_VERDICTS = (
    "binary_classification", "multiclass_classification", "image_classification", "text_classification",
    "audio_classification",
)  # fmt: skip


def reframe(text: str, kb: Knowledge, task: Task, scores: dict[str, float]) -> None:
    """Move the votes of a misleading framing to the type the request asks for (``scores`` in place)."""
    rules = kb.problem_rules
    if rules["suggested_value"].count(text):
        # The suggestion verb voted for recommendation or a yes/no ("recommend ... for each approved
        # applicant"), a per-night or monthly price for a forecast: the number is what is suggested.
        taken = max(scores[k] for k in ("recommendation", "forecasting", *_VERDICTS))
        scores["regression"] += _VOTE + taken
        scores["recommendation"] = min(scores["recommendation"], 0.0)
    if rules["variant_choice"].count(text) and rules["per_user"].count(text):
        # "which of the 6 artwork variants to show each member": the variants are the candidates, chosen
        # per user from their clicks; the pictures or headlines are not classified.
        scores["recommendation"] += _VOTE + max(scores[k] for k in (*_VERDICTS, "multilabel_classification"))
    if rules["ordered_candidates"].count(text) and (rules["worker_audience"].count(text) or not _personal(text, kb, task)):
        # The candidates answer one case (an item out of stock, a ticket, a record); their order is what the
        # worker acts on. A user's own list ("for each user, rank the candidate items") stays recommendation.
        scores["ranking"] += _VOTE + scores["binary_classification"] + scores["recommendation"]
        scores["recommendation"] = 0.0


def _personal(text: str, kb: Knowledge, task: Task) -> bool:
    """The request names a user the items are for (their feed, items for a user, "for each customer", a
    surface they get without asking: "when they open the app we reorder the pool")."""
    rules = kb.problem_rules
    return task.forms["items_for_user"] > 0 or any(
        rules[name].count(text) > 0 for name in ("per_user", "order_for_each_user", "user_own_list", "personal_surface")
    )
