"""Monte Carlo for the second-moment argument of Theorem 2 (sparsity paper §3.1), Uniform[-1,1] samples.

* :func:`subset_count_moments` -- per trial draw ``X_1..X_n``, count ``Y = #{|S| = k: |Sigma_S - z| < eps}``
  over all ``C(n, k)`` subsets (Eqs. (5), (7), (8)); returns the raw sums ``sum Y``, ``sum Y^2``,
  ``#{Y > 0}`` (exact integers) with an :class:`Estimate` of ``Pr(Y > 0)`` and Hoeffding
  :class:`MeanEstimate` s of ``E[Y]/C(n,k)`` and ``E[Y^2]/C(n,k)^2`` (both in [0, 1]).
* :func:`overlap_pair` -- two k-subsets sharing exactly ``i`` samples: per trial draw the shared part
  (``i`` samples) and the two private parts (``k - i`` each) *directly*, and count ``H``
  (``|Sigma_S - z| < eps``), ``H'`` and ``H and H'`` (Eqs. (19)-(23): the exact ``q_joint`` formula
  assumes the conditional independence of the private parts given the shared sum; this simulation
  does not).

Streams: trial ``t`` uses ``montecarlo.rng.trial_state(seed, t)`` via ``montecarlo.rfss.draw_samples``
(Uniform[-1,1], 4 words per sample), so counts do not depend on the thread count or on how the
trials are split (``first``: the trials ``[first, first + trials)``, counted in chunks). Pure-Python twins
:func:`py_subset_counts` and :func:`py_overlap_counts` are kept for the tests.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, check_range, run_chunks
from ticketcheck.montecarlo.estimate import Estimate, MeanEstimate
from ticketcheck.montecarlo.rfss import UNIFORM, _validate_continuous, draw_samples, py_draw_samples
from ticketcheck.montecarlo.rfss_mitm import brute_all_sums
from ticketcheck.montecarlo.rng import seed_u64

__all__ = ["subset_count_moments", "overlap_pair", "py_subset_counts", "py_overlap_counts",
           "MAX_SUBSETS"]

MAX_SUBSETS = 20_000


# Kernels return fixed-size sums over the trials [first, first + count) (one row per parallel
# block, summed at the end); the drivers count in chunks (montecarlo.chunks).

@njit(cache=True, parallel=True)
def _count_kernel(seed, first, count, n, k, eps, z):
    """``[sum Y, sum Y^2, #{Y > 0}]`` with Y = #{|S| = k: |Sigma_S - z| < eps} per trial."""
    nb = min(count, NBLOCKS)
    rows = np.zeros((nb, 3), dtype=np.int64)
    for c in prange(nb):
        lo, hi = block_bounds(c, nb, first, count)
        for t in range(lo, hi):
            x = draw_samples(seed, t, n, 0, 1.0, 0, 0.0)
            sums = brute_all_sums(x, k)
            y = 0
            for v in sums:
                if abs(v - z) < eps:
                    y += 1
            rows[c, 0] += y
            rows[c, 1] += y * y
            rows[c, 2] += 1 if y > 0 else 0
    return rows.sum(axis=0)


@njit(cache=True, parallel=True)
def _pair_kernel(seed, first, count, k, i, eps, z):
    """Counts of H (shared + private part B), H' (shared + private part A), H and H'."""
    m = k - i
    nb = min(count, NBLOCKS)
    rows = np.zeros((nb, 3), dtype=np.int64)
    for c in prange(nb):
        lo, hi = block_bounds(c, nb, first, count)
        for t in range(lo, hi):
            x = draw_samples(seed, t, i + 2 * m, 0, 1.0, 0, 0.0)
            s = 0.0
            for j in range(i):
                s += x[j]
            a = 0.0
            b = 0.0
            for j in range(m):
                a += x[i + j]
                b += x[i + m + j]
            h = abs(s + b - z) < eps
            h2 = abs(s + a - z) < eps
            rows[c, 0] += 1 if h else 0
            rows[c, 1] += 1 if h2 else 0
            rows[c, 2] += 1 if (h and h2) else 0
    return rows.sum(axis=0)


def subset_count_moments(n, k, eps, z, trials=2000, seed=12345, *, first=0, chunk=None,
                         progress=None) -> dict:
    """Monte Carlo law summaries of ``Y`` (see module doc); ``C(n, k) <= MAX_SUBSETS``; the
    trials ``[first, first + trials)``, counted in chunks."""
    e, _ = _validate_continuous(n, k, eps, trials, seed, "uniform")
    trials, first = check_range(trials, first)
    c = math.comb(n, k)
    if c > MAX_SUBSETS:
        raise InputError(f"C({n},{k}) = {c} subsets per trial > {MAX_SUBSETS}; use smaller n")
    s64, n, k, zf = seed_u64(seed), int(n), int(k), float(z)
    sy, sy2, pos = (int(v) for v in run_chunks(
        lambda a, m: _count_kernel(s64, a, m, n, k, e, zf), trials, first, chunk=chunk,
        progress=progress, what=f"subset counts (n={n}, k={k})"))
    return {"sum_y": sy, "sum_y2": sy2, "positive": pos, "trials": trials, "subsets": c,
            "p_pos": Estimate(pos, trials, seed, first=first),
            "mean_y_over_c": MeanEstimate(sy / (c * trials), trials, 0.0, 1.0, seed),
            "mean_y2_over_c2": MeanEstimate(sy2 / (c * c * trials), trials, 0.0, 1.0, seed)}


def overlap_pair(k, i, eps, z, trials=20000, seed=12345, *, first=0, chunk=None,
                 progress=None) -> dict:
    """Counts of H, H', H and H' for two k-subsets with overlap exactly ``i`` (direct simulation)."""
    e, _ = _validate_continuous(k, k, eps, trials, seed, "uniform")
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i <= k:
        raise InputError(f"overlap i must be an integer in 0..k={k}, got {i!r}")
    trials, first = check_range(trials, first)
    s64, k, i, zf = seed_u64(seed), int(k), int(i), float(z)
    h, h2, both = (int(v) for v in run_chunks(
        lambda a, m: _pair_kernel(s64, a, m, k, i, e, zf), trials, first, chunk=chunk,
        progress=progress, what=f"overlap pair (k={k}, i={i})"))
    return {"H": h, "H2": h2, "both": both, "trials": trials,
            "p_joint": Estimate(both, trials, seed, first=first),
            "p_cond": Estimate(both, h, seed) if h else None}


# ---------------------------------------------------------------- pure-Python twins (tests)

def py_subset_counts(n: int, k: int, eps: float, z: float, trials: int, seed: int) -> list[int]:
    out = []
    for t in range(trials):
        x = py_draw_samples(seed, t, n, "uniform")
        out.append(sum(1 for c in itertools.combinations(x, k) if abs(sum(c) - z) < eps))
    return out


def py_overlap_counts(k: int, i: int, eps: float, z: float, trials: int, seed: int) -> tuple[int, int, int]:
    m = k - i
    h = h2 = both = 0
    for t in range(trials):
        x = py_draw_samples(seed, t, i + 2 * m, "uniform")
        s, a, b = sum(x[:i]), sum(x[i:i + m]), sum(x[i + m:i + 2 * m])
        e1, e2 = abs(s + b - z) < eps, abs(s + a - z) < eps
        h += e1
        h2 += e2
        both += e1 and e2
    return h, h2, both


assert UNIFORM == 0  # the kernels pass the distribution code 0 (Uniform[-1,1]) to draw_samples
