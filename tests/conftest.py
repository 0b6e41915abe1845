"""Shared fixtures. Tests that need ../shared skip without it, except in CI where they must run."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path | None:
    candidate = Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder (seed, corpus, reference, evals)."""
    found = _shared_dir()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("../shared is missing, and CI=true requires it")
        pytest.skip("../shared not found (a user's clone has none); set SKILLRUN_SHARED to run this test")
    return found


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


# --- skillrun and Python in a fresh process ------------------------------------------------------


@pytest.fixture(scope="session")
def run_skillrun():  # type: ignore[no-untyped-def]
    """``python -m skillrun ARGS`` in a fresh process with ``NO_COLOR=1``; the CompletedProcess.

    ``input`` may be text or bytes (then stdout and stderr are bytes too).
    """

    def run(
        *args: str,
        input: str | bytes | None = None,
        cwd: Path | None = None,
        timeout: float = 300,
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "skillrun", *args],
            input=input,
            capture_output=True,
            text=not isinstance(input, bytes),
            cwd=cwd,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1"},
        )

    return run


@dataclass(frozen=True)
class Imported:
    """What a fresh interpreter imported while running a probe, and what the probe printed."""

    modules: frozenset[str]
    """Full dotted names (``skillrun.plugin._hook``)."""
    stdout: str

    @property
    def packages(self) -> set[str]:
        """Top-level names (``skillrun``, ``openai``)."""
        return {name.split(".")[0] for name in self.modules}


@pytest.fixture(scope="session")
def imported_modules():  # type: ignore[no-untyped-def]
    """Run ``code`` in a fresh interpreter (``args`` in ``sys.argv[1:]``); what it imported.

    The module list goes to stderr on its own marked line, so whatever the code prints on stdout (help
    text naming commands such as ``mcp``, a route result) cannot mix with it.
    """

    def run(code: str, *args: str) -> Imported:
        probe = f"{code}\nimport sys\nprint('MODULES: ' + ' '.join(sorted(sys.modules)), file=sys.stderr)"
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120
        )
        line = next((line for line in done.stderr.splitlines() if line.startswith("MODULES: ")), None)
        assert line is not None, done.stderr
        return Imported(frozenset(line.removeprefix("MODULES: ").split()), done.stdout)

    return run


# --- No network but loopback; no real provider calls unless a test opts in ---------------------------

import ipaddress  # noqa: E402
import socket  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))  # tests/wire_server.py, importable from tests

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host: object) -> bool:
    if host is None or host == "":
        return True
    if isinstance(host, bytes):
        host = host.decode()
    text = str(host).strip("[]")
    if text.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard_address(address: object) -> None:
    if isinstance(address, tuple) and address and not _is_loopback(address[0]):
        raise ConnectionRefusedError(f"tests may only connect to loopback, not {address[0]!r}")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _connect(self: socket.socket, address: object) -> None:
    _guard_address(address)
    return _real_connect(self, address)  # type: ignore[arg-type]


def _connect_ex(self: socket.socket, address: object) -> int:
    _guard_address(address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _getaddrinfo(host: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    if not _is_loopback(host):
        raise socket.gaierror(socket.EAI_NONAME, f"tests may not resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _getaddrinfo  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _block_model_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    import skillrun.models

    monkeypatch.setattr(skillrun.models, "ALLOW_MODEL_REQUESTS", False)


@pytest.fixture
def allow_model_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to provider calls (they can only reach the loopback server anyway)."""
    import skillrun.models

    monkeypatch.setattr(skillrun.models, "ALLOW_MODEL_REQUESTS", True)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits are recorded instead of slept."""
    import skillrun.models._transport as transport

    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(transport, "default_sleep", record)
    return waits


@pytest.fixture(scope="session")
def _wire_server():  # type: ignore[no-untyped-def]
    from wire_server import WireServer

    server = WireServer().start()
    yield server
    server.stop()


@pytest.fixture
def wire(_wire_server, allow_model_requests, no_sleep, monkeypatch):  # type: ignore[no-untyped-def]
    """The loopback OpenAI/Anthropic server, reset for this test; provider env vars point at it."""
    _wire_server.reset()
    for var in (
        "OPENAI_BASE_URL",
        "ANTHROPIC_BASE_URL",
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-loopback-key")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-loopback-key")
    yield _wire_server
    _wire_server.reset()


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep caches written by the code under test (knowledge pickle) out of the user's home."""
    if "SKILLRUN_CACHE_DIR" not in os.environ:
        os.environ["SKILLRUN_CACHE_DIR"] = str(tmp_path_factory.mktemp("skillrun-cache"))
