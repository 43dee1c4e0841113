"""Where a review keeps its results: the output directory, its journal, and ``results.json``.

Layout of an output directory (``ticketcheck review --out DIR``):

* ``journal.jsonl``: one JSON line per finished claim (and per computed figure), appended and
  fsync'd as soon as it is finished. It is the review's memory across runs: a rerun takes every
  entry whose key matches instead of recomputing it, so an interrupted or killed review loses at
  most the claims that were running. A line is
  ``{"key", "kind", "id", "sig", "schema", "sha256", "record"}``: ``key`` is the cache key (claim,
  options, code key), ``sig`` the same without the code (entries of one ``(kind, id, sig)`` replace
  each other), ``sha256`` seals the record's text exactly as written. A claim record is validated
  against the results schema (:func:`~ticketcheck.results_schema.claim_errors`) before it is written
  and again whenever it is read; a line that does not parse, whose seal does not match (half-written
  by a kill, edited, corrupted), whose schema version is another, or whose record is off the schema
  (a verdict ``5``) is ignored, so its claim is recomputed: an invalid entry is never trusted. Superseded lines are dropped when they make up a quarter of the
  file (:meth:`Journal.compact`).
* ``results.json``: assembled once at the end of the review and on interrupt, replaced atomically
  (written to a temporary file, fsync'd, renamed), never rewritten per claim.
* ``.lock``: held (``flock``) while a review writes into the directory, so that two reviews do not
  interleave their journals.

File-system faults (the directory is a file, its parent is missing, no permission, a read-only
file system, a full disk) become one :class:`~ticketcheck.errors.InputError` line saying what to do
(:mod:`ticketcheck.files`).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ticketcheck.errors import InputError
from ticketcheck.files import RESULTS, fs_errors, write_atomic
from ticketcheck.results_schema import SCHEMA_VERSION, claim_errors, claim_is_valid

__all__ = ["JOURNAL", "RESULTS", "Entry", "Journal", "prepare_output", "output_lock", "results_text",
           "fs_errors", "write_atomic"]

JOURNAL = "journal.jsonl"
_RECORD = ', "record": '


def prepare_output(out: Path | str, option: str = "--out") -> Path:
    """The output directory, created if missing (its parent must exist) and checked writable."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{option} {out} is a file, not a directory; give a directory (it is created "
                         f"if missing)")
    parent = out.absolute().parent
    if not out.exists():
        if not parent.is_dir():
            raise InputError(f"{option} {out}: its parent directory {parent} does not exist; create "
                             f"it first or choose another {option}")
        with fs_errors(out, "create the directory"):
            out.mkdir()
    probe = out / f".write-test.{os.getpid()}"
    with fs_errors(out, "write into"):
        probe.write_bytes(b"")
        probe.unlink()
    return out


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` while a review writes into ``out`` (released by the OS if the process
    dies)."""
    import fcntl
    with fs_errors(out, "lock"):
        fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"another ticketcheck review is writing into {out}; wait for it to "
                             f"finish or give another --out") from None
        yield
    finally:
        os.close(fd)


# ------------------------------------------------------------------ the journal

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    """One valid journal line: its metadata, the record's exact text, and the parsed record."""

    key: str
    kind: str
    id: str
    sig: str
    text: str
    record: dict
    offset: int
    size: int


class Journal:
    """The append-only journal of an output directory (see the module doc)."""

    def __init__(self, out: Path):
        self.path = Path(out) / JOURNAL
        self.entries: dict[str, Entry] = {}
        self.rejected = 0      # lines ignored: half-written, corrupted, invalid
        self.superseded = 0    # bytes of lines replaced by a later one of the same (kind, id, sig)
        self.size = 0
        self._load()

    # -- reading
    @staticmethod
    def parse_line(line: str, offset: int = 0) -> Entry | None:
        """The entry of one line, or None when it cannot be trusted."""
        i = line.find(_RECORD)
        if i < 0 or not line.endswith("}\n"):
            return None
        text = line[i + len(_RECORD):-2]
        try:
            meta = json.loads(line[:i] + "}")
        except ValueError:
            return None
        if (not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION
                or meta.get("sha256") != _sha(text)):
            return None
        try:
            record = json.loads(text)
        except ValueError:
            return None
        if not isinstance(record, dict) or not all(isinstance(meta.get(k), str) for k in ("key", "kind", "id", "sig")):
            return None
        if meta["kind"] == "claim" and not (claim_is_valid(record) and record.get("id") == meta["id"]):
            return None  # sealed but off the schema (a verdict 5): recomputed, never trusted
        return Entry(meta["key"], meta["kind"], meta["id"], meta["sig"], text, record, offset,
                     len(line.encode("utf-8")))

    def _load(self) -> None:
        if not self.path.exists():
            return
        with fs_errors(self.path, "read"):
            data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a line cut by a kill: drop it, so that the next append starts clean
            with fs_errors(self.path, "repair"):
                with open(self.path, "r+b") as f:
                    f.truncate(end)
            self.rejected += 1
            data = data[:end]
        self.size = end
        latest: dict[tuple[str, str, str], str] = {}
        offset = 0
        for raw in data.splitlines(keepends=True):
            entry = self.parse_line(raw.decode("utf-8", errors="replace"), offset)
            offset += len(raw)
            if entry is None:
                self.rejected += 1
                self.superseded += len(raw)
                continue
            slot = (entry.kind, entry.id, entry.sig)
            old = latest.get(slot)
            if old is not None and old in self.entries:
                self.superseded += self.entries.pop(old).size
            if entry.key in self.entries:  # the same key written twice: keep the last
                self.superseded += self.entries.pop(entry.key).size
            self.entries[entry.key] = entry
            latest[slot] = entry.key

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    # -- writing
    def append(self, key: str, kind: str, id: str, sig: str, record: dict, text: str | None = None) -> Entry:
        """Validate ``record`` (a claim record against the results schema) and append it, fsync'd.
        An invalid record is not written (:class:`ValueError`): a bug in the engine, not a result."""
        if kind == "claim" and not claim_is_valid(record):
            errs = claim_errors(record)
            if errs:
                raise ValueError(f"the result of {id} does not follow the results schema: {'; '.join(errs)}")
        text = json.dumps(record, default=str) if text is None else text
        line = self._line(key, kind, id, sig, text)
        with fs_errors(self.path, "append to"):
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
        old = self.entries.get(key)
        if old is not None:
            self.superseded += old.size
        for k, e in list(self.entries.items()):
            if (e.kind, e.id, e.sig) == (kind, id, sig) and k != key:
                self.superseded += self.entries.pop(k).size
        size = len(line.encode("utf-8"))
        entry = Entry(key, kind, id, sig, text, record, self.size, size)
        self.entries[key] = entry
        self.size += size
        return entry

    @staticmethod
    def _line(key: str, kind: str, id: str, sig: str, text: str) -> str:
        meta = json.dumps({"key": key, "kind": kind, "id": id, "sig": sig, "schema": SCHEMA_VERSION,
                           "sha256": _sha(text)})
        return meta[:-1] + _RECORD + text + "}\n"

    def compact(self, force: bool = False) -> bool:
        """Rewrite the journal without superseded or rejected lines when they make up a quarter of
        it (or ``force``). Returns whether it was rewritten."""
        if not (self.superseded and (force or 4 * self.superseded >= self.size)):
            return False
        ordered = sorted(self.entries.values(), key=lambda e: e.offset)
        lines = [self._line(e.key, e.kind, e.id, e.sig, e.text) for e in ordered]
        write_atomic(self.path, "".join(lines))
        offset = 0
        for e, line in zip(ordered, lines):
            e.offset, e.size = offset, len(line.encode("utf-8"))
            offset += e.size
        self.size, self.superseded, self.rejected = offset, 0, 0
        return True


# ------------------------------------------------------------------ results.json

def results_text(head: dict, claim_texts: list[str]) -> str:
    """``results.json`` from its head (every field but ``claims``) and the claims already
    serialized (each claim is serialized once: the results of a full review are tens of MB)."""
    text = json.dumps({**head, "claims": []}, indent=1)
    assert text.endswith('"claims": []\n}')
    body = ",\n".join(claim_texts)
    return text[:-4] + ("[\n" + body + "\n]\n}\n" if claim_texts else "[]\n}\n")
