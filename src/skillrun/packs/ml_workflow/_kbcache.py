"""An on-disk cache of the validated knowledge base, so that a cold ``skillrun run`` skips YAML parsing.

The pickle is keyed by a hash of the YAML texts, the Python version and the source of the modules that
define the knowledge classes: any edit makes a new key, so a stale cache is never read. The cache lives
in ``$SKILLRUN_CACHE_DIR``, else ``$XDG_CACHE_HOME/skillrun``, else ``~/.cache/skillrun``. It can only
make a run faster: an unreadable, corrupt or foreign file is ignored (and replaced), an unwritable
folder leaves the run uncached, and ``SKILLRUN_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..._cache_dir import user_cache_dir

T = TypeVar("T")

_FORMAT = 1
_PREFIX = "ml-workflow-knowledge-"
_KEEP = 3
"""How many cache files of older keys to leave in place (other checkouts may still use them)."""


def _key(texts: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT}|{sys.version}|".encode())
    here = Path(__file__).parent
    for module in ("knowledge.py", "_cues.py", "_frames.py", "_kbcache.py", "_learned.py"):
        try:
            digest.update((here / module).read_bytes())
        except OSError:
            digest.update(module.encode())
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return digest.hexdigest()


def load_or_build(texts: dict[str, str], build: Callable[[dict[str, str]], T], kind: type[T]) -> T:
    """The cached object for ``texts`` if a valid one exists, else ``build(texts)`` (then cached)."""
    folder = user_cache_dir()
    path = folder / f"{_PREFIX}{_key(texts)}.pickle" if folder is not None else None
    if path is not None:
        cached = _read(path, kind)
        if cached is not None:
            return cached
    value = build(texts)
    if path is not None:
        _write(path, value)
    return value


def _read(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)  # noqa: S301 - our own file in the user's cache folder
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a corrupt or foreign cache file is a miss, never an error
        return None
    return value if isinstance(value, kind) else None


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path)
    except Exception:  # noqa: BLE001 - an unwritable cache only costs speed
        return


def _prune(current: Path) -> None:
    old = sorted(
        (p for p in current.parent.glob(f"{_PREFIX}*.pickle") if p != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for stale in old[_KEEP:]:
        stale.unlink(missing_ok=True)
