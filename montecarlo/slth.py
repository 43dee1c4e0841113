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
``strict``) of a realisable slope, for both signs, for every (i, j). Trial streams are derived from
``(seed, trial)`` (SplitMix64), so counts do not depend on the thread count. Each kernel has a pure
Python twin in :mod:`exact.slth` used by the tests.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from ticketcheck.montecarlo.estimate import Estimate

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_KEY = np.uint64(0x2545F4914F6CDD1D)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_ONE = np.uint64(1)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


@njit(cache=True)
def _mix64(z):
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@njit(cache=True)
def _trial_state(seed, i):
    return _mix64(_mix64(seed ^ _KEY) ^ _mix64(np.uint64(i) + _GOLDEN))


@njit(cache=True)
def _uniform_below(state, K):
    """Uniform integer in [0, K) by rejection (exact); returns (state, value)."""
    Ku = np.uint64(K)
    limit = (_ALL // Ku) * Ku
    while True:
        state = state + _GOLDEN
        r = _mix64(state)
        if r < limit:
            return state, np.int64(r % Ku)


def py_trial_state(seed: int, i: int) -> int:
    M = (1 << 64) - 1

    def mix(z):
        z &= M
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)
    return mix(mix((seed & M) ^ 0x2545F4914F6CDD1D) ^ mix(i + 0x9E3779B97F4A7C15))


def py_uniform_below(state: int, K: int) -> tuple[int, int]:
    M = (1 << 64) - 1
    limit = (M // K) * K
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        r = z ^ (z >> 31)
        if r < limit:
            return state, r % K


# ------------------------------------------------------------------ bitset of subset sums

@njit(cache=True)
def _bs_add(words, x, lo, hi):
    """``words |= words << x`` (x may be negative) on the active word span [lo, hi]; returns the
    new span. Bit p of the set stands for the sum p - offset (offset chosen by the caller)."""
    nw = words.shape[0]
    if x == 0:
        return lo, hi
    if x > 0:
        q = x // 64
        b = np.uint64(x % 64)
        nhi = min(nw - 1, hi + q + (1 if b > 0 else 0))
        for i in range(nhi, lo + q - 1, -1):
            src = i - q
            val = np.uint64(0)
            if src <= hi and src >= lo:
                val = words[src] << b
            if b > 0 and src - 1 >= lo and src - 1 <= hi:
                val |= words[src - 1] >> (np.uint64(64) - b)
            words[i] |= val
        return lo, nhi
    y = -x
    q = y // 64
    b = np.uint64(y % 64)
    nlo = max(0, lo - q - (1 if b > 0 else 0))
    for i in range(nlo, hi - q + 1):
        src = i + q
        val = np.uint64(0)
        if src >= lo and src <= hi:
            val = words[src] >> b
        if b > 0 and src + 1 <= hi and src + 1 >= lo:
            val |= words[src + 1] << (np.uint64(64) - b)
        words[i] |= val
    return nlo, hi


@njit(cache=True)
def _bs_any(words, a, b):
    """Is any bit in positions [a, b] (inclusive) set?"""
    nw = words.shape[0]
    if a < 0:
        a = 0
    if b > nw * 64 - 1:
        b = nw * 64 - 1
    if a > b:
        return False
    wa, wb = a // 64, b // 64
    for w in range(wa, wb + 1):
        m = _ALL
        if w == wa:
            m = m << np.uint64(a % 64)
        if w == wb and (b % 64) != 63:
            m = m & ((_ONE << np.uint64(b % 64 + 1)) - _ONE)
        if words[w] & m:
            return True
    return False


@njit(cache=True)
def _covers(words, offset, K, tol, strict):
    """Every target j * K (j = -K..K, i.e. w in S_delta in delta^2 units) has a set bit within
    ``tol`` (``< tol`` when strict)."""
    r = tol - 1 if strict else tol
    if r < 0:
        return False
    for j in range(-K, K + 1):
        t = j * K + offset
        if not _bs_any(words, t - r, t + r):
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
            p = t - d + offset
            if t - d >= lo_sum and (words[p // 64] >> np.uint64(p % 64)) & _ONE:
                best = t - d
                found = True
                break
            p = t + d + offset
            if t + d <= hi_sum and (words[p // 64] >> np.uint64(p % 64)) & _ONE:
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
def _draw_layer(state, K, d1, d2, n2, U, V):
    """Fill U[d1, n2] (first-layer block weights) and V[d2, d1, n2] with uniform S_delta values
    (integers in delta units, -K..K). Draw order: U row by row, then V."""
    S = 2 * K + 1
    for j in range(d1):
        for r in range(n2):
            state, x = _uniform_below(state, S)
            U[j, r] = x - K
    for i in range(d2):
        for j in range(d1):
            for r in range(n2):
                state, x = _uniform_below(state, S)
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
def _block_success(U, V, i, j, sign, reading, K, tol, strict, words, offset):
    n2 = U.shape[1]
    r0, r1 = _side_units(reading, sign, n2)
    words[:] = 0
    offset_word = offset // 64
    words[offset_word] = _ONE << np.uint64(offset % 64)
    lo, hi = offset_word, offset_word
    for r in range(r0, r1):
        u = U[j, r]
        if (sign > 0 and u > 0) or (sign < 0 and u < 0):
            lo, hi = _bs_add(words, V[i, j, r] * u, lo, hi)
            if _covers(words, offset, K, tol, strict):
                return True
    return _covers(words, offset, K, tol, strict)


@njit(cache=True)
def _layer_trial(seed, t, K, d1, d2, n2, reading, tol, strict, nbits):
    U = np.empty((d1, n2), dtype=np.int64)
    V = np.empty((d2, d1, n2), dtype=np.int64)
    state = _trial_state(seed, t)
    _draw_layer(state, K, d1, d2, n2, U, V)
    words = np.zeros(nbits // 64 + 2, dtype=np.uint64)
    offset = nbits // 2
    for i in range(d2):
        for j in range(d1):
            for sign in (1, -1):
                if not _block_success(U, V, i, j, sign, reading, K, tol, strict, words, offset):
                    return False
    return True


@njit(cache=True, parallel=True)
def _layer_success_kernel(seed, trials, K, d1, d2, n2, reading, tol, strict, nbits, out):
    for t in prange(trials):
        out[t] = 1 if _layer_trial(seed, t, K, d1, d2, n2, reading, tol, strict, nbits) else 0


def _nbits(K: int, n2: int) -> int:
    return 2 * (n2 * K * K + 2 * K * K + 64) + 128


def layer_success(k: int, tol: int, strict: bool, d1: int, d2: int, n: int, reading: int,
                  trials: int, seed: int) -> Estimate:
    """P(every W in S_delta^{d2 x d1} is reachable within ``tol`` delta^2-units), blocks of 2n units."""
    K = 1 << k
    out = np.zeros(trials, dtype=np.int8)
    _layer_success_kernel(np.uint64(seed & ((1 << 64) - 1)), trials, K, d1, d2, 2 * n, reading,
                          tol, strict, _nbits(K, 2 * n), out)
    return Estimate(int(out.sum()), trials, seed)


def draw_layer(k: int, d1: int, d2: int, n: int, seed: int, trial: int):
    """The weights (U, V) of trial ``trial`` (the same draw the kernels see), in delta units."""
    K = 1 << k
    U = np.empty((d1, 2 * n), dtype=np.int64)
    V = np.empty((d2, d1, 2 * n), dtype=np.int64)
    state = np.uint64(int(_trial_state(np.uint64(seed & ((1 << 64) - 1)), trial)))
    _draw_layer(state, K, d1, d2, 2 * n, U, V)
    return U, V


# ------------------------------------------------------------------ per-draw residuals (error)

@njit(cache=True)
def _layer_residuals(U, V, K, reading, nbits, res):
    """res[i, j, side, 0..2] = (max, min, max|.|) signed residuals over all w in S_delta of the
    nearest realisable slope (side 0: x > 0, side 1: x < 0). Returns False if a side is empty of
    reachable sums near a target (cannot happen: 0 is always reachable)."""
    d2, d1, n2 = V.shape
    words = np.zeros(nbits // 64 + 2, dtype=np.uint64)
    offset = nbits // 2
    tmp = np.zeros(3, dtype=np.int64)
    for i in range(d2):
        for j in range(d1):
            for s in range(2):
                sign = 1 if s == 0 else -1
                r0, r1 = _side_units(reading, sign, n2)
                words[:] = 0
                ow = offset // 64
                words[ow] = _ONE << np.uint64(offset % 64)
                lo, hi = ow, ow
                lo_sum, hi_sum = 0, 0
                for r in range(r0, r1):
                    u = U[j, r]
                    if (sign > 0 and u > 0) or (sign < 0 and u < 0):
                        x = V[i, j, r] * u
                        lo, hi = _bs_add(words, x, lo, hi)
                        if x > 0:
                            hi_sum += x
                        else:
                            lo_sum += x
                _max_residual(words, offset, K, lo_sum, hi_sum, tmp)
                res[i, j, s, 0] = tmp[0]
                res[i, j, s, 1] = tmp[1]
                res[i, j, s, 2] = tmp[2]
    return True


@njit(cache=True, parallel=True)
def _residual_kernel(seed, trials, K, d1, d2, n2, reading, nbits, out):
    for t in prange(trials):
        U = np.empty((d1, n2), dtype=np.int64)
        V = np.empty((d2, d1, n2), dtype=np.int64)
        _draw_layer(_trial_state(seed, t), K, d1, d2, n2, U, V)
        _layer_residuals(U, V, K, reading, nbits, out[t])


def layer_residuals(k: int, d1: int, d2: int, n: int, reading: int, trials: int, seed: int):
    """Array ``[trials, d2, d1, 2, 3]`` of signed residual extremes (delta^2 units), per draw."""
    K = 1 << k
    out = np.zeros((trials, d2, d1, 2, 3), dtype=np.int64)
    _residual_kernel(np.uint64(seed & ((1 << 64) - 1)), trials, K, d1, d2, 2 * n, reading,
                     _nbits(K, 2 * n), out)
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
