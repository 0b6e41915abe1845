"""Reading skill files: one file or folder into a :class:`Skill`, whole skill folders into a SkillSet.

Errors are collected per file and raised together as one :class:`SkillParseError`, so a user fixes a
file in one pass; warnings (unknown frontmatter keys, unclosed fences, ...) go to ``Skill.warnings``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from ..errors import Problem, SkillParseError, UnknownSkillError
from ._body import read_steps, split_body
from ._frontmatter import Header, interpret, read_frontmatter
from ._markdown import DecodeFailure, decode_source, normalize
from ._model import Skill
from ._template import read_template

SKILL_FILE = "SKILL.md"
SEED_SUFFIX = ".skill.md"


def slugify(name: str) -> str:
    """``ML Workflow`` -> ``ml-workflow``: ASCII lower case, every run of other characters one ``-``.

    Accents are dropped (``Café`` -> ``cafe``) so the slug is safe as a file name and a tool name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def check_skill(text: str, path: str | Path) -> tuple[Skill | None, list[Problem]]:
    """Parse ``text``; return the skill (``None`` when there are errors) and every problem found."""
    where = str(path)
    text = normalize(text)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(where, line, "binary content (NUL byte), not a text skill file")]
    lines = text.split("\n")
    fm, problems = read_frontmatter(lines, where)
    if fm is None:
        return None, problems
    header = Header()
    if fm.readable:
        header, found = interpret(fm, where)
        problems += found
    slug = slugify(header.name)
    if header.name and not slug:
        problems.append(
            Problem(
                where,
                fm.lines.get("name", fm.first_line),
                "'name' needs ASCII letters or digits to make a slug",
            )
        )

    body = split_body(lines, fm.body_start, fm.format, where)
    problems += body.problems
    steps = []
    process = body.block("process")
    if process is not None:
        steps, found = read_steps(lines, process, body, where)
        problems += found
    template = None
    output_format = body.block("output_format")
    if output_format is not None:
        template, found = read_template(lines, output_format, body, fm.format, where)
        problems += found

    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    skill = Skill(
        name=header.name,
        slug=slug,
        description=header.description,
        department=header.department,
        version=header.version,
        triggers=header.triggers,
        title=body.title,
        format=fm.format,
        path=where,
        sections=[block.to_section(lines) for block in body.blocks],
        steps=steps,
        template=template,
        metadata=header.metadata,
        warnings=problems,
    )
    return skill, problems


def parse_skill(text: str, path: str | Path) -> Skill:
    """The skill written in ``text`` (``path`` names it in messages); raises :class:`SkillParseError`."""
    skill, problems = check_skill(text, path)
    if skill is None:
        raise SkillParseError([p for p in problems if p.severity == "error"])
    return skill


def _read(path: Path) -> str | Problem:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Problem(str(path), 0, "no such file")
    except IsADirectoryError:
        return Problem(str(path), 0, f"is a folder without a {SKILL_FILE}")
    except OSError as exc:
        return Problem(str(path), 0, f"cannot read the file: {exc.strerror or exc}")
    decoded = decode_source(data)
    if isinstance(decoded, DecodeFailure):
        return Problem(str(path), decoded.line, decoded.message)
    return decoded


def skill_file(path: str | Path) -> Path:
    """The file behind ``path``: the path itself, or the ``SKILL.md`` inside a folder."""
    path = Path(path)
    return path / SKILL_FILE if path.is_dir() else path


def check_file(path: str | Path) -> tuple[Skill | None, list[Problem]]:
    """Read and check one file (or a folder's ``SKILL.md``); never raises for a bad file."""
    file = skill_file(path)
    text = _read(file)
    if isinstance(text, Problem):
        return None, [text]
    return check_skill(text, file)


def load_skill(path: str | Path) -> Skill:
    """Load a ``SKILL.md`` / ``*.skill.md`` file, or a folder holding ``SKILL.md``."""
    skill, problems = check_file(path)
    if skill is None:
        raise SkillParseError([p for p in problems if p.severity == "error"])
    return skill


def skill_files(folder: Path) -> list[Path]:
    """The skills of one skills folder: ``*/SKILL.md`` and ``*.skill.md``, in name order."""
    found = [p for p in folder.glob(f"*/{SKILL_FILE}") if not p.parent.name.startswith(".")]
    found += [p for p in folder.glob(f"*{SEED_SUFFIX}") if p.is_file() and not p.name.startswith(".")]
    return sorted(found, key=lambda p: (p.name if p.name != SKILL_FILE else p.parent.name).lower())


def discover(paths: Iterable[str | Path]) -> list[Path | Problem]:
    """Every skill file under ``paths`` in the order given (folders searched recursively), or why not."""
    found: list[Path | Problem] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            found.append(Problem(str(given), 0, "no such file"))
        elif path.is_dir():
            files = _walk(path)
            if not files:
                found.append(Problem(str(given), 0, f"no skill files ({SKILL_FILE}, *{SEED_SUFFIX}) found"))
            found += files
        else:
            found.append(path)
    return found


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        if path.name.startswith(".") or path.name in ("node_modules", "__pycache__"):
            continue
        if path.is_dir() and not path.is_symlink():
            found += _walk(path)
        elif path.name == SKILL_FILE or path.name.endswith(SEED_SUFFIX):
            found.append(path)
    return found


def validate_paths(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem (errors and warnings) of the skill files at ``paths``, for ``skillrun validate``."""
    return validate_report(paths)[1]


def validate_report(paths: Iterable[str | Path]) -> tuple[int, list[Problem]]:
    """``(files checked, problems)``; a missing path is ``path:0: no such file``."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    checked = 0
    for item in discover(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        checked += 1
        skill, found = check_file(item)
        problems += found
        if skill is None:
            continue
        other = seen.setdefault(skill.slug, item)
        if other != item:
            message = f"skill '{skill.slug}' is also defined in {other}; the first one loaded wins"
            problems.append(Problem(str(item), 1, message, severity="warning"))
    return checked, problems


def skipped_warning(problem: Problem) -> str:
    """The one line every front end warns with about a skill file that lenient loading left out (it did
    not load, or a file with its slug came first), so ``route``, ``tools``, ``mcp`` and the eval harness
    word it alike."""
    return f"skillrun: warning: skipped {problem.path}:{problem.line}: {problem.message}"


class SkillSet(Sequence[Skill]):
    """Loaded skills in load order. Behaves as a read-only list; ``get``/``require`` find by name."""

    def __init__(self, skills: Iterable[Skill] = (), problems: Iterable[Problem] = ()) -> None:
        self._skills = list(skills)
        self.problems: list[Problem] = list(problems)
        """Errors of skipped files (``strict=False``) and warnings about shadowed duplicates."""

    @overload
    def __getitem__(self, index: int) -> Skill: ...
    @overload
    def __getitem__(self, index: slice) -> list[Skill]: ...
    def __getitem__(self, index: int | slice) -> Skill | list[Skill]:
        return self._skills[index]

    def __len__(self) -> int:
        return len(self._skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills)

    def __repr__(self) -> str:
        return f"SkillSet({self.slugs})"

    @property
    def slugs(self) -> list[str]:
        return [s.slug for s in self._skills]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def get(self, name: str) -> Skill | None:
        """The skill whose slug or name matches ``name`` (case and punctuation ignored), else ``None``."""
        wanted = name.strip().lower()
        for skill in self._skills:
            if wanted in (skill.slug, skill.name.lower()) or slugify(wanted) == skill.slug:
                return skill
        return None

    def require(self, name: str) -> Skill:
        """Like :meth:`get`, but a missing skill raises :class:`UnknownSkillError`."""
        found = self.get(name)
        if found is None:
            known = ", ".join(sorted(self.slugs)) or "none"
            raise UnknownSkillError(f"no skill named {name!r} (known: {known})")
        return found


# Parsed skill files of this process, by path: the stat stamp they were parsed at and the result.
_PARSED: dict[str, tuple[tuple[int, int, int, int], tuple[Skill | None, tuple[Problem, ...]]]] = {}
_PARSED_LOCK = threading.Lock()


def _check_cached(file: Path) -> tuple[Skill | None, list[Problem]]:
    """:func:`check_file`, parsed once per process for as long as the file keeps its modification
    time, change time, size and inode (an edited or replaced file is read again)."""
    try:
        st = file.stat()
    except OSError:
        return check_file(file)  # reports why it cannot be read
    stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    key = str(file)
    with _PARSED_LOCK:
        cached = _PARSED.get(key)
    if cached is not None and cached[0] == stamp:
        skill, problems = cached[1]
        return skill, list(problems)
    skill, found = check_file(file)
    with _PARSED_LOCK:
        _PARSED[key] = (stamp, (skill, tuple(found)))
    return skill, found


def load_skills(dirs: Iterable[str | Path], *, strict: bool = True) -> SkillSet:
    """Load every ``*/SKILL.md`` and ``*.skill.md`` of ``dirs``.

    On a duplicate slug the first one loaded wins, so listing a project's folder before the bundled
    one lets the project override a built-in skill. With ``strict`` a malformed file raises
    :class:`SkillParseError` (all files' errors at once); without it, the file is skipped and its
    errors are kept in ``SkillSet.problems``.

    The folders are listed on every call (a new or removed skill file shows at once), but a file is
    parsed again only when it changed (modification time, size): looking a skill up repeatedly, as
    ``to_markdown(report)`` does, costs a few ``stat`` calls.
    """
    skills: dict[str, Skill] = {}
    problems: list[Problem] = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.is_dir():
            problems.append(Problem(str(folder), 0, "no such folder"))
            continue
        for file in skill_files(folder):
            skill, found = _check_cached(file)
            if skill is None:
                problems += [p for p in found if p.severity == "error"]
                continue
            first = skills.get(skill.slug)
            if first is None:
                skills[skill.slug] = skill
            elif Path(first.path).resolve() != file.resolve():
                message = f"skill '{skill.slug}' is shadowed by {first.path}"
                problems.append(Problem(str(file), 1, message, severity="warning"))
    if strict and any(p.severity == "error" for p in problems):
        raise SkillParseError([p for p in problems if p.severity == "error"])
    return SkillSet(skills.values(), problems)
