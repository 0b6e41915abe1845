"""Analyses several checks share: metric names, the report's serving mode, GPU and platform findings."""

from __future__ import annotations

import re

from ._base import MS, PD, TP, View
from ._lexicon import lexicon
from ._text import affirmed, affirmed_matches, has

METRIC_LABELS = {
    "pr_auc": "PR-AUC",
    "roc_auc": "ROC-AUC",
    "precision_at": "precision@k",
    "recall_at": "recall@",
    "sensitivity_at": "sensitivity at fixed specificity",
    "false_accept": "false-accept rate",
    "false_reject": "false-reject rate",
    "macro_f1": "macro-F1",
    "per_class": "per-class metrics",
    "f_beta": "F-beta",
    "log_loss": "log-loss/Brier",
    "map_at": "MAP@k",
    "recall_k": "recall@k",
    "map_iou": "mAP@IoU",
    "balanced_accuracy": "balanced accuracy",
}


def metric_label(name: str) -> str:
    return METRIC_LABELS.get(
        name, name.replace("_", "-").upper() if len(name) <= 5 else name.replace("_", " ")
    )


def _metric_name(match: re.Match[str]) -> str | None:
    """The metric ``match`` names. The names match case-insensitively, so the spelling settles the mAP
    family: "mAP@50" is detection at IoU 0.50 where "MAP@50" is ranking, a bare "mAP" is detection, a
    bare "MAP" ranking, and a bare "map" (heat map, feature map) no metric at all."""
    name = match.lastgroup
    if name not in ("map_at", "map_iou"):
        return name
    written = match.group()
    if lexicon().patterns("metrics", "detection_cased", cased=True).fullmatch(written):
        return "map_iou"
    if written.lower() == "map":
        return {"mAP": "map_iou", "MAP": "map_at"}.get(written)
    return name


def metrics_in(text: str) -> list[str]:
    """Canonical metric names found in ``text``, in order of first appearance."""
    seen: list[str] = []
    for match in lexicon().metric_names.finditer(text):
        name = _metric_name(match)
        if name and name not in seen:
            seen.append(name)
    return seen


def eval_metrics(v: View) -> list[str]:
    """The metrics of the Problem Definition's evaluation-metric row (PD-04)."""

    def compute() -> list[str]:
        section = v.sec(PD)
        return metrics_in(section.cell("Evaluation metric")) if section else []

    return v.memo("eval_metrics", compute)


def names_eval_metric(v: View, text: str) -> list[str]:
    """Which of the PD-04 metrics ``text`` names (all known metrics when PD-04 names none)."""
    wanted = eval_metrics(v)
    if not wanted:
        return metrics_in(text)
    pattern = lexicon().metrics_named(tuple(wanted))
    named = (_metric_name(m) for m in pattern.finditer(text))
    return list(dict.fromkeys(n for n in named if n in wanted))


# ----------------------------------------------------------------------------------- serving mode

_MODE_WORDS = [
    ("hybrid", re.compile(r"hybrid", re.I)),
    ("edge", re.compile(r"\bedge\b|on-?device|embedded|microcontroller|\bMCU\b|in firmware", re.I)),
    ("streaming", re.compile(r"stream(?:ing)?\b|stream processor|Kafka consumer|Kinesis consumer", re.I)),
    (
        "real-time",
        re.compile(
            r"real-?time|online (?:inference|serving|scoring|endpoint|API)|\bonline\b|"
            r"synchronous|request/response|REST|gRPC|API endpoint|inline",
            re.I,
        ),
    ),
    (
        "batch",
        re.compile(
            r"\bbatch\b|scheduled|nightly|daily (?:job|run|scoring)|offline scoring|"
            r"precomput|event-triggered",
            re.I,
        ),
    ),
]


def modes_in(text: str) -> list[str]:
    """Serving modes named (affirmed) in ``text``, by first position."""
    hits: list[tuple[int, str]] = []
    for mode, pattern in _MODE_WORDS:
        match = next(affirmed_matches(pattern, text), None)
        if match:
            hits.append((match.start(), mode))
    return [mode for _, mode in sorted(hits)]


def report_mode(v: View) -> str | None:
    """The serving mode the report commits to: its Serving mode row, read label first."""

    def compute() -> str | None:
        section = v.sec(MS)
        if section is None:
            return None
        cell = section.cell("Serving mode") or section.plain
        head = re.split(r"[:(—–]| - ", cell, maxsplit=1)[0]
        head_modes = modes_in(head)
        all_modes = modes_in(cell)
        if "hybrid" in head_modes or "hybrid" in all_modes[:1]:
            return "hybrid"
        if head_modes:
            return head_modes[0]
        return all_modes[0] if all_modes else None

    return v.memo("report_mode", compute)


def mode_components(v: View) -> set[str]:
    """Every mode the Serving mode row mentions (a hybrid design names its parts)."""
    section = v.sec(MS)
    return set(modes_in(section.cell("Serving mode"))) if section else set()


ONLINE_MODES = frozenset({"real-time", "streaming", "edge", "hybrid"})


# -------------------------------------------------------------------------------------------- GPU


def gpu_requirements(v: View) -> list[str]:
    """GPU mentions that read as required for serving, or for training without a rent/optional hedge."""

    def compute() -> list[str]:
        lex = lexicon()
        gpu = lex.kw("TP-11", "gpu")
        hedge = lex.kw("TP-11", "allowed_training")
        found: list[str] = []
        for heading in (MS, TP):
            section = v.sec(heading)
            if section is None:
                continue
            for unit in section.units:
                for match in affirmed_matches(gpu, unit):
                    if heading == TP and hedge.search(unit):
                        continue
                    found.append(f"{match.group()} in {heading}")
                    break
        return found

    return v.memo("gpu_requirements", compute)


# -------------------------------------------------------------------------------------- platforms


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".;\n|")
    rights = [i for c in ".;\n|" if (i := text.find(c, end)) >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def foreign_services(v: View) -> list[tuple[str, str]]:
    """``(service, why)`` for every managed service the platform rules out (G-04, AP-07)."""

    def compute() -> list[tuple[str, str]]:
        facts = v.facts
        lex = lexicon()
        text = v.text()
        out: list[tuple[str, str]] = []
        allowed = facts.clouds
        seen: set[str] = set()
        for match in lex.any_cloud_service.finditer(text):
            cloud, name = match.lastgroup or "", match.group()
            if cloud in allowed or name in seen or not affirmed(text, match):
                continue
            seen.add(name)
            out.append(
                (name, f"{cloud.upper()} service" if not facts.on_prem_only else "managed cloud service")
            )
        if facts.on_prem_only:
            for pattern, label in ((lex.multi_cloud, "managed platform"), (lex.saas, "SaaS")):
                for match in pattern.finditer(text):
                    name = match.group()
                    if name in seen or not affirmed(text, match):
                        continue
                    if lex.self_hosted.search(_sentence_around(text, match.start(), match.end())):
                        continue
                    seen.add(name)
                    out.append((name, label))
        return out

    return v.memo("foreign_services", compute)


def platform_label(v: View) -> str:
    facts = v.facts
    if not facts.platforms:
        return "cloud-free"
    if facts.on_prem_only:
        return "air-gapped" if "air-gapped" in facts.platforms else "on-prem"
    return "/".join(sorted(c.upper() for c in facts.clouds)) + (
        " + on-prem" if "on-prem" in facts.platforms else ""
    )


def stack_fit(v: View, entry: str, text: str) -> tuple[list[str], list[str]]:
    """Tools of ``entry`` (orchestrators, trackers, monitoring_tools) named in ``text``: (fitting, foreign)."""
    facts = v.facts
    fitting: list[str] = []
    foreign: list[str] = []
    for match in affirmed_matches(lexicon().stack_pattern(entry), text):
        stack, name = match.lastgroup or "", match.group()
        if stack in ("oss", "self_hostable"):
            fitting.append(name)
        elif stack == "saas":
            (foreign if facts.on_prem_only else fitting).append(name)
        elif facts.on_prem_only or (facts.clouds and stack not in facts.clouds):
            foreign.append(name)
        else:
            fitting.append(name)
    return _unique(fitting), _unique(foreign)


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def time_based_split(v: View) -> bool:
    section = v.sec(TP)
    return bool(section) and has(lexicon().kw("TP-01", "time_based"), section.plain)
