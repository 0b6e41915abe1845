"""skillrun: a runtime for LLM-assisted agent skills.

The public API is small; everything else lives in private modules of the subpackages. Names are
resolved on first use so that ``import skillrun`` (and ``skillrun --help``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "arun": "skillrun._run",
    "build_chain": "skillrun._run",
    "find_skill": "skillrun._run",
    "run": "skillrun._run",
    "run_stream": "skillrun._run",
    "to_markdown": "skillrun._run",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from ._run import arun, build_chain, find_skill, run, run_stream, to_markdown  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'skillrun' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
