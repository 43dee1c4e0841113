"""A continuous random target as the public LT-existence experiment ran it (RelationalML,
``main_ssa_stats.py``; protocol and published counts in ``shared/spec/experiments.md`` §2).

Model, one instance (trial):

* a target ``z`` uniform on ``[lo, hi]`` (the experiment: ``[-1, 1]``);
* ``n`` samples (the experiment: 15), variant ``"L+1"``: each uniform on ``[-1, 1]``; variant
  ``"2L"``: each the product ``a_j b_j`` of two independent uniforms on ``[-1, 1]``;
* subsets are tried **by increasing size** ``k = 0, 1, ..., max_size`` and, within a size, in
  lexicographic order of the index sets (``itertools.combinations``); the first subset with
  ``|sum - z| <= eps`` (closed tolerance; ``< eps`` with ``closed=False``) stops the search.
  The empty set is size 0 (success when ``|z| <= eps``). The script's loop over sizes is
  ``range(min(sub, n))`` with ``sub = 15 = n``: sizes 0..14, the full set is never tried, i.e.
  ``max_size = n - 1`` here;
* the instance **fails** when no subset of size <= ``max_size`` is within ``eps``. Its reported
  subset is then the best one met (strictly smaller error in the order above; the empty set,
  error ``|z|``, first), as in the script.

Outputs per instance: failure (0/1), the error ``|sum - z|`` and the size of the reported subset
(the first one found, or the best one of a failure). The script's "mean error" and "mean size"
(0.00545 and 2.30 published) average over **all** instances, failures included; the kernel also
keeps the sums over the successful instances only.

Exact arithmetic. Values are integers in units ``u = 2^-52``: an ``"L+1"`` sample is ``r >> 11``
minus ``2^52`` (``U[-1, 1)`` on the grid ``u Z``; ``r`` one 64-bit word), a ``"2L"`` factor
``(r >> 37) - 2^26`` in units ``2^-26`` (so the product is exact in units ``u``), and the target is
uniform on the grid points ``u Z`` of ``[lo, hi]`` (:func:`montecarlo.rng.uniform_below`, exactly
uniform). The tolerance becomes the integer ``E = floor(eps / u)`` (closed) or ``ceil(eps / u) - 1``
(open), computed from the rational ``eps``: every success test is an exact integer comparison.

Streams: trial ``i`` uses ``montecarlo.rng.trial_state(seed, i)``: the target first, then the ``n``
samples (``"2L"``: ``a_1..a_n`` then ``b_1..b_n``). :func:`run_chunk` computes trials
``[first, first + count)`` and returns integer sums only (no per-trial arrays); the sums are exact
(errors split into two 32-bit halves), so chunks add up to the same numbers however the trials
are split or threaded. :func:`py_trial` is the pure-Python reference (plain ints and
``itertools.combinations``).

Cost: an instance enumerates the subsets of sizes up to its first success (on average a few
hundred at ``n = 15``, ``eps = 0.01``); a failure enumerates all ``sum_{k <= max_size} C(n, k)``.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo.bernstein import BernsteinMean
from ticketcheck.montecarlo.chunks import run_chunks
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rng import (next_u64, py_next_u64, py_trial_state, py_uniform_below,
                                        rejection_limit, seed_u64, trial_state, uniform_below)

__all__ = ["VARIANTS", "N_MAX", "LTSettings", "LTResult", "settings", "run_chunk", "run",
           "py_trial", "py_draw", "py_search", "search_units", "tolerance_units", "worst_case_subsets"]

BITS = 52
UNIT = Fraction(1, 1 << BITS)
HALF_BITS = 26
VARIANTS = ("L+1", "2L")
N_MAX = 30                       # masks/indices fit easily; the enumeration is the limit
Z_MAX = 16                       # |target| <= 16 keeps every error below 2^57 units
MAX_CHUNK = 1 << 30              # trials per kernel call (the int64 partial sums cannot overflow)
MAX_WORST_CASE = 1 << 27         # subsets a single failing instance may enumerate (~0.1 s)

_S11 = np.uint64(11)
_S37 = np.uint64(37)
_ONE52 = np.int64(1 << BITS)
_ONE26 = np.int64(1 << HALF_BITS)
_LOW32 = np.int64(0xFFFFFFFF)

# columns of the statistics vector
(TRIALS, FAILURES, SIZE, SIZE_SQ, ERR_HI, ERR_LO, ERRSQ_HI, ERRSQ_LO,
 S_SIZE, S_SIZE_SQ, S_ERR_HI, S_ERR_LO, S_ERRSQ_HI, S_ERRSQ_LO) = range(14)
N_STATS = 14


# ------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class LTSettings:
    """Validated parameters in kernel units (see the module doc)."""

    n: int
    max_size: int
    variant: str
    eps: Fraction
    lo: Fraction
    hi: Fraction
    closed: bool
    E: int          # tolerance in units
    z_lo: int       # target grid: z = z_lo + uniform{0..z_count-1}
    z_count: int

    @property
    def variant_code(self) -> int:
        return VARIANTS.index(self.variant)

    @property
    def z_abs_max(self) -> int:
        return max(abs(self.z_lo), abs(self.z_lo + self.z_count - 1))


def _rational(x, name: str) -> Fraction:
    if isinstance(x, bool):
        raise InputError(f"{name} = {x!r} is not a number; give e.g. 1/100 or 0.01")
    try:
        if hasattr(x, "p") and hasattr(x, "q"):
            return Fraction(int(x.p), int(x.q))
        return Fraction(x.strip()) if isinstance(x, str) else Fraction(x)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise InputError(f"{name} = {x!r} is not a rational number; give e.g. 1/100 or 0.01") from None


def tolerance_units(eps: Fraction, closed: bool) -> int:
    """Largest integer ``E`` with ``E u <= eps`` (closed) or ``E u < eps`` (open)."""
    q = eps / UNIT
    return math.floor(q) if closed else math.ceil(q) - 1


def worst_case_subsets(n: int, max_size: int) -> int:
    """Subsets a failing instance enumerates: ``sum_{k=0}^{max_size} C(n, k)``."""
    return sum(math.comb(n, k) for k in range(max_size + 1))


def settings(n, eps, max_size=None, variant="L+1", lo=-1, hi=1, closed=True) -> LTSettings:
    """Validate the parameters (one-line :class:`InputError` for bad input). ``max_size`` defaults
    to ``n - 1`` (the published script's sizes 0..n-1)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= N_MAX:
        raise InputError(f"n = {n!r}: use an integer number of samples 0 <= n <= {N_MAX}")
    n = int(n)
    if max_size is None:
        max_size = max(n - 1, 0)
    if isinstance(max_size, bool) or not isinstance(max_size, (int, np.integer)) \
            or not 0 <= max_size <= n:
        raise InputError(f"max_size = {max_size!r}: the largest subset size tried must be an integer "
                         f"in 0..n = {n} (the published script uses n - 1)")
    if variant not in VARIANTS:
        raise InputError(f"variant = {variant!r}: use 'L+1' (uniform samples) or '2L' (products of "
                         f"two uniforms)")
    if closed not in (True, False, 0, 1):
        raise InputError(f"closed = {closed!r}: use 1 for '<= eps' or 0 for '< eps'")
    e, a, b = _rational(eps, "eps"), _rational(lo, "lo"), _rational(hi, "hi")
    if e <= 0:
        raise InputError(f"eps = {eps}: the tolerance must be positive")
    if a > b:
        raise InputError(f"target interval [lo, hi] = [{lo}, {hi}] is empty; use lo <= hi")
    if max(abs(a), abs(b)) > Z_MAX:
        raise InputError(f"target interval [{lo}, {hi}]: use targets with |z| <= {Z_MAX}")
    if e > 2 * N_MAX:
        raise InputError(f"eps = {eps}: every subset sum is within eps of every target; use a "
                         f"smaller tolerance")
    z_lo = math.ceil(a / UNIT)
    z_hi = math.floor(b / UNIT)
    if z_hi < z_lo:
        raise InputError(f"target interval [{lo}, {hi}] holds no point of the 2^-52 grid; widen it")
    worst = worst_case_subsets(n, int(max_size))
    if worst > MAX_WORST_CASE:
        raise TooLargeError(f"n = {n}, max_size = {max_size}: a failing instance enumerates {worst:.3g} "
                            f"subsets; use n <= 27 or a smaller max_size")
    return LTSettings(n, int(max_size), variant, e, a, b, bool(closed), tolerance_units(e, bool(closed)),
                      int(z_lo), int(z_hi - z_lo + 1))


# ------------------------------------------------------------------------- numba kernel

@njit(cache=True)
def _draw(seed, trial, n, variant, z_lo, z_count, z_limit, x):
    """Target (returned) and samples (into ``x``) of one trial, in units of 2^-52."""
    state = trial_state(seed, trial)
    state, v = uniform_below(state, z_count, z_limit)
    z = z_lo + v
    if variant == 0:
        for j in range(n):
            state, r = next_u64(state)
            x[j] = np.int64(r >> _S11) - _ONE52
    else:
        for j in range(n):
            state, r = next_u64(state)
            x[j] = np.int64(r >> _S37) - _ONE26
        for j in range(n):
            state, r = next_u64(state)
            x[j] *= np.int64(r >> _S37) - _ONE26
    return z


@njit(cache=True)
def _search(x, n, z, E, max_size, idx, ps):
    """The script's search (module doc): returns ``(found, error, size)`` in units."""
    best = abs(z)
    bsize = 0
    if best <= E:
        return True, best, 0
    for k in range(1, max_size + 1):
        for t in range(k):
            idx[t] = t
        ps[0] = 0
        for t in range(k - 1):
            ps[t + 1] = ps[t] + x[idx[t]]
        while True:
            base = ps[k - 1] - z
            for j in range(idx[k - 1], n):       # the last index runs fastest (lexicographic)
                d = abs(base + x[j])
                if d < best:
                    best = d
                    bsize = k
                    if d <= E:
                        return True, d, k
            t = k - 2
            while t >= 0 and idx[t] == n - k + t:
                t -= 1
            if t < 0:
                break
            idx[t] += 1
            for u in range(t + 1, k):
                idx[u] = idx[u - 1] + 1
            for u in range(t, k - 1):
                ps[u + 1] = ps[u] + x[idx[u]]
    return False, best, bsize


@njit(cache=True)
def _add_split(st, col, v):
    """Add the nonnegative ``v < 2^63`` to the two-word counter ``st[col]`` (high), ``st[col+1]``."""
    st[col] += v >> 32
    st[col + 1] += v & _LOW32


@njit(cache=True)
def _accumulate(st, found, err, size):
    q = err >> HALF_BITS                 # error in units 2^-26 (floor) for the squares
    st[TRIALS] += 1
    st[SIZE] += size
    st[SIZE_SQ] += size * size
    _add_split(st, ERR_HI, err)
    _add_split(st, ERRSQ_HI, q * q)
    if found:
        st[S_SIZE] += size
        st[S_SIZE_SQ] += size * size
        _add_split(st, S_ERR_HI, err)
        _add_split(st, S_ERRSQ_HI, q * q)
    else:
        st[FAILURES] += 1


@njit(cache=True, parallel=True)
def _chunk_kernel(seed, first, count, n, variant, max_size, E, z_lo, z_count, z_limit, blocks, out):
    per = (count + blocks - 1) // blocks
    for b in prange(blocks):
        start = first + b * per
        stop = min(first + count, start + per)
        x = np.empty(max(n, 1), dtype=np.int64)
        idx = np.empty(max(n, 1), dtype=np.int64)
        ps = np.empty(max(n, 1) + 1, dtype=np.int64)
        for i in range(start, stop):
            z = _draw(seed, i, n, variant, z_lo, z_count, z_limit, x)
            found, err, size = _search(x, n, z, E, max_size, idx, ps)
            _accumulate(out[b], found, err, size)


def run_chunk(s: LTSettings, seed: int, first: int, count: int) -> np.ndarray:
    """Integer statistics (``N_STATS`` int64, columns named in this module) of trials
    ``[first, first + count)``; thread-count and split independent."""
    if isinstance(first, bool) or not isinstance(first, (int, np.integer)) or first < 0:
        raise InputError(f"first = {first!r}: the first trial index must be an integer >= 0")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or not 0 <= count <= MAX_CHUNK:
        raise InputError(f"count = {count!r}: run 0..{MAX_CHUNK} trials per chunk")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InputError(f"seed = {seed!r}: use an integer")
    blocks = int(max(1, min(count, 256)))
    out = np.zeros((blocks, N_STATS), dtype=np.int64)
    if count:
        _chunk_kernel(seed_u64(seed), np.int64(first), np.int64(count), s.n, s.variant_code,
                      s.max_size, np.int64(s.E), np.int64(s.z_lo), np.uint64(s.z_count),
                      rejection_limit(s.z_count), blocks, out)
    return out.sum(axis=0)


# ------------------------------------------------------------------------- results

def _combine(stats, hi: int, lo: int) -> int:
    return (int(stats[hi]) << 32) + int(stats[lo])


@dataclass(frozen=True)
class LTResult:
    """Totals of ``trials`` instances; the estimates below carry their confidence intervals."""

    settings: LTSettings
    stats: tuple
    seed: int
    first: int = 0           # the instances [first, first + trials)

    @property
    def trials(self) -> int:
        return int(self.stats[TRIALS])

    @property
    def failures(self) -> int:
        return int(self.stats[FAILURES])

    def failure(self) -> Estimate:
        """P(no subset of size <= max_size within eps): Clopper-Pearson interval."""
        return Estimate(self.failures, self.trials, self.seed, extra={"event": "failure"},
                        first=self.first)

    def _mean(self, cols, trials: int, R: Fraction, unit: Fraction, what: str) -> BernsteinMean:
        if len(cols) == 2:       # sizes: plain sums
            return BernsteinMean(int(self.stats[cols[0]]), int(self.stats[cols[1]]), trials, R,
                                 unit, self.seed, extra={"quantity": what})
        total = _combine(self.stats, cols[0], cols[1])
        qsq = _combine(self.stats, cols[2], cols[3])
        # err = q 2^26 + r with 0 <= r < 2^26:  err^2 <= (q^2 + 2 q + 1) 2^52 <= q^2 2^52 + 2 err 2^26 + 2^52
        sq_upper = (qsq << (2 * HALF_BITS)) + 2 * total * (1 << HALF_BITS) + trials * (1 << (2 * HALF_BITS))
        return BernsteinMean(total, sq_upper, trials, R, unit, self.seed, extra={"quantity": what})

    def mean_error(self, over: str = "all") -> BernsteinMean:
        """Mean error of the reported subset (``over="all"``: the script's mean, failures
        included; ``"found"``: successful instances only)."""
        s = self.settings
        if over == "all":
            return self._mean((ERR_HI, ERR_LO, ERRSQ_HI, ERRSQ_LO), self.trials,
                              Fraction(s.z_abs_max) * UNIT, UNIT, "mean error, all instances")
        if over == "found":
            return self._mean((S_ERR_HI, S_ERR_LO, S_ERRSQ_HI, S_ERRSQ_LO),
                              self.trials - self.failures, Fraction(s.E) * UNIT, UNIT,
                              "mean error, successful instances")
        raise InputError(f"over = {over!r}: use 'all' or 'found'")

    def mean_size(self, over: str = "all") -> BernsteinMean:
        """Mean size of the reported subset (``over`` as in :meth:`mean_error`)."""
        s = self.settings
        if over == "all":
            return self._mean((SIZE, SIZE_SQ), self.trials, Fraction(s.max_size), Fraction(1),
                              "mean size, all instances")
        if over == "found":
            return self._mean((S_SIZE, S_SIZE_SQ), self.trials - self.failures,
                              Fraction(s.max_size), Fraction(1), "mean size, successful instances")
        raise InputError(f"over = {over!r}: use 'all' or 'found'")

    def to_json(self) -> dict:
        s = self.settings
        return {"n": s.n, "max_size": s.max_size, "variant": s.variant, "eps": str(s.eps),
                "lo": str(s.lo), "hi": str(s.hi), "closed": s.closed, "seed": self.seed,
                "trials": self.trials, "failures": self.failures,
                "failure": self.failure().to_json(),
                "mean_error": self.mean_error().to_json(), "mean_size": self.mean_size().to_json(),
                "mean_error_found": self.mean_error("found").to_json(),
                "mean_size_found": self.mean_size("found").to_json()}


def run(n, eps, trials: int, seed: int, max_size=None, variant="L+1", lo=-1, hi=1,
        closed=True, chunk: int = 1 << 20, *, first: int = 0, progress=None) -> LTResult:
    """The instances ``[first, first + trials)``, in chunks of ``chunk`` trials (results do not
    depend on it; ``chunk=None``: adaptive) driven by :func:`montecarlo.chunks.run_chunks`
    (Ctrl-C between chunks, ``progress(done, total, eta)``, refusal of runs over a day)."""
    s = settings(n, eps, max_size, variant, lo, hi, closed)
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)) or trials < 1:
        raise InputError(f"trials = {trials!r}: use a positive integer")
    if chunk is not None and (isinstance(chunk, bool) or not isinstance(chunk, (int, np.integer))
                              or not 1 <= chunk <= MAX_CHUNK):
        raise InputError(f"chunk = {chunk!r}: use 1..{MAX_CHUNK} trials per chunk")
    total = run_chunks(lambda a, m: run_chunk(s, seed, a, m), trials, first, chunk=chunk,
                       progress=progress, max_chunk=MAX_CHUNK,
                       what=f"continuous target (n={s.n}, {s.variant})")
    return LTResult(s, tuple(int(v) for v in total), int(seed), int(first))


def search_units(xs, z: int, E: int, max_size: int) -> tuple[bool, int, int]:
    """The kernel's search on given samples ``xs`` (integers, units of 2^-52): ``(found, error,
    size)`` of the reported subset (module doc)."""
    x = np.ascontiguousarray(np.asarray(xs, dtype=np.int64))
    if x.ndim != 1 or x.shape[0] > N_MAX:
        raise InputError(f"give at most {N_MAX} integer samples as a 1-d array")
    if isinstance(max_size, bool) or not isinstance(max_size, (int, np.integer)) \
            or not 0 <= max_size <= x.shape[0]:
        raise InputError(f"max_size = {max_size!r}: use an integer in 0..{x.shape[0]}")
    n = x.shape[0]
    f, e, k = _search(x, n, np.int64(z), np.int64(E), int(max_size),
                      np.empty(max(n, 1), np.int64), np.empty(max(n, 1) + 1, np.int64))
    return bool(f), int(e), int(k)


# ------------------------------------------------------------------------- pure-Python reference

def py_draw(s: LTSettings, seed: int, trial: int) -> tuple[int, list[int]]:
    """``(z, samples)`` of one trial in units of 2^-52 (twin of the kernel's draw)."""
    state = py_trial_state(seed, trial)
    state, v = py_uniform_below(state, s.z_count)
    z = s.z_lo + v
    if s.variant == "L+1":
        xs = []
        for _ in range(s.n):
            state, r = py_next_u64(state)
            xs.append((r >> 11) - (1 << BITS))
        return z, xs
    a, b = [], []
    for lst in (a, b):
        for _ in range(s.n):
            state, r = py_next_u64(state)
            lst.append((r >> 37) - (1 << HALF_BITS))
    return z, [p * q for p, q in zip(a, b)]


def py_search(xs: list[int], z: int, E: int, max_size: int) -> tuple[bool, int, int]:
    """Reference search with ``itertools.combinations`` (module doc): ``(found, error, size)``."""
    best, bsize = abs(z), 0
    if best <= E:
        return True, best, 0
    for k in range(1, max_size + 1):
        for c in itertools.combinations(range(len(xs)), k):
            d = abs(sum(xs[i] for i in c) - z)
            if d < best:
                best, bsize = d, k
                if d <= E:
                    return True, d, k
    return False, best, bsize


def py_trial(s: LTSettings, seed: int, trial: int) -> tuple[bool, int, int]:
    """One instance by the reference: ``(found, error in units, size)``."""
    z, xs = py_draw(s, seed, trial)
    return py_search(xs, z, s.E, s.max_size)
