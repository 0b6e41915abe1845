"""The choice model that combines the classifier with the rules, and its per-frame holds: both fitted
on the out-of-group probabilities against the rules' first looks (never on rules tuned on the group)."""

from __future__ import annotations

import collections

import numpy as np
from sklearn.linear_model import LogisticRegression

from intake_model.data import Case
from intake_model.labels import label, rule_answer, rule_scores
from skillrun.packs.ml_workflow._learned import Combiner, choice_features

COMBINER_C = 1.0
CLOSE_BELOW = 1.0


def fit_combiner(cases: list[Case], probs: dict, looks: dict[str, dict], target: str) -> tuple[float, ...]:
    """The choice model's weights: a logistic regression over (request, candidate) pairs, 'is it right?'."""
    x, y = [], []
    for c in cases:
        rule, _ = rule_answer(looks[c.id], target)
        for k, f in choice_features(probs[target][c.id], rule, rule_scores(looks[c.id], target)).items():
            x.append(f)
            y.append(int(k == label(c, target)))
    model = LogisticRegression(C=COMBINER_C, max_iter=5000).fit(np.array(x), y)
    return tuple(round(float(w), 4) for w in model.coef_[0])


HOLD_FLOORS = (4.0, 5.0, 6.0, 8.0, 10.0)
"""Candidate floors for the rules' own vote at which a frame holds against the model. None below 4: a
vote of 3 is one cue (a stream word, or a domain default plus a latency), not a frame; at 3, streaming
held against a correct batch ("log lines ... results in a daily report", round 2)."""
HOLD_MIN_NET = 2
HOLD_MIN_PRECISION = 0.75


def fit_holds(
    cases: list[Case], probs: dict, looks: dict[str, dict], target: str, weights: tuple[float, ...]
) -> dict[str, float]:
    """Per rule answer, the lowest vote floor at which keeping the rules against the choice model gains
    the most on these first looks. A frame holds only with evidence: at least HOLD_MIN_NET more requests
    fixed than broken, and the rules right in HOLD_MIN_PRECISION of the overrules it would undo."""
    if target == "temporal":
        return {}
    combiner = Combiner(weights, 0.0)
    overruled = collections.defaultdict(list)  # rule answer -> [(its vote, rules right, model right)]
    for c in cases:
        rule, _ = rule_answer(looks[c.id], target)
        scores = rule_scores(looks[c.id], target)
        answer = combiner.choose(probs[target][c.id], rule, scores).answer
        if answer != rule and scores:
            truth = label(c, target)
            overruled[rule].append((scores.get(rule, 0.0), rule == truth, answer == truth))
    holds = {}
    for rule, rows in overruled.items():
        best = None
        for floor in HOLD_FLOORS:
            gain = sum(r for v, r, _ in rows if v >= floor)
            loss = sum(m for v, _, m in rows if v >= floor)
            net = gain - loss
            if net >= HOLD_MIN_NET and gain >= HOLD_MIN_PRECISION * (gain + loss):
                if best is None or net > best[0]:
                    best = (net, floor)
        if best is not None:
            holds[rule] = best[1]
    return dict(sorted(holds.items()))


def export_combiner(cases: list[Case], probs: dict, looks: dict[str, dict], target: str) -> dict:
    """The combiner of ``target`` as the model file holds it: weights, close-call margin, holds."""
    weights = fit_combiner(cases, probs, looks, target)
    return {
        "weights": list(weights),
        "close_below": CLOSE_BELOW,
        "hold": fit_holds(cases, probs, looks, target, weights),
    }
