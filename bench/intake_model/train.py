"""Train, evaluate and export the intake's learned second opinion (problem type, serving mode, temporal).

Run (training only; scikit-learn and numpy are not runtime dependencies):

    .venv/bin/pip install scikit-learn numpy
    .venv/bin/python bench/intake_model/first_look.py      # once: the rules' first looks per group
    .venv/bin/python bench/intake_model/train.py --eval    # leave-one-group-out numbers (~14 min on 2 cores)
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
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1] / "src"))

from intake_model.classifier import oof  # noqa: E402
from intake_model.data import REPO, load_cases  # noqa: E402
from intake_model.evaluate import evaluate  # noqa: E402
from intake_model.export import export  # noqa: E402
from skillrun.packs.ml_workflow._learned import features  # noqa: E402
from skillrun.packs.ml_workflow.intake import learned_text  # noqa: E402

OUT = REPO / "skill" / "ml-workflow" / "knowledge" / "intake_model.json"
OOF = HERE / "oof.json"
REPORT = HERE / "eval_report.json"
TEST_GROUPS = ("fresh", "dq", "dp")
"""The three latest batches: left out of the test model, whose held-out accuracy the tests check."""
TEST_MODEL = REPO / "tests" / "ml_workflow" / "intake_model_heldout.json"


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
    feats = [features(learned_text(c.text)) for c in cases]  # a self-correcting request by its final framing
    if args.eval:
        t0 = time.time()
        if args.reuse and OOF.exists():
            probs = json.loads(OOF.read_text(encoding="utf-8"))
        else:
            probs = oof(cases, feats)
            OOF.write_text(json.dumps(probs), encoding="utf-8")
        report = evaluate(cases, probs)
        REPORT.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
        print(f"\n({time.time() - t0:.0f} s)")
    if args.export:
        probs = json.loads(OOF.read_text(encoding="utf-8"))
        report = json.loads(REPORT.read_text(encoding="utf-8"))
        export(cases, feats, probs, report, (), OUT)
    if args.export_test_model:
        probs = json.loads(OOF.read_text(encoding="utf-8"))
        report = json.loads(REPORT.read_text(encoding="utf-8"))
        export(cases, feats, probs, {}, TEST_GROUPS, TEST_MODEL)


if __name__ == "__main__":
    main()
