"""First hitting times of the discrete RSSP process for Figure 1 of `unified` (Appendix E).

Model (`unified.model1`, `unified.model4`): X_1, X_2, ... i.i.d. uniform on {-M..M}; f_t(z) = 1 iff
some subset S of [t] (the empty set included) has sum_S X_i = z (Delta = 0). For one trial we
record

* ``t_single`` = min{t : f_t(z) = 1}   (the event of Figure 1: target z = 42 is reachable), and
* ``t_all``    = min{t : f_t(y) = 1 for every y in {-M..M}}  (v_t = 2M+1, the event Theorem 2 is
  about with Delta = 0).

Because f_t is nondecreasing in t, P(f_n(z) = 1) = P(t_single <= n) and P(v_n = 2M+1) =
P(t_all <= n): one pass per trial gives the whole curve in n.

The kernel is :func:`montecarlo.rssp.rssp_first_times` (Delta = 0; one stream per trial from
``montecarlo.rng``, the shift-or step and window pruning written once in :mod:`montecarlo.rssp`):
one volume run per trial up to full coverage, watching the bit of z on the way. Trial ``i`` reads
the samples of (seed, i) only, so the results do not depend on the thread count or on how the
trials are split. ``_reference_times`` is an independent pure-Python
reference (Python ints as bitsets of all subset sums, no pruning).
"""
from __future__ import annotations

import numpy as np

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.rssp import rssp_first_times, rssp_single_target_hit_times
from ticketcheck.montecarlo.rssp_reference import py_trial_samples

NOT_REACHED = -1


def _validate(M, n_max, z, trials):
    if M < 1:
        raise InputError(f"M must be a positive integer (got {M})")
    if abs(z) > M:
        raise InputError(f"target z={z} is outside {{-M..M}} for M={M}; use |z| <= M (Definition 1)")
    if n_max < 0 or trials < 1:
        raise InputError("n_max must be >= 0 and trials >= 1")


def hitting_times(M: int, n_max: int, z: int, trials: int, seed: int,
                  all_targets: bool = True, *, first: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Per trial (``first .. first + trials - 1``): first n with f_n(z) = 1 and first n with
    v_n = 2M+1 (NOT_REACHED = -1 if > n_max; always -1 without ``all_targets``)."""
    _validate(M, n_max, z, trials)
    if not all_targets:
        ts = rssp_single_target_hit_times(int(M), int(n_max), 0, int(z), int(trials), int(seed),
                                          first=first)
        return ts, np.full(int(trials), NOT_REACHED, dtype=np.int64)
    return rssp_first_times(int(M), int(n_max), int(z), int(trials), int(seed), first=first)


def curve_counts(times: np.ndarray, n_max: int) -> list[int]:
    """counts[n] = number of trials whose hitting time is <= n, n = 0..n_max."""
    hist = np.bincount(times[times >= 0], minlength=n_max + 1)[: n_max + 1]
    return [int(c) for c in np.cumsum(hist)]


# ------------------------------------------------------------------ pure-Python reference

def _py_samples(M: int, seed: int, trial: int, n: int) -> list[int]:
    """X_1..X_n of trial ``trial`` (pure Python, the stream of ``montecarlo.rng``)."""
    return py_trial_samples(M, n, seed, trial)


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
