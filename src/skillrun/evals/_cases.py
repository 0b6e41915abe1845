"""Eval suites as content: typed cases read from JSONL or YAML, with ``path:line: message`` errors.

A suite is a file or a folder under ``evals/``. A folder holds case files (``*.jsonl``, ``*.yaml``,
``*.yml``) and optionally ``suite.yaml``, which names the skill and lists the ``[judge]`` rubric items.
The kind of suite follows from its cases: records with ``trigger`` are routing cases, records with
``request`` (or ``message``) and no ``trigger`` are report cases. A suite holds one kind only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import _content
from .._yaml import load_with_nodes
from ..errors import Problem, SuiteError, UsageError
from ..routing._cases import CASE_ID, RoutingCase
from ._checks import Expectations

SuiteKind = Literal["report", "routing"]
CASE_SUFFIXES = (".jsonl", ".yaml", ".yml")
MANIFEST = "suite.yaml"
DEFAULT_SKILL = "ml-workflow"

_RUBRIC_ID = re.compile(
    r"^(?P<id>[A-Z]{1,3}-\d{2})(?:=(?P<value>[A-Za-z0-9_-]+))?(?::\s*(?P<note>.*))?$", re.S
)


class Case(BaseModel):
    """One labelled request for a report-producing skill."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=CASE_ID)
    request: str = Field(min_length=1, validation_alias=AliasChoices("request", "message"))
    skill: str | None = None
    """Slug of the skill to run; ``None`` means the suite's skill."""
    expect: Expectations = Field(
        default_factory=Expectations, validation_alias=AliasChoices("expect", "expectations")
    )
    tags: list[str] = []
    why: str | None = None
    """Why the case exists or why its labels are what they are (for readers, never scored)."""

    @field_validator("request")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the request is blank")
        return value


class JudgeItem(BaseModel):
    """A ``[judge]`` rubric item: a criterion only a reader (human or LLM) can decide."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z]{1,3}-\d{2}$")
    section: str | None = None
    """Template heading the item belongs to; ``None`` for report-wide items."""
    criterion: str = Field(min_length=1)
    applies_when: str | None = None
    """A condition in words; when it does not hold the judge answers ``applicable: false``."""


class SuiteManifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    description: str = ""
    skill: str = DEFAULT_SKILL
    kind: SuiteKind | None = None
    judge: list[JudgeItem] = []


class Suite(BaseModel):
    """A loaded suite: its cases in file order, plus where each came from (for error messages)."""

    name: str
    path: str
    kind: SuiteKind
    skill: str = DEFAULT_SKILL
    description: str = ""
    cases: list[Case] | list[RoutingCase]
    judge: list[JudgeItem] = []
    origins: dict[str, str] = {}
    """Case id -> ``path:line`` of its record."""

    def skill_of(self, case: Case | RoutingCase) -> str:
        return case.skill or self.skill

    def select(self, ids: list[str] | None = None, tags: list[str] | None = None) -> Suite:
        """The cases whose id matches one of ``ids`` (globs allowed) and that carry every tag in ``tags``."""
        from fnmatch import fnmatchcase

        kept = [
            c
            for c in self.cases
            if (not ids or any(fnmatchcase(c.id, pattern) for pattern in ids))
            and all(t in c.tags for t in (tags or []))
        ]
        return self.model_copy(update={"cases": kept})


def resolve_suite(spec: str | Path) -> Path:
    """A suite path: an existing path as given, else a name under the content roots' ``evals/``."""
    path = Path(spec).expanduser()
    if path.exists():
        return path
    found = _content.find_content("evals", str(spec))
    if found is not None:
        return found
    raise UsageError(f"no eval suite at {spec!r} (neither a path nor a folder under evals/)")


def load_suite(spec: str | Path) -> Suite:
    """Read and validate a suite; every problem in every file is reported at once as a SuiteError."""
    path = resolve_suite(spec)
    problems: list[Problem] = []
    manifest = SuiteManifest()
    if path.is_dir():
        manifest_path = path / MANIFEST
        if manifest_path.is_file():
            manifest = _read_manifest(manifest_path, problems)
        files = sorted(p for p in path.iterdir() if p.suffix in CASE_SUFFIXES and p.name != MANIFEST)
        if not files:
            raise SuiteError([Problem(str(path), 0, "no case files (*.jsonl, *.yaml, *.yml)")])
    elif path.suffix in CASE_SUFFIXES:
        files = [path]
    else:
        raise UsageError(f"{path}: a suite is a folder or a .jsonl/.yaml file")

    records: list[tuple[str, int, Any]] = []
    for file in files:
        records += _read_records(file, problems)
    kind = manifest.kind or _detect_kind(records, problems)
    cases, origins = _build_cases(records, kind, manifest.skill, problems)
    if not cases and not problems:
        problems.append(Problem(str(path), 1, "the suite holds no cases"))
    if problems:
        raise SuiteError(problems)
    name = manifest.name or _suite_name(path)
    return Suite(
        name=name,
        path=str(path),
        kind=kind,
        skill=manifest.skill,
        description=manifest.description,
        cases=cases,  # type: ignore[arg-type]
        judge=manifest.judge,
        origins=origins,
    )


def _suite_name(path: Path) -> str:
    name = path.name if path.is_dir() else path.name.split(".")[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "suite"


def _read_manifest(path: Path, problems: list[Problem]) -> SuiteManifest:
    loaded = _yaml_documents(path, problems)
    if loaded is None:
        return SuiteManifest()
    data, node = loaded
    try:
        return SuiteManifest.model_validate(data or {})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append(Problem(str(path), _line_of(node, err["loc"]), _message(err)))
        return SuiteManifest()


def _read_records(path: Path, problems: list[Problem]) -> list[tuple[str, int, Any]]:
    """``(path, line, record)`` for each record of a case file; syntax errors go to ``problems``."""
    if path.suffix == ".jsonl":
        return _read_jsonl(path, problems)
    loaded = _yaml_documents(path, problems)
    if loaded is None:
        return []
    data, node = loaded
    if isinstance(data, dict) and "cases" in data:
        data = data["cases"]
        node = _child(node, "cases")
    if not isinstance(data, list):
        problems.append(Problem(str(path), 1, "expected a list of cases (or a mapping with 'cases:')"))
        return []
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    lines = [item.start_mark.line + 1 for item in items]
    return [(str(path), lines[i] if i < len(lines) else 1, record) for i, record in enumerate(data)]


def _read_jsonl(path: Path, problems: list[Problem]) -> list[tuple[str, int, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read: {exc}"))
        return []
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        try:
            records.append((str(path), number, json.loads(stripped)))
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), number, f"invalid JSON: {exc.msg} (column {exc.colno})"))
    return records


def _yaml_documents(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node | None] | None:
    try:
        data, node = load_with_nodes(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read: {exc}"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(Problem(str(path), line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}"))
        return None
    return data, node


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """The line of the deepest node along ``loc`` that exists (1 when nothing is known)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _detect_kind(records: list[tuple[str, int, Any]], problems: list[Problem]) -> SuiteKind:
    kinds: dict[SuiteKind, tuple[str, int]] = {}
    for path, line, record in records:
        if isinstance(record, dict):
            kinds.setdefault("routing" if "trigger" in record else "report", (path, line))
    if len(kinds) > 1:
        path, line = kinds["routing"]
        first = kinds["report"]
        problems.append(
            Problem(
                path,
                line,
                f"routing case in a suite of report cases (first report case at {first[0]}:{first[1]})",
            )
        )
    return "routing" if list(kinds) == ["routing"] else "report"


def _build_cases(
    records: list[tuple[str, int, Any]], kind: SuiteKind, skill: str, problems: list[Problem]
) -> tuple[list[Case] | list[RoutingCase], dict[str, str]]:
    model: type[Case] | type[RoutingCase] = RoutingCase if kind == "routing" else Case
    cases: list[Any] = []
    origins: dict[str, str] = {}
    for path, line, record in records:
        if not isinstance(record, dict):
            problems.append(Problem(path, line, f"a case is a mapping, not {type(record).__name__}"))
            continue
        if kind == "routing" and "trigger" not in record:
            problems.append(Problem(path, line, "report case in a routing suite (no 'trigger')"))
            continue
        try:
            case = model.model_validate(record)
        except ValidationError as exc:
            problems += [Problem(path, line, _message(err)) for err in exc.errors(include_url=False)]
            continue
        if case.id in origins:
            problems.append(
                Problem(path, line, f"duplicate case id {case.id!r} (first at {origins[case.id]})")
            )
            continue
        if isinstance(case, Case):
            problems += [Problem(path, line, msg) for msg in _label_problems(case, case.skill or skill)]
        origins[case.id] = f"{path}:{line}"
        cases.append(case)
    return cases, origins


def _label_problems(case: Case, skill: str) -> list[str]:
    """Typos in labels fail loudly: a misspelt rubric id or vocabulary word would never be checked."""
    found = []
    for field_name in ("must", "must_not"):
        for entry in getattr(case.expect, field_name):
            match = _RUBRIC_ID.match(entry.strip())
            if match is None:
                found.append(f"expect.{field_name}: {entry!r} does not start with a rubric id like 'PD-04:'")
            elif field_name == "must_not" and not match["id"].startswith("AP-"):
                found.append(f"expect.must_not: {match['id']} is not an anti-pattern id (AP-nn)")
            elif field_name == "must" and match["id"].startswith("AP-"):
                found.append(f"expect.must: {match['id']} is an anti-pattern; list it under must_not")
    if skill == DEFAULT_SKILL:
        from ..packs.ml_workflow.brief import PROBLEM_TYPES, SERVING_MODES

        if case.expect.problem_type is not None and case.expect.problem_type not in PROBLEM_TYPES:
            found.append(
                f"expect.problem_type: {case.expect.problem_type!r} is not one of {', '.join(PROBLEM_TYPES)}"
            )
        if case.expect.serving_mode is not None and case.expect.serving_mode not in SERVING_MODES:
            found.append(
                f"expect.serving_mode: {case.expect.serving_mode!r} is not one of {', '.join(SERVING_MODES)}"
            )
    return found


def rubric_id(entry: str) -> str:
    """``"FE-04=no: no feature store"`` -> ``"FE-04"``."""
    match = _RUBRIC_ID.match(entry.strip())
    return match["id"] if match else entry.split(":", 1)[0].strip()


def _message(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()))
    msg = str(err.get("msg", "invalid"))
    if err.get("type") == "extra_forbidden":
        msg = "unknown field"
    return f"{loc}: {msg}" if loc else msg
