"""A small learned second opinion on the problem type, serving mode and ``temporal``.

Three linear models (multinomial logistic regression) over the request's folded words, word pairs and
character 3-5-grams, hashed into a fixed number of buckets, trained offline on our ~860 labelled
requests by ``bench/intake_model/train.py`` and shipped as int8 weights in
``knowledge/intake_model.json`` (its header says how and on what they were trained, and their
leave-one-group-out scores). Inference is pure Python: a request's few hundred features are hashed
(CRC-32) and their weights summed per class.

A :class:`Combiner` per target then weighs the model's probabilities against the rules' answer and
their vote shares (a choice model with five weights, fitted on the rules' *first looks* at request
batches they had not been tuned on), so the model overrules the rules only where that paid off.
"""

from __future__ import annotations

import base64
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"[a-z]+|[0-9]+|[\u3400-\u9fff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CHAR_N = (3, 4, 5)
FEATURE_VERSION = 1
"""Bumped whenever :func:`features` changes; the model file records the version it was trained with."""


def fold(text: str) -> str:
    """Lower-case and accent-free (CJK kept): the same folding the intake's rules match against."""
    text = unicodedata.normalize("NFKD", text[:20_000])
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("ß", "ss")


def _tokens(folded: str) -> list[str]:
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(folded)]


def features(text: str) -> dict[str, float]:
    """Binary features of ``text``, each block (words, word pairs, character n-grams) scaled to unit length.

    Words: lower-case, accent-free Latin words, numbers as ``0``, each CJK character as a word.
    Word pairs: neighbouring words. Character n-grams: 3-5 characters inside each word padded with
    spaces (CJK runs are one word here, so their pairs and triples of characters count too).
    """
    folded = fold(text)
    tokens = _tokens(folded)
    words = {"w " + t for t in tokens}
    pairs = {f"p {a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}
    chars: set[str] = set()
    for word in re.findall(r"[a-z]+|[\u3400-\u9fff]+", folded):
        padded = f" {word} "
        sizes = (2, 3) if _CJK.match(word) else _CHAR_N
        for n in sizes:
            for i in range(len(padded) - n + 1):
                chars.add("c " + padded[i : i + n])
    out: dict[str, float] = {}
    for block in (words, pairs, chars):
        if block:
            value = 1.0 / math.sqrt(len(block))
            for f in block:
                out[f] = value
    return out


def buckets(feats: dict[str, float], bits: int) -> dict[int, float]:
    """Features hashed into ``2**bits`` buckets (CRC-32, stable across runs and platforms), values summed."""
    mask = (1 << bits) - 1
    out: dict[int, float] = {}
    for f, value in feats.items():
        b = zlib.crc32(f.encode()) & mask
        out[b] = out.get(b, 0.0) + value
    return out


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression over hashed features, weights stored as one int8 per (class, bucket)."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    scales: tuple[float, ...]
    """Per class: the weight of one int8 step."""
    bits: int
    weights: tuple[bytes, ...]
    """Per class: ``2**bits`` signed bytes."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LinearModel:
        classes = tuple(str(c) for c in data["classes"])
        bits = int(data["bits"])
        rows = tuple(base64.b64decode(r) for r in data["weights"])
        if len(rows) != len(classes) or any(len(r) != 1 << bits for r in rows):
            raise ValueError("intake_model: a weight row does not match the classes or the hash size")
        if len(data["bias"]) != len(classes) or len(data["scales"]) != len(classes):
            raise ValueError("intake_model: biases or scales do not match the classes")
        return cls(classes, tuple(map(float, data["bias"])), tuple(map(float, data["scales"])), bits, rows)

    def scores(self, feats: dict[str, float]) -> list[float]:
        hashed = buckets(feats, self.bits)
        z = []
        for bias, scale, row in zip(self.bias, self.scales, self.weights, strict=True):
            total = 0
            for b, value in hashed.items():
                w = row[b]
                if w:
                    total += (w - 256 if w > 127 else w) * value
            z.append(bias + scale * total)
        return z

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        z = self.scores(feats)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e, strict=True)}


_MARGIN_CAP = 6.0
"""Rule vote margins (top score minus the runner-up's) are capped here and scaled to 0..1."""


def rule_margin(scores: dict[str, float] | None) -> float:
    """How far the rules' best vote is ahead of the runner-up (infinite without votes)."""
    if not scores:
        return math.inf
    top = sorted(scores.values(), reverse=True)
    return top[0] - (top[1] if len(top) > 1 else 0.0)


def choice_features(
    proba: dict[str, float], rule: str, scores: dict[str, float] | None
) -> dict[str, list[float]]:
    """Per candidate answer: the model's log-probability, whether the rules chose it, whether the model
    did, its share of the rules' best vote, and the rules' (capped) margin when they chose it."""
    best = max(proba, key=proba.__getitem__)
    top = max(max(scores.values()), 1e-9) if scores else 1.0
    margin = min(rule_margin(scores), _MARGIN_CAP) / _MARGIN_CAP if scores else 0.0
    out = {}
    for k, p in proba.items():
        ruled = float(k == rule)
        share = max(scores.get(k, 0.0), 0.0) / top if scores else 0.0
        out[k] = [math.log(max(p, 1e-6)), ruled, float(k == best), share, ruled * margin]
    return out


@dataclass(frozen=True)
class Opinion:
    """The rules' answer, the model's, and the combined one."""

    answer: str
    rule: str
    model: str
    model_p: float
    """The model's probability of its own answer."""
    runner_up: str | None
    """The answer that came second in the combination (the other reading in a close call)."""
    close: bool
    """The combination's top two answers were close, or the rules and the model disagreed."""


@dataclass(frozen=True)
class Combiner:
    """A choice model over the candidate answers: score = w . choice_features (the same w for every class)."""

    weights: tuple[float, ...]
    close_below: float
    """Combined scores closer than this make the answer a close call."""
    hold: dict[str, float] = field(default_factory=dict)
    """Per-frame guard: rule answer -> the rules' own vote for it at which the rules keep it. Fitted by
    ``train.py`` on the first looks only where the rules were right far more often than the model when it
    overruled them (a structural rule fired: precompute plus an online step for hybrid, span marking...)."""

    def holds(self, rule: str, scores: dict[str, float] | None) -> bool:
        floor = self.hold.get(rule)
        return floor is not None and scores is not None and scores.get(rule, 0.0) >= floor

    def choose(self, proba: dict[str, float], rule: str, scores: dict[str, float] | None) -> Opinion:
        feats = choice_features(proba, rule, scores)
        combined = {k: sum(w * x for w, x in zip(self.weights, f, strict=True)) for k, f in feats.items()}
        if rule not in combined:  # an answer the model was never trained on: the rules keep it
            combined[rule] = max(combined.values()) + 1.0
        if self.holds(rule, scores) and combined[rule] < max(combined.values()):
            # The rules' frame held on first looks: the model's answer becomes the runner-up.
            combined[rule] = max(combined.values()) + 1e-6
        ranked = sorted(combined, key=lambda k: (combined[k], k == rule), reverse=True)
        model = max(proba, key=proba.__getitem__)
        answer, second = ranked[0], ranked[1] if len(ranked) > 1 else None
        close = second is not None and combined[answer] - combined[second] < self.close_below
        return Opinion(answer, rule, model, proba[model], second, close or model != rule)


TARGETS = ("problem_type", "serving_mode", "temporal")


@dataclass(frozen=True)
class IntakeModel:
    """The three text models and their combiners, as shipped in ``knowledge/intake_model.json``."""

    models: dict[str, LinearModel]
    combiners: dict[str, Combiner]
    held_out: dict[str, Any]

    @classmethod
    def from_data(cls, data: dict[str, Any], problem_types: set[str], serving_modes: set[str]) -> IntakeModel:
        """Validate and load the model file; ``ValueError`` when it does not fit this code or knowledge."""
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"intake_model: feature_version {data.get('feature_version')} != {FEATURE_VERSION}; retrain"
            )
        allowed = {
            "problem_type": problem_types,
            "serving_mode": serving_modes,
            "temporal": {"true", "false"},
        }
        models, combiners = {}, {}
        for target in TARGETS:
            raw = data["models"][target]
            model = LinearModel.from_data(raw)
            unknown = set(model.classes) - allowed[target]
            if unknown:  # (LinearModel.from_data has checked the biases against the classes)
                raise ValueError(f"intake_model: {target} classes {sorted(unknown)} unknown")
            models[target] = model
            spec = data["combine"][target]
            weights = tuple(float(w) for w in spec["weights"])
            if len(weights) != 5:
                raise ValueError(f"intake_model: {target} combiner needs 5 weights, has {len(weights)}")
            hold = {str(k): float(v) for k, v in spec.get("hold", {}).items()}
            if set(hold) - allowed[target]:
                raise ValueError(f"intake_model: {target} hold names unknown answers {sorted(set(hold) - allowed[target])}")
            combiners[target] = Combiner(weights, float(spec["close_below"]), hold)
        return cls(models, combiners, dict(data.get("held_out", {})))

    def opinion(
        self, target: str, feats: dict[str, float], rule: str, scores: dict[str, float] | None = None
    ) -> Opinion:
        return self.combiners[target].choose(self.models[target].proba(feats), rule, scores)
