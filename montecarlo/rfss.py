"""Monte Carlo estimates of Random Fixed-Size Subset Sum events (sparsity paper, §2-3, App. D, F).

Discrete samples (uniform on ``{-M..M}``): :func:`rfss_single_target`, :func:`rfss_all_targets` --
reachable-sum bitsets per size (plain DP), same events as ``exact.rfss``.

Continuous samples (``dist``):

* ``"uniform"``            Uniform[-1, 1] (Theorem 2, Lemma 1);
* ``"D"``                  Lemma 2's D = 1/2 delta_0 + 1/2 Law(XY), X ~ U[0,1], Y ~ U[-1,1];
* ``"mixture:<p>:<other>"`` Corollary 1: Uniform[-1,1] w.p. p, else ``<other>``, one of ``zero``,
  ``point:<a>``, ``normal:<sigma>``, ``D``, ``uniform`` (e.g. ``"mixture:1/2:normal:2"``).

:func:`continuous_single_target` estimates ``P(exists |S| = k: |Sigma_S - z| < eps)`` and
:func:`continuous_all_targets` ``P(for all z in [-sqrt k, sqrt k] exists |S_z| = k: |Sigma - z| < eps)``,
each trial decided exactly for its sample by the meet-in-the-middle kernels of
``montecarlo.rfss_mitm``. :func:`any_subset_covers` (Corollary 3, any subset, ``<= eps``, z in [-1,1])
uses the same sweep over all subset sums.

Streams: trial ``i`` uses ``montecarlo.rng.trial_state(seed, i)`` only, so the counts do not depend
on the thread count or on how the trials are split; sample ``j`` of a trial consumes a fixed number
(4) of 64-bit words (discrete samples: ``montecarlo.rng.uniform_below``). Every estimate is counted
in chunks over the trials ``[first, first + trials)`` (:mod:`montecarlo.chunks`).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo.chunks import check_range, run_chunks
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rfss_mitm import half_sums, mitm_covers, mitm_min_dist
from ticketcheck.montecarlo.rng import (next_u64, py_next_u64, py_trial_state, rejection_limit, seed_u64,
                                        trial_state, uniform_below)
from ticketcheck.params_rfss import default_zmax, tolerance_window, validate_discrete

__all__ = ["rfss_single_target", "rfss_all_targets", "continuous_single_target",
           "continuous_all_targets", "any_subset_covers", "parse_dist", "draw_samples",
           "py_draw_samples", "MAX_N_CONTINUOUS"]

MAX_N_CONTINUOUS = 44
_S11 = np.uint64(11)
_TWO53 = 1.0 / 9007199254740992.0

# distribution codes
UNIFORM, DMIX, MIXTURE = 0, 1, 2
OTHER_ZERO, OTHER_POINT, OTHER_NORMAL, OTHER_D, OTHER_UNIFORM = 0, 1, 2, 3, 4


def parse_dist(dist: str) -> tuple[int, float, int, float]:
    """``dist`` string -> ``(code, p, other_code, other_param)`` for the kernels."""
    if not isinstance(dist, str):
        raise InputError(f"dist must be a string like 'uniform', 'D' or 'mixture:1/2:zero', got {dist!r}")
    s = dist.strip()
    if s.lower() == "uniform":
        return UNIFORM, 1.0, OTHER_ZERO, 0.0
    if s == "D":
        return DMIX, 1.0, OTHER_ZERO, 0.0
    if s.lower().startswith("mixture:"):
        parts = s.split(":")
        if len(parts) < 3:
            raise InputError(f"malformed dist {dist!r}: use 'mixture:<p>:<other>', e.g. 'mixture:1/2:zero'")
        try:
            p = float(Fraction(parts[1]))
        except (ValueError, ZeroDivisionError):
            raise InputError(f"malformed mixture weight {parts[1]!r} in {dist!r}: use e.g. 1/2") from None
        if not 0 < p <= 1:
            raise InputError(f"mixture weight p={parts[1]} must satisfy 0 < p <= 1 (Corollary 1)")
        other = parts[2]
        arg = parts[3] if len(parts) > 3 else None
        try:
            if other == "zero":
                return MIXTURE, p, OTHER_POINT, 0.0
            if other == "point":
                return MIXTURE, p, OTHER_POINT, float(Fraction(arg))
            if other == "normal":
                sigma = float(Fraction(arg)) if arg else 1.0
                if sigma <= 0:
                    raise InputError(f"normal sigma must be > 0 in {dist!r}")
                return MIXTURE, p, OTHER_NORMAL, sigma
            if other == "D":
                return MIXTURE, p, OTHER_D, 0.0
            if other == "uniform":
                return MIXTURE, p, OTHER_UNIFORM, 0.0
        except (TypeError, ValueError):
            raise InputError(f"malformed parameter in dist {dist!r}") from None
        raise InputError(f"unknown mixture component {other!r} in {dist!r}; use zero, point:<a>, "
                         f"normal:<sigma>, D or uniform")
    raise InputError(f"unknown distribution {dist!r}; use 'uniform', 'D' or 'mixture:<p>:<other>'")


@njit(cache=True)
def _u01(state):
    state, r = next_u64(state)
    return state, (r >> _S11) * _TWO53


@njit(cache=True)
def _draw_one(state, code, p, ocode, oparam):
    """One sample; always consumes exactly 4 words of the stream (state advanced by the caller)."""
    s1, u1 = _u01(state)
    s2, u2 = _u01(s1)
    s3, u3 = _u01(s2)
    s4, u4 = _u01(s3)
    if code == 0:
        return 2.0 * u1 - 1.0
    if code == 1:
        if u1 < 0.5:
            return 0.0
        return u2 * (2.0 * u3 - 1.0)
    # mixture
    if u1 < p:
        return 2.0 * u2 - 1.0
    if ocode == 1:
        return oparam
    if ocode == 2:  # Box-Muller
        r = math.sqrt(-2.0 * math.log(1.0 - u2))
        return oparam * r * math.cos(2.0 * math.pi * u3)
    if ocode == 3:
        if u2 < 0.5:
            return 0.0
        return u3 * (2.0 * u4 - 1.0)
    if ocode == 4:
        return 2.0 * u2 - 1.0
    return 0.0


@njit(cache=True)
def draw_samples(seed, trial, n, code, p, ocode, oparam):
    """The ``n`` samples of trial ``trial`` (numba)."""
    state = trial_state(seed, trial)
    out = np.empty(n, dtype=np.float64)
    for j in range(n):
        out[j] = _draw_one(state, code, p, ocode, oparam)
        for _ in range(4):
            state, _r = next_u64(state)
    return out


def py_draw_samples(seed: int, trial: int, n: int, dist: str) -> list[float]:
    """Pure-Python twin of :func:`draw_samples` (tests compare them)."""
    code, p, ocode, oparam = parse_dist(dist)
    state = py_trial_state(seed, trial)
    out = []
    for _ in range(n):
        us = []
        st = state
        for _r in range(4):
            st, r = py_next_u64(st)
            us.append((r >> 11) * _TWO53)
        u1, u2, u3, u4 = us
        if code == UNIFORM:
            v = 2 * u1 - 1
        elif code == DMIX:
            v = 0.0 if u1 < 0.5 else u2 * (2 * u3 - 1)
        elif u1 < p:
            v = 2 * u2 - 1
        elif ocode == OTHER_POINT:
            v = oparam
        elif ocode == OTHER_NORMAL:
            v = oparam * math.sqrt(-2 * math.log(1 - u2)) * math.cos(2 * math.pi * u3)
        elif ocode == OTHER_D:
            v = 0.0 if u2 < 0.5 else u3 * (2 * u4 - 1)
        else:
            v = 2 * u2 - 1
        out.append(v)
        state = st
    return out


# ---------------------------------------------------------------- continuous kernels

# Counting kernels: the number of successes among the trials [first, first + count).

@njit(cache=True, parallel=True)
def _single_kernel(seed, first, count, n, k, eps, z, code, p, ocode, oparam):
    hits = 0
    for t in prange(count):
        x = draw_samples(seed, first + t, n, code, p, ocode, oparam)
        if mitm_min_dist(x, k, z) < eps:
            hits += 1
    return hits


@njit(cache=True, parallel=True)
def _all_kernel(seed, first, count, n, k, eps, lo, hi, code, p, ocode, oparam):
    hits = 0
    for t in prange(count):
        x = draw_samples(seed, first + t, n, code, p, ocode, oparam)
        if mitm_covers(x, k, eps, lo, hi):
            hits += 1
    return hits


@njit(cache=True)
def _any_subset_covers_one(x, eps, lo, hi):
    """All subset sums (any size) cover [lo, hi] with closed eps-balls (Corollary 3, ``<= eps``)."""
    n = x.shape[0]
    h1 = n // 2
    A, ca = half_sums(x, 0, h1, h1)
    B, cb = half_sums(x, h1, n, n - h1)
    # flatten and sort each half (sizes merged)
    na = 0
    for s in range(ca.shape[0]):
        na += ca[s]
    nb = 0
    for s in range(cb.shape[0]):
        nb += cb[s]
    AA = np.empty(na)
    m = 0
    for s in range(ca.shape[0]):
        for i in range(ca[s]):
            AA[m] = A[s, i]
            m += 1
    BB = np.empty(nb)
    m = 0
    for s in range(cb.shape[0]):
        for i in range(cb[s]):
            BB[m] = B[s, i]
            m += 1
    AA.sort()
    BB.sort()
    # sweep with closed balls: largest sum <= t
    t = lo + eps
    s = -np.inf
    j = nb - 1
    for i in range(na):
        while j >= 0 and AA[i] + BB[j] > t:
            j -= 1
        if j < 0:
            break
        if AA[i] + BB[j] > s:
            s = AA[i] + BB[j]
    if not (s >= lo - eps):
        return False
    while s + eps < hi:
        t = s + 2 * eps
        s2 = -np.inf
        j = nb - 1
        for i in range(na):
            while j >= 0 and AA[i] + BB[j] > t:
                j -= 1
            if j < 0:
                break
            if AA[i] + BB[j] > s2:
                s2 = AA[i] + BB[j]
        if not (s2 > s):
            return False
        s = s2
    return True


@njit(cache=True, parallel=True)
def _any_kernel(seed, first, count, n, eps, lo, hi, code, p, ocode, oparam):
    hits = 0
    for t in prange(count):
        x = draw_samples(seed, first + t, n, code, p, ocode, oparam)
        if _any_subset_covers_one(x, eps, lo, hi):
            hits += 1
    return hits


def _count(kernel, trials, seed, first, chunk, progress, what) -> Estimate:
    """Estimate from ``kernel(seed_u64, first, count) -> successes`` over the trials
    ``[first, first + trials)``, counted in chunks (:func:`montecarlo.chunks.run_chunks`)."""
    trials, first = check_range(trials, first)
    s64 = seed_u64(seed)
    hits = run_chunks(lambda a, m: kernel(s64, a, m), trials, first, chunk=chunk,
                      progress=progress, what=what)
    return Estimate(int(hits), trials, seed, first=first)


def _validate_continuous(n, k, eps, trials, seed, dist):
    for name, v in (("n", n), ("k", k), ("trials", trials)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool):
            raise InputError(f"{name} must be an integer, got {v!r}")
    if n < 1 or k < 1:
        raise InputError(f"need n >= 1 and k >= 1, got n={n}, k={k}")
    if k > n:
        raise InputError(f"k={k} > n={n}: no subset of size k exists; use k <= n (Theorem 2: k <= n/2)")
    try:
        e = float(Fraction(eps)) if not isinstance(eps, float) else eps
    except (TypeError, ValueError):
        raise InputError(f"eps must be a number, got {eps!r}") from None
    if not e > 0:
        raise InputError(f"eps must be > 0 (the paper's strict '< eps' is empty otherwise), got {eps}")
    if n > MAX_N_CONTINUOUS:
        raise TooLargeError(f"n={n} > {MAX_N_CONTINUOUS}: the meet-in-the-middle search needs 2^(n/2) "
                            f"memory per trial; use n <= {MAX_N_CONTINUOUS}")
    if trials < 1:
        raise InputError(f"trials must be >= 1, got {trials}")
    return e, parse_dist(dist)


def _f(v) -> float:
    return float(Fraction(v)) if not isinstance(v, float) else v


# ``first``, ``chunk``, ``progress``: the trial range and the driver's options
# (:func:`montecarlo.chunks.run_chunks`); the defaults give the trials 0..trials-1.

def continuous_single_target(n, k, eps, z, dist="uniform", trials=2000, seed=12345, *, first=0,
                             chunk=None, progress=None) -> Estimate:
    """``P(exists S, |S| = k: |Sigma_S - z| < eps)`` for i.i.d. samples from ``dist``."""
    e, (code, p, oc, op) = _validate_continuous(n, k, eps, trials, seed, dist)
    n, k, zf = int(n), int(k), _f(z)
    return _count(lambda s, a, m: _single_kernel(s, a, m, n, k, e, zf, code, p, oc, op),
                  trials, seed, first, chunk, progress, f"RFSS single target (n={n}, k={k})")


def continuous_all_targets(n, k, eps, dist="uniform", trials=2000, seed=12345, *, first=0,
                           chunk=None, progress=None) -> Estimate:
    """``P(for all z in [-sqrt k, sqrt k] exists |S_z| = k: |Sigma_{S_z} - z| < eps)``."""
    e, (code, p, oc, op) = _validate_continuous(n, k, eps, trials, seed, dist)
    n, k, r = int(n), int(k), math.sqrt(k)
    return _count(lambda s, a, m: _all_kernel(s, a, m, n, k, e, -r, r, code, p, oc, op),
                  trials, seed, first, chunk, progress, f"RFSS all targets (n={n}, k={k})")


def any_subset_covers(n, eps, dist="D", trials=2000, seed=12345, lo=-1.0, hi=1.0, *, first=0,
                      chunk=None, progress=None) -> Estimate:
    """Corollary 3: ``P(for all z in [lo, hi] exists S subset [n]: |z - Sigma_S| <= eps)``."""
    e, (code, p, oc, op) = _validate_continuous(n, 1, eps, trials, seed, dist)
    n, lo, hi = int(n), float(lo), float(hi)
    return _count(lambda s, a, m: _any_kernel(s, a, m, n, e, lo, hi, code, p, oc, op),
                  trials, seed, first, chunk, progress, f"any-subset coverage (n={n})")


# ---------------------------------------------------------------- discrete samples

@njit(cache=True)
def _discrete_reach(x, k, M):
    """reach[s, v + s*M] = True iff some s-subset of x sums to v (sizes 0..k)."""
    n = x.shape[0]
    W = 2 * k * M + 1
    reach = np.zeros((k + 1, W), dtype=np.bool_)
    reach[0, 0] = True
    for e in range(n):
        xe = x[e]
        for s in range(min(k, e + 1), 0, -1):
            # from size s-1 (offset (s-1)M) to size s (offset sM): index shift xe + M
            sh = xe + M
            for v in range(W - 1, -1, -1):
                if reach[s - 1, v] and v + sh < W:
                    reach[s, v + sh] = True
    return reach


@njit(cache=True, parallel=True)
def _discrete_kernel(seed, first, count, n, k, M, lo, hi, all_lo, all_hi, mode, limit):
    """mode 0: single target window [lo, hi] (integers); mode 1: every window lo+z..hi+z, z in
    [all_lo, all_hi]. Windows are sums (not indices)."""
    hits = 0
    K = np.uint64(2 * M + 1)
    for t in prange(count):
        state = trial_state(seed, first + t)
        x = np.empty(n, dtype=np.int64)
        for j in range(n):
            state, u = uniform_below(state, K, limit)
            x[j] = u - M
        reach = _discrete_reach(x, k, M)
        off = k * M
        W = 2 * k * M + 1
        if mode == 0:
            ok = False
            for v in range(max(lo + off, 0), min(hi + off, W - 1) + 1):
                if reach[k, v]:
                    ok = True
                    break
        else:
            ok = True
            for zz in range(all_lo, all_hi + 1):
                found = False
                for v in range(max(lo + zz + off, 0), min(hi + zz + off, W - 1) + 1):
                    if reach[k, v]:
                        found = True
                        break
                if not found:
                    ok = False
                    break
        if ok:
            hits += 1
    return hits


def rfss_single_target(M, n, k, delta, z, trials=20000, seed=12345, relation="<", *, first=0,
                       chunk=None, progress=None) -> Estimate:
    """Monte Carlo twin of ``exact.rfss_single_target`` (X_i uniform on {-M..M})."""
    validate_discrete(M, n, k, delta, z, relation)
    lo, hi = tolerance_window(Fraction(z), Fraction(delta), relation)
    limit = rejection_limit(2 * M + 1)
    return _count(lambda s, a, m: _discrete_kernel(s, a, m, n, k, M, lo, hi, 0, 0, 0, limit),
                  trials, seed, first, chunk, progress, f"RFSS discrete (M={M}, n={n}, k={k})")


def rfss_all_targets(M, n, k, delta, trials=20000, seed=12345, relation="<", zmax=None, *,
                     first=0, chunk=None, progress=None) -> Estimate:
    """Monte Carlo twin of ``exact.rfss_all_targets``."""
    validate_discrete(M, n, k, delta, 0, relation)
    zmax = default_zmax(M, k) if zmax is None else int(zmax)
    lo, hi = tolerance_window(Fraction(0), Fraction(delta), relation)
    limit = rejection_limit(2 * M + 1)
    return _count(lambda s, a, m: _discrete_kernel(s, a, m, n, k, M, lo, hi, -zmax, zmax, 1, limit),
                  trials, seed, first, chunk, progress, f"RFSS discrete (M={M}, n={n}, k={k})")
