"""Model strings to backends: ``expert``, ``openai:MODEL``, ``anthropic:MODEL``.

SDK-backed backends are imported only when their prefix is asked for, so the CLI starts without them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import ModelNotFoundError
from ._base import Model

# prefix -> "module:factory"; a factory takes (model_name, **options) and returns a Model.
_FACTORIES: dict[str, str] = {}

DEFAULT_MODEL = "expert"


def register_backend(prefix: str, factory: str) -> None:
    """Make ``prefix:NAME`` resolve through ``factory`` (``"package.module:function"``)."""
    _FACTORIES[prefix] = factory


def known_prefixes() -> list[str]:
    return ["expert", *sorted(_FACTORIES)]


def get_model(spec: str | Model | None = None, **options: Any) -> Model:
    """The backend for ``spec``; an object that already is a Model is returned as it is."""
    if spec is None:
        spec = DEFAULT_MODEL
    if not isinstance(spec, str):
        return spec
    text = spec.strip()
    if text == "expert":
        from ._expert import ExpertModel

        return ExpertModel()
    prefix, sep, name = text.partition(":")
    if not sep or not name or prefix not in _FACTORIES:
        choices = ", ".join(f"{p}:MODEL" if p != "expert" else p for p in known_prefixes())
        raise ModelNotFoundError(f"unknown model {spec!r}; use one of: {choices}")
    module_name, _, attr = _FACTORIES[prefix].partition(":")
    factory: Callable[..., Model] = getattr(importlib.import_module(module_name), attr)
    return factory(name, **options)
