"""Where the content folders (skill/, prompts/, agents/, evals/) are found.

Order, first hit wins per folder:
1. an explicit directory (``--skills-dir`` for skills);
2. the project root around the working directory: the nearest ancestor with a ``skill/`` folder;
3. the source checkout this package runs from (editable installs);
4. the copy bundled in the wheel (``skillrun/_bundled``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

CONTENT_FOLDERS = ("skill", "prompts", "agents", "evals")
_PACKAGE_DIR = Path(__file__).resolve().parent


def _has_skills(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*/SKILL.md"))


def project_root(start: Path | None = None) -> Path | None:
    """The nearest ancestor of ``start`` (default: the working directory) holding a ``skill/`` folder."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        if _has_skills(folder / "skill"):
            return folder
    return None


@lru_cache(maxsize=1)
def _installed_roots() -> tuple[Path, ...]:
    roots: list[Path] = []
    checkout = _PACKAGE_DIR.parents[1]  # src/skillrun -> repository root
    if (checkout / "pyproject.toml").is_file() and _has_skills(checkout / "skill"):
        roots.append(checkout)
    bundled = _PACKAGE_DIR / "_bundled"
    if bundled.is_dir():
        roots.append(bundled)
    return tuple(roots)


def content_roots(start: Path | None = None) -> list[Path]:
    """Roots to search for content, most specific first, without duplicates."""
    roots: list[Path] = []
    env = os.environ.get("SKILLRUN_ROOT")
    if env:
        roots.append(Path(env).expanduser())
    found = project_root(start)
    if found is not None:
        roots.append(found)
    roots.extend(_installed_roots())
    unique: list[Path] = []
    for root in roots:
        if root not in unique:
            unique.append(root)
    return unique


def find_content(folder: str, relative: str | Path, start: Path | None = None) -> Path | None:
    """The first existing ``<root>/<folder>/<relative>`` over :func:`content_roots`."""
    if folder not in CONTENT_FOLDERS:
        raise ValueError(f"unknown content folder {folder!r}")
    for root in content_roots(start):
        candidate = root / folder / relative
        if candidate.exists():
            return candidate
    return None


def skill_dirs(skills_dir: Path | None = None, start: Path | None = None) -> list[Path]:
    """Folders to load skills from: ``skills_dir`` alone when given, else every root's ``skill/``."""
    if skills_dir is not None:
        return [skills_dir]
    return [root / "skill" for root in content_roots(start) if (root / "skill").is_dir()]
