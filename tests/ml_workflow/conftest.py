"""Fixtures shared by the intake tests."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake


@pytest.fixture(params=["rules", "engine"])
def read(request, monkeypatch):  # noqa: ANN001, ANN201 - a reader for the test's text
    """``read_request`` twice: with the rules alone (no learned opinion) and with the whole engine, so a
    retrain cannot hide a rule that stopped firing."""
    if request.param == "rules":
        monkeypatch.setattr(intake, "features", lambda text: None)
    return intake.read_request
