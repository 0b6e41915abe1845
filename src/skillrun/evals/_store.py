"""The run folder: an append-only ``results.jsonl`` that survives being killed at any moment.

Each result is serialised first, then written with one ``os.write`` on an ``O_APPEND`` descriptor and
``fsync``-ed before the worker takes its next case. A kill (SIGKILL included) can therefore only leave
a torn *last* line: the reader skips it, and opening the store for appending cuts it off first, so the
next line never glues onto a fragment. Duplicate keys are collapsed last-wins on reading, and
``--resume`` never writes a key that is already there. One process at a time holds a run folder
(an ``flock`` that the kernel releases when the process dies).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .._files import write_atomic
from ..errors import EvalError
from ._results import Result, ResultKey, RunManifest

RESULTS = "results.jsonl"
MANIFEST = "run.json"
LOCK = ".lock"


@dataclass
class ReadReport:
    """What reading found besides results: lines it had to skip."""

    torn_tail: bool = False
    bad_lines: list[int] = field(default_factory=list)
    duplicates: int = 0


def read_results(path: Path, report: ReadReport | None = None) -> list[Result]:
    """Results of ``results.jsonl`` (or of the run folder holding it), one per key, last write wins."""
    if path.is_dir():
        path = path / RESULTS
    report = report if report is not None else ReadReport()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc.strerror or exc}") from None
    by_key: dict[ResultKey, Result] = {}
    for number, line in _complete_lines(data, report):
        try:
            result = Result.model_validate_json(line)
        except (ValidationError, ValueError):
            report.bad_lines.append(number)
            continue
        if result.key in by_key:
            report.duplicates += 1
            del by_key[result.key]  # keep file order of the surviving (last) write
        by_key[result.key] = result
    return list(by_key.values())


def _complete_lines(data: bytes, report: ReadReport) -> Iterator[tuple[int, bytes]]:
    lines = data.split(b"\n")
    if lines and lines[-1].strip():
        report.torn_tail = True  # no newline after the last record: it was cut mid-write
    for number, line in enumerate(lines[:-1], start=1):
        if line.strip():
            yield number, line


def read_manifest(folder: Path) -> RunManifest | None:
    try:
        return RunManifest.model_validate_json((folder / MANIFEST).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError, ValueError) as exc:
        raise EvalError(
            f"{folder / MANIFEST}: not a skillrun run manifest ({exc.__class__.__name__})"
        ) from None


def write_manifest(folder: Path, manifest: RunManifest) -> None:
    """Replace ``run.json`` atomically (write a sibling, fsync, rename)."""
    write_atomic(folder / MANIFEST, manifest.model_dump_json(indent=2) + "\n", fsync=True)


class ResultStore:
    """Appends results to ``folder/results.jsonl``; use as a context manager (it holds the folder lock)."""

    def __init__(self, folder: Path, *, fsync: bool = True) -> None:
        self.folder = folder
        self.path = folder / RESULTS
        self.fsync = fsync
        self._fd: int | None = None
        self._lock_fd: int | None = None
        self.written: set[ResultKey] = set()

    def __enter__(self) -> ResultStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> dict[ResultKey, Result]:
        """Lock the folder, cut a torn tail, and return the results already there."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock()
        self._repair_tail()
        existing = {r.key: r for r in read_results(self.path)}
        self.written = set(existing)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        return existing

    def append(self, result: Result) -> None:
        """Write one result as one line; a key already in the file is a bug in the caller."""
        if self._fd is None:
            raise EvalError("the result store is not open")
        if result.key in self.written:
            raise EvalError(f"result {result.key} is already in {self.path}")
        line = result.model_dump_json().encode("utf-8") + b"\n"
        written = os.write(self._fd, line)
        while written < len(line):  # regular files write all at once; a full disk may not
            step = os.write(self._fd, line[written:])
            if step <= 0:
                raise EvalError(f"cannot append to {self.path}: short write")
            written += step
        if self.fsync:
            os.fsync(self._fd)
        self.written.add(result.key)

    def drop(self, keys: set[ResultKey]) -> None:
        """Rewrite the file without ``keys`` (atomically), so re-run errors replace their old lines."""
        if not keys:
            return
        kept = [r for r in read_results(self.path) if r.key not in keys]
        write_atomic(self.path, "".join(r.model_dump_json() + "\n" for r in kept), fsync=True)
        if self._fd is not None:
            os.close(self._fd)  # it still points at the file that was replaced
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.written -= keys

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _lock(self) -> None:
        import fcntl

        fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise EvalError(f"{self.folder} is in use by another skillrun eval") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def _repair_tail(self) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0:
            return
        with open(self.path, "rb+") as handle:
            # Look back block by block for the last newline; everything after it is a torn write.
            end = size
            block = 1 << 16
            while end > 0:
                start = max(0, end - block)
                handle.seek(start)
                chunk = handle.read(end - start)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    keep = start + cut + 1
                    break
                end = start
            else:
                keep = 0
            if keep < size:
                handle.truncate(keep)
                handle.flush()
                os.fsync(handle.fileno())
