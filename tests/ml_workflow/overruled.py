"""Parameter lists whose whole-engine cases the learned opinion overrules, marked as strict xfails."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pytest


def engine_params(cases: Iterable[tuple[str, str]], overruled: Collection[str]) -> list:
    """``(text, expected)`` cases for a whole-engine test; those whose text is in ``overruled`` are strict
    xfails, so a retrain that reads one of them right shows up."""
    mark = pytest.mark.xfail(reason="learned opinion overrules the rules", strict=True)
    return [pytest.param(t, m, marks=mark) if t in overruled else (t, m) for t, m in cases]
