"""Transient failures, handled once for every SDK backend.

One tenacity loop owns retries: 408, 409, 429, 5xx (529 included), timeouts and connection errors are
retried with random exponential backoff, or after the provider's Retry-After when it sends one (capped
by ``ModelSettings.max_retry_wait``). The SDK clients are built with ``max_retries=0`` so that retries
never multiply. Anything else (400, 401, 404, ...) fails at once. Sleeping goes through an injectable
function, so tests never wait.

Credentials stay out of everything skillrun writes: provider error bodies can quote a key, and
exception text ends up in fallback reasons, eval results and log records, so every string built from
a provider's answer or exception goes through :func:`redact` first.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from ..errors import ModelError, ModelRequestsBlockedError, ModelUnavailableError
from ._base import ModelSettings

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[Any]]

log = logging.getLogger("skillrun.models")

TRANSIENT_STATUS = frozenset({408, 409, 429})
BACKOFF_BASE = 0.5
BACKOFF_MAX = 8.0


async def default_sleep(seconds: float) -> None:
    # Looked up at call time, so a test can replace it for everything at once.
    await asyncio.sleep(seconds)


def check_allowed(provider: str) -> None:
    """Refuse real provider calls while ``skillrun.models.ALLOW_MODEL_REQUESTS`` is false (tests)."""
    from . import ALLOW_MODEL_REQUESTS  # read at call time: tests flip the flag after import

    if not ALLOW_MODEL_REQUESTS:
        raise ModelRequestsBlockedError(
            f"{provider} requests are blocked (skillrun.models.ALLOW_MODEL_REQUESTS is False)"
        )


def status_of(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def is_transient(exc: BaseException, connection_errors: tuple[type[BaseException], ...] = ()) -> bool:
    status = status_of(exc)
    if status is not None:
        return status in TRANSIENT_STATUS or status >= 500
    if isinstance(exc, (TimeoutError, ConnectionError, *connection_errors)):
        return True
    # langchain-core's provider-neutral errors say so themselves.
    return bool(getattr(exc, "is_retryable", False))


def retry_after(exc: BaseException) -> float | None:
    """Seconds the provider asked us to wait (``retry-after-ms``, then ``retry-after``), if any."""
    response = getattr(exc, "response", None)
    headers: Mapping[str, str] | None = getattr(response, "headers", None)
    if not headers:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # an HTTP date
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def describe(exc: BaseException) -> str:
    """A short, redacted account of a provider failure: status and the provider's own message."""
    status = status_of(exc)
    if status is None:
        return one_line(exc)
    message = getattr(exc, "message", None) or str(exc)
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            message = inner["message"]
    first = redact(str(message).strip().splitlines()[0] if str(message).strip() else "")
    return f"HTTP {status}: {first[:200]}".rstrip(": ")


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    provider: str,
    settings: ModelSettings,
    sleep: Sleep | None = None,
    connection_errors: tuple[type[BaseException], ...] = (),
) -> T:
    """Run ``call``; retry transient failures; raise :class:`ModelUnavailableError` when they persist.

    Each attempt is also bounded by ``settings.timeout`` here, since an SDK timeout covers single
    reads and a server that trickles bytes could otherwise hold a call for much longer.
    """
    from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_random_exponential

    jitter = wait_random_exponential(multiplier=BACKOFF_BASE, max=BACKOFF_MAX)

    def wait(state: Any) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc) if exc is not None else None
        chosen = asked if asked is not None else jitter(state)
        return min(chosen, settings.max_retry_wait)

    def before_sleep(state: Any) -> None:
        exc = state.outcome.exception()
        log.info(
            "%s: retry %d/%d in %.2fs after %s",
            provider,
            state.attempt_number,
            settings.max_retries,
            state.next_action.sleep,
            describe(exc),
        )

    async def bounded() -> T:
        if settings.timeout is None:
            return await call()
        async with asyncio.timeout(settings.timeout):
            return await call()

    retrying = AsyncRetrying(
        stop=stop_after_attempt(settings.max_retries + 1),
        wait=wait,
        retry=retry_if_exception(lambda e: is_transient(e, connection_errors)),
        sleep=sleep or default_sleep,
        before_sleep=before_sleep,
        reraise=True,
    )
    try:
        return await retrying(bounded)
    except ModelError:
        raise
    except Exception as exc:
        # `from None`: the SDK exception holds the request, and its text may quote what we sent.
        if is_transient(exc, connection_errors):
            raise ModelUnavailableError(
                f"{provider} kept failing after {settings.max_retries + 1} attempts: {describe(exc)}"
            ) from None
        status = status_of(exc)
        if status in (401, 403, 404):
            raise ModelUnavailableError(f"{provider} refused the request: {describe(exc)}") from None
        raise ModelError(f"{provider} request failed: {describe(exc)}") from None


# --- Redaction ------------------------------------------------------------------------------------

_MASK = "***"
# Environment variables whose values are credentials, whatever the provider.
_SECRET_ENV = re.compile(r"(_API_KEY|_AUTH_TOKEN|_SECRET|_ACCESS_KEY)$")
# Key shapes worth masking even when we never saw the value (pasted into a request, echoed by a server).
_KEY_SHAPES = [
    re.compile(r"\b(sk-(?:ant-|proj-)?)[A-Za-z0-9_\-*]{6,}"),
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._\-~+/*]{6,}=*"),
    re.compile(r"(?i)((?:x-)?api[-_]?key[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]{6,}"),
]
_known: set[str] = set()


def register_secret(value: str | None) -> None:
    """Mask ``value`` from now on (keys passed as options rather than through the environment)."""
    if value and len(value) >= 6:
        _known.add(value)


def _secrets() -> list[str]:
    from_env = {v for k, v in os.environ.items() if v and len(v) >= 6 and _SECRET_ENV.search(k)}
    # Longest first, so a key that contains another is masked whole.
    return sorted(_known | from_env, key=len, reverse=True)


def redact(text: str) -> str:
    """``text`` with every known credential and every key-shaped token replaced by ``***``."""
    for secret in _secrets():
        if secret in text:
            text = text.replace(secret, _MASK)
    for shape in _KEY_SHAPES:
        text = shape.sub(lambda m: m.group(1) + _MASK, text)
    return text


def one_line(exc: BaseException, limit: int = 300) -> str:
    """``Type: first line of the message``, redacted and shortened: safe for reports and logs."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")
    text = redact(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
