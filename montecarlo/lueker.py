"""Continuous random subset sum (Lueker 1998): coverage of a target interval by epsilon-balls.

Model (`unified.model3`, `unified.thm1`; `slides.model`, `slides.thm1`): X_1, X_2, ... i.i.d.
U[-1,1]; subsets of any size (the empty set included). Events, for one sample of n values:

* coverage:  every z in [lo, hi] has some S with |sum_S X - z| <= eps (``closed``) or < eps;
* target z:  some S has |sum_S X - z| <= eps (``closed``) or < eps (the per-z reading).

Exact arithmetic. A sample is ``X_i = m_i 2^-52`` with ``m_i`` uniform on ``{-2^52, ..., 2^52 - 1}``
(U[-1,1) discretised at 2^-52; ``m_i`` = top 53 bits of one SplitMix64 word minus 2^52), so every
subset sum is an exact int64 (|sum| <= 24 * 2^52 < 2^57). Every real condition becomes an integer
threshold computed exactly from rationals (:func:`thresholds`): with u = 2^-52 and closed balls,
a sum s (in units) is *relevant* iff ``s*u`` is within eps of [lo, hi]; the relevant sorted sums
s_a < ... < s_b cover [lo, hi] iff ``s_a*u <= lo + eps``, ``s_b*u >= hi - eps`` and every gap is
``<= 2 eps`` (open balls: strict inequalities, e.g. gap < 2 eps iff gap <= ceil(2 eps/u) - 1).

Kernel. The n_max values of a trial are drawn first. The sorted list of subset sums is built by
merging (adding x merges L with L + x, duplicates dropped), pruned to the sums that can still
matter: after item t, s is kept iff ``[s + N_t, s + P_t]`` meets the relevant window, where P_t
(N_t) is the sum of the positive (negative) items t+1..n_max. Every relevant sum at any time
t <= n_max is kept, so the coverage test at time t is exact. Coverage is nondecreasing in t (the
samples for n are a prefix of those for n_max), so one pass per trial gives the *hitting time*
``min{t : covered}`` and P(covered at n) = P(hitting time <= n) for every n <= n_max. A trial
stops once the interval and every requested target are hit.

Trial ``i`` uses the stream of ``montecarlo.rng.trial_state(seed, i)``: results do not depend on
the thread count or on how the trials are split. :func:`coverage`, :func:`single_target` and
:func:`hit_counts` count in chunks (:mod:`montecarlo.chunks`) over the trials ``[first, first +
trials)``; :func:`hit_times` returns one row per trial (a bounded number of trials).
:func:`py_samples`, :func:`py_covered`, :func:`py_hit_times` are the pure-Python
reference (all 2^n subset sums enumerated as Fractions; a sweep over the balls).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, check_per_trial, check_range, run_chunks
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rng import next_u64, py_next_u64, py_trial_state, seed_u64, trial_state

BITS = 52
UNIT = Fraction(1, 1 << BITS)
N_MAX_LIMIT = 24
NOT_REACHED = -1
_HALF = np.int64(1 << BITS)
_S11 = np.uint64(11)


# ------------------------------------------------------------------------- exact thresholds

def as_fraction(x, name: str = "value") -> Fraction:
    """A rational from int/Fraction/str ("1/16", "0.25")/sympy Rational; floats are refused
    unless exactly representable (they are converted exactly)."""
    try:
        if isinstance(x, Fraction):
            return x
        if hasattr(x, "p") and hasattr(x, "q"):
            return Fraction(int(x.p), int(x.q))
        return Fraction(x) if not isinstance(x, str) else Fraction(x.strip())
    except (TypeError, ValueError, ZeroDivisionError):
        raise InputError(f"{name} = {x!r} is not a rational number; give e.g. 1/16 or 0.25") from None


def _floor_units(q: Fraction) -> int:
    return math.floor(q / UNIT)


def _ceil_units(q: Fraction) -> int:
    return math.ceil(q / UNIT)


def ball_window(z: Fraction, eps: Fraction, closed: bool) -> tuple[int, int]:
    """Integer range [a, b] of sums s (units) with |s*u - z| <= eps (closed) or < eps (open)."""
    if closed:
        return _ceil_units(z - eps), _floor_units(z + eps)
    return _floor_units(z - eps) + 1, _ceil_units(z + eps) - 1


def thresholds(eps, lo, hi, closed: bool) -> np.ndarray:
    """``[Lr, Hr, A, B, G]`` (int64) for covering [lo, hi] by eps-balls (see the module doc):
    relevant sums lie in [Lr, Hr]; the first must be <= A, the last >= B, every gap <= G."""
    eps, lo, hi = as_fraction(eps, "eps"), as_fraction(lo, "lo"), as_fraction(hi, "hi")
    Lr, _ = ball_window(lo, eps, closed)
    _, Hr = ball_window(hi, eps, closed)
    _, A = ball_window(lo, eps, closed)
    B, _ = ball_window(hi, eps, closed)
    G = _floor_units(2 * eps) if closed else _ceil_units(2 * eps) - 1
    return np.array([Lr, Hr, A, B, G], dtype=np.int64)


# ------------------------------------------------------------------------- numba kernel

@njit(cache=True)
def draw_units(seed, trial, n):
    """The n values of trial ``trial`` in units of 2^-52 (int64 in [-2^52, 2^52))."""
    state = trial_state(seed, trial)
    out = np.empty(n, dtype=np.int64)
    for j in range(n):
        state, r = next_u64(state)
        out[j] = np.int64(r >> _S11) - _HALF
    return out


@njit(cache=True)
def _covers(L, m, thr):
    """Whether the sorted sums L[:m] cover the target interval (thresholds ``thr``)."""
    Lr, Hr, A, B, G = thr[0], thr[1], thr[2], thr[3], thr[4]
    i = np.searchsorted(L[:m], Lr)
    if i >= m or L[i] > Hr or L[i] > A:
        return False
    prev = L[i]
    i += 1
    while i < m and L[i] <= Hr:
        if L[i] - prev > G:
            return False
        prev = L[i]
        i += 1
    return prev >= B


@njit(cache=True)
def _hits(L, m, a, b):
    """Whether some sum of L[:m] lies in [a, b]."""
    i = np.searchsorted(L[:m], a)
    return i < m and L[i] <= b


@njit(cache=True)
def _trial_hit_times(x, thr, tw, wlo, whi, buf_a, buf_b, out):
    """Hitting times of one sample ``x`` (units): out[0] for the interval, out[1 + j] for target
    window tw[j] = [a, b]; NOT_REACHED (-1) when not hit within len(x) items."""
    n = x.shape[0]
    nt = tw.shape[0]
    # remaining positive / negative mass after item t (items t+1..n), t = 0..n
    pos = np.zeros(n + 1, dtype=np.int64)
    neg = np.zeros(n + 1, dtype=np.int64)
    for t in range(n - 1, -1, -1):
        pos[t] = pos[t + 1] + (x[t] if x[t] > 0 else 0)
        neg[t] = neg[t + 1] + (x[t] if x[t] < 0 else 0)
    for j in range(nt + 1):
        out[j] = -1
    L = buf_a
    T = buf_b
    L[0] = 0
    m = 1
    pending = nt + 1
    for t in range(n + 1):
        if t > 0:
            xv = x[t - 1]
            lo_keep = wlo - pos[t]
            hi_keep = whi - neg[t]
            i = 0
            j = 0
            k = 0
            last = np.int64(0)
            have = False
            while i < m or j < m:
                if j >= m or (i < m and L[i] <= L[j] + xv):
                    v = L[i]
                    i += 1
                else:
                    v = L[j] + xv
                    j += 1
                if v < lo_keep or v > hi_keep:
                    continue
                if have and v == last:
                    continue
                T[k] = v
                k += 1
                last = v
                have = True
            L, T = T, L
            m = k
            if m == 0:
                break
        if out[0] < 0 and _covers(L, m, thr):
            out[0] = t
            pending -= 1
        for q in range(nt):
            if out[1 + q] < 0 and _hits(L, m, tw[q, 0], tw[q, 1]):
                out[1 + q] = t
                pending -= 1
        if pending == 0:
            break


@njit(cache=True, parallel=True)
def _kernel(seed, first, count, n_max, thr, tw, wlo, whi, out):
    """Row ``i - first`` of ``out``: the hitting times of trial i, i in [first, first + count)."""
    cap = np.int64(1) << n_max
    nb = min(count, NBLOCKS)
    for c in prange(nb):
        lo, hi = block_bounds(c, nb, first, count)
        buf_a = np.empty(cap, dtype=np.int64)
        buf_b = np.empty(cap, dtype=np.int64)
        for i in range(lo, hi):
            x = draw_units(seed, i, n_max)
            _trial_hit_times(x, thr, tw, wlo, whi, buf_a, buf_b, out[i - first])


@njit(cache=True, parallel=True)
def _hist_kernel(seed, first, count, n_max, thr, tw, wlo, whi):
    """``hist[q, 1 + t]`` = trials whose column-q hitting time is t, ``hist[q, 0]`` = never."""
    cap = np.int64(1) << n_max
    ncol = 1 + tw.shape[0]
    nb = min(count, NBLOCKS)
    rows = np.zeros((nb, ncol, n_max + 2), dtype=np.int64)
    for c in prange(nb):
        lo, hi = block_bounds(c, nb, first, count)
        buf_a = np.empty(cap, dtype=np.int64)
        buf_b = np.empty(cap, dtype=np.int64)
        times = np.empty(ncol, dtype=np.int64)
        for i in range(lo, hi):
            x = draw_units(seed, i, n_max)
            _trial_hit_times(x, thr, tw, wlo, whi, buf_a, buf_b, times)
            for q in range(ncol):
                rows[c, q, times[q] + 1] += 1
    return rows.sum(axis=0)


@njit(cache=True)
def _samples_kernel(x_all, thr, tw, wlo, whi, out):
    n = x_all.shape[1]
    buf_a = np.empty(np.int64(1) << n, dtype=np.int64)
    buf_b = np.empty(np.int64(1) << n, dtype=np.int64)
    for i in range(x_all.shape[0]):
        _trial_hit_times(x_all[i], thr, tw, wlo, whi, buf_a, buf_b, out[i])


# ------------------------------------------------------------------------- public API

def _validate(n_max, eps, lo, hi, trials=1, seed=0):
    if isinstance(n_max, bool) or not isinstance(n_max, (int, np.integer)) or not 0 <= n_max <= N_MAX_LIMIT:
        raise InputError(f"n = {n_max!r}: the Lueker kernel enumerates 2^n subset sums; use an "
                         f"integer 0 <= n <= {N_MAX_LIMIT}")
    e, a, b = as_fraction(eps, "eps"), as_fraction(lo, "lo"), as_fraction(hi, "hi")
    if e <= 0:
        raise InputError(f"eps = {eps}: the tolerance must be positive")
    if a > b:
        raise InputError(f"target interval [lo, hi] = [{lo}, {hi}] is empty; use lo <= hi")
    if max(abs(a), abs(b)) + e > N_MAX_LIMIT:
        raise InputError(f"targets [{lo}, {hi}] lie beyond every subset sum; use |z| <= {N_MAX_LIMIT}")
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)) or trials < 1:
        raise InputError(f"trials = {trials!r}: use a positive integer")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InputError(f"seed = {seed!r}: use an integer")
    return e, a, b


def _windows(eps, lo, hi, closed, targets):
    thr = thresholds(eps, lo, hi, closed)
    tw = np.array([ball_window(as_fraction(z, "z"), eps, closed) for z in targets],
                  dtype=np.int64).reshape(len(targets), 2)
    wlo = int(min([thr[0]] + [int(a) for a, _ in tw]))
    whi = int(max([thr[1]] + [int(b) for _, b in tw]))
    return thr, tw, wlo, whi


def _setup(n_max, eps, lo, hi, closed, trials, seed, first, targets):
    e, a, b = _validate(n_max, eps, lo, hi, trials, seed)
    trials, first = check_range(trials, first)
    for z in targets:
        _validate(n_max, eps, z, z)
    thr, tw, wlo, whi = _windows(e, a, b, bool(closed), list(targets))
    return trials, first, thr, tw, np.int64(wlo), np.int64(whi)


def hit_times(n_max: int, eps, lo, hi, closed: bool, trials: int, seed: int,
              targets=(), *, first: int = 0) -> np.ndarray:
    """``(trials, 1 + len(targets))`` int64: per trial (``first .. first + trials - 1``) the first
    n <= n_max at which [lo, hi] is covered (column 0) and at which each target z is hit
    (columns 1..), -1 if never."""
    trials, first, thr, tw, wlo, whi = _setup(n_max, eps, lo, hi, closed, trials, seed, first, targets)
    check_per_trial(trials, 1 + len(targets), "lueker hit_times")
    out = np.empty((trials, 1 + len(targets)), dtype=np.int64)
    _kernel(seed_u64(seed), first, trials, int(n_max), thr, tw, wlo, whi, out)
    return out


def hit_counts(n_max: int, eps, lo, hi, closed: bool, trials: int, seed: int, targets=(), *,
               first: int = 0, chunk: int | None = None, progress=None) -> np.ndarray:
    """``counts[q, n]`` (n = 0..n_max) = trials whose column-q event (as in :func:`hit_times`)
    has happened by n: the same numbers as ``counts_by_n`` of :func:`hit_times`, counted in
    chunks (:mod:`montecarlo.chunks`, memory independent of the trials)."""
    trials, first, thr, tw, wlo, whi = _setup(n_max, eps, lo, hi, closed, trials, seed, first, targets)
    s64 = seed_u64(seed)
    hist = run_chunks(lambda a, m: _hist_kernel(s64, a, m, int(n_max), thr, tw, wlo, whi), trials,
                      first, chunk=chunk, progress=progress, what=f"Lueker coverage (n={n_max})")
    return np.cumsum(hist[:, 1:], axis=1).astype(np.int64)


def hit_times_of_samples(x_units: np.ndarray, eps, lo, hi, closed: bool, targets=()) -> np.ndarray:
    """As :func:`hit_times` for given samples (rows of int64 values in units of 2^-52)."""
    x_units = np.ascontiguousarray(np.atleast_2d(np.asarray(x_units, dtype=np.int64)))
    e, a, b = _validate(x_units.shape[1], eps, lo, hi)
    thr, tw, wlo, whi = _windows(e, a, b, bool(closed), list(targets))
    out = np.empty((x_units.shape[0], 1 + len(targets)), dtype=np.int64)
    _samples_kernel(x_units, thr, tw, np.int64(wlo), np.int64(whi), out)
    return out


def samples(n: int, trials: int, seed: int, *, first: int = 0) -> np.ndarray:
    """The ``(trials, n)`` int64 matrix of values (units of 2^-52) the kernel draws for the trials
    ``first .. first + trials - 1``."""
    _validate(n, 1, 0, 0, trials, seed)
    trials, first = check_range(trials, first)
    check_per_trial(trials, n, "lueker samples")
    return np.stack([draw_units(seed_u64(seed), i, int(n)) for i in range(first, first + trials)])


def counts_by_n(times: np.ndarray, n_max: int) -> np.ndarray:
    """counts[n] = number of trials with hitting time <= n, n = 0..n_max."""
    hist = np.bincount(times[times >= 0], minlength=n_max + 1)[: n_max + 1]
    return np.cumsum(hist).astype(np.int64)


def coverage(n: int, eps, lo, hi, closed, trials: int, seed: int, *, first: int = 0,
             chunk: int | None = None, progress=None) -> Estimate:
    """P(every z in [lo, hi] has S subset [n] with |sum_S X - z| <= eps (closed) / < eps)."""
    c = hit_counts(n, eps, lo, hi, bool(closed), trials, seed, first=first, chunk=chunk,
                   progress=progress)
    return Estimate(int(c[0, -1]), int(trials), int(seed), first=int(first))


def single_target(n: int, eps, z, closed, trials: int, seed: int, *, first: int = 0,
                  chunk: int | None = None, progress=None) -> Estimate:
    """P(some S subset [n] has |sum_S X - z| <= eps (closed) / < eps): the per-z event."""
    return coverage(n, eps, z, z, closed, trials, seed, first=first, chunk=chunk, progress=progress)


# ------------------------------------------------------------------------- pure-Python reference

def py_samples(seed: int, trial: int, n: int) -> list[int]:
    """Pure-Python twin of :func:`draw_units`."""
    state = py_trial_state(seed, trial)
    out = []
    for _ in range(n):
        state, r = py_next_u64(state)
        out.append((r >> 11) - (1 << BITS))
    return out


def py_subset_sums(xs: list[Fraction]) -> list[Fraction]:
    """All 2^n subset sums (with multiplicity removed), sorted."""
    sums = {Fraction(0)}
    for x in xs:
        sums |= {s + x for s in sums}
    return sorted(sums)


def py_covered(sums: list[Fraction], eps: Fraction, lo: Fraction, hi: Fraction, closed: bool) -> bool:
    """Sweep over the balls (sorted by centre): is [lo, hi] inside their union?

    ``reach`` is the right end of the covered part [lo, reach] (closed) or [lo, reach) (open)."""
    reach = None
    for s in sums:
        a, b = s - eps, s + eps
        if b < lo or (not closed and b == lo):
            continue
        start_ok = (a <= lo) if closed else (a < lo)
        if reach is None:
            if not start_ok:
                return False
            reach = b
        else:
            joined = (a <= reach) if closed else (a < reach)
            if not joined:
                return (reach >= hi) if closed else (reach > hi)
            reach = max(reach, b)
        if (closed and reach >= hi) or (not closed and reach > hi):
            return True
    return reach is not None and ((reach >= hi) if closed else (reach > hi))


def py_hit_times(x_units: list[int], eps, lo, hi, closed: bool, targets=()) -> list[int]:
    """Reference hitting times: every prefix's subset sums enumerated and tested directly."""
    eps, lo, hi = as_fraction(eps), as_fraction(lo), as_fraction(hi)
    xs = [Fraction(int(m)) * UNIT for m in x_units]
    zs = [as_fraction(z) for z in targets]
    out = [NOT_REACHED] * (1 + len(zs))
    for t in range(len(xs) + 1):
        sums = py_subset_sums(xs[:t])
        if out[0] == NOT_REACHED and py_covered(sums, eps, lo, hi, closed):
            out[0] = t
        for q, z in enumerate(zs):
            if out[1 + q] == NOT_REACHED and any(
                    (abs(s - z) <= eps) if closed else (abs(s - z) < eps) for s in sums):
                out[1 + q] = t
    return out
