"""Intake framing accuracy (problem type, serving mode, temporal) on labelled request sets.

Run: python bench/intake_eval.py [FILES...] [-v]. With no files: the shared 16 cases, the eval suite,
the intake test requests, the held-out requests, the fresh requests and the diagnostic set A when they
exist. Problem type is scored exact and lenient (ranking~recommendation, forecasting~regression, as in
rubric PD-01). Only the intake runs (no report), so a full pass takes a second or two.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from skillrun.packs.ml_workflow.intake import read_request  # noqa: E402

_LENIENT = {frozenset({"ranking", "recommendation"}), frozenset({"forecasting", "regression"})}


def _load(path: Path) -> list[dict]:
    if path.suffix == ".py":
        spec = importlib.util.spec_from_file_location("own_requests", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return [
            {"id": f"own-{i:02d}", "request": r, "expect": {"problem_type": pt, "serving_mode": sm}}
            for i, (r, pt, sm, _) in enumerate(module.OWN_REQUESTS, 1)
        ]
    if path.is_dir():
        return [c for p in sorted(path.iterdir()) if p.suffix in (".jsonl", ".yaml") and p.stem != "suite" for c in _load(p)]
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    import yaml

    return list((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases", []))


def _default_sets() -> list[Path]:
    shared = Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
    heldout = Path(os.environ.get("SKILLRUN_HELDOUT_A", REPO.parent / "heldout" / "set_a.jsonl"))
    tests = REPO / "tests" / "ml_workflow"
    paths = [shared / "evals" / "ml-workflow.cases.jsonl", REPO / "evals" / "ml-workflow", tests / "requests.py",
             tests / "holdout_requests.jsonl", tests / "fresh_requests.jsonl", tests / "dev_requests.jsonl",
             REPO / "bench" / "intake_cases_round2.jsonl", heldout]  # fmt: skip
    return [p for p in paths if p.exists()]


def evaluate(path: Path, verbose: bool) -> None:
    cases = _load(path)
    n = len(cases)
    exact = lenient = mode = temporal = temporal_n = regulated = regulated_n = 0
    types: collections.Counter[tuple[str, str]] = collections.Counter()
    modes: collections.Counter[tuple[str, str]] = collections.Counter()
    misses = []
    for case in cases:
        expect = case["expect"]
        brief = read_request(case["request"])
        pt, sm = str(brief.problem_type), str(brief.serving_mode)
        ok_type = pt == expect["problem_type"]
        exact += ok_type
        lenient += ok_type or frozenset({pt, expect["problem_type"]}) in _LENIENT
        mode += sm == expect["serving_mode"]
        t_ok = True
        if expect.get("temporal") is not None:
            temporal_n += 1
            t_ok = brief.temporal == expect["temporal"]
            temporal += t_ok
        r_ok = True
        if "regulated" in expect:  # None is a label too: the request is not in a regulated domain
            regulated_n += 1
            r_ok = brief.regulated == expect["regulated"]
            regulated += r_ok
        if not ok_type:
            types[(expect["problem_type"], pt)] += 1
        if sm != expect["serving_mode"]:
            modes[(expect["serving_mode"], sm)] += 1
        if not (ok_type and sm == expect["serving_mode"] and t_ok and r_ok):
            what = [f"pt {expect['problem_type']}->{pt}" if not ok_type else "",
                    f"sm {expect['serving_mode']}->{sm}" if sm != expect["serving_mode"] else "",
                    f"t {expect.get('temporal')}->{brief.temporal}" if not t_ok else "",
                    f"reg {expect.get('regulated')}->{brief.regulated}" if not r_ok else ""]  # fmt: skip
            misses.append(f"  {case['id']}: {' | '.join(w for w in what if w)} | {case['request'][:110]}")
    name = path.relative_to(REPO.parent) if path.is_relative_to(REPO.parent) else path
    t = f"{temporal}/{temporal_n}={temporal / temporal_n:.0%}" if temporal_n else "n/a"
    reg = f"  regulated {regulated}/{regulated_n}={regulated / regulated_n:.0%}" if regulated_n else ""
    print(f"{name}: n={n}  type {exact / n:.1%} exact, {lenient / n:.1%} lenient  mode {mode / n:.1%}  temporal {t}{reg}")
    if verbose:
        for (a, b), c in types.most_common():
            print(f"    type {a} -> {b}: {c}")
        for (a, b), c in modes.most_common():
            print(f"    mode {a} -> {b}: {c}")
        print("\n".join(misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for path in args.files or _default_sets():
        evaluate(path, args.verbose)


if __name__ == "__main__":
    main()
