"""Pensia et al.'s published subset-sum experiment (NeurIPS 2020; `shared/spec/experiments.md`
§1; the rebuttal's "3.5 of 8.3 million" coefficients, `pensia_rebuttal.exp1`), as their script ran it.

Protocol, for a target network given as its weight matrices (biases are not approximated):

* ``n = int(c * round(log2(1/eps)))`` coefficients per target weight (21 for ``c = 3``,
  ``eps = 0.01``; :func:`coefficients_per_weight`, computed exactly);
* coefficients uniform on ``[min w, max w]``, the smallest and largest weight of the **whole**
  network;
* **one coefficient vector per output row**: every weight ``W[i, j]`` of row ``i`` of a layer is
  approximated by a subset of the same ``n`` values;
* per weight the subset whose sum is **nearest** to ``W[i, j]`` (what their MIP returns, up to its
  relative optimality gap of 0.01): rule ``"nearest"`` of :mod:`montecarlo.subset_solver`;
  the construction's rule ``"first_within_eps_growing_prefix"`` is available by name;
* a weight **fails** when the chosen sum is farther than ``eps`` (closed tolerance: ``|w - s| <=
  eps`` succeeds). Kept coefficients: the sizes of the chosen subsets; the total is ``n`` per
  weight (their 8,337,000 = 21 x 397,000). Kept fraction = kept / total.

Kernel (numba): a row's coefficients come from the stream ``montecarlo.rng.trial_state(seed, r)``
with ``r`` the row's index counted over all layers in order (so the numbers do not depend on the
thread count or on how rows are split); value ``i`` is ``lo + (hi - lo) * (w_i >> 11) 2^-53``.
Under rule ``"nearest"`` the two halves' sorted subset sums are built once per row (meet in the
middle, :mod:`montecarlo.subset_solver`) and each weight of the row costs one two-pointer sweep.
:func:`py_row` is the pure-Python reference (``itertools`` over all ``2^n`` subsets).

Kept-fraction interval: **over rows** (rows have independent coefficient vectors): the ratio
``sum kept_r / sum n d_r`` with the cluster (row) variance ``N/(N-1) sum (kept_r - R n d_r)^2 /
(sum n d_r)^2`` and a Student-t quantile with ``N - 1`` degrees of freedom. Rows differ in their
target weights, so this spread also holds the between-row differences: the interval is
conservative for the expected kept fraction of the given network (an asymptotic interval, not a
Clopper-Pearson one: kept coefficients are not independent Bernoulli trials).
"""
from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np
from numba import njit, prange
from scipy import stats

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.rng import next_u64, py_next_u64, py_trial_state, seed_u64, trial_state
from ticketcheck.montecarlo.subset_solver import (MAX_MITM_N, NEAREST, _half_sorted, _nearest_pair,
                                                  _solve, _workspace, rule_start)

__all__ = ["coefficients_per_weight", "ProtocolResult", "RowRatio", "run_protocol", "row_coefficients",
           "py_row_coefficients", "py_row", "PUBLISHED"]

_S11 = np.uint64(11)
_TWO_M53 = 1.0 / 9007199254740992.0

#: the published run (experiments.md §1; the rebuttal letter, lines 26-27)
PUBLISHED = {"weights": 397_000, "coefficients": 8_337_000, "kept": 3_725_871, "failures": 0,
             "seconds": Fraction("77266.02"), "cores": 36, "eps": Fraction(1, 100), "c": 3, "n": 21,
             "weight_range": (-0.46423155, 0.54070216), "layers": ((500, 784), (10, 500))}


def coefficients_per_weight(eps, c=3) -> int:
    """``int(c * round(log2(1/eps)))`` exactly: ``round`` is the nearest integer ``k`` to
    ``log2(1/eps)`` (decided by ``(1/eps)^2`` against ``2^(2k +- 1)``; a rational ``1/eps`` is never
    a half-integer power of 2)."""
    try:
        e = Fraction(str(eps)) if not isinstance(eps, Fraction) else eps
        cc = Fraction(str(c)) if not isinstance(c, Fraction) else c
    except (ValueError, ZeroDivisionError):
        raise InputError(f"eps = {eps!r}, c = {c!r}: give rational numbers (e.g. 0.01 and 3)") from None
    if not 0 < e < 1:
        raise InputError(f"eps = {eps}: the tolerance must lie in (0, 1)")
    if cc <= 0:
        raise InputError(f"c = {c}: the overparameterisation factor must be positive")
    q2 = (1 / e) ** 2
    k = 0
    while q2 >= Fraction(2) ** (2 * k + 1):      # log2(1/eps) >= k + 1/2: round up past k
        k += 1
    return math.floor(cc * k)


# ------------------------------------------------------------------------- kernels

@njit(cache=True)
def row_coefficients(seed, row, n, lo, width, out):
    """The ``n`` coefficients of global row ``row`` into ``out``."""
    state = trial_state(seed, row)
    for i in range(n):
        state, r = next_u64(state)
        out[i] = lo + width * (np.float64(r >> _S11) * _TWO_M53)


@njit(cache=True)
def _popcount(m):
    c = 0
    while m:
        m &= m - np.int64(1)
        c += 1
    return c


@njit(cache=True, parallel=True)
def _layer_kernel(W, seed, row0, n, lo, width, tol, strict, m0, approx, kept, fails, worst):
    """Rows of one layer: chosen sums into ``approx``; per row the kept coefficients, the failures
    and the largest error."""
    d_out, d_in = W.shape
    h1 = n // 2
    for i in prange(d_out):
        a = np.empty(max(n, 1), dtype=np.float64)
        row_coefficients(seed, row0 + i, n, lo, width, a)
        bs, bm = _workspace(max(n, 1))
        k_row = 0
        f_row = 0
        w_row = 0.0
        if m0 >= n:            # nearest: both halves sorted once per row
            ca, wa = _half_sorted(a, 0, h1, bs[0], bm[0], bs[1], bm[1])
            cb, wb = _half_sorted(a, h1, n, bs[2], bm[2], bs[3], bm[3])
            A, MA = bs[wa], bm[wa]
            B, MB = bs[2 + wb], bm[2 + wb]
            for j in range(d_in):
                z = W[i, j]
                d, p, q = _nearest_pair(A, ca, B, cb, z)
                s = A[p] + B[q]
                approx[i, j] = s
                k_row += _popcount(MA[p]) + _popcount(MB[q])
                e = abs(s - z)
                if (e >= tol) if strict else (e > tol):
                    f_row += 1
                if e > w_row:
                    w_row = e
        else:
            for j in range(d_in):
                z = W[i, j]
                s, msk, ok = _solve(a, n, z, tol, strict, -1, m0, bs, bm)
                approx[i, j] = s
                k_row += _popcount(msk)
                e = abs(s - z)
                if not ok:
                    f_row += 1
                if e > w_row:
                    w_row = e
        kept[i] = k_row
        fails[i] = f_row
        worst[i] = w_row


# ------------------------------------------------------------------------- results

@dataclass(frozen=True)
class RowRatio:
    """``sum kept_r / sum total_r`` with an interval over rows (module doc)."""

    kept: int
    total: int
    rows: int
    se: float
    confidence: float = 0.99

    @property
    def value(self) -> float:
        return self.kept / self.total if self.total else float("nan")

    @property
    def exact(self) -> Fraction:
        return Fraction(self.kept, self.total)

    @property
    def trials(self) -> int:
        """Independent units behind the interval: the rows."""
        return self.rows

    def interval(self, confidence: float | None = None) -> tuple[float, float]:
        c = confidence or self.confidence
        if self.rows < 2:
            return 0.0, 1.0
        t = float(stats.t.ppf(0.5 + c / 2, self.rows - 1))
        return max(0.0, self.value - t * self.se), min(1.0, self.value + t * self.se)

    def to_json(self) -> dict:
        lo, hi = self.interval()
        return {"value": self.value, "kept": self.kept, "total": self.total, "ci": [lo, hi],
                "confidence": self.confidence, "rows": self.rows, "trials": self.rows,
                "interval": "over rows: ratio estimator, cluster variance, Student t"}


def row_ratio(kept_rows: np.ndarray, total_rows: np.ndarray, confidence: float = 0.99) -> RowRatio:
    k = np.asarray(kept_rows, dtype=np.int64)
    m = np.asarray(total_rows, dtype=np.int64)
    K, T, N = int(k.sum()), int(m.sum()), int(k.size)
    if N < 2 or T == 0:
        return RowRatio(K, T, N, math.inf, confidence)
    R = K / T
    se = math.sqrt(N / (N - 1) * float(np.sum((k - R * m) ** 2))) / T
    return RowRatio(K, T, N, se, confidence)


@dataclass
class ProtocolResult:
    """One run of the protocol on a network (see the module doc for every field's meaning)."""

    shapes: list
    n: int
    eps: float
    c: Fraction
    rule: str
    seed: int
    weight_range: tuple
    weights: int
    coefficients: int
    kept: int
    failures: int
    max_error: float
    seconds: float
    kept_fraction: RowRatio
    approx: list = field(default_factory=list, repr=False)     # chosen sums, one matrix per layer

    @property
    def seconds_per_weight(self) -> float:
        return self.seconds / self.weights

    def to_json(self) -> dict:
        return {"shapes": [list(s) for s in self.shapes], "n": self.n, "eps": self.eps,
                "c": str(self.c), "rule": self.rule, "seed": self.seed,
                "weight_range": list(self.weight_range), "weights": self.weights,
                "coefficients": self.coefficients, "kept": self.kept,
                "kept_fraction": self.kept_fraction.to_json(), "failures": self.failures,
                "max_error": self.max_error, "seconds": self.seconds,
                "seconds_per_weight": self.seconds_per_weight}


def _layers(layers) -> list[np.ndarray]:
    if isinstance(layers, np.ndarray) and layers.ndim == 2:
        layers = [layers]
    try:
        mats = [np.ascontiguousarray(np.asarray(W, dtype=np.float64)) for W in layers]
    except (TypeError, ValueError):
        raise InputError("the target network must be a list of 2-d weight matrices of numbers") from None
    if not mats:
        raise InputError("the target network has no layer; give at least one weight matrix")
    for li, W in enumerate(mats):
        if W.ndim != 2 or W.size == 0:
            raise InputError(f"layer {li}: shape {W.shape}; each layer must be a non-empty 2-d "
                             f"matrix (d_out x d_in)")
        if not np.all(np.isfinite(W)):
            raise InputError(f"layer {li}: weights must be finite numbers")
    return mats


def run_protocol(layers: Sequence[np.ndarray], eps=Fraction(1, 100), c=3, seed: int = 0,
                 rule: str = NEAREST, start: int = 8, n: int | None = None,
                 confidence: float = 0.99) -> ProtocolResult:
    """The protocol on the weight matrices ``layers`` (rows = outputs, d_out x d_in). ``n``
    overrides ``c * round(log2(1/eps))``; ``rule`` (default ``"nearest"``, the published MIP's) and
    ``start`` as in :func:`montecarlo.subset_solver.solve_within`."""
    mats = _layers(layers)
    if n is None:
        n = coefficients_per_weight(eps, c)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_MITM_N:
        raise InputError(f"n = {n!r} coefficients per weight: use 1..{MAX_MITM_N}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InputError(f"seed = {seed!r}: use an integer")
    m0 = rule_start(rule, start)
    tol = float(Fraction(str(eps)) if not isinstance(eps, Fraction) else eps)
    lo = float(min(W.min() for W in mats))
    hi = float(max(W.max() for W in mats))
    if not hi > lo:
        raise InputError(f"all weights equal {lo}: the coefficient range [min w, max w] is empty")
    approx, kept_rows, fail_rows, worst_rows, totals = [], [], [], [], []
    row0 = 0
    t0 = time.perf_counter()
    for W in mats:
        d_out, d_in = W.shape
        S = np.empty_like(W)
        k = np.zeros(d_out, dtype=np.int64)
        f = np.zeros(d_out, dtype=np.int64)
        w = np.zeros(d_out, dtype=np.float64)
        _layer_kernel(W, seed_u64(seed), np.int64(row0), int(n), lo, hi - lo, tol, False, m0, S, k, f, w)
        approx.append(S)
        kept_rows.append(k)
        fail_rows.append(f)
        worst_rows.append(w)
        totals.append(np.full(d_out, n * d_in, dtype=np.int64))
        row0 += d_out
    seconds = time.perf_counter() - t0
    k_all, t_all = np.concatenate(kept_rows), np.concatenate(totals)
    weights = int(sum(W.size for W in mats))
    return ProtocolResult(
        shapes=[W.shape for W in mats], n=int(n), eps=tol, c=Fraction(str(c)), rule=rule,
        seed=int(seed), weight_range=(lo, hi), weights=weights, coefficients=int(n) * weights,
        kept=int(k_all.sum()), failures=int(np.concatenate(fail_rows).sum()),
        max_error=float(np.concatenate(worst_rows).max()), seconds=seconds,
        kept_fraction=row_ratio(k_all, t_all, confidence), approx=approx)


# ------------------------------------------------------------------------- pure-Python reference

def py_row_coefficients(seed: int, row: int, n: int, lo: float, hi: float) -> list[float]:
    """Twin of :func:`row_coefficients`."""
    state = py_trial_state(seed, row)
    out = []
    for _ in range(n):
        state, r = py_next_u64(state)
        out.append(lo + (hi - lo) * (float(r >> 11) * _TWO_M53))
    return out


def py_row(coeffs: Sequence[float], row: Sequence[float], eps: float) -> tuple[int, int, float]:
    """Reference for one row under rule ``"nearest"``: all ``2^n`` subsets per weight
    (``itertools``). Returns ``(kept, failures, largest error)``; ties go to the smaller subset."""
    n = len(coeffs)
    subsets = [(sum(coeffs[i] for i in c), len(c)) for r in range(n + 1)
               for c in itertools.combinations(range(n), r)]
    kept = fails = 0
    worst = 0.0
    for z in row:
        e, size = min((abs(s - z), size) for s, size in subsets)
        kept += size
        fails += e > eps
        worst = max(worst, e)
    return kept, fails, worst
