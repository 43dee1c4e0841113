"""Monte Carlo single target of the RSSP with zero-excluded samples (Kumar & Natale; npp.md).

Model: X_1..X_n i.i.d. uniform on {-M..-1, 1..M} (0 excluded, unlike ``montecarlo.rssp`` whose
samples are uniform on {-M..M}); success iff some S subset [n] (empty included) has
|sum_S X - z| <= Delta.  Exact twin: exact/rssp_nonzero.py.

Streams: trial i draws X_1..X_n in order from the stream of (seed, i) (:mod:`montecarlo.rng`):
u = ``uniform_below(2M)``, X = u - M if u < M else u - M + 1.  Each trial is decided exactly by meet
in the middle over subset sums (:mod:`montecarlo.mitm_int` with coefficients {0, 1}): sorted subset
sums of the two halves, then whether a pair sum lies in [z - Delta, z + Delta].  n <= 40.
:func:`rssp_nonzero_kernel` ``(seed, first, trials, ...)`` returns per-chunk success counts;
:func:`py_rssp_nonzero_hits` is the pure-Python reference (same streams, sets of subset sums).
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from ticketcheck.errors import TooLargeError, require_int
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, run_chunks
from ticketcheck.montecarlo.mitm_int import any_pair_in, half_sums, workspace
from ticketcheck.montecarlo.rng import (py_trial_state, py_uniform_below, rejection_limit,
                                        seed_u64, trial_state, uniform_below)

__all__ = ["rssp_nonzero_kernel", "rssp_nonzero_hits", "py_rssp_nonzero_hits",
           "rssp_nonzero_single_target", "MAX_N"]

MAX_N = 40


@njit(cache=True)
def _trial(state, K, limit, M, n, lo, hi, x, A, B, tmp):
    for j in range(n):
        state, u = uniform_below(state, K, limit)
        x[j] = u - M if u < M else u - M + 1
    h = n // 2
    na = half_sums(x, 0, h, 0, 1, False, A, tmp)
    nb = half_sums(x, h, n, 0, 1, False, B, tmp)
    return any_pair_in(A, na, B, nb, lo, hi)


@njit(parallel=True, cache=True)
def rssp_nonzero_kernel(seed, first, trials, M, n, delta, z, limit, acc):
    """Successes of trials [first, first + trials) added into ``acc[chunk]`` (int64, zero)."""
    K = np.uint64(2 * M)
    nchunks = acc.shape[0]
    for c in prange(nchunks):
        x, A, B, tmp = workspace(n, 1 << (n // 2), 1 << (n - n // 2))
        lo, hi = block_bounds(c, nchunks, first, trials)
        for i in range(lo, hi):
            acc[c] += _trial(trial_state(seed, i), K, limit, M, n, z - delta, z + delta, x, A, B, tmp)


def _check(M, n, delta, z, trials, seed, first):
    M = require_int("M", M, 1, hint="samples uniform on {-M..-1, 1..M}")
    n = require_int("n", n, 0, hint="number of samples")
    delta = require_int("delta", delta, 0, hint="tolerance |sum_S X - z| <= delta")
    z = require_int("z", z, hint="integer target")
    trials = require_int("trials", trials, 1, hint="number of Monte Carlo instances")
    seed = require_int("seed", seed)
    first = require_int("first", first, 0, hint="index of the first trial")
    if n > MAX_N:
        raise TooLargeError(f"meet in the middle needs 2^{n - n // 2} subset sums per half for "
                            f"n = {n}; use n <= {MAX_N}")
    if (n + 1) * M + abs(z) + delta >= 1 << 62:
        raise TooLargeError("the sums would overflow int64; use smaller M, z or delta")
    return M, n, delta, z, trials, seed, first


def rssp_nonzero_hits(M, n, delta, z, trials, seed, first=0, *, chunk=None, progress=None) -> int:
    """Number of successes among trials [first, first + trials), counted in chunks
    (:func:`montecarlo.chunks.run_chunks`: Ctrl-C, progress, refusal of runs over a day)."""
    M, n, delta, z, trials, seed, first = _check(M, n, delta, z, trials, seed, first)
    s64, limit = seed_u64(seed), rejection_limit(2 * M)

    def count(a, m):
        acc = np.zeros(min(m, NBLOCKS), np.int64)
        rssp_nonzero_kernel(s64, a, m, M, n, delta, z, limit, acc)
        return acc.sum()
    return int(run_chunks(count, trials, first, chunk=chunk, progress=progress,
                          what=f"zero-free RSSP single target (M={M}, n={n})"))


def py_rssp_nonzero_hits(M, n, delta, z, trials, seed, first=0) -> int:
    """Pure-Python reference: same streams, the set of all subset sums."""
    hits = 0
    for i in range(first, first + trials):
        st = py_trial_state(seed, i)
        sums = {0}
        for _ in range(n):
            st, u = py_uniform_below(st, 2 * M)
            x = u - M if u < M else u - M + 1
            sums |= {s + x for s in sums}
        hits += any(abs(s - z) <= delta for s in sums)
    return hits


def rssp_nonzero_single_target(M, n, delta, z, trials, seed, *, first=0, chunk=None,
                               progress=None) -> Estimate:
    """P(exists S: |sum_S X - z| <= Delta), X uniform on {-M..-1, 1..M} (Kumar & Natale)."""
    hits = rssp_nonzero_hits(M, n, delta, z, trials, seed, first, chunk=chunk, progress=progress)
    return Estimate(hits, int(trials), int(seed), first=int(first))
