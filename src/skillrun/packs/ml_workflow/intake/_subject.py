"""Whether a request in a regulated domain asks for a decision about a person (rubric G-06, FE-07, AP-14).

The domain cues (lexicon ``regulated``) say where the organisation or the data sits: a bank, an
insurer, a hospital, a job board. G-06's controls (reason codes, model documentation, fairness slices,
lineage, privacy) are owed when the model's output decides something about an individual in that
domain: a loan, a premium or claim, a diagnosis or triage, a hire, a promotion, a departure. Four kinds
of request name the domain and decide about no one:

* a domain word that only names a label: a bank's chatbot sorting messages into intents "(card lost,
  loan question, ...)" routes text; it grants no loan;
* a forecast of an aggregate: an insurer's call volume per hour, a bank's cash per ATM, a hospital's
  car-park occupancy or energy use. A forecast per patient or per employee is still about a person;
* equipment or routing with no person in sight: a hospital's scanner failures or HVAC anomalies, an
  insurer's e-mails sorted into departments (a claim or a patient in the request keeps the domain);
* job ads as the object: coding postings into an occupation taxonomy, tagging skills, removing
  duplicates. Ranking or recommending job ads *to people* is different: which jobs a person gets to see
  is part of recruitment (the EU AI Act, Annex III 4(a), lists AI "to place targeted job
  advertisements" as high-risk), so a job search or job recommender stays hiring.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge import Knowledge
from ._grain import forecast_period

_RANKED_FOR_SOMEONE = frozenset({"ranking", "recommendation"})
# A count per period read as a regression ("Anzahl der Schadenmeldungen pro Woche") is a forecast too.
_COUNT = re.compile(
    r"(?<![a-z])(?:number of|how many|volume|count of|anzahl|wie viele|nombre de|combien|numero de|cantidad de|cuant[oa]s)"
    r"|数量|多少"
)


def _aggregate(folded: str, problem_type: str) -> bool:
    if problem_type == "forecasting":
        return True
    return problem_type == "regression" and bool(_COUNT.search(folded)) and forecast_period(folded) is not None


@cache
def _class_list(nouns: str) -> re.Pattern[str]:
    # The label list follows its noun within one clause: in brackets, after a colon, or after "such as".
    return re.compile(
        rf"(?<![a-z]){nouns}(?![a-z])[^.;!?()（）\n]{{0,60}}?"
        r"(?:[(（](?P<p>[^)）]{2,400})[)）]"
        r"|[:：](?P<c>[^.;!?\n]{2,300})"
        r"|(?<![a-z])(?:such as|e\.g\.|like|including|como|wie|comme|notamment|par exemple)(?P<s>[^.;!?\n]{2,300})"
        r"|(?:例如|比如|包括)(?P<z>[^。；！？\n]{2,300}))"
    )


def mask_class_lists(folded: str, kb: Knowledge) -> str:
    """``folded`` with the contents of every list of labels blanked (same length, so positions hold)."""
    out = folded
    for m in _class_list(kb.class_nouns).finditer(folded):
        for group in ("p", "c", "s", "z"):
            start, end = m.span(group)
            if start >= 0:
                out = out[:start] + " " * (end - start) + out[end:]
    return out


def about_a_person(folded: str, regulated: str | None, problem_type: str, kb: Knowledge) -> str | None:
    """``regulated`` when the model decides about an individual in that domain, else ``None``.

    ``folded`` is the request with its label lists already masked (see :func:`mask_class_lists`).
    """
    if regulated is None:
        return None
    if _aggregate(folded, problem_type) and not kb.person_series.count(folded):
        return None
    if regulated != "hiring" and kb.regulated_things.count(folded) and not kb.regulated_people.count(folded):
        return None  # a scanner's failures, an email sent to a department: nobody's loan, claim or care
    if regulated == "hiring" and not kb.hiring_people.count(folded):
        # Job ads with nobody on the other side: a posting is coded, tagged or deduplicated.
        if problem_type not in _RANKED_FOR_SOMEONE or not kb.job_audience.count(folded):
            return None
    return regulated
