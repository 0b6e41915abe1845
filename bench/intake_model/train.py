"""Train, evaluate and export the intake's learned second opinion (problem type, serving mode, temporal).

Run (training only; scikit-learn and numpy are not runtime dependencies):

    .venv/bin/pip install scikit-learn numpy
    .venv/bin/python bench/intake_model/first_look.py      # once: the rules' first looks per group
    .venv/bin/python bench/intake_model/train.py --eval    # leave-one-group-out numbers (~5 min)
    .venv/bin/python bench/intake_model/train.py --export  # fit on everything, write the model file

Protocol: the labelled requests are grouped by the set or batch they came from (data.py); every number
is leave-one-group-out: the classifier is trained on the other groups and tested on the left-out one.
The rules' accuracy on these groups is not comparable (they were tuned on all of them), so the rules
are represented by their *first look* at each group (first_look.py reruns the commit before that
group's fixes). Combinations of the two are scored on the groups that have a first look, with their
thresholds chosen on the *other* first-look groups (nested), so no number uses the group it scores.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from intake_model.data import FIRST_LOOK, REPO, Case, load_cases  # noqa: E402
from skillrun.packs.ml_workflow._learned import (  # noqa: E402
    FEATURE_VERSION,
    TARGETS,
    Combiner,
    LinearModel,
    buckets,
    choice_features,
    features,
    rule_margin,
)

C = {"problem_type": 100.0, "serving_mode": 100.0, "temporal": 100.0}
LENIENT = {frozenset({"ranking", "recommendation"}), frozenset({"forecasting", "regression"})}
OUT = REPO / "skill" / "ml-workflow" / "knowledge" / "intake_model.json"
OOF = HERE / "oof.json"
BITS = 13
"""Features are hashed into 2**BITS buckets; each class keeps one int8 weight per bucket."""


def label(case: Case, target: str) -> str | None:
    value = getattr(case, target)
    return None if value is None else str(value).lower() if target == "temporal" else value


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


def decide(rule: str, rule_margin: float, proba: dict[str, float], min_gap: float, max_margin: float) -> str:
    """The rules' answer unless the model prefers another by ``min_gap`` and the rules' vote margin is
    at most ``max_margin``."""
    best = max(proba, key=proba.get)
    if best != rule and proba[best] - proba.get(rule, 0.0) >= min_gap and rule_margin <= max_margin:
        return best
    return rule


GAPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
MARGINS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, math.inf)


def _correct(pred: str, truth: str, lenient: bool = False) -> bool:
    return pred == truth or (lenient and frozenset({pred, truth}) in LENIENT)


def _rule(row: dict, target: str) -> tuple[str, float]:
    if target == "temporal":
        return str(row["temporal"]).lower(), math.inf
    return row[target], rule_margin(_rule_scores(row, target))


def combination_table(cases: list[Case], probs: dict, looks: dict[str, dict], target: str) -> dict:
    """Per first-look group: rules alone, classifier alone, and the rules overruled by the classifier
    with (gap, margin) thresholds chosen on the other first-look groups (nested leave-one-group-out)."""
    by_group: dict[str, list[Case]] = collections.defaultdict(list)
    for c in cases:
        if c.id in looks and label(c, target) is not None:
            by_group[c.group].append(c)
    margins = MARGINS if target != "temporal" else (math.inf,)
    grid = [(g, m) for g in GAPS for m in margins]
    hits = {}  # (group, gap, margin) -> correct count
    for group, members in by_group.items():
        for gap, mg in grid:
            n = 0
            for c in members:
                rule, rm = _rule(looks[c.id], target)
                n += decide(rule, rm, probs[target][c.id], gap, mg) == label(c, target)
            hits[group, gap, mg] = n
    rows = {}
    for group, members in by_group.items():
        others = [g for g in by_group if g != group]
        chosen = max(grid, key=lambda gm: (sum(hits[o, gm[0], gm[1]] for o in others), gm[0], -gm[1]))
        rule_ok = sum(_rule(looks[c.id], target)[0] == label(c, target) for c in members)
        clf_ok = sum(
            max(probs[target][c.id], key=probs[target][c.id].get) == label(c, target) for c in members
        )
        rows[group] = {
            "n": len(members),
            "rules": rule_ok,
            "classifier": clf_ok,
            "combined": hits[group, chosen[0], chosen[1]],
            "chosen": chosen,
        }
    total = sum(len(m) for m in by_group.values())
    best_all = max(grid, key=lambda gm: (sum(hits[g, gm[0], gm[1]] for g in by_group), gm[0], -gm[1]))
    return {
        "rows": rows,
        "n": total,
        "all_groups_choice": best_all,
        "all_groups_choice_acc": sum(hits[g, best_all[0], best_all[1]] for g in by_group) / total,
        "grid": {f"{g}|{m}": sum(hits[k, g, m] for k in by_group) / total for g, m in grid},
    }


COMBINER_C = 1.0


def _looks() -> dict[str, dict]:
    path = HERE / "first_look.jsonl"
    if not path.exists():
        return {}
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _rule_scores(row: dict, target: str) -> dict[str, float] | None:
    return (
        None
        if target == "temporal"
        else row["problem_scores" if target == "problem_type" else "serving_scores"]
    )


def fit_combiner(cases: list[Case], probs: dict, looks: dict[str, dict], target: str) -> tuple[float, ...]:
    """The choice model's weights: a logistic regression over (request, candidate) pairs, 'is it right?'."""
    x, y = [], []
    for c in cases:
        rule, _ = _rule(looks[c.id], target)
        for k, f in choice_features(probs[target][c.id], rule, _rule_scores(looks[c.id], target)).items():
            x.append(f)
            y.append(int(k == label(c, target)))
    model = LogisticRegression(C=COMBINER_C, max_iter=5000).fit(np.array(x), y)
    return tuple(round(float(w), 4) for w in model.coef_[0])


HOLD_FLOORS = (4.0, 5.0, 6.0, 8.0, 10.0)
"""Candidate floors for the rules' own vote at which a frame holds against the model. None below 4: a
vote of 3 is one cue (a stream word, or a domain default plus a latency), not a frame; at 3, streaming
held against a correct batch ("log lines ... results in a daily report", round 2)."""
HOLD_MIN_NET = 2
HOLD_MIN_PRECISION = 0.8


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
        rule, _ = _rule(looks[c.id], target)
        scores = _rule_scores(looks[c.id], target)
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


def combiner_table(cases: list[Case], probs: dict, looks: dict[str, dict], target: str) -> dict:
    """The learned combination, nested: for each first-look group, fitted on the other first-look groups;
    ``combined`` without the per-frame holds, ``held`` with them."""
    members = [c for c in cases if c.id in looks and label(c, target) is not None]
    rows = {}
    for g in sorted({c.group for c in members}):
        train = [c for c in members if c.group != g]
        weights = fit_combiner(train, probs, looks, target)
        holds = fit_holds(train, probs, looks, target, weights)
        plain, held = Combiner(weights, 0.0), Combiner(weights, 0.0, holds)
        test = [c for c in members if c.group == g]
        ok = ok_held = 0
        for c in test:
            rule, _ = _rule(looks[c.id], target)
            scores = _rule_scores(looks[c.id], target)
            ok += plain.choose(probs[target][c.id], rule, scores).answer == label(c, target)
            ok_held += held.choose(probs[target][c.id], rule, scores).answer == label(c, target)
        rows[g] = {"n": len(test), "combined": ok, "held": ok_held, "weights": weights, "holds": holds}
    return rows


def evaluate(cases: list[Case], probs: dict) -> dict:
    looks = _looks()
    report: dict = {"classifier": {}, "combination": {}}
    groups = sorted({c.group for c in cases}, key=lambda g: (g not in FIRST_LOOK, g))
    print("\nClassifier alone, leave-one-group-out (type exact / lenient, mode, temporal):")
    pooled = collections.Counter()
    for g in groups:
        members = [c for c in cases if c.group == g]
        row = collections.Counter(n=len(members))
        for c in members:
            pt = max(probs["problem_type"][c.id], key=probs["problem_type"][c.id].get)
            sm = max(probs["serving_mode"][c.id], key=probs["serving_mode"][c.id].get)
            row["type"] += pt == c.problem_type
            row["lenient"] += _correct(pt, c.problem_type, lenient=True)
            row["mode"] += sm == c.serving_mode
            if c.temporal is not None:
                tp = probs["temporal"][c.id]
                row["temporal"] += max(tp, key=tp.get) == label(c, "temporal")
                row["temporal_n"] += 1
        pooled.update(row)
        report["classifier"][g] = dict(row)
        print(_line(g, row))
    print(_line("pooled", pooled))
    report["classifier"]["pooled"] = dict(pooled)
    if not looks:
        return report
    for target in TARGETS:
        table = combination_table(cases, probs, looks, target)
        learned = combiner_table(cases, probs, looks, target)
        report["combination"][target] = table
        report["combiner"] = report.get("combiner", {})
        report["combiner"][target] = learned
        print(
            f"\n{target}, first-look groups: rules' first look | classifier | (a) rules overruled past thresholds "
            "| (b) learned combiner (both nested)"
        )
        tot = collections.Counter()
        for g, r in table["rows"].items():
            tot.update({k: r[k] for k in ("n", "rules", "classifier", "combined")})
            tot["learned"] += learned[g]["combined"]
            tot["held"] += learned[g]["held"]
            print(
                f"  {g:7s} n={r['n']:3d}  rules {r['rules'] / r['n']:6.1%}  classifier {r['classifier'] / r['n']:6.1%}  "
                f"(a) {r['combined'] / r['n']:6.1%} [gap {r['chosen'][0]}, margin {r['chosen'][1]}]  "
                f"(b) {learned[g]['combined'] / r['n']:6.1%}  (b)+holds {learned[g]['held'] / r['n']:6.1%} {learned[g]['holds']}"
            )
        n = tot["n"]
        print(
            f"  pooled  n={n}  rules {tot['rules'] / n:6.1%}  classifier {tot['classifier'] / n:6.1%}  "
            f"(a) {tot['combined'] / n:6.1%}  (b) {tot['learned'] / n:6.1%}  (b)+holds {tot['held'] / n:6.1%}"
        )
    return report


def _line(name: str, row: collections.Counter) -> str:
    n = row["n"]
    t = f"{row['temporal'] / row['temporal_n']:6.1%}" if row["temporal_n"] else "   n/a"
    return f"  {name:7s} n={n:3d}  type {row['type'] / n:6.1%} ({row['lenient'] / n:6.1%})  mode {row['mode'] / n:6.1%}  temporal {t}"


def export(
    cases: list[Case],
    feats: list[dict[str, float]],
    probs: dict,
    report: dict,
    leave_out: tuple[str, ...] = (),
    out: Path = OUT,
) -> None:
    """Fit each text model on every group (but ``leave_out``), the combiners on the out-of-group
    probabilities of the first-look groups, and write the model file with a header that says what it is."""
    looks = _looks()
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
        weights = fit_combiner(members, probs, looks, target)
        combiners[target] = {
            "weights": list(weights),
            "close_below": CLOSE_BELOW,
            "hold": fit_holds(members, probs, looks, target, weights),
        }
    for i in sample_idx:  # export round-trip: the test recomputes scikit-learn's answers in pure Python
        x = hashed_matrix([feats[i]])
        row = {"text": cases[i].text}
        for target, model in fitted.items():
            p = model.predict_proba(x)[0]
            row[target] = {str(c): round(float(v), 4) for c, v in zip(model.classes_, p, strict=False)}
        sample.append(row)
    held_out = _held_out_summary(report)
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


CLOSE_BELOW = 1.0
TEST_GROUPS = ("fresh", "dq", "dp")
"""The three latest batches: left out of the test model, whose held-out accuracy the tests check."""
TEST_MODEL = REPO / "tests" / "ml_workflow" / "intake_model_heldout.json"
SAMPLE_EVERY = 20


def sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def _held_out_summary(report: dict) -> dict:
    """Pooled leave-one-group-out accuracy from the last --eval run (eval_report.json)."""
    out: dict = {
        "protocol": "leave-one-group-out over the groups in trained_on; combinations on first-look groups, nested"
    }
    pooled = report.get("classifier", {}).get("pooled")
    if pooled:
        n = pooled["n"]
        out["classifier_alone"] = {
            "problem_type": round(pooled["type"] / n, 3),
            "problem_type_lenient": round(pooled["lenient"] / n, 3),
            "serving_mode": round(pooled["mode"] / n, 3),
            "temporal": round(pooled["temporal"] / pooled["temporal_n"], 3),
        }
    for target, table in report.get("combination", {}).items():
        rows = table["rows"].values()
        n = sum(r["n"] for r in rows)
        learned = sum(r.get("held", r["combined"]) for r in report["combiner"][target].values())
        out.setdefault("rules_first_look", {})[target] = round(sum(r["rules"] for r in rows) / n, 3)
        out.setdefault("rules_plus_model", {})[target] = round(learned / n, 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--eval", action="store_true", help="leave-one-group-out evaluation (writes oof.json)"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse oof.json instead of refitting")
    parser.add_argument("--export", action="store_true", help="fit on all groups and write the model file")
    parser.add_argument(
        "--export-test-model",
        action="store_true",
        help=f"fit without the groups {TEST_GROUPS} and write {TEST_MODEL.relative_to(REPO)} (for the held-out test)",
    )
    args = parser.parse_args()
    cases = load_cases()
    feats = [features(c.text) for c in cases]
    if args.eval:
        t0 = time.time()
        if args.reuse and OOF.exists():
            probs = json.loads(OOF.read_text(encoding="utf-8"))
        else:
            probs = oof(cases, feats)
            OOF.write_text(json.dumps(probs), encoding="utf-8")
        report = evaluate(cases, probs)
        (HERE / "eval_report.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
        print(f"\n({time.time() - t0:.0f} s)")
    if args.export:
        probs = json.loads(OOF.read_text(encoding="utf-8"))
        report = json.loads((HERE / "eval_report.json").read_text(encoding="utf-8"))
        export(cases, feats, probs, report)
    if args.export_test_model:
        probs = json.loads(OOF.read_text(encoding="utf-8"))
        report = json.loads((HERE / "eval_report.json").read_text(encoding="utf-8"))
        export(cases, feats, probs, {}, TEST_GROUPS, TEST_MODEL)


if __name__ == "__main__":
    main()
