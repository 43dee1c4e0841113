"""Monte Carlo kernels for the quantized SLTH construction of `unified` §4 / App. D (numba).

A random two-layer block ``g(x) = v^T sigma(u x)`` with weights i.i.d. uniform on
``S_delta = delta * {-2^k..2^k}`` (delta = 2^-k) is pruned by solving subset-sum problems on the
integer grid ``delta^2 Z`` (all values here are integers in units of delta^2).

For one input coordinate the pruned map is ``x * sum_{i in P} v_i u_i`` for x > 0, with P a subset of
the units with u_i > 0, and ``x * sum_{i in N} v_i u_i`` for x < 0 (N among u_i < 0): the slopes
that masks can realise are the subset sums of ``{v_i u_i : u_i > 0}`` (x > 0) and of
``{v_i u_i : u_i < 0}`` (x < 0), chosen independently (`unified.lemma1` check recipe).

Two readings of a block of ``2n`` units (``reading``):

* ``0`` -- *statement* (Lemma 1 as stated): all 2n units may serve either sign.
* ``1`` -- *construction* (Lemma 1 proof, Steps 1-4): units 0..n-1 are ``(a, b)`` and serve x > 0
  through ``Z_i = b_i a_i^+`` (Step 2); units n..2n-1 are ``(c, d)`` and serve x < 0 through
  ``d_i c_i^-`` (Step 4).

A layer (Lemma 8) has ``d1`` input blocks of 2n units (first-layer weights ``u_j`` shared by the
``d2`` outputs, the "weight sharing trick") and an independent second-layer vector ``v_{i,j}`` per
(output i, input j). Lemma 7 is ``d2 = 1``, Lemma 1 is ``d1 = d2 = 1``.

Success of one draw: every target ``w in S_delta`` is within ``tol`` (delta^2 units; strict when
``strict``) of a realisable slope, for both signs, for every (i, j). Trial ``t`` draws its weights
from the stream ``montecarlo.rng.trial_state(seed, t)`` (``uniform_below32``), so counts do not
depend on the thread count or on how the trials are split; :func:`layer_success` counts in chunks
over the trials ``[first, first + trials)`` (:mod:`montecarlo.chunks`). The subset sums of a side
are a word bitset (:mod:`montecarlo.bitset`). Each kernel has a pure Python twin in
:mod:`montecarlo.slth_reference`, used by the tests.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from ticketcheck.montecarlo.bitset import any_in_range, shift_or, test_bit
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, check_per_trial, check_range, run_chunks
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rng import lemire_threshold, seed_u64, trial_state, uniform_below32

__all__ = ["layer_success", "draw_layer", "layer_residuals", "sup_error_from_residuals"]

_ONE = np.uint64(1)


# ------------------------------------------------------------------ bitset of subset sums

@njit(cache=True)
def _side_sums(U, V, i, j, sign, reading, words, offset, K, r):
    """Subset sums of the products ``V[i, j, r] * U[j, r]`` of the units serving ``sign`` (+1:
    x > 0, units with u > 0; -1: x < 0, units with u < 0) into the zeroed bitset ``words`` (bit
    ``s + offset`` for the sum s). With ``r >= 0`` it stops as soon as every target is within
    ``r`` (coverage only grows); ``r < 0`` adds every unit. Returns the range ``(lo_sum,
    hi_sum)`` of the sums."""
    n2 = U.shape[1]
    r0, r1 = _side_units(reading, sign, n2)
    words[offset >> 6] = _ONE << np.uint64(offset & 63)
    lo_sum, hi_sum = 0, 0
    span = 2 * K * K - 2 * r            # the sums must spread this far to cover every target
    for q in range(r0, r1):
        u = U[j, q]
        if (sign > 0 and u > 0) or (sign < 0 and u < 0):
            x = V[i, j, q] * u
            a_lo, a_hi = (lo_sum + offset) >> 6, (hi_sum + offset) >> 6
            if x > 0:
                hi_sum += x
            else:
                lo_sum += x
            shift_or(words, x, a_lo, a_hi, (lo_sum + offset) >> 6, (hi_sum + offset) >> 6)
            if r >= 0 and hi_sum - lo_sum >= span and _covers(words, offset, K, r):
                break
    return lo_sum, hi_sum


@njit(cache=True)
def _clear(words, offset, lo_sum, hi_sum):
    for w in range((lo_sum + offset) >> 6, ((hi_sum + offset) >> 6) + 1):
        words[w] = 0


@njit(cache=True)
def _covers(words, offset, K, r):
    """Every target j * K (j = -K..K, i.e. w in S_delta in delta^2 units) has a set bit within
    ``r`` (``r = tol - 1`` for a strict ``< tol``, ``tol`` for ``<= tol``)."""
    if r < 0:
        return False
    top = words.shape[0] * 64 - 1
    for j in range(-K, K + 1):
        t = j * K + offset
        if not any_in_range(words, max(t - r, 0), min(t + r, top)):
            return False
    return True


@njit(cache=True)
def _max_residual(words, offset, K, lo_sum, hi_sum, out):
    """For each target w = j*K: signed residual w - s* with s* the nearest set bit (ties: the
    smaller sum). ``out[0]`` = max residual, ``out[1]`` = min residual, ``out[2]`` = max |residual|.
    Searches sums in [lo_sum, hi_sum]."""
    mx, mn, ma = -(1 << 62), (1 << 62), 0
    for j in range(-K, K + 1):
        t = j * K
        best = -1
        d = 0
        found = False
        limit = max(t - lo_sum, hi_sum - t)
        while d <= limit:
            if t - d >= lo_sum and test_bit(words, t - d + offset):
                best = t - d
                found = True
                break
            if t + d <= hi_sum and test_bit(words, t + d + offset):
                best = t + d
                found = True
                break
            d += 1
        if not found:
            return False
        res = t - best
        if res > mx:
            mx = res
        if res < mn:
            mn = res
        if abs(res) > ma:
            ma = abs(res)
    out[0], out[1], out[2] = mx, mn, ma
    return True


# ------------------------------------------------------------------ one draw of a layer

@njit(cache=True)
def _draw_layer(state, K, thresh, d1, d2, n2, U, V):
    """Fill U[d1, n2] (first-layer block weights) and V[d2, d1, n2] with uniform S_delta values
    (integers in delta units, -K..K; ``thresh = lemire_threshold(2K + 1)``). Draw order: U row by
    row, then V."""
    S = np.uint64(2 * K + 1)
    state = np.uint64(state)      # (an int64 argument reassigned a uint64 would become a float)
    for j in range(d1):
        for r in range(n2):
            state, x = uniform_below32(state, S, thresh)
            U[j, r] = x - K
    for i in range(d2):
        for j in range(d1):
            for r in range(n2):
                state, x = uniform_below32(state, S, thresh)
                V[i, j, r] = x - K
    return state


@njit(cache=True)
def _side_units(reading, sign, n2):
    """Range of units serving sign (+1: x > 0, -1: x < 0) under the reading."""
    if reading == 0:
        return 0, n2
    half = n2 // 2
    if sign > 0:
        return 0, half
    return half, n2


@njit(cache=True)
def _layer_ok(U, V, K, reading, tol, strict, words, offset):
    """Every (output i, input j, sign) side covers S_delta within tol."""
    d2, d1 = V.shape[0], V.shape[1]
    r = tol - 1 if strict else tol
    if r < 0:
        return False
    for i in range(d2):
        for j in range(d1):
            for sign in (1, -1):
                lo_sum, hi_sum = _side_sums(U, V, i, j, sign, reading, words, offset, K, r)
                ok = _covers(words, offset, K, r)
                _clear(words, offset, lo_sum, hi_sum)
                if not ok:
                    return False
    return True


@njit(cache=True, parallel=True)
def _layer_success_kernel(seed, first, count, K, thresh, d1, d2, n2, reading, tol, strict, nbits):
    """Number of successful draws among the trials [first, first + count)."""
    nb = min(count, NBLOCKS)
    hits = 0
    for c in prange(nb):
        lo, hi = block_bounds(c, nb, first, count)
        U = np.empty((d1, n2), dtype=np.int64)
        V = np.empty((d2, d1, n2), dtype=np.int64)
        words = np.zeros(nbits // 64 + 2, dtype=np.uint64)
        h = 0
        for t in range(lo, hi):
            _draw_layer(trial_state(seed, t), K, thresh, d1, d2, n2, U, V)
            if _layer_ok(U, V, K, reading, tol, strict, words, nbits // 2):
                h += 1
        hits += h
    return hits


def _nbits(K: int, n2: int) -> int:
    return 2 * (n2 * K * K + 2 * K * K + 64) + 128


def layer_success(k: int, tol: int, strict: bool, d1: int, d2: int, n: int, reading: int,
                  trials: int, seed: int, *, first: int = 0, chunk: int | None = None,
                  progress=None) -> Estimate:
    """P(every W in S_delta^{d2 x d1} is reachable within ``tol`` delta^2-units), blocks of 2n units."""
    trials, first = check_range(trials, first)
    K = 1 << k
    s64, thresh, nbits = seed_u64(seed), lemire_threshold(2 * K + 1), _nbits(K, 2 * n)
    hits = run_chunks(lambda a, m: _layer_success_kernel(s64, a, m, K, thresh, d1, d2, 2 * n,
                                                         reading, tol, bool(strict), nbits),
                      trials, first, chunk=chunk, progress=progress,
                      what=f"SLTH layer success (k={k}, n={n}, {d2}x{d1})")
    return Estimate(int(hits), trials, seed, first=first)


def draw_layer(k: int, d1: int, d2: int, n: int, seed: int, trial: int):
    """The weights (U, V) of trial ``trial`` (the same draw the kernels see), in delta units."""
    K = 1 << k
    U = np.empty((d1, 2 * n), dtype=np.int64)
    V = np.empty((d2, d1, 2 * n), dtype=np.int64)
    state = np.uint64(trial_state(seed_u64(seed), trial))
    _draw_layer(state, K, lemire_threshold(2 * K + 1), d1, d2, 2 * n, U, V)
    return U, V


# ------------------------------------------------------------------ per-draw residuals (error)

@njit(cache=True)
def _layer_residuals(U, V, K, reading, nbits, res):
    """res[i, j, side, 0..2] = (max, min, max|.|) signed residuals over all w in S_delta of the
    nearest realisable slope (side 0: x > 0, side 1: x < 0). 0 is always reachable, so every
    target has a nearest sum."""
    d2, d1, n2 = V.shape
    words = np.zeros(nbits // 64 + 2, dtype=np.uint64)
    offset = nbits // 2
    tmp = np.zeros(3, dtype=np.int64)
    for i in range(d2):
        for j in range(d1):
            for s in range(2):
                lo_sum, hi_sum = _side_sums(U, V, i, j, 1 if s == 0 else -1, reading, words, offset,
                                            K, -1)
                _max_residual(words, offset, K, lo_sum, hi_sum, tmp)
                _clear(words, offset, lo_sum, hi_sum)
                res[i, j, s, 0] = tmp[0]
                res[i, j, s, 1] = tmp[1]
                res[i, j, s, 2] = tmp[2]
    return True


@njit(cache=True, parallel=True)
def _residual_kernel(seed, first, count, K, thresh, d1, d2, n2, reading, nbits, out):
    for r in prange(count):
        U = np.empty((d1, n2), dtype=np.int64)
        V = np.empty((d2, d1, n2), dtype=np.int64)
        _draw_layer(trial_state(seed, first + r), K, thresh, d1, d2, n2, U, V)
        _layer_residuals(U, V, K, reading, nbits, out[r])


def layer_residuals(k: int, d1: int, d2: int, n: int, reading: int, trials: int, seed: int, *,
                    first: int = 0):
    """Array ``[trials, d2, d1, 2, 3]`` of signed residual extremes (delta^2 units), per draw
    (the trials ``first .. first + trials - 1``)."""
    trials, first = check_range(trials, first)
    check_per_trial(trials, d2 * d1 * 6, "layer_residuals")
    K = 1 << k
    out = np.zeros((trials, d2, d1, 2, 3), dtype=np.int64)
    _residual_kernel(seed_u64(seed), first, trials, K, lemire_threshold(2 * K + 1), d1, d2, 2 * n,
                     reading, _nbits(K, 2 * n), out)
    return out


def sup_error_from_residuals(res) -> int | float:
    """Exact worst-case sup-norm error of the construction for one draw (delta^2 units):
    ``sup_W sup_{||x||_inf <= 1} ||W x - g_hat(x)||_2``.

    On each orthant the error is linear in x, so its l2 norm is convex there and the maximum over
    the box is at a point of {-1, 0, 1}^{d1}. At such a point output i's error is
    ``sum_j r_ij(w_ij, sign x_j) x_j``; the sup over W takes, per j, the extreme residual of the
    right sign. Returns the *squared* error (an exact integer, in delta^4 units)."""
    import itertools
    d2, d1 = res.shape[0], res.shape[1]
    best_sq = 0
    for x in itertools.product((-1, 0, 1), repeat=d1):
        sq = 0
        for i in range(d2):
            up = down = 0
            for j, xj in enumerate(x):
                if xj == 0:
                    continue
                s = 0 if xj > 0 else 1
                mx, mn = int(res[i, j, s, 0]), int(res[i, j, s, 1])
                # r * x_j: x_j = +1 -> r in [mn, mx]; x_j = -1 -> -r in [-mx, -mn]
                up += mx if xj > 0 else -mn
                down += -mn if xj > 0 else mx
            sq += max(up, down, 0) ** 2
        best_sq = max(best_sq, sq)
    return best_sq
