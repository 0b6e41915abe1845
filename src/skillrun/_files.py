"""Replacing a file at once: readers (a CI step, a resumed run, an editor) see the old file or the new
one, never half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, fsync: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to a sibling temporary file, then rename it over ``path``.

    ``fsync`` also flushes the data to disk before the rename, for files a crash must not lose.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
