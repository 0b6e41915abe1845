"""Where skillrun keeps caches on the user's machine (the knowledge cache and the eval model cache)."""

from __future__ import annotations

import os
from pathlib import Path

_OFF = ("off", "0", "none")


def user_cache_dir() -> Path | None:
    """``$SKILLRUN_CACHE_DIR`` (``off``, ``0`` or ``none``: no cache, ``None``), else
    ``$XDG_CACHE_HOME/skillrun``, else ``~/.cache/skillrun``."""
    explicit = os.environ.get("SKILLRUN_CACHE_DIR")
    if explicit:
        return None if explicit.lower() in _OFF else Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "skillrun"
