"""The text classifier: hashed features, logistic regression, the int8 export the intake ships, and
its out-of-group probabilities (each group scored by a model trained on the other groups)."""

from __future__ import annotations

import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from intake_model.data import Case
from intake_model.labels import label
from skillrun.packs.ml_workflow._learned import TARGETS, LinearModel, buckets

C = {"problem_type": 30.0, "serving_mode": 30.0, "temporal": 30.0}
BITS = 16
"""Features are hashed into 2**BITS buckets; each class keeps one int8 weight per bucket."""


def hashed_matrix(feats: list[dict[str, float]]):  # noqa: ANN201 - a scipy sparse matrix
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, f in enumerate(feats):
        for b, v in buckets(f, BITS).items():
            rows.append(i)
            cols.append(b)
            vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(feats), 1 << BITS))


def fit(feats: list[dict[str, float]], y: list[str], c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(hashed_matrix(feats), y)
    return model


def export_weights(model: LogisticRegression) -> dict:
    """The model as the shipped file holds it: classes, biases, and per class one int8 per hash bucket."""
    import base64

    classes = [str(c) for c in model.classes_]
    coef = np.asarray(model.coef_, dtype=float)
    bias = np.asarray(model.intercept_, dtype=float)
    if len(classes) == 2:  # scikit-learn keeps one vector for two classes: split it symmetrically
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    scales = np.maximum(np.abs(coef).max(axis=1), 1e-9) / 127
    rows = [np.round(coef[k] / scales[k]).astype(np.int8).tobytes() for k in range(len(classes))]
    return {
        "classes": classes,
        "bias": [float(b) for b in bias],
        "scales": [float(s) for s in scales],
        "bits": BITS,
        "weights": [base64.b64encode(r).decode("ascii") for r in rows],
    }


def oof(cases: list[Case], feats: list[dict[str, float]]) -> dict[str, dict[str, dict[str, float]]]:
    """Out-of-group class probabilities: target -> case id -> {class: p}."""
    groups = sorted({c.group for c in cases})
    out: dict[str, dict[str, dict[str, float]]] = {t: {} for t in TARGETS}
    for target in TARGETS:
        for g in groups:
            tr = [i for i, c in enumerate(cases) if c.group != g and label(c, target) is not None]
            te = [i for i, c in enumerate(cases) if c.group == g and label(c, target) is not None]
            if not te:
                continue
            model = fit([feats[i] for i in tr], [label(cases[i], target) for i in tr], C[target])
            shipped = LinearModel.from_data(export_weights(model))  # what inference would use
            for i in te:
                out[target][cases[i].id] = shipped.proba(feats[i])
        print(f"  out-of-group {target} done", file=sys.stderr, flush=True)
    return out
