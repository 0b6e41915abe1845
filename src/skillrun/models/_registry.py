"""Model strings to backends: ``expert``, ``openai:MODEL``, ``openai-compat:MODEL``, ``anthropic:MODEL``.

SDK-backed backends are imported only when their prefix is asked for, so the CLI starts without them.
A langchain-core chat model instance is wrapped in :class:`~skillrun.models.LangChainModel`.

Prices: token counts times ``prices.yaml`` (bundled with the package). A model the table does not
know has an unknown cost, ``None``, so a total is never silently too low; the expert engine is free.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelNotFoundError, UsageError
from ._base import Model, Usage

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
            raise UsageError(
                f"the expert engine takes no options ({', '.join(given)}); they are for LLM models"
            )
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
# A slow or failing stand-in for an LLM, for tests and benchmarks that go through the CLI.
register_backend("fake", "skillrun.models._fake:fake_backend")


# --- Prices ----------------------------------------------------------------------------------------

_TABLE = Path(__file__).with_name("prices.yaml")
_SNAPSHOT = re.compile(r"-(\d{8}|\d{4}-\d{2}-\d{2})$")
Price = tuple[float, float]


def _read(path: Path) -> dict[str, dict[str, Price]]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: dict[str, dict[str, Price]] = {}
    for provider, models in data.items():
        if not isinstance(models, dict):
            continue  # as_of and other notes
        table[provider] = {
            str(model): (float(p["input"]), float(p["output"]))
            for model, p in models.items()
            if isinstance(p, dict) and "input" in p and "output" in p
        }
    return table


@lru_cache(maxsize=4)
def price_table(extra: str | None = None) -> dict[str, dict[str, Price]]:
    table = _read(_TABLE)
    if extra:
        for provider, models in _read(Path(extra).expanduser()).items():
            table.setdefault(provider, {}).update(models)
    return table


def price_of(provider: str, model_id: str) -> Price | None:
    """(input, output) dollars per million tokens, or ``None`` when unknown."""
    models = price_table(os.environ.get("SKILLRUN_PRICES") or None).get(provider, {})
    found = models.get(model_id)
    if found is None:
        found = models.get(_SNAPSHOT.sub("", model_id))
    return found


def cost_of(model: Any, usage: Usage) -> float | None:
    """Dollars for ``usage`` on ``model`` (a Model or its registry name); ``None`` when unknown.

    The key is the model's ``price_key`` (``provider:model-id``) when it has one, else its name.
    Usage without requests (a cache hit) costs nothing. Price each response on its own and add up.
    """
    key = model if isinstance(model, str) else getattr(model, "price_key", None) or model.name
    if key == "expert" or usage.requests == 0:
        return 0.0  # nothing was billed (no call, or an answer replayed from a cache)
    provider, _, model_id = key.partition(":")
    price = price_of(provider, model_id) if model_id else None
    if price is None:
        return None
    return round((usage.input_tokens * price[0] + usage.output_tokens * price[1]) / 1_000_000, 6)
