"""The retry loop's pieces: what is transient, how long to wait, what a failure says."""

from __future__ import annotations

import asyncio
import email.utils
import time
from types import SimpleNamespace

import pytest

from skillrun.errors import ModelError, ModelUnavailableError
from skillrun.models import ModelSettings
from skillrun.models._transport import call_with_retries, describe, is_transient, retry_after


class StatusError(Exception):
    def __init__(self, status: int, headers: dict[str, str] | None = None, message: str = "boom") -> None:
        super().__init__(message)
        self.status_code = status
        self.message = message
        self.response = SimpleNamespace(headers=headers or {})
        self.body = {"error": {"message": message}}


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (StatusError(408), True),
        (StatusError(409), True),
        (StatusError(429), True),
        (StatusError(500), True),
        (StatusError(529), True),
        (StatusError(400), False),
        (StatusError(401), False),
        (StatusError(404), False),
        (TimeoutError(), True),
        (ConnectionResetError(), True),
        (ValueError(), False),
        (SimpleNamespace(is_retryable=True), True),
    ],
)
def test_what_is_transient(exc, expected):
    assert is_transient(exc) is expected  # type: ignore[arg-type]


def test_retry_after_headers():
    assert retry_after(StatusError(429, {"retry-after-ms": "1500", "retry-after": "9"})) == 1.5
    assert retry_after(StatusError(429, {"retry-after": "3"})) == 3.0
    later = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 15 < retry_after(StatusError(503, {"retry-after": later})) <= 20
    assert retry_after(StatusError(503, {"retry-after": "soon"})) is None
    assert retry_after(StatusError(503)) is None
    assert retry_after(ValueError()) is None


def test_describe_is_short_and_redacted(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-abcdef0123456789")
    text = describe(StatusError(401, message="Incorrect API key provided: sk-live-abcdef0123456789\nmore"))
    assert text == "HTTP 401: Incorrect API key provided: ***"


def run(call, **settings):
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    result = asyncio.run(
        call_with_retries(call, provider="p:m", settings=ModelSettings(**settings), sleep=sleep)
    )
    return result, waits


def script(*outcomes):
    queue = list(outcomes)

    async def call():
        item = queue.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    return call


def test_waits_follow_retry_after_then_backoff_and_are_capped():
    result, waits = run(
        script(StatusError(429, {"retry-after": "100"}), StatusError(503), "ok"), max_retry_wait=7.0
    )
    assert result == "ok"
    assert waits[0] == 7.0 and 0 <= waits[1] <= 1.0


def test_exhausted_retries_and_hard_failures():
    with pytest.raises(ModelUnavailableError, match="after 2 attempts: HTTP 503"):
        run(script(StatusError(503), StatusError(503)), max_retries=1)
    with pytest.raises(ModelUnavailableError, match="refused the request: HTTP 403"):
        run(script(StatusError(403)))
    with pytest.raises(ModelError, match="request failed: HTTP 400") as caught:
        run(script(StatusError(400)))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_each_attempt_is_bounded_by_the_timeout():
    async def hang():
        await asyncio.sleep(10)

    with pytest.raises(ModelUnavailableError, match="TimeoutError"):
        run(hang, timeout=0.01, max_retries=1)
