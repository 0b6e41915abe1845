"""The model file the intake ships: each text model fitted on every group, the combiners fitted on the
first looks, a sample of scikit-learn's answers for the round-trip test, and a header saying what it is."""

from __future__ import annotations

import collections
import json
from pathlib import Path

from intake_model.classifier import BITS, C, export_weights, fit, hashed_matrix
from intake_model.combiner import export_combiner
from intake_model.data import REPO, Case
from intake_model.evaluate import held_out_summary
from intake_model.labels import first_looks, label
from skillrun.packs.ml_workflow._learned import FEATURE_VERSION, TARGETS

SAMPLE_EVERY = 20


def export(
    cases: list[Case],
    feats: list[dict[str, float]],
    probs: dict,
    report: dict,
    leave_out: tuple[str, ...],
    out: Path,
) -> None:
    """Fit each text model on every group (but ``leave_out``), the combiners on the out-of-group
    probabilities of the first-look groups, and write the model file with a header that says what it is."""
    looks = first_looks()
    keep = [i for i, c in enumerate(cases) if c.group not in leave_out]
    cases, feats = [cases[i] for i in keep], [feats[i] for i in keep]
    models, combiners, sample = {}, {}, []
    sample_idx = list(range(0, len(cases), SAMPLE_EVERY))
    fitted = {}
    for target in TARGETS:
        idx = [i for i, c in enumerate(cases) if label(c, target) is not None]
        model = fit([feats[i] for i in idx], [label(cases[i], target) for i in idx], C[target])
        fitted[target] = model
        models[target] = export_weights(model)
        members = [c for c in cases if c.id in looks and label(c, target) is not None]
        combiners[target] = export_combiner(members, probs, looks, target)
    for i in sample_idx:  # export round-trip: the test recomputes scikit-learn's answers in pure Python
        x = hashed_matrix([feats[i]])
        row = {"text": cases[i].text}
        for target, model in fitted.items():
            p = model.predict_proba(x)[0]
            row[target] = {str(c): round(float(v), 4) for c, v in zip(model.classes_, p, strict=False)}
        sample.append(row)
    held_out = held_out_summary(report)
    groups = collections.Counter(c.group for c in cases)
    data = {
        "about": (
            "Learned second opinion for the intake (problem type, serving mode, temporal): multinomial logistic "
            "regression over folded words, word pairs and character 3-5-grams (packs/ml_workflow/_learned.py features), "
            "one model per target, plus a choice model per target that combines the model's probabilities with "
            "the rules' answer and vote shares. Trained by bench/intake_model/train.py --export (scikit-learn "
            f"{sklearn_version()}, C={C['problem_type']:g}, features hashed into 2**{BITS} buckets by CRC-32, weights "
            "stored as int8 per class and bucket, base64); the combiners are fitted on out-of-group probabilities against the rules' "
            "first looks (bench/intake_model/first_look.py). Retrain after adding labelled requests: see "
            "bench/README.md, intake section."
        ),
        "feature_version": FEATURE_VERSION,
        "trained_on": {
            "requests": len(cases),
            "groups": dict(sorted(groups.items())),
            "left_out": list(leave_out),
        },
        "held_out": held_out,
        "models": models,
        "combine": combiners,
        "sample": sample,
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}: {out.stat().st_size / 1024:.0f} KB")


def sklearn_version() -> str:
    import sklearn

    return sklearn.__version__
