"""Shared fixtures. Tests that need ../shared skip without it, except in CI where they must run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path | None:
    candidate = Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder (seed, corpus, reference, evals)."""
    found = _shared_dir()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("../shared is missing, and CI=true requires it")
        pytest.skip("../shared not found (a user's clone has none); set SKILLRUN_SHARED to run this test")
    return found


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep caches written by the code under test (knowledge pickle) out of the user's home."""
    if "SKILLRUN_CACHE_DIR" not in os.environ:
        os.environ["SKILLRUN_CACHE_DIR"] = str(tmp_path_factory.mktemp("skillrun-cache"))
