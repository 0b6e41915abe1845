"""What a run cost: token counts times the price table in ``prices.yaml`` (bundled with the package).

A model the table does not know has an unknown cost, ``None``, so a total is never silently too low.
The offline expert engine costs nothing.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._base import Usage

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
