"""A content-addressed cache of model calls, as a wrapper that is itself a Model.

The key covers everything that can change an answer: the backend and its base URL, the skill and
step, the rendered messages, the structured task (request, brief, inputs) for backends that read it,
the output schema, the generation settings, the ask number and the **repeat index** (without it, K
repeats would collapse onto one cached answer). Only successful answers are stored; errors and
refusals never are. The cache lives in SQLite (WAL, busy timeout) under the user's cache directory,
and it never breaks a run: unreadable rows are misses, a corrupt file is moved aside and replaced, a
locked or unwritable database turns the cache off for the run with a note.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .._cache_dir import user_cache_dir
from ..models import Model, ModelRequest, ModelResponse, Usage

CACHE_FILE = "model-calls.sqlite3"
_SCHEMAS: dict[type[BaseModel], Any] = {}


@dataclasses.dataclass
class CallCounter:
    """Calls of one case, counted by the wrappers (the chain's tasks inherit the context variable)."""

    calls: int = 0
    cache_hits: int = 0


current_counter: ContextVar[CallCounter | None] = ContextVar("skillrun_eval_call_counter", default=None)


def cache_dir() -> Path | None:
    """The user's skillrun cache folder (see :func:`skillrun._cache_dir.user_cache_dir`); ``None`` when
    ``SKILLRUN_CACHE_DIR`` switches caching off."""
    return user_cache_dir()


def should_cache(model: Model) -> bool:
    """The expert engine is deterministic and faster than a cache lookup: never cache it."""
    from ..models import ExpertModel

    return not isinstance(model, ExpertModel) and model.name != "expert"


def _schema(output_type: type[BaseModel]) -> Any:
    if output_type not in _SCHEMAS:
        _SCHEMAS[output_type] = output_type.model_json_schema()
    return _SCHEMAS[output_type]


def _dump(value: BaseModel | None) -> Any:
    return value.model_dump(mode="json") if value is not None else None


def cache_key(model: Model, request: ModelRequest, repeat: int) -> str:
    task = request.task
    settings = dataclasses.asdict(request.settings)
    settings.pop("timeout", None)  # how long we wait does not change the answer
    material = {
        "v": 1,
        "backend": model.name,
        "base_url": str(getattr(model, "base_url", "") or ""),
        "skill": task.skill,
        "step": task.step,
        "messages": [[m.role, m.content] for m in request.messages],
        "task": {
            "request": task.request,
            "brief": _dump(task.brief),
            "inputs": {k: _dump(v) for k, v in sorted(task.inputs.items())},
        },
        "schema": _schema(task.output_type),
        "settings": settings,
        "attempt": request.attempt,
        "repeat": repeat,
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ModelCache:
    """The SQLite store behind :class:`CachedModel`; opened lazily, shared by every wrapper of a run."""

    def __init__(self, path: Path | None = None, *, busy_timeout: float = 5.0) -> None:
        folder = cache_dir()
        self.path = path or (folder / CACHE_FILE if folder is not None else None)
        self.busy_timeout = busy_timeout
        self.hits = self.misses = self.writes = 0
        self.notes: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._disabled = self.path is None
        if self._disabled:
            self.notes.append("cache off (SKILLRUN_CACHE_DIR)")

    @property
    def enabled(self) -> bool:
        return not self._disabled

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._disabled or self.path is None:
            return self._conn
        for attempt in (1, 2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS calls ("
                    " key TEXT PRIMARY KEY, backend TEXT NOT NULL, created REAL NOT NULL, body TEXT NOT NULL)"
                )
                conn.execute("SELECT key FROM calls LIMIT 1").fetchall()
                self._conn = conn
                return conn
            except sqlite3.OperationalError as exc:
                # Locked, read-only or unreachable: nothing is wrong with the data, so leave it be.
                self._disable(f"cache off for this run ({self.path}: {exc})")
                return None
            except (sqlite3.DatabaseError, OSError) as exc:
                if attempt == 2 or not self._move_aside(exc):
                    self._disable(f"cache off for this run ({self.path}: {exc})")
                    return None
        return None  # pragma: no cover

    def _move_aside(self, exc: BaseException) -> bool:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}")
        try:
            os.replace(self.path, target)
        except OSError:
            return False
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                try:
                    os.replace(side, Path(f"{target}{suffix}"))
                except OSError:
                    pass
        self.notes.append(f"cache file was unreadable ({exc}); moved aside to {target.name}")
        return True

    def _disable(self, note: str) -> None:
        self._disabled = True
        self.notes.append(note)
        self.close()

    def get(self, key: str) -> dict[str, Any] | None:
        conn = self._connect()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT body FROM calls WHERE key = ?", (key,)).fetchone()
            body = json.loads(row[0]) if row is not None else None
        except (sqlite3.Error, ValueError, TypeError):
            body = None  # an unreadable row is a miss; a good answer will overwrite it
        return body if isinstance(body, dict) else None

    def put(self, key: str, backend: str, body: dict[str, Any]) -> None:
        conn = self._connect()
        if conn is None:
            return
        try:
            conn.execute(
                "INSERT OR REPLACE INTO calls (key, backend, created, body) VALUES (?, ?, ?, ?)",
                (key, backend, time.time(), json.dumps(body, ensure_ascii=False)),
            )
            self.writes += 1
        except sqlite3.Error as exc:
            if not self.notes or not self.notes[-1].startswith("cache write failed"):
                self.notes.append(f"cache write failed ({exc}); answers are still used, not stored")

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None


@dataclasses.dataclass
class WrappedModel:
    """A backend around another one: it answers to the inner one's name, price and message needs."""

    inner: Model

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def wants_messages(self) -> bool:
        return self.inner.wants_messages

    @property
    def price_key(self) -> str | None:
        return getattr(self.inner, "price_key", None)


@dataclasses.dataclass
class CachedModel(WrappedModel):
    """Any backend, with answers looked up by content before the call and stored after success."""

    cache: ModelCache
    repeat: int = 0

    async def request(self, request: ModelRequest) -> ModelResponse:
        key = cache_key(self.inner, request, self.repeat)
        cached = self.cache.get(key)
        if cached is not None:
            response = _restore(cached, request)
            if response is not None:
                self.cache.hits += 1
                counter = current_counter.get()
                if counter is not None:
                    counter.cache_hits += 1
                return response
        self.cache.misses += 1
        response = await self.inner.request(request)  # errors propagate and are never stored
        if response.refusal is None and response.finish_reason not in ("length", "content_filter"):
            self.cache.put(key, self.inner.name, _serialise(response))
        return response


def _serialise(response: ModelResponse) -> dict[str, Any]:
    usage = response.usage
    return {
        "model": response.model,
        "text": response.text,
        "value": _dump(response.value),
        "usage": [usage.input_tokens, usage.output_tokens, usage.requests],
        "finish_reason": response.finish_reason,
        "raw": response.raw,
    }


def _restore(body: dict[str, Any], request: ModelRequest) -> ModelResponse | None:
    try:
        value = body.get("value")
        parsed = request.task.output_type.model_validate(value) if value is not None else None
        tokens_in, tokens_out, _ = body.get("usage") or (0, 0, 0)
        raw = dict(body.get("raw") or {})
        raw["cache"] = "hit"
        return ModelResponse(
            model=str(body["model"]),
            text=body.get("text"),
            value=parsed,
            # No call was made: tokens describe the answer, requests stay 0 so nothing is billed twice.
            usage=Usage(int(tokens_in), int(tokens_out), 0),
            finish_reason=body.get("finish_reason"),
            raw=raw,
        )
    except (KeyError, TypeError, ValueError, ValidationError):
        return None
