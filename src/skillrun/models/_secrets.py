"""Keeping credentials out of everything skillrun writes: messages, logs, reports, caches.

Provider error bodies can quote a key (OpenAI's 401 message shows part of it), and exception text ends
up in fallback reasons, eval results and log records. Every string built from a provider's answer or
exception goes through :func:`redact` first.
"""

from __future__ import annotations

import os
import re

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
