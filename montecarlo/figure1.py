"""First hitting times of the discrete RSSP process for Figure 1 of `unified` (Appendix E).

Model (`unified.model1`, `unified.model4`): X_1, X_2, ... i.i.d. uniform on {-M..M}; f_t(z) = 1 iff
some subset S of [t] (the empty set included) has sum_S X_i = z (Delta = 0). For one trial we
record

* ``t_single`` = min{t : f_t(z) = 1}   (the event of Figure 1: target z = 42 is reachable), and
* ``t_all``    = min{t : f_t(y) = 1 for every y in {-M..M}}  (v_t = 2M+1, the event Theorem 2 is
  about with Delta = 0).

Because f_t is nondecreasing in t, P(f_n(z) = 1) = P(t_single <= n) and P(v_n = 2M+1) =
P(t_all <= n): one pass per trial gives the whole curve in n.

The set of subset sums is a bitset over [-n_max M, n_max M]; a step is ``f |= f << X`` restricted
to the words between the current minimum and maximum subset sums. Trial ``i`` draws its samples
from a splitmix64 stream seeded by ``(seed, i)``, so results do not depend on the thread count.
``_reference_times`` is the pure-Python reference of the kernel (Python ints as bitsets).
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError

MASK64 = (1 << 64) - 1
NOT_REACHED = -1


@njit(cache=True, inline="always")
def _mix(x):
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@njit(cache=True)
def _stream_start(seed, trial):
    return _mix(np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + _mix(np.uint64(trial) + np.uint64(1)))


@njit(cache=True)
def _draw(state, M):
    """Next sample in {-M..M} from a splitmix64 state; returns (x, new_state)."""
    state = state + np.uint64(0x9E3779B97F4A7C15)
    u = _mix(state)
    m = np.uint64(2 * M + 1)
    # rejection sampling: exactly uniform on 0..2M
    lim = np.uint64(0xFFFFFFFFFFFFFFFF) - (np.uint64(0xFFFFFFFFFFFFFFFF) % m)
    while u >= lim:
        state = state + np.uint64(0x9E3779B97F4A7C15)
        u = _mix(state)
    return np.int64(u % m) - M, state


@njit(cache=True)
def _one_trial(M, n_max, z, seed, trial, f, off, want_all):
    """Run one trial on the zeroed bitset ``f``; returns (t_single, t_all), NOT_REACHED if > n_max.
    Leaves ``f`` zeroed again."""
    state = _stream_start(seed, trial)
    lo = np.int64(0)  # minimum subset sum so far (sum of negatives)
    hi = np.int64(0)  # maximum subset sum so far (sum of positives)
    f[off >> 6] |= np.uint64(1) << np.uint64(off & 63)  # empty set: sum 0
    t_single = NOT_REACHED
    t_all = NOT_REACHED
    zi = z + off
    if z == 0:
        t_single = 0
    if M == 0:
        t_all = 0
    wlo_win = (off - M) >> 6
    whi_win = (off + M) >> 6
    for t in range(1, n_max + 1):
        x, state = _draw(state, M)
        if x > 0:
            q = x >> 6
            r = x & 63
            new_hi = hi + x
            top = (new_hi + off) >> 6
            bot = (lo + off) >> 6
            i = top
            while i >= bot:
                src = i - q
                v = np.uint64(0)
                if src >= bot:
                    if r == 0:
                        v = f[src]
                    else:
                        v = f[src] << np.uint64(r)
                        if src - 1 >= bot:
                            v |= f[src - 1] >> np.uint64(64 - r)
                f[i] |= v
                i -= 1
            hi = new_hi
        elif x < 0:
            y = -x
            q = y >> 6
            r = y & 63
            new_lo = lo - y
            bot = (new_lo + off) >> 6
            top = (hi + off) >> 6
            i = bot
            while i <= top:
                src = i + q
                v = np.uint64(0)
                if src <= top:
                    if r == 0:
                        v = f[src]
                    else:
                        v = f[src] >> np.uint64(r)
                        if src + 1 <= top:
                            v |= f[src + 1] << np.uint64(64 - r)
                f[i] |= v
                i += 1
            lo = new_lo
        if t_single == NOT_REACHED and (f[zi >> 6] >> np.uint64(zi & 63)) & np.uint64(1):
            t_single = t
        if want_all and t_all == NOT_REACHED and lo <= -M and hi >= M:
            full = True
            for w in range(wlo_win, whi_win + 1):
                a = max(w * 64, off - M)
                b = min(w * 64 + 63, off + M)
                width = b - a + 1
                sh = a - w * 64
                if width == 64:
                    mask = np.uint64(0xFFFFFFFFFFFFFFFF)
                else:
                    mask = ((np.uint64(1) << np.uint64(width)) - np.uint64(1)) << np.uint64(sh)
                if (f[w] & mask) != mask:
                    full = False
                    break
            if full:
                t_all = t
        if t_single != NOT_REACHED and (t_all != NOT_REACHED or not want_all):
            break
    # clear the touched words
    for w in range((lo + off) >> 6, ((hi + off) >> 6) + 1):
        f[w] = np.uint64(0)
    return t_single, t_all


@njit(cache=True, parallel=True)
def _times_kernel(M, n_max, z, trials, seed, want_all, n_chunks):
    off = n_max * M + 64
    n_words = (2 * off + 64) // 64 + 2
    ts = np.full(trials, NOT_REACHED, dtype=np.int64)
    ta = np.full(trials, NOT_REACHED, dtype=np.int64)
    per = (trials + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        f = np.zeros(n_words, dtype=np.uint64)
        for i in range(c * per, min(trials, (c + 1) * per)):
            a, b = _one_trial(M, n_max, z, seed, i, f, off, want_all)
            ts[i] = a
            ta[i] = b
    return ts, ta


def _validate(M, n_max, z, trials):
    if M < 1:
        raise InputError(f"M must be a positive integer (got {M})")
    if abs(z) > M:
        raise InputError(f"target z={z} is outside {{-M..M}} for M={M}; use |z| <= M (Definition 1)")
    if n_max < 0 or trials < 1:
        raise InputError("n_max must be >= 0 and trials >= 1")
    if (2 * n_max * M) // 8 > 2_000_000_000:
        raise InputError(f"n_max*M = {n_max * M} needs too much memory; use a smaller n_max")


def hitting_times(M: int, n_max: int, z: int, trials: int, seed: int,
                  all_targets: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per trial: first n with f_n(z) = 1 and first n with v_n = 2M+1 (NOT_REACHED = -1 if > n_max)."""
    _validate(M, n_max, z, trials)
    ts, ta = _times_kernel(int(M), int(n_max), int(z), int(trials), int(seed), bool(all_targets), 256)
    return ts, ta


def curve_counts(times: np.ndarray, n_max: int) -> list[int]:
    """counts[n] = number of trials whose hitting time is <= n, n = 0..n_max."""
    hist = np.bincount(times[times >= 0], minlength=n_max + 1)[: n_max + 1]
    return [int(c) for c in np.cumsum(hist)]


# ------------------------------------------------------------------ pure-Python reference

def _py_mix(x: int) -> int:
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def _py_samples(M: int, seed: int, trial: int, n: int) -> list[int]:
    state = _py_mix((seed * 0x9E3779B97F4A7C15 + _py_mix(trial + 1)) & MASK64)
    m = 2 * M + 1
    lim = MASK64 - (MASK64 % m)
    out = []
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        u = _py_mix(state)
        while u >= lim:
            state = (state + 0x9E3779B97F4A7C15) & MASK64
            u = _py_mix(state)
        out.append(u % m - M)
    return out


def _reference_times(M: int, n_max: int, z: int, seed: int, trial: int) -> tuple[int, int]:
    """Pure-Python reference of one kernel trial (a Python int as the bitset of subset sums)."""
    xs = _py_samples(M, seed, trial, n_max)
    off = n_max * M
    f = 1 << off
    ts = 0 if z == 0 else NOT_REACHED
    ta = NOT_REACHED
    window = ((1 << (2 * M + 1)) - 1) << (off - M)
    for t, x in enumerate(xs, start=1):
        f |= (f << x) if x >= 0 else (f >> -x)
        if ts == NOT_REACHED and (f >> (off + z)) & 1:
            ts = t
        if ta == NOT_REACHED and f & window == window:
            ta = t
        if ts != NOT_REACHED and ta != NOT_REACHED:
            break
    return ts, ta
