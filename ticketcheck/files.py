"""Files of the results format, read and written safely: file-system faults as one line saying
what to do, atomic replacement, and reading a results file (``results.json``) validated against the
results schema. Used by the review's storage, ``ticketcheck report`` and ``ticketcheck diff``.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path
from typing import Iterator

from ticketcheck.errors import InputError

__all__ = ["RESULTS", "fs_error", "fs_errors", "write_atomic", "read_results"]

RESULTS = "results.json"

_WHAT_TO_DO = {
    errno.EACCES: "no permission; choose a directory you can write to",
    errno.EPERM: "no permission; choose a directory you can write to",
    errno.EROFS: "read-only file system; choose a writable directory",
    errno.ENOSPC: "the disk is full; free some space or choose another directory",
    errno.EDQUOT: "disk quota exceeded; free some space or choose another directory",
    errno.ENOTDIR: "a part of the path is a file, not a directory; choose another path",
    errno.ENOENT: "a part of the path does not exist; create it first or choose another path",
    errno.EISDIR: "it is a directory, not a file",
    errno.ENAMETOOLONG: "the path is too long; choose a shorter one",
}


def fs_error(exc: OSError, path: Path | str, doing: str) -> InputError:
    """One line for an ``OSError`` met while ``doing`` something to ``path``."""
    what = _WHAT_TO_DO.get(exc.errno, f"{exc.strerror or exc}; check the path")
    return InputError(f"cannot {doing} {path}: {what}")


@contextlib.contextmanager
def fs_errors(path: Path | str, doing: str) -> Iterator[None]:
    """Turn an ``OSError`` inside the block into one :class:`InputError` line."""
    try:
        yield
    except OSError as e:
        raise fs_error(e, getattr(e, "filename", None) or path, doing) from None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file that is fsync'd and renamed over it: a
    reader (or a crash) sees the old file or the new one, never a part."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with fs_errors(path, "write"):
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        _fsync_dir(path.parent)


def _fsync_dir(d: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_results(path: Path | str, option: str = "") -> dict:
    """A results document from ``path`` (a results.json or the directory holding one), validated
    against the results schema; every fault is one :class:`InputError` line."""
    from ticketcheck.results_schema import validate_document  # (imports jsonschema)
    path = Path(path)
    what = f"{option} {path}".strip()
    if path.is_dir():
        path = path / RESULTS
        if not path.exists():
            raise InputError(f"{what} holds no {RESULTS}; give the directory of a review "
                             f"(`ticketcheck review --out DIR`) or a results file")
    elif not path.exists():
        raise InputError(f"{what} does not exist; give a review's directory or its {RESULTS}")
    with fs_errors(path, "read"):
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise InputError(f"{path} is not valid JSON ({e.msg} at line {e.lineno}); it was cut or "
                         f"corrupted: rerun the review (finished claims come from its journal)") from None
    return validate_document(doc, str(path))
