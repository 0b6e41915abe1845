"""The skills loaded from the skill folders, looked up by slug or name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from ..errors import Problem, SkillParseError, UnknownSkillError
from ._loader import check_file, skill_files, slugify
from ._model import Skill


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


def load_skills(dirs: Iterable[str | Path], *, strict: bool = True) -> SkillSet:
    """Load every ``*/SKILL.md`` and ``*.skill.md`` of ``dirs``.

    On a duplicate slug the first one loaded wins, so listing a project's folder before the bundled
    one lets the project override a built-in skill. With ``strict`` a malformed file raises
    :class:`SkillParseError` (all files' errors at once); without it, the file is skipped and its
    errors are kept in ``SkillSet.problems``.
    """
    skills: dict[str, Skill] = {}
    problems: list[Problem] = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.is_dir():
            problems.append(Problem(str(folder), 0, "no such folder"))
            continue
        for file in skill_files(folder):
            skill, found = check_file(file)
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
