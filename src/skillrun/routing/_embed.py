"""Optional embedding stage: another package can plug a sentence embedder into the router.

skillrun ships no embedding model and downloads none. A package that has one registers it under the
``skillrun.embedders`` entry-point group (a zero-argument callable returning an :class:`Embedder`);
``load_embedder(name)`` finds it, and ``Router.from_skills(..., embedder=...)`` uses it. The stage
adds ``weight * (cos - floor) / (1 - floor)`` to a skill's score when the message's cosine similarity
to the skill's name, description and purpose is above ``floor``, and takes it away below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import UsageError

if TYPE_CHECKING:
    from ._compile import Entry

ENTRY_POINT_GROUP = "skillrun.embedders"


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into vectors of one fixed length."""

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]: ...


def available_embedders() -> list[str]:
    """Names registered under the ``skillrun.embedders`` entry-point group."""
    from importlib.metadata import entry_points

    return sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))


def load_embedder(name: str) -> Embedder:
    """The embedder registered as ``name``; a :class:`UsageError` names the installed ones if absent."""
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            factory = ep.load()
            embedder = factory() if callable(factory) and not isinstance(factory, Embedder) else factory
            if not isinstance(embedder, Embedder):
                raise UsageError(f"embedder {name!r} has no embed(texts) method")
            return embedder
    known = ", ".join(available_embedders()) or "none installed"
    raise UsageError(f"no embedder named {name!r} (known: {known})")


def _unit(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector]


class EmbeddingStage:
    """Cosine similarity between a message and every skill, as a signed score contribution."""

    def __init__(self, embedder: Embedder, entries: list[Entry], *, weight: float = 0.6, floor: float = 0.35):
        self.embedder = embedder
        self.weight = weight
        self.floor = floor
        self._texts = [e.text for e in entries]
        self._vectors: list[list[float]] | None = None

    def contributions(self, message: str) -> dict[int, float]:
        if self._vectors is None:
            self._vectors = [_unit(v) for v in self.embedder.embed(self._texts)]
        query = _unit(self.embedder.embed([message])[0])
        out: dict[int, float] = {}
        for skill, vector in enumerate(self._vectors):
            cosine = sum(a * b for a, b in zip(query, vector, strict=True))
            out[skill] = self.weight * (cosine - self.floor) / (1.0 - self.floor)
        return out
