"""Reproduce the rules' first look at each group: run the intake of the commit before that group's fixes.

Run: .venv/bin/python bench/intake_model/first_look.py [GROUP...]  (about a minute for all groups; needs git
history; with groups named, only those are read again and the other groups' recorded rows are kept)

For every group with a first-look commit (data.FIRST_LOOK), the commit's tree is exported with
``git archive`` into a temporary folder and its ``read_request`` is run on the group's requests in a
subprocess (knowledge cache off; at commits that already ship the learned opinion, with it switched off, so
the rules are read alone). The outputs (problem type, serving mode, temporal, and the rules'
vote scores where that commit's intake keeps them) are written to bench/intake_model/first_look.jsonl,
which train.py reads to evaluate combinations of the rules with the classifier on rules that had
never seen the group.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from intake_model.data import FIRST_LOOK, REPO, load_cases  # noqa: E402

OUT = Path(__file__).resolve().parent / "first_look.jsonl"

_RUNNER = r"""
import json, sys
import skillrun.packs.ml_workflow.intake as intake
captured = {}
if hasattr(intake, "features"):  # a commit with the learned opinion: read with the rules alone
    intake.features = lambda text: None
inner = getattr(intake, "read", None)
if inner is not None:
    def spy(*a, **k):
        r = inner(*a, **k)
        captured["reading"] = r
        return r
    intake.read = spy
for line in sys.stdin:
    case = json.loads(line)
    captured.clear()
    brief = intake.read_request(case["text"])
    r = captured.get("reading")
    ps = getattr(r, "problem_scores", None)
    ss = getattr(r, "serving_scores", None)
    print(json.dumps({"id": case["id"], "problem_type": str(brief.problem_type), "serving_mode": str(brief.serving_mode),
                      "temporal": brief.temporal,
                      "problem_scores": {k: float(v) for k, v in ps.items()} if isinstance(ps, dict) else None,
                      "serving_scores": {k: float(v) for k, v in ss.items()} if isinstance(ss, dict) else None}))
"""


def run_at(commit: str, cases: list) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix=f"firstlook-{commit}-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(tmp) / "src"),
            "SKILLRUN_CACHE_DIR": "off",
            "SKILLRUN_ROOT": tmp,
        }
        stdin = "".join(json.dumps({"id": c.id, "text": c.text}) + "\n" for c in cases)
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER], input=stdin, text=True, capture_output=True, cwd=tmp, env=env
        )
        if done.returncode:
            raise SystemExit(f"{commit}: {done.stderr[-2000:]}")
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _recorded() -> dict[str, list[dict]]:
    """The rows of the last run, by group: kept for the groups this run does not read again."""
    rows: dict[str, list[dict]] = {}
    if OUT.exists():
        for line in OUT.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.setdefault(row["group"], []).append(row)
    return rows


def main(only: list[str]) -> None:
    cases = load_cases()
    unknown = sorted(set(only) - set(FIRST_LOOK))
    if unknown:
        raise SystemExit(f"no first-look commit for group(s) {', '.join(unknown)} (see data.FIRST_LOOK)")
    recorded = _recorded()
    rows = []
    for group, commit in FIRST_LOOK.items():
        mine = [c for c in cases if c.group == group]
        # A group left out of this run, or whose requests are not on this machine (set A lives outside the
        # repository), keeps its recorded rows: dropping them would shrink train.py's first-look evaluation.
        if (only and group not in only) or not mine:
            rows += recorded.get(group, [])
            if not mine and group in recorded:
                print(f"{group:6s} @ {commit}: requests not found, {len(recorded[group])} recorded rows kept")
            continue
        out = run_at(commit, mine)
        by_id = {c.id: c for c in mine}
        n = len(out)
        pt = sum(o["problem_type"] == by_id[o["id"]].problem_type for o in out)
        sm = sum(o["serving_mode"] == by_id[o["id"]].serving_mode for o in out)
        tn = [o for o in out if by_id[o["id"]].temporal is not None]
        t = sum(o["temporal"] == by_id[o["id"]].temporal for o in tn)
        print(
            f"{group:6s} @ {commit}: n={n} type {pt / n:.1%} mode {sm / n:.1%} temporal {t / max(len(tn), 1):.1%}"
        )
        rows += [{"group": group, "commit": commit, **o} for o in out]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({len(rows)} rows)")


if __name__ == "__main__":
    main(sys.argv[1:])
