"""Monte Carlo for the number partitioning problem (npp.md, "Models"; the exact twin is exact/npp.py).

Model: X_1..X_n i.i.d. uniform on {1..M}; Lambda = sum X_i; Z_{n,z} = number of sign vectors
sigma with |sigma.X| = z, counted with sigma and -sigma identified (Borgs-Chayes-Pittel; ``distinct``
counts are twice these); a perfect partition has discrepancy Lambda mod 2.

Streams: trial i draws X_1..X_n in this order from the SplitMix64 stream of ``(seed, i)``
(:mod:`montecarlo.rng`), X_j = 1 + ``uniform_below(M)`` (64-bit rejection, exactly uniform for any
M < 2^63 / n).  A trial's outcome depends only on (seed, i), so counts over trials
[first, first + trials) are the same however the range is split (over calls or threads).

Per trial, meet in the middle (:mod:`montecarlo.mitm_int`): the signed sums of the first
ceil(n/2) weights with sigma_1 = +1 and of the others, both sorted; the identified count is
Z = #{a + b = z} + #{a + b = -z} (one term when z = 0), since each pair {sigma, -sigma} has exactly
one member with sigma_1 = +1.  Memory per worker: three arrays of 2^floor(n/2) int64, so n <= 40.

The kernel :func:`npp_kernel` ``(seed, first, trials, ...)`` returns counts only, per parity of
Lambda: instances, instances with Z > 0, sum Z, sum Z^2 (in three exact int64 parts), and a
histogram of min(Z, cap).  :func:`npp_counts` sums blocks of at most 2^20 trials in Python ints
(no int64 overflow for n <= 40) into :class:`NppCounts`.  Estimates (:mod:`montecarlo.estimate`,
Clopper-Pearson) of conditional probabilities count successes among the instances of the
conditioned parity and say how many there were (``extra["conditioning_instances"]``).

The mean of Z gets only an approximate (CLT) standard error, :class:`CountMean`: Z ranges over
0..2^(n-1) with rare large values, so no finite-sample interval is both rigorous and useful; exact
first moments come from exact/npp.py for every n.  :func:`py_npp_counts` is the pure-Python
reference (same streams, all 2^n sign vectors enumerated).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError, TooLargeError, require_int
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.chunks import NBLOCKS, block_bounds, run_chunks
from ticketcheck.montecarlo.mitm_int import count_pairs, half_sums, workspace
from ticketcheck.montecarlo.rng import (py_trial_state, py_uniform_below, rejection_limit,
                                        seed_u64, trial_state, uniform_below)

__all__ = ["npp_kernel", "npp_counts", "py_npp_counts", "NppCounts", "CountMean",
           "npp_perfect_partition", "npp_solvable", "npp_count_law", "npp_mean_count",
           "check_model", "PERFECT", "MAX_N", "MAX_CAP", "PARITIES", "PAIRS"]

PERFECT = -1              # target code: discrepancy Lambda mod 2
MAX_N = 40
MAX_CAP = 1 << 16
BLOCK = 1 << 20           # trials per kernel call, at most (keeps every int64 sum below 2^61)
_FIELDS = 6               # instances, Z > 0, sum Z, sum a^2, sum 2ab, sum b^2  (Z = a 2^20 + b)
PARITIES = ("any", "even", "odd")
PAIRS = ("identified", "distinct")


# ------------------------------------------------------------------------------------ kernels

@njit(cache=True)
def _npp_trial(state, K, limit, n, z, x, A, B, tmp):
    """(Lambda mod 2, identified Z) of one instance drawn from ``state``."""
    lam = 0
    for j in range(n):
        state, u = uniform_below(state, K, limit)
        x[j] = u + 1
        lam += u + 1
    h = (n + 1) // 2
    na = half_sums(x, 0, h, -1, 1, True, A, tmp)
    nb = half_sums(x, h, n, -1, 1, False, B, tmp)
    t = z if z >= 0 else lam & 1
    Z = count_pairs(A, na, B, nb, t)
    if t > 0:
        Z += count_pairs(A, na, B, nb, -t)
    return lam & 1, Z


@njit(parallel=True, cache=True)
def npp_kernel(seed, first, trials, M, n, z, cap, limit, acc):
    """Trials [first, first + trials) added into ``acc`` (int64, shape (chunks, 2, 6 + cap + 1),
    zero on entry): per chunk and parity the counts of the module doc.  ``z = -1``: perfect."""
    K = np.uint64(M)
    nchunks = acc.shape[0]
    low = np.int64((1 << 20) - 1)
    for c in prange(nchunks):
        x, A, B, tmp = workspace(n, 1 << ((n - 1) // 2), 1 << (n // 2))
        lo, hi = block_bounds(c, nchunks, first, trials)
        for i in range(lo, hi):
            p, Z = _npp_trial(trial_state(seed, i), K, limit, n, z, x, A, B, tmp)
            a = Z >> 20
            b = Z & low
            acc[c, p, 0] += 1
            acc[c, p, 1] += Z > 0
            acc[c, p, 2] += Z
            acc[c, p, 3] += a * a
            acc[c, p, 4] += 2 * a * b
            acc[c, p, 5] += b * b
            acc[c, p, _FIELDS + min(Z, cap)] += 1


# ------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class CountMean:
    """Sample mean of a count with its CLT standard error (approximate, not an interval)."""

    mean: float
    stderr: float
    trials: int
    seed: int | None = None

    def to_json(self) -> dict:
        return {"mean": self.mean, "stderr": self.stderr, "trials": self.trials, "seed": self.seed,
                "interval": "none (CLT standard error only)"}


@dataclass(frozen=True)
class NppCounts:
    """Counts over trials [first, first + trials); index 0 = even Lambda, 1 = odd.  ``hist[p][k]``
    = instances with Z = k (k < cap) and, at k = cap, with Z >= cap."""

    M: int
    n: int
    z: int
    seed: int
    first: int
    trials: int
    cap: int
    instances: tuple[int, int]
    solvable: tuple[int, int]
    sum_z: tuple[int, int]
    sum_z2: tuple[int, int]
    hist: tuple[tuple[int, ...], tuple[int, ...]] = field(repr=False)

    def __add__(self, other: "NppCounts") -> "NppCounts":
        """Counts of two adjacent trial ranges of the same stream (``self`` first)."""
        same = (self.M, self.n, self.z, self.seed, self.cap) == (other.M, other.n, other.z,
                                                                 other.seed, other.cap)
        if not same or other.first != self.first + self.trials:
            raise InputError("only counts of adjacent trial ranges of one stream can be added")

        def add(a, b):
            return tuple(u + v for u, v in zip(a, b))
        return NppCounts(self.M, self.n, self.z, self.seed, self.first, self.trials + other.trials,
                         self.cap, add(self.instances, other.instances),
                         add(self.solvable, other.solvable), add(self.sum_z, other.sum_z),
                         add(self.sum_z2, other.sum_z2),
                         (add(self.hist[0], other.hist[0]), add(self.hist[1], other.hist[1])))

    def _parities(self, parity: str) -> tuple[int, ...]:
        return {"even": (0,), "odd": (1,), "any": (0, 1)}[parity]

    def conditioning(self, parity: str) -> int:
        return sum(self.instances[p] for p in self._parities(parity))

    def _estimate(self, successes: int, parity: str) -> Estimate:
        return Estimate(int(successes), self.conditioning(parity), self.seed,
                        extra={"parity": parity, "conditioning_instances": self.conditioning(parity),
                               "total_trials": self.trials, "first_trial": self.first})

    def solvable_estimate(self, parity: str) -> Estimate:
        """P(Z > 0 | parity): successes among the instances of that parity."""
        return self._estimate(sum(self.solvable[p] for p in self._parities(parity)), parity)

    def law_estimate(self, k: int, parity: str, pairs: str = "identified") -> Estimate:
        """P(Z = k | parity); ``pairs="distinct"`` counts sigma and -sigma twice (odd k: 0)."""
        if pairs == "distinct":
            if k % 2:
                return self._estimate(0, parity)
            k //= 2
        if k >= self.cap:
            raise InputError(f"the histogram was capped at {self.cap}; ask for k < cap")
        return self._estimate(sum(self.hist[p][k] for p in self._parities(parity)), parity)

    def mean(self, parity: str, pairs: str = "identified") -> CountMean:
        """Sample mean of Z given the parity, with a CLT standard error (module doc)."""
        ps = self._parities(parity)
        N = sum(self.instances[p] for p in ps)
        s1 = sum(self.sum_z[p] for p in ps)
        s2 = sum(self.sum_z2[p] for p in ps)
        f = 2 if pairs == "distinct" else 1
        if N == 0:
            return CountMean(math.nan, math.nan, 0, self.seed)
        var = (s2 - s1 * s1 / N) / (N - 1) if N > 1 else math.nan
        return CountMean(f * s1 / N, f * math.sqrt(max(var, 0.0) / N), N, self.seed)


# ------------------------------------------------------------------------------------ validation

def check_model(M, n) -> tuple[int, int]:
    """(M, n) as ints: 1 <= n <= 40 (memory of the two halves), n M < 2^62 (int64 sums)."""
    M = require_int("M", M, 1, hint="weights uniform on {1..M}")
    n = require_int("n", n, 1, hint="number of weights")
    if n > MAX_N:
        raise TooLargeError(f"meet in the middle needs 2^{n // 2} sums per half for n = {n}; use "
                            f"n <= {MAX_N}")
    if n * M >= 1 << 62:
        raise TooLargeError(f"n M = {n * M} overflows the int64 sums; use n M < 2^62")
    return M, n


def _check_run(trials, seed, first=0) -> tuple[int, int, int]:
    trials = require_int("trials", trials, 1, hint="number of Monte Carlo instances")
    seed = require_int("seed", seed)
    first = require_int("first", first, 0, hint="index of the first trial")
    return trials, seed, first


def _check_parity(M: int, n: int, parity) -> str:
    if parity not in PARITIES:
        raise InputError(f"parity must be one of {', '.join(PARITIES)}, got {parity!r}")
    if M == 1 and parity != "any" and (n % 2 == 1) != (parity == "odd"):
        raise InputError(f"Lambda = n = {n} is never {parity} for M = 1; use parity='any'")
    return parity


def _check_pairs(pairs) -> str:
    if pairs not in PAIRS:
        raise InputError(f"pairs must be 'identified' or 'distinct', got {pairs!r}")
    return pairs


# ------------------------------------------------------------------------------------ counts

def npp_counts(M, n, z, trials, seed, first=0, cap=1, *, chunk=None, progress=None) -> NppCounts:
    """Counts of trials [first, first + trials) (module doc); ``z = PERFECT`` for the perfect
    partition, else a target discrepancy z >= 0; ``cap``: histogram of min(Z, cap). Counted in
    chunks of at most :data:`BLOCK` trials (:func:`montecarlo.chunks.run_chunks`: Ctrl-C,
    progress, refusal of runs over a day), summed in Python ints."""
    M, n = check_model(M, n)
    z = PERFECT if z == PERFECT else require_int("z", z, 0, hint="target discrepancy")
    trials, seed, first = _check_run(trials, seed, first)
    cap = require_int("cap", cap, 1, MAX_CAP, hint="histogram bins of Z")
    s64, limit = seed_u64(seed), rejection_limit(M)

    def count(a, m):
        acc = np.zeros((min(m, NBLOCKS), 2, _FIELDS + cap + 1), np.int64)
        npp_kernel(s64, a, m, M, n, z, cap, limit, acc)
        return acc.sum(axis=0)
    tot = run_chunks(count, trials, first, chunk=chunk, progress=progress, max_chunk=BLOCK,
                     what=f"number partitioning (M={M}, n={n})")
    inst, solv, s1, s2, hist = [0, 0], [0, 0], [0, 0], [0, 0], [None, None]
    for p in (0, 1):
        row = [int(v) for v in tot[p]]
        inst[p], solv[p], s1[p] = row[0], row[1], row[2]
        s2[p] = (row[3] << 40) + (row[4] << 20) + row[5]
        hist[p] = row[_FIELDS:]
    return NppCounts(M, n, z, seed, first, trials, cap, tuple(inst), tuple(solv), tuple(s1),
                     tuple(s2), (tuple(hist[0]), tuple(hist[1])))


def py_npp_counts(M, n, z, trials, seed, first=0, cap=1) -> NppCounts:
    """Pure-Python reference of :func:`npp_counts`: same streams, every sign vector enumerated
    (distinct count / 2 = identified)."""
    inst, solv, s1, s2 = [0, 0], [0, 0], [0, 0], [0, 0]
    hist = [[0] * (cap + 1), [0] * (cap + 1)]
    signs = list(itertools.product((-1, 1), repeat=n))
    for i in range(first, first + trials):
        st = py_trial_state(seed, i)
        x = []
        for _ in range(n):
            st, u = py_uniform_below(st, M)
            x.append(u + 1)
        p = sum(x) % 2
        t = p if z == PERFECT else z
        Z = sum(abs(sum(s * v for s, v in zip(sig, x))) == t for sig in signs) // 2
        inst[p] += 1
        solv[p] += Z > 0
        s1[p] += Z
        s2[p] += Z * Z
        hist[p][min(Z, cap)] += 1
    return NppCounts(M, n, z, seed, first, trials, cap, tuple(inst), tuple(solv), tuple(s1),
                     tuple(s2), (tuple(hist[0]), tuple(hist[1])))


# ------------------------------------------------------------------------------------ estimates
# ``first``, ``chunk``, ``progress``: the trial range and the driver's options (as in
# :func:`npp_counts`); the defaults give the trials 0..trials-1.

def npp_perfect_partition(M, n, parity, trials, seed, *, first=0, chunk=None,
                          progress=None) -> Estimate:
    """P(a perfect partition exists | parity of Lambda) (npp.md)."""
    M, n = check_model(M, n)
    parity = _check_parity(M, n, parity)
    counts = npp_counts(M, n, PERFECT, trials, seed, first=first, chunk=chunk, progress=progress)
    return counts.solvable_estimate(parity)


def npp_solvable(M, n, z, parity, trials, seed, *, first=0, chunk=None,
                 progress=None) -> Estimate:
    """P(some sigma has |sigma.X| = z | parity of Lambda)."""
    M, n = check_model(M, n)
    parity = _check_parity(M, n, parity)
    counts = npp_counts(M, n, z, trials, seed, first=first, chunk=chunk, progress=progress)
    return counts.solvable_estimate(parity)


def npp_count_law(M, n, z, k, pairs, parity, trials, seed, *, first=0, chunk=None,
                  progress=None) -> Estimate:
    """P(Z_{n,z} = k | parity of Lambda), Z counted as ``pairs`` says."""
    M, n = check_model(M, n)
    parity = _check_parity(M, n, parity)
    pairs = _check_pairs(pairs)
    k = require_int("k", k, 0, MAX_CAP - 1, hint="value of the count")
    kid = k // 2 if pairs == "distinct" else k
    counts = npp_counts(M, n, z, trials, seed, first, kid + 1, chunk=chunk, progress=progress)
    return counts.law_estimate(k, parity, pairs)


def npp_mean_count(M, n, z, parity, pairs, trials, seed, *, first=0, chunk=None,
                   progress=None) -> CountMean:
    """Sample mean of Z_{n,z} (``z = PERFECT``: of the number of perfect partitions) given the
    parity, with a CLT standard error (approximate; the module doc says why)."""
    M, n = check_model(M, n)
    parity = _check_parity(M, n, parity)
    pairs = _check_pairs(pairs)
    counts = npp_counts(M, n, z, trials, seed, first=first, chunk=chunk, progress=progress)
    return counts.mean(parity, pairs)
