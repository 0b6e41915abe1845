"""Frontmatter in both formats, read into one set of typed fields.

Seed files open with a two-column pipe table (``| name | ML Workflow |``, no header separator, a JSON
list for ``triggers``). Agent Skills files open with YAML between ``---`` lines. Either way the result is
the same: name, description, department, version, triggers, plus every other key kept in ``metadata``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from .._yaml import load_with_nodes
from ..errors import Problem
from ._markdown import is_separator_row, is_table_row, split_row

MODELLED_KEYS = ("name", "description", "department", "version", "triggers")
# The Agent Skills specification's own optional keys: kept in metadata without a warning.
SPEC_KEYS = frozenset({"license", "compatibility", "metadata", "allowed-tools"})


@dataclass
class Frontmatter:
    format: Literal["seed", "agent-skills"]
    values: dict[str, Any]
    lines: dict[str, int]
    """1-based line of each key (``metadata.triggers`` for keys nested under ``metadata``)."""
    raw: dict[str, str]
    """Scalars as written, so ``version: 1.10`` stays ``1.10`` rather than the float ``1.1``."""
    body_start: int
    """Index of the first line after the frontmatter."""
    first_line: int = 1
    readable: bool = True
    """False when the YAML could not be read as a mapping (its keys are then not checked further)."""


@dataclass
class Header:
    name: str = ""
    description: str = ""
    department: str | None = None
    version: str | None = None
    triggers: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


class _Report:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, severity="warning"))


def read_frontmatter(lines: list[str], path: str) -> tuple[Frontmatter | None, list[Problem]]:
    """Find and parse the frontmatter at the top of ``lines``."""
    report = _Report(path)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        report.error(1, "file is empty")
        return None, report.problems
    head = lines[first].strip()
    if head == "---":
        return _read_yaml(lines, first, report), report.problems
    if is_table_row(head):
        return _read_pipe_table(lines, first, report), report.problems
    report.error(first + 1, "no frontmatter: expected '---' (YAML) or '| name | ... |' rows at the top")
    return None, report.problems


def _read_pipe_table(lines: list[str], first: int, report: _Report) -> Frontmatter:
    fm = Frontmatter("seed", {}, {}, {}, body_start=first, first_line=first + 1)
    i = first
    while i < len(lines) and is_table_row(lines[i]):
        line_no = i + 1
        cells = split_row(lines[i])
        i += 1
        if is_separator_row(cells):
            continue
        if len(cells) < 2:
            report.error(line_no, "frontmatter row must read '| key | value |'")
            continue
        key, value = cells[0], " | ".join(cells[1:]).strip()
        if not key:
            report.error(line_no, "frontmatter row has an empty key")
            continue
        if key in fm.values:
            report.error(line_no, f"duplicate frontmatter key '{key}' (first at line {fm.lines[key]})")
            continue
        if key == "triggers":
            try:
                fm.values[key] = json.loads(value)
            except json.JSONDecodeError as exc:
                report.error(line_no, f"triggers is not a valid JSON list: {exc.msg} at column {exc.colno}")
                fm.values[key] = []
        else:
            fm.values[key] = value
        fm.raw[key] = value
        fm.lines[key] = line_no
    fm.body_start = i
    return fm


def _read_yaml(lines: list[str], first: int, report: _Report) -> Frontmatter | None:
    end = next((j for j in range(first + 1, len(lines)) if lines[j].rstrip() in ("---", "...")), None)
    if end is None:
        report.error(first + 1, "frontmatter is never closed: no '---' line after the opening one")
        return None
    fm = Frontmatter("agent-skills", {}, {}, {}, body_start=end + 1, first_line=first + 1)
    offset = first + 2  # YAML marks are 0-based and start on the line after the opening '---'
    text = "\n".join(lines[first + 1 : end])
    try:
        data, node = load_with_nodes(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and "stream" in problem:
            # Running off the end (an unclosed quote or bracket) is best shown where the value began.
            mark, problem = context_mark, f"{context}, {problem}"
        hint = " (quote values that contain ': ')" if "mapping values are not allowed" in problem else ""
        line = mark.line + offset if mark else first + 1
        report.error(line, f"YAML syntax error in frontmatter: {problem}{hint}")
        fm.readable = False
        return fm
    if data is None:
        return fm
    if not isinstance(data, dict):
        kind = type(data).__name__
        report.error(first + 2, f"frontmatter must be a mapping of keys to values, not a {kind}")
        fm.readable = False
        return fm
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line_no = key_node.start_mark.line + offset
        if key in fm.lines:
            report.error(line_no, f"duplicate frontmatter key '{key}' (first at line {fm.lines[key]})")
            continue
        fm.lines[key] = line_no
        if isinstance(value_node, yaml.ScalarNode):
            fm.raw[key] = value_node.value
        if key == "metadata" and isinstance(value_node, yaml.MappingNode):
            for sub_key, sub_value in value_node.value:
                fm.lines.setdefault(f"metadata.{sub_key.value}", sub_key.start_mark.line + offset)
                if isinstance(sub_value, yaml.ScalarNode):
                    fm.raw.setdefault(f"metadata.{sub_key.value}", sub_value.value)
    fm.values = {str(k): v for k, v in data.items()}
    return fm


def interpret(fm: Frontmatter, path: str) -> tuple[Header, list[Problem]]:
    """Check the frontmatter's values and turn them into a :class:`Header`."""
    report = _Report(path)
    header = Header()
    values = fm.values
    nested = values.get("metadata") if isinstance(values.get("metadata"), dict) else {}
    if "metadata" in values and not isinstance(values["metadata"], dict):
        report.warn(fm.lines["metadata"], "'metadata' should be a mapping of keys to strings")

    for key in ("name", "description"):
        if key not in values:
            report.error(fm.first_line, f"missing required key '{key}'")
            continue
        text = _text(values[key], key, fm.lines[key], report)
        if text is not None and not text.strip():
            report.error(fm.lines[key], f"'{key}' is empty")
        setattr(header, key, (text or "").strip())

    for key in ("department", "version"):
        source = _pick(key, values, nested, fm, report)
        if source is None:
            continue
        value, line, raw = source
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = raw if raw is not None else str(value)
        else:
            text = _text(value, key, line, report)
        if text is not None and text.strip():
            setattr(header, key, text.strip())

    source = _pick("triggers", values, nested, fm, report)
    if source is not None:
        value, line, _ = source
        from_metadata = "metadata.triggers" in fm.lines and "triggers" not in values
        header.triggers = _triggers(value, line, report, allow_comma_string=from_metadata)

    for key in values:
        if key in MODELLED_KEYS:
            continue
        header.metadata[key] = values[key]
        if key not in SPEC_KEYS:
            report.warn(
                fm.lines.get(key, fm.first_line), f"unknown frontmatter key '{key}' (kept in metadata)"
            )
    return header, report.problems


def _pick(
    key: str, values: dict[str, Any], nested: dict[str, Any], fm: Frontmatter, report: _Report
) -> tuple[Any, int, str | None] | None:
    """Our own keys may sit at the top level or under ``metadata``; the top level wins."""
    if key in values:
        if key in nested:
            report.warn(fm.lines[f"metadata.{key}"], f"'{key}' is given twice; the top-level value is used")
        return values[key], fm.lines[key], fm.raw.get(key)
    if key in nested:
        return nested[key], fm.lines[f"metadata.{key}"], fm.raw.get(f"metadata.{key}")
    return None


def _text(value: Any, key: str, line: int, report: _Report) -> str | None:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    report.error(line, f"'{key}' must be a string, not a {_kind(value)}")
    return None


def _triggers(value: Any, line: int, report: _Report, *, allow_comma_string: bool) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) and allow_comma_string:
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        report.error(line, f"triggers must be a list of strings, not a {_kind(value)}")
        return []
    bad = next(((n, item) for n, item in enumerate(value, start=1) if not isinstance(item, str)), None)
    if bad is not None:
        report.error(line, f"triggers must be a list of strings (item {bad[0]} is a {_kind(bad[1])})")
        return []
    triggers: list[str] = []
    for position, item in enumerate(value, start=1):
        if not item.strip():
            report.error(line, f"triggers must not contain empty strings (item {position})")
            continue
        if item.strip() in triggers:
            report.warn(line, f"duplicate trigger '{item.strip()}'")
            continue
        triggers.append(item.strip())
    return triggers


def _kind(value: Any) -> str:
    names = {dict: "mapping", list: "list", bool: "boolean", int: "number", float: "number", str: "string"}
    return names.get(type(value), type(value).__name__)
