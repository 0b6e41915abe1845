"""Leave-one-group-out numbers: the classifier alone per group, and on the first-look groups the rules,
the classifier, (a) the rules overruled past thresholds and (b) the learned combiner, both nested (their
thresholds or weights chosen on the other first-look groups)."""

from __future__ import annotations

import collections
import math

from intake_model.combiner import fit_combiner, fit_holds
from intake_model.data import FIRST_LOOK, Case
from intake_model.labels import correct, first_looks, label, rule_answer, rule_scores
from skillrun.packs.ml_workflow._learned import TARGETS, Combiner


def decide(rule: str, rule_margin: float, proba: dict[str, float], min_gap: float, max_margin: float) -> str:
    """The rules' answer unless the model prefers another by ``min_gap`` and the rules' vote margin is
    at most ``max_margin``."""
    best = max(proba, key=proba.get)
    if best != rule and proba[best] - proba.get(rule, 0.0) >= min_gap and rule_margin <= max_margin:
        return best
    return rule


GAPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
MARGINS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, math.inf)


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
                rule, rm = rule_answer(looks[c.id], target)
                n += decide(rule, rm, probs[target][c.id], gap, mg) == label(c, target)
            hits[group, gap, mg] = n
    rows = {}
    for group, members in by_group.items():
        others = [g for g in by_group if g != group]
        chosen = max(grid, key=lambda gm: (sum(hits[o, gm[0], gm[1]] for o in others), gm[0], -gm[1]))
        rule_ok = sum(rule_answer(looks[c.id], target)[0] == label(c, target) for c in members)
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
            rule, _ = rule_answer(looks[c.id], target)
            scores = rule_scores(looks[c.id], target)
            ok += plain.choose(probs[target][c.id], rule, scores).answer == label(c, target)
            ok_held += held.choose(probs[target][c.id], rule, scores).answer == label(c, target)
        rows[g] = {"n": len(test), "combined": ok, "held": ok_held, "weights": weights, "holds": holds}
    return rows


def evaluate(cases: list[Case], probs: dict) -> dict:
    looks = first_looks()
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
            row["lenient"] += correct(pt, c.problem_type, lenient=True)
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


def held_out_summary(report: dict) -> dict:
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
