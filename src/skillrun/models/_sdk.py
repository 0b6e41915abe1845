"""What the SDK backends share: the request gate, one client per event loop, and the retry loop.

Section models become each provider's structured-output schema here. OpenAI's strict mode wants
every property required and no ``default``; Anthropic's SDK moves unsupported keywords into
descriptions (``transform_schema``); OpenAI-compatible servers get pydantic's schema as it is.
Whatever a provider cannot enforce, pydantic enforces afterwards and the re-ask loop repairs.
"""

from __future__ import annotations

import asyncio
import copy
import re
import weakref
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..errors import ModelConfigError, ModelError
from ._base import ModelRequest, ModelResponse
from ._transport import Sleep, call_with_retries, check_allowed, one_line, register_secret


@lru_cache(maxsize=1)
def shared_ssl_context() -> Any:
    """One TLS context per process: loading the CA bundle costs tens of milliseconds per client, and a
    new client is made for every event loop (every ``asyncio.run``)."""
    import httpx2

    return httpx2.create_ssl_context()


class SDKModel:
    """Base of the OpenAI and Anthropic backends.

    Subclasses set ``provider`` and implement ``_make_client`` and ``_call`` (exactly one HTTP request,
    returning the raw text and usage so that a failed validation still counts its tokens).
    """

    provider = "sdk"
    wants_messages = True

    def __init__(
        self, model_id: str, *, client: Any = None, sleep: Sleep | None = None, **client_options: Any
    ) -> None:
        if not model_id.strip():
            raise ModelError(f"{self.provider}: the model name is empty")
        self.model_id = model_id
        self.name = f"{self.provider}:{model_id}"
        self.sleep = sleep
        self._client_options = {k: v for k, v in client_options.items() if v is not None}
        register_secret(self._client_options.get("api_key"))
        self._given_client = client
        # httpx2 connection pools belong to the loop that opened them; asyncio.run() per call (the sync
        # API, the eval harness) would otherwise reuse a pool from a closed loop.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()
        self._inflight: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, int] = (
            weakref.WeakKeyDictionary()
        )
        self._closing: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()

    def __repr__(self) -> str:
        # Never the options: they may hold the key.
        return f"{type(self).__name__}({self.model_id!r})"

    @property
    def base_url(self) -> str | None:
        return self._client_options.get("base_url")

    def _client(self) -> Any:
        if self._given_client is not None:
            return self._given_client
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            try:
                client = self._make_client(dict(self._client_options))
            except ModelError:
                raise
            except Exception as exc:  # missing key, bad base_url: the SDK says which
                raise ModelConfigError(
                    f"{self.provider}: cannot create the client: {one_line(exc)}"
                ) from None
            self._clients[loop] = client
        return client

    def _make_client(self, options: dict[str, Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _connection_errors(self) -> tuple[type[BaseException], ...]:  # pragma: no cover - abstract
        raise NotImplementedError

    async def _call(self, client: Any, request: ModelRequest) -> ModelResponse:  # pragma: no cover
        raise NotImplementedError

    async def aclose(self) -> None:
        """Close the client this event loop opened (the chain calls it when a run ends).

        Several chains may share one model in one loop (the eval harness does): while any request is in
        flight the close waits for the last one to finish. An idle client is closed at once; the model
        stays usable, as the next request opens a new client. A client passed in as ``client=`` belongs
        to the caller and is left open.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._inflight.get(loop, 0):
            self._closing.add(loop)
            return
        await self._close(loop)

    async def _close(self, loop: asyncio.AbstractEventLoop) -> None:
        self._closing.discard(loop)
        client = self._clients.pop(loop, None)
        if client is not None:
            await client.close()

    async def request(self, request: ModelRequest) -> ModelResponse:
        check_allowed(self.provider)
        client = self._client()
        loop = asyncio.get_running_loop()
        self._inflight[loop] = self._inflight.get(loop, 0) + 1
        try:
            return await call_with_retries(
                lambda: self._call(client, request),
                provider=self.name,
                settings=request.settings,
                sleep=self.sleep,
                connection_errors=self._connection_errors(),
            )
        finally:
            self._inflight[loop] -= 1
            if not self._inflight[loop] and loop in self._closing:
                await self._close(loop)


# --- Schemas --------------------------------------------------------------------------------------

# Keys whose values are maps of name -> schema rather than schemas themselves.
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")


def schema_name(output_type: type[BaseModel]) -> str:
    """A name the providers accept (``^[a-zA-Z0-9_-]{1,64}$``)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", output_type.__name__)[:64] or "Output"


def without_defaults(schema: Any) -> Any:
    """``schema`` without ``default`` keywords (strict mode rejects them; every field is required there)."""
    if isinstance(schema, list):
        return [without_defaults(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "default":
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: without_defaults(sub) for name, sub in value.items()}
        else:
            out[key] = without_defaults(value)
    return out


def openai_response_format(output_type: type[BaseModel], *, strict: bool) -> dict[str, Any]:
    """The ``response_format`` for Chat Completions.

    Strict: the SDK's own strict rewriting (all properties required, closed objects), defaults removed.
    Non-strict, for OpenAI-compatible servers: pydantic's schema without the ``strict`` flag.
    """
    # A copy: the cached schema must survive whatever the caller or the SDK does to it.
    return copy.deepcopy(_openai_response_format(output_type, strict))


@lru_cache(maxsize=128)
def _openai_response_format(output_type: type[BaseModel], strict: bool) -> dict[str, Any]:
    # Schema generation costs milliseconds per call, on the critical path of every section: once per type.
    if strict:
        from openai.lib._pydantic import to_strict_json_schema

        schema = without_defaults(to_strict_json_schema(output_type))
        return {
            "type": "json_schema",
            "json_schema": {"name": schema_name(output_type), "schema": schema, "strict": True},
        }
    return {
        "type": "json_schema",
        "json_schema": {"name": schema_name(output_type), "schema": output_type.model_json_schema()},
    }


def anthropic_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    return copy.deepcopy(_anthropic_schema(output_type))


@lru_cache(maxsize=128)
def _anthropic_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    from anthropic import transform_schema

    return transform_schema(output_type)
