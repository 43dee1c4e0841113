"""Chunked, interruptible, memory-bounded Monte Carlo runs.

Every estimate is a sum over the trials ``i`` in ``[first, first + trials)`` of a per-trial
quantity (a success indicator, or a fixed-size vector such as a histogram over a bounded range),
and trial ``i``'s random stream depends only on ``(seed, i)`` (:mod:`montecarlo.rng`). So the
range can be cut anywhere: the sum over ``[0, a + b)`` equals the sum over ``[0, a)`` plus the sum
over ``[a, a + b)``, for any chunk size and any numba thread count, bit for bit.

:func:`run_chunks` drives a counting kernel ``count(start, n) -> int | ndarray`` over such a range:

* chunks of bounded size, so memory does not depend on the number of trials (the counting kernels
  allocate one workspace per parallel block, never one value per trial);
* chunk sizes adapt to the machine: they grow geometrically from one trial until a chunk takes
  about :data:`TARGET_CHUNK_SECONDS` (a chunk size given by the caller is used as is);
* Ctrl-C: while a kernel runs, SIGINT only sets a flag (main thread only; the previous handler is
  restored afterwards); after the chunk the driver raises :class:`KeyboardInterrupt` carrying the
  trials done and their partial sum (:func:`interrupted`). (The default handler can raise inside
  numba's dispatcher and surface as ``SystemError``.)
* progress: ``progress(done, total, eta_seconds)`` after every chunk;
* refusal of what cannot finish: once the kernel has run for :data:`CALIBRATION_SECONDS` (most of
  it in the last chunk, so that a stall of a shared machine during the first tiny chunks cannot
  mislead it), the measured rate gives the time of the whole run; over ``max_seconds`` (a day by
  default) the driver raises :class:`TooLargeError` with the estimate. The same rate gives the
  ETA of the progress reports.

Functions that return one value per trial (hitting times, volume paths, samples) are for callers
that ask for them explicitly; :func:`check_per_trial` bounds their size.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable

import numpy as np
from numba import njit

from ticketcheck.errors import InputError, TooLargeError

__all__ = ["run_chunks", "interrupted", "deferred_sigint", "check_range", "check_per_trial",
           "DAY_SECONDS", "TARGET_CHUNK_SECONDS", "CALIBRATION_SECONDS", "MAX_CHUNK",
           "MAX_PER_TRIAL_VALUES", "MAX_TRIAL_INDEX", "NBLOCKS", "block_bounds"]

DAY_SECONDS = 86_400.0
TARGET_CHUNK_SECONDS = 0.5        # chunk length the adaptive sizes aim at (Ctrl-C latency)
CALIBRATION_SECONDS = 1.0         # refuse only on a rate measured over at least this long
MAX_CHUNK = 1 << 26               # trials per kernel call, at most
MAX_GROWTH = 8                    # a chunk is at most this many times the previous one
MAX_PER_TRIAL_VALUES = 1 << 27    # per-trial outputs: at most 2^27 int64 (1 GiB)
MAX_TRIAL_INDEX = 1 << 62         # trial indices are int64 inside the kernels


def interrupted(first: int, done: int, total: int, partial) -> KeyboardInterrupt:
    """The exception raised on Ctrl-C between two chunks: a plain :class:`KeyboardInterrupt` (so an
    uncaught one still exits like Ctrl-C, status 130 / SIGINT: Python grants that only to the exact
    class) carrying ``first``, ``done`` (trials ``[first, first + done)`` finished), ``total`` and
    ``partial`` (their sum, the kernel's aggregate). Rerun from ``first + done`` to continue."""
    exc = KeyboardInterrupt(f"interrupted after {done} of {total} trials (indices [{first}, "
                            f"{first + done})); rerun with first={first + done} to continue")
    exc.first, exc.done, exc.total, exc.partial = first, done, total, partial
    return exc


class _Flag:
    pending = False


@contextmanager
def deferred_sigint():
    """Within the block, SIGINT sets ``flag.pending`` instead of raising.

    Only in the main thread (signal handlers cannot be set elsewhere) and only when a Python
    handler is installed (an ignored SIGINT stays ignored, a default-action one keeps killing);
    the previous handler is restored on exit."""
    flag = _Flag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    prev = signal.getsignal(signal.SIGINT)
    if not callable(prev):
        yield flag
        return

    def _set(signum, frame):
        flag.pending = True

    signal.signal(signal.SIGINT, _set)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, prev)


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def check_range(trials, first=0) -> tuple[int, int]:
    """Validate a trial range ``[first, first + trials)``; one-line :class:`InputError` otherwise."""
    if not _is_int(trials) or trials <= 0:
        raise InputError(f"trials must be a positive integer (got {trials!r}); use e.g. trials=20000")
    if not _is_int(first) or first < 0:
        raise InputError(f"first must be a non-negative integer trial index (got {first!r}); "
                         f"use first=0 for a fresh run")
    if first + trials > MAX_TRIAL_INDEX:
        raise TooLargeError(f"trial indices up to {first + trials} exceed 2^62; use first + trials "
                            f"<= 2^62")
    return int(trials), int(first)


def check_per_trial(trials: int, values_per_trial: int, what: str) -> None:
    """Refuse per-trial outputs over :data:`MAX_PER_TRIAL_VALUES` int64 values."""
    total = int(trials) * max(int(values_per_trial), 1)
    if total > MAX_PER_TRIAL_VALUES:
        raise TooLargeError(
            f"{what}: {trials} trials x {values_per_trial} values per trial would take "
            f"{8 * total / 2**30:.3g} GiB; use the counting function (memory independent of the "
            f"trials) or ask for at most {MAX_PER_TRIAL_VALUES // max(int(values_per_trial), 1)} "
            f"trials at a time (first=...)")


def _human(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * DAY_SECONDS:
        return f"{seconds / 3600:.1f} h"
    if seconds < 730 * DAY_SECONDS:
        return f"{seconds / DAY_SECONDS:.0f} days"
    return f"{seconds / (365.25 * DAY_SECONDS):.3g} years"


def _exact(x):
    """A kernel's aggregate as exact Python integers (an int, or an object array of ints)."""
    return int(x) if np.ndim(x) == 0 else np.asarray(x).astype(object)


def run_chunks(count: Callable[[int, int], object], trials: int, first: int = 0, *,
               chunk: int | None = None, progress: Callable[[int, int, float], None] | None = None,
               max_seconds: float = DAY_SECONDS, max_chunk: int = MAX_CHUNK,
               what: str = "Monte Carlo run"):
    """Sum ``count(start, n)`` over chunks covering ``[first, first + trials)``.

    ``count`` returns an int or an integer array of fixed shape (the same for every chunk, zeros
    for ``n = 0``). ``chunk``: trials per call (default: adaptive, see the module doc, at most
    ``max_chunk``: a kernel whose int64 sums could overflow on larger chunks says so). Returns the
    exact sum in Python integers (an int, or an object array of ints: no overflow however many
    trials). Raises :class:`KeyboardInterrupt` (see :func:`interrupted`) on Ctrl-C and
    :class:`TooLargeError` when the run would take more than ``max_seconds``."""
    trials, first = check_range(trials, first)
    if chunk is not None and (not _is_int(chunk) or not 1 <= chunk <= max_chunk):
        raise InputError(f"chunk must be a number of trials in 1..{max_chunk} (got {chunk!r})")
    total = _exact(count(first, 0))                 # compiles (or loads) the kernel, runs nothing
    size = int(chunk) if chunk is not None else 1
    done = 0
    busy = 0.0                                      # seconds spent in the kernel so far
    with deferred_sigint() as flag:
        while done < trials:
            n = min(size, trials - done)
            t0 = time.perf_counter()
            part = count(first + done, n)
            dt = time.perf_counter() - t0
            busy += dt
            total = total + _exact(part)
            done += n
            remaining = trials - done
            rate = done / busy if busy > 0 else float("inf")
            eta = remaining / rate
            if progress is not None:
                progress(done, trials, eta)
            if flag.pending:
                raise interrupted(first, done, trials, total)
            # decide on a rate measured over at least CALIBRATION_SECONDS, most of it in the last
            # chunk: a stall of the shared machine during a tiny first chunk cannot refuse a run
            if (remaining and busy >= CALIBRATION_SECONDS and dt >= CALIBRATION_SECONDS / 4
                    and busy + eta > max_seconds):
                raise TooLargeError(
                    f"{what}: {trials:.3g} trials would take about {_human(busy + eta)} on this "
                    f"machine ({rate:.3g} trials/s measured); use at most {rate * max_seconds:.2g} "
                    f"trials, or run ranges [first, first + n) separately (e.g. on several "
                    f"machines) and add the Estimates")
            if chunk is None:
                grow = TARGET_CHUNK_SECONDS / dt if dt > 0 else MAX_GROWTH
                size = max(1, min(max_chunk, int(size * min(MAX_GROWTH, grow))))
    return total


# ---- splitting one chunk over numba's parallel blocks -------------------------------------------

NBLOCKS = 64     # a chunk runs as (at most) this many parallel blocks, one workspace each


@njit(cache=True)
def block_bounds(c, nblocks, first, count):
    """Trial indices ``[lo, hi)`` of block ``c`` of ``nblocks`` for the chunk ``[first, first + count)``."""
    return first + c * count // nblocks, first + (c + 1) * count // nblocks
