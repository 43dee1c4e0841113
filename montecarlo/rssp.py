"""Monte Carlo for the discrete random subset-sum process of `unified` (§3, Definition 1, App. A, App. E).

Model (claims.md `unified.model1`): X_1, X_2, ... i.i.d. uniform on {-M..M}; tolerance Delta in
{0..M}; f_t(z) = 1 iff some S subset of [t] (empty allowed) has |sum_S X - z| <= Delta;
v_t = sum_{i=-M}^{M} f_t(i). Events (each an :class:`~montecarlo.estimate.Estimate`):

* ``rssp_single_target``   P(f_n(z) = 1)                          (App. E, z = 42, Delta = 0)
* ``rssp_tau_event``       P(tau <= t) = P(v_t >= 2M+1-Delta)      (§3 def. of tau; Thm 2/4)
* ``rssp_all_covered``     P(v_t = 2M+1)                           (`unified.def4` ambiguity)
* ``rssp_tau1_event``      P(tau1 <= t) = P(v_t > M+1)             (Lemma 4)
* ``rssp_tau2_event``      P(tau2 <= t), tau2 counted from tau1    (Lemma 6; both readings)
* ``rssp_tau1_tau2_sum_event``  P(tau1 + tau2 <= t)                (App. A def. 8, Eq. (7))
* ``rssp_half_event``      P(tau1 <= floor(t/2), tau2 <= floor(t/2))  (Eq. (7), union bound)

tau2 readings (`unified.def7`): ``"formula"``: min{s >= 0: w_s <= 2M-Delta+1} with
w_s = 2M+1-v_{tau1+s}, i.e. v_{tau1+s} >= Delta; ``"prose"``: min{s >= 0: v_{tau1+s} >= 2M-Delta+1}.

Kernel. The state is kept as the *dilated* reachable set D_t = {y : |y - sum_S X| <= Delta for
some S}, a word bitset: f_t(y) = [y in D_t], and D_{t+1} = D_t | (D_t + X_{t+1}) (dilation
commutes with the shift-or of Eq. (1)), D_0 = [-Delta, Delta]. Window pruning: D_t lies in
[N_t - Delta, P_t + Delta] (N_t, P_t = sums of the negative / positive X's so far, a subset of
[-tM-Delta, tM+Delta]); a point y of D_s can still matter at time n for target z only if
|y - z| <= (n-s)M, and for the volume at horizon T only if |y| <= (T-s+1)M, so only the
intersection is kept (word granularity; the kept set is always a subset of D_s containing all of
D_s inside the window, which is enough for exact answers). Single-target runs stop at the first hit.

Reproducibility: trial i draws its X's from a SplitMix64 stream keyed by (seed, i) only
(``montecarlo.rng``), so every result is identical for any ``numba.set_num_threads`` and any
split of the trials. The events and curves are counted in chunks of trials
(:mod:`montecarlo.chunks`: memory independent of the number of trials, Ctrl-C between chunks,
progress, refusal of runs over a day) and take ``first`` (the trials ``[first, first + trials)``);
the per-trial functions (hit times, paths, samples) are for a bounded number of trials.
``rssp_samples`` returns the X matrix the kernels use, for replay by the pure-Python reference
``montecarlo.rssp_reference``.
"""
from __future__ import annotations

import time

import numpy as np
from numba import get_num_threads, njit, prange

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo.bitset import (popcount_range, shift_or, start_window, test_bit,
                                           words_for_frame, zero_words)
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, check_per_trial, check_range, run_chunks
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rng import lemire_threshold, seed_u64, trial_state, uniform_below32

__all__ = [
    "rssp_single_target", "rssp_tau_event", "rssp_all_covered", "rssp_tau1_event",
    "rssp_tau2_event", "rssp_tau1_tau2_sum_event", "rssp_half_event", "rssp_paths",
    "rssp_single_target_curve", "rssp_single_target_time", "rssp_samples",
    "rssp_single_target_hit_times", "rssp_volume_paths", "rssp_two_phase_times",
    "rssp_single_target_hist", "rssp_first_times",
    "TAU2_READINGS", "TAU1_CAP",
]

TAU2_READINGS = ("formula", "prose")
MAX_FRAME_BITS = 1 << 31          # one bitset buffer per parallel block: at most 256 MiB


def TAU1_CAP(M: int) -> int:
    """Steps allowed to reach tau1 when a run must continue t steps *after* tau1 (tau2 events).

    P(tau1 > cap) is astronomically small (e.g. M=1, Delta=0: 2(2/3)^cap); a run that still
    exceeds it raises :class:`TooLargeError` instead of guessing."""
    return 256 + 32 * int(M).bit_length()


# ---------------------------------------------------------------------------------------------
# numba kernels: three kinds of trial, per-trial and counting kernels. One step of a trial draws
# X_s (montecarlo.rng), updates the sums of negative / positive X's, takes the kept window
# (_window, the one pruning rule) and shift-ors the bitset onto it (bitset.shift_or, which also
# trims). The step's few lines are repeated in the three trial loops instead of being a helper:
# a numba helper that passes the bitset on costs an array reference count per step (measured
# 12-60% slower for small M).
# ---------------------------------------------------------------------------------------------

SINGLE, VOLUME = 0, 1             # window kinds: one target z at horizon n / volumes up to T


@njit(cache=True, inline="always")
def _window(kind, s, T, M, delta, z, neg, pos, prune):
    """Kept window of D_s (inclusive). D_s lies in [neg - Delta, pos + Delta] (neg/pos = sums of
    the negative/positive X's so far). SINGLE: only |y - z| <= (T-s)M can still reach z by time
    T; VOLUME: only |y| <= (T-s+1)M can still reach [-M, M] by time T. ``prune=False``: the naive
    [-sM-Delta, sM+Delta]."""
    if not prune:
        return -s * M - delta, s * M + delta
    if kind == SINGLE:
        return max(neg - delta, z - (T - s) * M), min(pos + delta, z + (T - s) * M)
    return max(neg - delta, -(T - s + 1) * M), min(pos + delta, (T - s + 1) * M)


@njit(cache=True)
def _single_target_trial(R, state, K, limit, M, n, delta, z, off, prune):
    """First time s <= n with f_s(z) = 1, or -1. ``R`` is all zero on entry and on exit."""
    if abs(z) <= delta:
        return 0
    neg = 0
    pos = 0
    lo, hi = _window(SINGLE, 0, n, M, delta, z, neg, pos, prune)
    if lo > hi:
        return -1
    a_lo, a_hi = start_window(R, lo + off, hi + off)
    zb = z + off
    hit = -1
    for s in range(1, n + 1):
        state, u = uniform_below32(state, K, limit)
        x = u - M
        neg += min(x, 0)
        pos += max(x, 0)
        lo, hi = _window(SINGLE, s, n, M, delta, z, neg, pos, prune)
        d_lo, d_hi = (lo + off) >> 6, (hi + off) >> 6
        shift_or(R, x, a_lo, a_hi, d_lo, d_hi)
        a_lo, a_hi = d_lo, d_hi
        if test_bit(R, zb):
            hit = s
            break
    zero_words(R, a_lo, a_hi)
    return hit


@njit(cache=True, inline="always")
def _volume_at_least(R, vlo, vhi, need, M, delta, neg, pos):
    """v_s >= need? The covered part of [-M, M] lies in [max(-M, neg - Delta), min(M, pos + Delta)],
    so the popcount is skipped while that range is shorter than ``need``."""
    if min(M, pos + delta) - max(-M, neg - delta) + 1 < need:
        return False
    return popcount_range(R, vlo, vhi) >= need


@njit(cache=True)
def _two_phase_trial(R, state, K, limit, M, delta, T0, cap, t_after, thr1, thr2, off, prune, z):
    """(tau1, tau2, hit): tau1 = first s with v_s >= thr1; tau2 = first r >= 0 with
    v_{tau1+r} >= thr2; hit = first s <= the last step run with f_s(z) = 1 (|z| <= M).

    Fixed horizon (t_after < 0): run up to s = T0. Relative (t_after >= 0): phase 1 runs up to
    ``cap`` steps, then the horizon becomes tau1 + t_after. -1 marks "not reached"."""
    T = T0
    neg = 0
    pos = 0
    lo, hi = _window(VOLUME, 0, T, M, delta, 0, neg, pos, prune)
    a_lo, a_hi = start_window(R, lo + off, hi + off)
    vlo = -M + off
    vhi = M + off
    zb = z + off
    tau1 = -1
    tau2 = -1
    hit = 0 if abs(z) <= delta else -1
    s = 0
    while True:
        if tau1 < 0 and _volume_at_least(R, vlo, vhi, thr1, M, delta, neg, pos):
            tau1 = s
            if t_after >= 0:
                T = s + t_after
        if tau1 >= 0 and _volume_at_least(R, vlo, vhi, thr2, M, delta, neg, pos):
            tau2 = s - tau1
            break
        if s >= T or (tau1 < 0 and s >= cap):
            break
        s += 1
        state, u = uniform_below32(state, K, limit)
        x = u - M
        neg += min(x, 0)
        pos += max(x, 0)
        lo, hi = _window(VOLUME, s, T, M, delta, 0, neg, pos, prune)
        d_lo, d_hi = (lo + off) >> 6, (hi + off) >> 6
        shift_or(R, x, a_lo, a_hi, d_lo, d_hi)
        a_lo, a_hi = d_lo, d_hi
        if hit < 0 and test_bit(R, zb):
            hit = s
    zero_words(R, a_lo, a_hi)
    return tau1, tau2, hit


@njit(cache=True)
def _path_trial(R, state, K, limit, M, delta, T, off, prune, vrow):
    """Fill ``vrow[s] = v_s`` for s = 0..T (stops drawing once v = 2M+1, which is absorbing)."""
    neg = 0
    pos = 0
    lo, hi = _window(VOLUME, 0, T, M, delta, 0, neg, pos, prune)
    a_lo, a_hi = start_window(R, lo + off, hi + off)
    vlo = -M + off
    vhi = M + off
    full = 2 * M + 1
    v = popcount_range(R, vlo, vhi)
    vrow[0] = v
    for s in range(1, T + 1):
        if v == full:
            vrow[s] = v
            continue
        state, u = uniform_below32(state, K, limit)
        x = u - M
        neg += min(x, 0)
        pos += max(x, 0)
        lo, hi = _window(VOLUME, s, T, M, delta, 0, neg, pos, prune)
        d_lo, d_hi = (lo + off) >> 6, (hi + off) >> 6
        shift_or(R, x, a_lo, a_hi, d_lo, d_hi)
        a_lo, a_hi = d_lo, d_hi
        v = popcount_range(R, vlo, vhi)
        vrow[s] = v
    zero_words(R, a_lo, a_hi)


# Per-trial kernels write row ``i - first`` of ``out`` for trial i in [first, first + count);
# counting kernels return fixed-size sums (one row per parallel block, summed at the end).

@njit(parallel=True, cache=True)
def _single_target_kernel(M, n, delta, z, seed, first, count, limit, nwords, off, prune, out):
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            out[i - first] = _single_target_trial(R, trial_state(seed, i), K, limit, M, n, delta, z,
                                                  off, prune)


@njit(parallel=True, cache=True)
def _single_target_hist(M, n, delta, z, seed, first, count, limit, nwords, off, prune):
    """``hist[0]`` = trials that miss z by time n, ``hist[1 + s]`` = trials first hitting it at s."""
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    rows = np.zeros((nb, n + 2), np.int64)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            s = _single_target_trial(R, trial_state(seed, i), K, limit, M, n, delta, z, off, prune)
            rows[c, s + 1] += 1
    return rows.sum(axis=0)


@njit(parallel=True, cache=True)
def _two_phase_kernel(M, delta, T0, cap, t_after, thr1, thr2, seed, first, count, limit, nwords,
                      off, prune, out1, out2):
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            a, b, _ = _two_phase_trial(R, trial_state(seed, i), K, limit, M, delta, T0, cap,
                                       t_after, thr1, thr2, off, prune, 0)
            out1[i - first] = a
            out2[i - first] = b


@njit(parallel=True, cache=True)
def _first_times_kernel(M, T, z, seed, first, count, limit, nwords, off, out_single, out_all):
    """Per trial (Delta = 0): the first time z is reachable and the first time v = 2M+1, in one
    pass (the volume run stops at full coverage, which implies that z is reached)."""
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            a, _, h = _two_phase_trial(R, trial_state(seed, i), K, limit, M, 0, T, T, -1,
                                       2 * M + 1, 0, off, True, z)
            out_all[i - first] = a
            out_single[i - first] = h


@njit(parallel=True, cache=True)
def _two_phase_count(M, delta, T0, cap, t_after, thr1, thr2, lim1, lim2, seed, first, count,
                     limit, nwords, off, prune):
    """``[#{0 <= tau1 <= lim1 and 0 <= tau2 <= lim2}, #{tau1 not reached}]``."""
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    rows = np.zeros((nb, 2), np.int64)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            a, b, _ = _two_phase_trial(R, trial_state(seed, i), K, limit, M, delta, T0, cap,
                                       t_after, thr1, thr2, off, prune, 0)
            if 0 <= a <= lim1 and 0 <= b <= lim2:
                rows[c, 0] += 1
            if a < 0:
                rows[c, 1] += 1
    return rows.sum(axis=0)


@njit(parallel=True, cache=True)
def _paths_kernel(M, delta, T, seed, first, count, limit, nwords, off, prune, out):
    K = np.uint64(2 * M + 1)
    nb = min(count, NBLOCKS)
    for c in prange(nb):
        R = np.zeros(nwords, np.uint64)
        lo, hi = block_bounds(c, nb, first, count)
        for i in range(lo, hi):
            _path_trial(R, trial_state(seed, i), K, limit, M, delta, T, off, prune, out[i - first])


@njit(parallel=True, cache=True)
def _samples_kernel(M, n, seed, first, count, limit, out):
    K = np.uint64(2 * M + 1)
    for r in prange(count):
        st = trial_state(seed, first + r)
        for j in range(n):
            st, u = uniform_below32(st, K, limit)
            out[r, j] = u - M


# ---------------------------------------------------------------------------------------------
# input validation (one-line InputError messages)
# ---------------------------------------------------------------------------------------------

def _is_int(x) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _check_M_delta(M, delta) -> tuple[int, int]:
    if not _is_int(M) or M < 1:
        raise InputError(f"M must be a positive integer (got {M!r}); samples are uniform on {{-M..M}}, use M >= 1")
    if M > 2**30:
        raise TooLargeError(f"M = {M} is too large for the bitset kernels; use M <= 2^30")
    if not _is_int(delta) or delta < 0 or delta > M:
        raise InputError(f"Delta must be an integer in 0..M (got Delta={delta!r}, M={M}); use 0 <= Delta <= M")
    return int(M), int(delta)


def _check_trials_seed(trials, seed, first=0) -> tuple[int, int, int]:
    trials, first = check_range(trials, first)
    if not _is_int(seed):
        raise InputError(f"seed must be an integer (got {seed!r}); use e.g. seed=0")
    return trials, int(seed), first


def _check_time(name, t) -> int:
    if not _is_int(t) or t < 0:
        raise InputError(f"{name} must be a non-negative integer (got {t!r}); use {name} >= 0")
    return int(t)


def _check_z(z, M) -> int:
    if not _is_int(z) or abs(z) > M:
        raise InputError(f"target z must be an integer in -M..M (got z={z!r}, M={M}); Definition 1 needs |z| <= M")
    return int(z)


def _check_reading(reading) -> str:
    if reading not in TAU2_READINGS:
        raise InputError(f"unknown tau2 reading {reading!r}; use one of {', '.join(TAU2_READINGS)}")
    return reading


def _frame(F: int) -> tuple[int, int]:
    """(nwords, off) for the frame [-F, F]; refuses frames over MAX_FRAME_BITS."""
    if 2 * F + 1 > MAX_FRAME_BITS:
        raise TooLargeError(f"the bitset frame [-{F}, {F}] needs {2 * F + 1} bits (> 2^31); "
                            "use a smaller M or horizon")
    return words_for_frame(F), F + 64


# ---------------------------------------------------------------------------------------------
# per-trial outputs (public: used by tests and by path-level claims; a bounded number of trials)
# ---------------------------------------------------------------------------------------------

def rssp_samples(M: int, n: int, trials: int, seed: int, *, first: int = 0) -> np.ndarray:
    """The ``(trials, n)`` int64 matrix of X values the kernels draw for ``(seed, trial)``.

    Row r holds X_1..X_n of trial ``first + r`` (a kernel that stops early uses a prefix of it)."""
    M, _ = _check_M_delta(M, 0)
    n = _check_time("n", n)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    check_per_trial(trials, n, "rssp_samples")
    out = np.empty((trials, n), np.int64)
    _samples_kernel(M, n, seed_u64(seed), first, trials, lemire_threshold(2 * M + 1), out)
    return out


def _single_target_args(M, n, delta, z, trials, seed, first):
    M, delta = _check_M_delta(M, delta)
    n = _check_time("n", n)
    z = _check_z(z, M)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    nwords, off = _frame(max(n, 1) * M + delta)
    return M, n, delta, z, trials, seed, first, nwords, off


def rssp_single_target_hit_times(M: int, n: int, delta: int, z: int, trials: int, seed: int,
                                 prune: bool = True, *, first: int = 0) -> np.ndarray:
    """Per trial (``first .. first + trials - 1``): the first time s <= n with f_s(z) = 1 (0 if
    |z| <= Delta), else -1."""
    M, n, delta, z, trials, seed, first, nwords, off = _single_target_args(M, n, delta, z, trials,
                                                                           seed, first)
    check_per_trial(trials, 1, "rssp_single_target_hit_times")
    out = np.empty(trials, np.int64)
    _single_target_kernel(M, n, delta, z, seed_u64(seed), first, trials, lemire_threshold(2 * M + 1),
                          nwords, off, bool(prune), out)
    return out


def _two_phase_setup(M, delta, horizon, t_after):
    """``(T0, cap, nwords, off)`` of a two-phase run (see :func:`rssp_two_phase_times`)."""
    if t_after >= 0:
        cap = TAU1_CAP(M)
        T0 = cap + int(t_after)
    else:
        T0 = _check_time("t", horizon)
        cap = T0
    nwords, off = _frame(max(T0, 1) * M + delta)
    return T0, cap, nwords, off


def _tau1_missing(cap, missing, trials, M, delta):
    if missing:
        raise TooLargeError(f"tau1 was not reached within {cap} steps in {missing} of {trials} "
                            f"trials (M={M}, Delta={delta}); use rssp_paths with a fixed horizon")


def rssp_two_phase_times(M: int, delta: int, horizon: int, thr1: int, thr2: int, trials: int,
                         seed: int, t_after: int = -1, prune: bool = True, *, first: int = 0
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Per trial ``(tau1, tau2)``: tau1 = first s with v_s >= thr1, tau2 = first r >= 0 with
    v_{tau1+r} >= thr2 (-1 = not reached). ``t_after < 0``: runs up to time ``horizon``;
    ``t_after >= 0``: runs until tau1 + t_after (``horizon`` is then ignored; tau1 is searched
    for at most ``TAU1_CAP(M)`` steps, and :class:`TooLargeError` is raised if that is exceeded)."""
    M, delta = _check_M_delta(M, delta)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    T0, cap, nwords, off = _two_phase_setup(M, delta, horizon, t_after)
    check_per_trial(trials, 2, "rssp_two_phase_times")
    tau1 = np.empty(trials, np.int64)
    tau2 = np.empty(trials, np.int64)
    _two_phase_kernel(M, delta, T0, cap, int(t_after), int(thr1), int(thr2), seed_u64(seed), first,
                      trials, lemire_threshold(2 * M + 1), nwords, off, bool(prune), tau1, tau2)
    if t_after >= 0:
        _tau1_missing(cap, int(np.count_nonzero(tau1 < 0)), trials, M, delta)
    return tau1, tau2


def rssp_first_times(M: int, n: int, z: int, trials: int, seed: int, *, first: int = 0
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Per trial, Delta = 0: ``(first s <= n with f_s(z) = 1, first s <= n with v_s = 2M+1)``
    (-1 = not by n), in one pass; the same numbers as :func:`rssp_single_target_hit_times` and
    the tau1 of :func:`rssp_two_phase_times` with threshold 2M+1 (Figure 1 of App. E)."""
    M, _ = _check_M_delta(M, 0)
    n = _check_time("n", n)
    z = _check_z(z, M)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    nwords, off = _frame(max(n, 1) * M)
    check_per_trial(trials, 2, "rssp_first_times")
    single = np.empty(trials, np.int64)
    full = np.empty(trials, np.int64)
    _first_times_kernel(M, n, z, seed_u64(seed), first, trials, lemire_threshold(2 * M + 1), nwords,
                        off, single, full)
    return single, full


def rssp_volume_paths(M: int, t_max: int, delta: int, trials: int, seed: int,
                      prune: bool = True, *, first: int = 0) -> np.ndarray:
    """``(trials, t_max+1)`` int64 matrix of v_0..v_{t_max} per trial."""
    M, delta = _check_M_delta(M, delta)
    t_max = _check_time("t_max", t_max)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    nwords, off = _frame(max(t_max, 1) * M + delta)
    check_per_trial(trials, t_max + 1, "rssp_volume_paths")
    out = np.empty((trials, t_max + 1), np.int64)
    _paths_kernel(M, delta, t_max, seed_u64(seed), first, trials, lemire_threshold(2 * M + 1), nwords,
                  off, bool(prune), out)
    return out


# ---------------------------------------------------------------------------------------------
# counts over any number of trials (chunked: memory independent of the trials, Ctrl-C, progress)
# ---------------------------------------------------------------------------------------------

def rssp_single_target_hist(M: int, n: int, delta: int, z: int, trials: int, seed: int, *,
                            first: int = 0, chunk: int | None = None, progress=None,
                            prune: bool = True) -> np.ndarray:
    """``hist`` (int64, length n + 2): ``hist[0]`` trials that miss z by time n, ``hist[1 + s]``
    trials whose first hit is at time s. Chunked (:func:`montecarlo.chunks.run_chunks`)."""
    M, n, delta, z, trials, seed, first, nwords, off = _single_target_args(M, n, delta, z, trials,
                                                                           seed, first)
    s64, limit = seed_u64(seed), lemire_threshold(2 * M + 1)
    return run_chunks(lambda a, m: _single_target_hist(M, n, delta, z, s64, a, m, limit, nwords, off,
                                                       bool(prune)),
                      trials, first, chunk=chunk, progress=progress,
                      what=f"rssp single target (M={M}, n={n})")


def _two_phase_count_run(M, delta, horizon, thr1, thr2, lim1, lim2, trials, seed, first, t_after,
                         chunk, progress, what):
    """``(hits, tau1 missing)`` over the trials (see :func:`_two_phase_count`)."""
    T0, cap, nwords, off = _two_phase_setup(M, delta, horizon, t_after)
    s64, limit = seed_u64(seed), lemire_threshold(2 * M + 1)
    hits, missing = run_chunks(
        lambda a, m: _two_phase_count(M, delta, T0, cap, int(t_after), int(thr1), int(thr2),
                                      int(lim1), int(lim2), s64, a, m, limit, nwords, off, True),
        trials, first, chunk=chunk, progress=progress, what=what)
    if t_after >= 0:
        _tau1_missing(cap, int(missing), trials, M, delta)
    return int(hits)


def _tau2_threshold(M: int, delta: int, reading: str) -> int:
    """Volume threshold equivalent to the tau2 stopping rule of ``reading``."""
    if reading == "formula":       # w_s <= 2M - Delta + 1  <=>  v_{tau1+s} >= Delta
        return delta
    return 2 * M - delta + 1       # v_{tau1+s} >= 2M - Delta + 1


# ---------------------------------------------------------------------------------------------
# event probabilities -> Estimate
# ---------------------------------------------------------------------------------------------

# ``first``, ``chunk``, ``progress``: the trial range and the driver's options
# (:func:`montecarlo.chunks.run_chunks`); the defaults give the trials 0..trials-1.

def rssp_single_target(M: int, n: int, delta: int, z: int, trials: int, seed: int, *,
                       first: int = 0, chunk: int | None = None, progress=None) -> Estimate:
    """P(f_n(z) = 1) = P(exists S subset of [n]: |sum_S X - z| <= Delta) (Definition 1; App. E)."""
    hist = rssp_single_target_hist(M, n, delta, z, trials, seed, first=first, chunk=chunk,
                                   progress=progress)
    return Estimate(int(trials) - int(hist[0]), int(trials), int(seed), first=int(first))


def _event(M, t, delta, reading, trials, seed, first, chunk, progress, what, rule) -> Estimate:
    """Estimate of P(0 <= tau1 <= lim1, 0 <= tau2 <= lim2) for a two-phase run, with
    ``rule(M, Delta, t, reading) -> (horizon, thr1, thr2, lim1, lim2, t_after)``."""
    M, delta = _check_M_delta(M, delta)
    t = _check_time("t", t)
    if reading is not None:
        reading = _check_reading(reading)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    horizon, thr1, thr2, lim1, lim2, t_after = rule(M, delta, t, reading)
    hits = _two_phase_count_run(M, delta, horizon, thr1, thr2, lim1, lim2, trials, seed, first,
                                t_after, chunk, progress, f"rssp {what} (M={M}, t={t}, Delta={delta})")
    return Estimate(hits, trials, seed, first=first)


_NO_LIMIT = 1 << 62


def rssp_tau_event(M: int, t: int, delta: int, trials: int, seed: int, *, first: int = 0,
                   chunk: int | None = None, progress=None) -> Estimate:
    """P(tau <= t) = P(v_t >= 2M+1-Delta) (§3, definition of tau; f_t is nondecreasing)."""
    return _event(M, t, delta, None, trials, seed, first, chunk, progress, "tau event",
                  lambda M, d, t, r: (t, 2 * M + 1 - d, 0, t, t, -1))


def rssp_all_covered(M: int, t: int, delta: int, trials: int, seed: int, *, first: int = 0,
                     chunk: int | None = None, progress=None) -> Estimate:
    """P(v_t = 2M+1): every z in {-M..M} is Delta-approximated (`unified.claim1` reading)."""
    return _event(M, t, delta, None, trials, seed, first, chunk, progress, "all covered",
                  lambda M, d, t, r: (t, 2 * M + 1, 0, t, t, -1))


def rssp_tau1_event(M: int, t: int, delta: int, trials: int, seed: int, *, first: int = 0,
                    chunk: int | None = None, progress=None) -> Estimate:
    """P(tau1 <= t) = P(v_t > M+1) (§3 / App. A, tau1 = min{t >= 0: v_t > M+1})."""
    return _event(M, t, delta, None, trials, seed, first, chunk, progress, "tau1 event",
                  lambda M, d, t, r: (t, M + 2, 0, t, t, -1))


def rssp_tau2_event(M: int, t: int, delta: int, reading: str, trials: int, seed: int, *,
                    first: int = 0, chunk: int | None = None, progress=None) -> Estimate:
    """P(tau2 <= t), tau2 counted from tau1 (Lemma 6), under ``reading`` in ("formula", "prose").

    Each path is simulated until tau1 + t. Note: under "formula" tau2 = 0 on every path, since
    w_0 = 2M+1-v_{tau1} < M <= 2M-Delta+1."""
    return _event(M, t, delta, reading, trials, seed, first, chunk, progress, "tau2 event",
                  lambda M, d, t, r: (0, M + 2, _tau2_threshold(M, d, r), _NO_LIMIT, t, t))


def rssp_tau1_tau2_sum_event(M: int, t: int, delta: int, reading: str, trials: int,
                             seed: int, *, first: int = 0, chunk: int | None = None,
                             progress=None) -> Estimate:
    """P(tau1 + tau2 <= t) (App. A: "tau = tau1 + tau2"; Eq. (7) first line)."""
    return _event(M, t, delta, reading, trials, seed, first, chunk, progress, "tau1 + tau2 event",
                  lambda M, d, t, r: (t, M + 2, _tau2_threshold(M, d, r), t, t, -1))


def rssp_half_event(M: int, t: int, delta: int, reading: str, trials: int, seed: int, *,
                    first: int = 0, chunk: int | None = None, progress=None) -> Estimate:
    """P(tau1 <= floor(t/2) and tau2 <= floor(t/2)) (App. A Eq. (7), second line; odd t floored)."""
    return _event(M, t, delta, reading, trials, seed, first, chunk, progress, "half event",
                  lambda M, d, t, r: (2 * (t // 2), M + 2, _tau2_threshold(M, d, r), t // 2,
                                      t // 2, -1))


# ---------------------------------------------------------------------------------------------
# path-level samplers
# ---------------------------------------------------------------------------------------------

def _first_index(mask: np.ndarray) -> np.ndarray:
    idx = mask.argmax(axis=1).astype(np.int64)
    idx[~mask.any(axis=1)] = -1
    return idx


def rssp_paths(M: int, t_max: int, delta: int, trials: int, seed: int, *, first: int = 0) -> dict:
    """Stopping times and mean volumes from ``trials`` paths of length ``t_max``.

    Returns a dict of per-trial int64 arrays (-1 = not reached by t_max):
    ``tau`` (first t with v_t >= 2M+1-Delta), ``tau_all`` (first t with v_t = 2M+1),
    ``tau1`` (first t with v_t > M+1), ``tau2_formula`` / ``tau2_prose`` (counted from tau1,
    -1 also when tau1 = -1 or tau1 + tau2 > t_max); ``v`` (trials x (t_max+1)), ``mean_v``
    (E[v_t], t = 0..t_max, over all trials); ``mean_w`` (E[w_s], s = 0..t_max, w_s =
    2M+1-v_{tau1+s}, averaged ONLY over the trials with tau1 + s <= t_max, NaN where none) and
    ``mean_w_trials`` (how many trials enter each mean_w[s]).
    """
    M, delta = _check_M_delta(M, delta)
    t_max = _check_time("t_max", t_max)
    trials, seed, first = _check_trials_seed(trials, seed, first)
    v = rssp_volume_paths(M, t_max, delta, trials, seed, first=first)
    tau = _first_index(v >= 2 * M + 1 - delta)
    tau_all = _first_index(v == 2 * M + 1)
    tau1 = _first_index(v > M + 1)
    out = {"tau": tau, "tau_all": tau_all, "tau1": tau1}
    for reading in TAU2_READINGS:
        # v is nondecreasing, so the first index >= tau1 with v >= thr is max(tau1, first(v >= thr))
        reach = _first_index(v >= _tau2_threshold(M, delta, reading))
        tau2 = np.where((tau1 >= 0) & (reach >= 0), np.maximum(reach, tau1) - tau1, -1)
        out[f"tau2_{reading}"] = tau2.astype(np.int64)
    out["v"] = v
    out["mean_v"] = v.mean(axis=0)
    mean_w = np.full(t_max + 1, np.nan)
    counts = np.zeros(t_max + 1, np.int64)
    rows = np.nonzero(tau1 >= 0)[0]
    for s in range(t_max + 1):
        r = rows[tau1[rows] + s <= t_max]
        counts[s] = r.size
        if r.size:
            mean_w[s] = float(np.mean(2 * M + 1 - v[r, tau1[r] + s]))
    out["mean_w"] = mean_w
    out["mean_w_trials"] = counts
    return out


def rssp_single_target_curve(M: int, n_max: int, delta: int, z: int, trials: int,
                             seed: int, *, first: int = 0, chunk: int | None = None,
                             progress=None) -> np.ndarray:
    """``counts[n]`` (n = 0..n_max) = number of trials whose target z is reached by time n.

    One path per trial (first-hit times), so P(f_n(z) = 1) ~ counts[n] / trials for every n at
    the cost of one run (Figure 1 of App. E: M = 2^7..2^13, z = 42, Delta = 0, 20000 trials)."""
    hist = rssp_single_target_hist(M, n_max, delta, z, trials, seed, first=first, chunk=chunk,
                                   progress=progress)
    return np.cumsum(hist[1:]).astype(np.int64)


def rssp_single_target_time(M: int, n: int, delta: int, z: int, trials: int, seed: int,
                            warmup: bool = True, *, first: int = 0) -> dict:
    """Wall-clock timing of ``trials`` single-target instances (compile excluded by a warm-up)."""
    if warmup:
        rssp_single_target(M, n, delta, z, min(int(trials), 1000), seed + 1)
    t0 = time.perf_counter()
    est = rssp_single_target(M, n, delta, z, trials, seed, first=first)
    sec = time.perf_counter() - t0
    return {"seconds": sec, "trials": int(trials), "seconds_per_instance": sec / trials,
            "instances_per_second": trials / sec if sec > 0 else float("inf"),
            "successes": est.successes, "threads": get_num_threads()}
