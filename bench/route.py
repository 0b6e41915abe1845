"""Routing latency per message with 1, 100 and 1,000 skills of 15 triggers each.

For each size it times, per message:
- ``naive``: the loop the issue names, ``any(t.lower() in msg.lower() for t in triggers)`` per skill;
- ``regex``: one big case-insensitive ``\\b(?:t1|t2|...)\\b`` over every trigger (the other way to
  compile the keyword stage; it has no inflections, senses or case-aware acronyms);
- ``keyword``: the router's keyword stage (``Router.trigger_hits``);
- ``route_one``: the full router as a chat plugin or the eval harness calls it (keyword stage, second
  stage, ranking, the best match explained);
- ``route all``: ``Router.route`` returning every skill that fires, each explained;
- ``route_one cold``: with the per-word cache emptied before every message, the cost of a message made
  only of words the router has never seen.

The 1-skill case is the real ML Workflow skill with its routing profile; larger sizes add synthetic
skills whose triggers and descriptions are drawn from the words of the project's own content (so
messages really hit them) plus made-up words. Messages are the labelled routing cases (text only).

Run from the repository root: ``python bench/route.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from skillrun.routing import Router
from skillrun.spec import Skill, load_skills

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1, 100, 1000)
TRIGGERS_PER_SKILL = 15


def vocabulary() -> list[str]:
    """Real words from the project's content: skill files, knowledge, routing cases."""
    words: set[str] = set()
    files = [*ROOT.glob("skill/**/*.md"), *ROOT.glob("skill/**/*.yaml"), *ROOT.glob("evals/routing/*.jsonl")]
    for file in files:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", file.read_text(encoding="utf-8")))
    return sorted(words)


def made_up(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "ter", "zu", "vin", "dor", "pex", "ral", "qui", "sen", "bo"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def synthetic_skill(number: int, vocab: list[str], rng: random.Random) -> Skill:
    triggers = rng.sample(vocab, 8) + [made_up(rng) for _ in range(4)]
    triggers += [
        f"{rng.choice(vocab)} {rng.choice(vocab)}" for _ in range(TRIGGERS_PER_SKILL - len(triggers))
    ]
    description = " ".join(rng.sample(vocab, 20))
    return Skill(
        name=f"Synthetic {number}",
        slug=f"synthetic-{number:04d}",
        description=f"Use when asked about {description}.",
        triggers=triggers,
        format="agent-skills",
        path="",
    )


def messages() -> list[str]:
    found: list[str] = []
    sources = [
        ROOT / "evals/routing/ml-workflow.cases.jsonl",
        ROOT.parent / "shared/evals/routing.cases.jsonl",
    ]
    for source in sources:
        if source.is_file():
            for line in source.read_text(encoding="utf-8").splitlines():
                message = json.loads(line)["message"]
                if isinstance(message, str):
                    found.append(message)
    return found


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def timed(call, texts: list[str], passes: int, before=None, collections=None) -> list[list[float]]:
    """Per message, its latencies in µs over ``passes`` passes (after one warm-up pass). The loop
    stores raw nanosecond counts in a list made beforehand: nothing but the call between the clocks.
    ``collections`` (a :class:`CollectionCounter`) counts the GC runs of the timed passes."""
    for text in texts:  # warm-up: caches filled as in a long-running plugin
        call(text)
    if collections is not None:
        collections.counting = True
    count = len(texts)
    elapsed = [0] * (passes * count)
    clock = time.perf_counter_ns
    slot = 0
    for _ in range(passes):
        for text in texts:
            if before is not None:
                before()
            start = clock()
            call(text)
            elapsed[slot] = clock() - start
            slot += 1
    if collections is not None:
        collections.counting = False
    return [[elapsed[p * count + i] / 1000 for p in range(passes)] for i in range(count)]


class CollectionCounter:
    """How many times the cyclic GC ran while timing: pauses that would land in some message's time."""

    def __init__(self) -> None:
        self.runs = 0
        self.counting = False

    def __enter__(self) -> CollectionCounter:
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, _info: dict) -> None:
        self.runs += self.counting and phase == "start"


def raw(samples: list[list[float]]) -> tuple[float, float]:
    """p50 and p99 over every call."""
    return percentiles([x for per_message in samples for x in per_message])


def best(samples: list[list[float]]) -> tuple[float, float]:
    """p50 and p99 over messages of each message's fastest call: the cost of the work itself, with
    the other tenants' preemptions of a shared machine taken out."""
    return percentiles([min(per_message) for per_message in samples])


def naive_router(skills: list[Skill]):
    table = [(s.slug, list(s.triggers)) for s in skills]

    def route(msg: str) -> list[str]:
        return [slug for slug, triggers in table if any(t.lower() in msg.lower() for t in triggers)]

    return route


def regex_router(skills: list[Skill]):
    owners: dict[str, list[str]] = {}
    for s in skills:
        for t in s.triggers:
            owners.setdefault(t.lower(), []).append(s.slug)
    alternatives = sorted(owners, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")\b", re.IGNORECASE)

    def route(msg: str) -> set[str]:
        return {slug for m in pattern.finditer(msg) for slug in owners.get(m.group().lower(), ())}

    return route


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Model name")), model
        )
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today().isoformat()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one pass, sizes 1 and 100 only")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    rng = random.Random(6)
    vocab = vocabulary()
    real = list(load_skills([ROOT / "skill"]))
    texts = messages()
    sizes = SIZES[:2] if args.quick else SIZES
    print(f"machine: {machine()}")
    print(f"messages: {len(texts)}; vocabulary: {len(vocab)} words; load before: {os.getloadavg()[0]:.2f}")
    print()
    print(
        "| skills | terms | build | naive | regex | keyword | keyword best | route_one | route_one best "
        "| route all | route_one cold | naive/keyword | naive/route_one | GC runs | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    results = []
    synthetic = [synthetic_skill(i, vocab, rng) for i in range(max(sizes))]
    for size in sizes:
        skills = real + synthetic[: size - len(real)]
        start = time.perf_counter()
        router = Router.from_skills(skills)
        build_ms = (time.perf_counter() - start) * 1000
        index = router._compiled.index  # the bench may look inside: it measures the cache's effect
        passes = 1 if args.quick else 10
        with CollectionCounter() as collections:
            keyword = timed(router.trigger_hits, texts, passes, collections=collections)
            route_one = timed(router.route_one, texts, passes, collections=collections)
        row = {
            "skills": size,
            "terms": len(index),
            "build_ms": build_ms,
            "naive": raw(timed(naive_router(skills), texts, 1 if size >= 1000 or args.quick else 3)),
            "regex": raw(timed(regex_router(skills), texts, passes)),
            "keyword": raw(keyword),
            "keyword_best": best(keyword),
            "route_one": raw(route_one),
            "route_one_best": best(route_one),
            "route_all": raw(timed(router.route, texts, passes)),
            "route_one_cold": raw(timed(router.route_one, texts, 1, before=index._word_cache.clear)),
            "gc_runs": collections.runs,
            "load": os.getloadavg()[0],
        }
        results.append(row)
        speedup = row["naive"][1] / row["keyword"][1]
        speedup_route = row["naive"][1] / row["route_one"][1]

        def cell(pair: tuple[float, float]) -> str:
            return f"{pair[0]:.0f} / {pair[1]:.0f}"

        print(
            f"| {size} | {row['terms']} | {build_ms:.0f} ms | {cell(row['naive'])} | {cell(row['regex'])} "
            f"| {cell(row['keyword'])} | {cell(row['keyword_best'])} | {cell(row['route_one'])} "
            f"| {cell(row['route_one_best'])} | {cell(row['route_all'])} | {cell(row['route_one_cold'])} "
            f"| {speedup:.0f}x | {speedup_route:.0f}x | {row['gc_runs']} | {row['load']:.2f} |"
        )
        sys.stdout.flush()
    print()
    print("Latencies in µs per message, p50 / p99; 'best': per message, the fastest of the passes.")
    print("Speed-ups compare p99s. GC runs: cyclic collections during the keyword and route_one passes.")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
