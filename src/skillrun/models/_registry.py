"""Model strings to backends: ``expert``, ``openai:MODEL``, ``openai-compat:MODEL``, ``anthropic:MODEL``.

SDK-backed backends are imported only when their prefix is asked for, so the CLI starts without them.
A langchain-core chat model instance is wrapped in :class:`~skillrun.models.LangChainModel`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

from ..errors import ModelNotFoundError, UsageError
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
        if _is_langchain_chat_model(spec):
            from ._langchain import LangChainModel

            return LangChainModel(spec, **options)
        return spec
    text = spec.strip()
    if text == "expert":
        from ._expert import ExpertModel

        given = sorted(k for k, v in options.items() if v is not None)
        if given:
            raise UsageError(f"the expert engine takes no options ({', '.join(given)}); they are for LLM models")
        return ExpertModel()
    prefix, sep, name = text.partition(":")
    if not sep or not name or prefix not in _FACTORIES:
        choices = ", ".join(f"{p}:MODEL" if p != "expert" else p for p in known_prefixes())
        raise ModelNotFoundError(f"unknown model {spec!r}; use one of: {choices}")
    module_name, _, attr = _FACTORIES[prefix].partition(":")
    factory: Callable[..., Model] = getattr(importlib.import_module(module_name), attr)
    return factory(name, **options)


def _is_langchain_chat_model(obj: object) -> bool:
    # Without langchain_core imported, nothing can be one of its chat models; never import it here.
    module = sys.modules.get("langchain_core.language_models")
    return module is not None and isinstance(obj, module.BaseChatModel)


register_backend("openai", "skillrun.models._openai:openai_model")
register_backend("openai-compat", "skillrun.models._openai:openai_compat_model")
register_backend("anthropic", "skillrun.models._anthropic:anthropic_model")
