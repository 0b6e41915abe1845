"""The intake and the designers never crash, whatever the text."""

from __future__ import annotations

import random
import string

import pytest

from skillrun.packs.ml_workflow.brief import Brief
from skillrun.packs.ml_workflow.design import design_report
from skillrun.packs.ml_workflow.intake import read_request

HOSTILE = [
    "",
    " ",
    "\x00\x01\x02",
    "|||| <script>alert(1)</script> ## heading\n| a | b |",
    "{{ brief }} {% raw %} ${HOME} $(rm -rf /) `ls`",
    "ML" * 5,
    "🤖" * 200,
    "p99 < -5 ms, 0 TPS, 1e309 users, 99999999999999999999 requests/day, 150% churn",
    "a" * 100_000,
    "predict churn " * 8000,
    "\u202e\u200b\ufeff mixed ﬁ ligatures and İstanbul ß",
    "预测" * 3000,
]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20240601)
    alphabet = string.printable + "éüßçñ预测流失实时毫秒€£¥→≤≥"
    words = ["churn", "fraud", "p99", "ms", "TPS", "/day", "GPU", "AWS", "gcp", "edge", "1.5k", "%", "forecast"]
    texts = []
    for _ in range(count):
        parts = [rng.choice(words) if rng.random() < 0.4 else "".join(rng.choices(alphabet, k=rng.randint(1, 12))) for _ in range(rng.randint(0, 60))]
        texts.append(" ".join(parts))
    return texts


@pytest.mark.parametrize("text", HOSTILE + _random_texts(60))
def test_never_crashes(text: str) -> None:
    brief = read_request(text)
    assert isinstance(brief, Brief) and brief.project_name
    for section in design_report(brief).values():
        section.to_body()
