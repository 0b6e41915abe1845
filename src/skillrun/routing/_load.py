"""The trigger router over the skills skillrun can load, the way ``skillrun route`` and the eval
harness's routing suites load them: leniently, one broken skill file warned about and left out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from ._router import Router


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def load_router(skills_dir: Path | None = None, *, warn: Callable[[str], None] | None = None) -> Router:
    """A :class:`Router` over every skill of ``skills_dir`` (default: the project's ``skill/``, then the
    built-in one).

    A skill file that does not load is skipped and reported as ``skillrun: warning: skipped
    path:line: message`` through ``warn`` (default: a line on stderr), so one broken file does not take
    the other skills down; finding no skill at all is a :class:`UsageError`.
    """
    from .. import _content
    from ..spec import load_skills
    from ..spec._loader import skipped_warning

    loaded = load_skills(_content.skill_dirs(skills_dir), strict=False)
    for problem in loaded.errors:
        (warn or _stderr)(skipped_warning(problem))
    if not len(loaded):
        where = skills_dir if skills_dir is not None else "the project or the built-in skill folder"
        raise UsageError(f"no skills found in {where}")
    return Router.from_skills(loaded)
