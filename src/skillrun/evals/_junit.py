"""JUnit XML for CI: one testcase per case x backend x repeat.

A result whose checks failed is a ``<failure>`` listing each failing check with its reason; a result
with no trustworthy verdict is an ``<error>``. Routing results fail when they are false positives or
false negatives. Text is stripped of characters XML 1.0 cannot carry, so the file always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .._confusion import shown
from .._files import write_atomic
from ._results import Result
from ._summary import Summary

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def junit_tree(results: Iterable[Result], summary: Summary) -> ET.ElementTree:
    by_model: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_model[result.model].append(result)
    root = ET.Element("testsuites", name=_clean(f"skillrun eval {summary.suite}"))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for model, rows in by_model.items():
        rows.sort(key=lambda r: (r.case_id, r.repeat))
        repeats = max(r.repeat for r in rows) + 1
        suite_el = ET.SubElement(root, "testsuite", name=_clean(f"{summary.suite} [{model}]"))
        _properties(suite_el, summary, model)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        elapsed = 0.0
        for r in rows:
            name = r.case_id if repeats == 1 else f"{r.case_id} (repeat {r.repeat})"
            case_el = ET.SubElement(
                suite_el,
                "testcase",
                classname=_clean(f"skillrun.{summary.suite}.{model}"),
                name=_clean(name),
                time=f"{r.latency_ms / 1000:.3f}",
            )
            counts["tests"] += 1
            elapsed += r.latency_ms / 1000
            if r.status == "error":
                counts["errors"] += 1
                first = r.errors[0] if r.errors else None
                message = f"{first.where}: {first.type}: {first.message}" if first else "error"
                error_el = ET.SubElement(
                    case_el, "error", message=_clean(message), type=_clean(first.type if first else "error")
                )
                error_el.text = _clean("\n".join(f"{e.where}: {e.type}: {e.message}" for e in r.errors))
            elif r.routing is not None and r.routing.outcome in ("fp", "fn", "wrong"):
                counts["failures"] += 1
                routed = r.routing.predicted or "nothing"
                expected = (r.routing.expected_skill or "a skill") if r.routing.trigger else "nothing"
                failure = ET.SubElement(
                    case_el,
                    "failure",
                    message=_clean(f"expected {expected}, routed to {routed}"),
                    type=r.routing.outcome,
                )
                failure.text = _clean(r.routing.why)
            elif r.status == "fail":
                counts["failures"] += 1
                failed = r.failed_outcomes
                ids = ", ".join(o.id for o in failed)
                failure = ET.SubElement(
                    case_el, "failure", message=_clean(f"{len(failed)} checks failed: {ids}"), type="checks"
                )
                failure.text = _clean(
                    "\n".join(f"{o.id} ({o.section or 'report'}): {o.reason}" for o in failed)
                )
            if r.score is not None:
                out = ET.SubElement(case_el, "system-out")
                out.text = _clean(f"score={r.score:.4f} min_section={r.min_section}")
        for key, value in counts.items():
            suite_el.set(key, str(value))
            totals[key] += value
        suite_el.set("skipped", "0")
        suite_el.set("time", f"{elapsed:.3f}")
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.ElementTree(root)


def _properties(suite_el: ET.Element, summary: Summary, model: str) -> None:
    props = ET.SubElement(suite_el, "properties")
    for m in summary.models:
        if m.model == model:
            if m.score is not None:
                ET.SubElement(props, "property", name="score.mean", value=f"{m.score.mean:.4f}")
                if m.score.low is not None and m.score.high is not None:
                    ET.SubElement(
                        props, "property", name="score.ci95", value=f"{m.score.low:.4f},{m.score.high:.4f}"
                    )
            if m.min_section is not None:
                ET.SubElement(props, "property", name="min_section.mean", value=f"{m.min_section.mean:.4f}")
    for r in summary.routing:
        if r.model == model:
            for name in ("precision", "recall", "f1"):
                value = getattr(r, name)
                ET.SubElement(props, "property", name=name, value=shown(value, ".4f"))


def write_junit(path: Path, results: Iterable[Result], summary: Summary) -> None:
    """Write the JUnit file atomically (a half-written report would break the CI step reading it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = junit_tree(results, summary).getroot()
    write_atomic(path, ET.tostring(root, encoding="utf-8", xml_declaration=True))
