"""The example requests of ``tests/ml_workflow/requests.py``, for the benchmarks that time the engine on them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def example_requests() -> list[str]:
    # Loaded by path: tests/ is no package, and benchmarks run from any working directory.
    spec = importlib.util.spec_from_file_location(
        "own_requests", REPO / "tests" / "ml_workflow" / "requests.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [text for text, *_ in module.OWN_REQUESTS]
