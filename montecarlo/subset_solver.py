"""Per-weight subset-sum solvers for the pruning constructions (Pensia et al. 2020, `unified` §4,
`sparsity` App. F): given the samples ``x[0..n-1]`` of one weight (the products ``b_i a_i^+``) and
the target weight ``z``, find the subset whose sum is nearest to ``z``.

* :func:`mitm_nearest` -- any subset (Pensia's Corollary 2 / `unified` Theorem 2), meet in the
  middle: the subset sums of each half are generated **sorted, with their index masks**, by merging
  (adding element ``e`` merges ``L`` with ``L + x_e``: ``O(2^h)`` per half, no sort), then one
  two-pointer sweep finds ``min |a + b - z|``. ``O(2^(n/2))`` instead of ``2^n``; ``n <= 40``.
* :func:`mitm_nearest_fixed` -- subsets of size exactly ``k`` (`sparsity` Corollary 1): reuses the
  per-size sorted half sums of :func:`montecarlo.rfss_mitm.half_sums` (the RFSS kernel), a two
  pointer sweep per size pair, and recovers the index set of each half by enumerating the
  ``C(h, s)`` subsets of the chosen size (sums are formed in the same order, so they match exactly).
* :func:`int_nearest` -- integer samples (the quantized grid ``delta^2 Z``): reachable-sum table
  with backtracking; exact for any ``n`` (cost ``n * sum|x_i|``).
* :func:`solve_within` -- a subset within the tolerance, chosen by a named **rule** (:data:`RULES`):

  - ``"first_within_eps_growing_prefix"`` (the constructions' rule, the default of
    :func:`solve_within`, :func:`solve_batch`, :func:`solve_layer`): exact nearest search (any size
    or size ``k``) over growing prefixes ``x[:m]``, ``m = start, start+2, ..., n`` (``start = 8``
    by default), stopping at the first prefix that has a subset within ``tol``; the last prefix is
    all of ``x``, so it fails only when no subset at all is within ``tol`` (then the nearest one is
    returned). With ``2^n`` sums in a range of width O(n), a short prefix almost always suffices,
    which keeps the chosen subsets small (fewer surviving weights: about 12 % of Pensia et al.'s
    21 coefficients per weight).
  - ``"nearest"``: the subset of all ``n`` samples whose sum is nearest to ``z`` (what Pensia et
    al.'s published MIP returns, up to its optimality gap; about 45 % of the coefficients kept).
    It is the growing-prefix search started at ``m = n``.
* :func:`solve_layer` -- Steps 1-4 of the construction for a whole target layer in one kernel
  (pre-processing, products, compaction, solve, chosen edges).
* :func:`solve_batch` -- many independent problems at once (numba ``prange`` over fixed chunks of
  problems, one workspace per chunk): each problem's answer depends only on its own row, so the
  results do not depend on the number of threads.
* References: :func:`brute_nearest` enumerates all ``2^n`` subsets in Gray-code order (one add per
  subset, numba) and :func:`py_nearest` in pure Python (``itertools``), for tests and benchmarks.

Ties between equally near sums are broken deterministically (first found by the sweep). Masks: bit
``i`` of the returned ``int64`` is sample ``i``; :func:`mask_indices` turns it into indices.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numba import njit, prange

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.rfss_mitm import half_sums

MAX_MITM_N = 40          # masks are int64 and each half holds 2^20 sums (8 MB) at most
MAX_BRUTE_N = 30

#: subset-choice rules of :func:`solve_within` (module doc): the rule's name says what it returns
NEAREST = "nearest"
GROWING_PREFIX = "first_within_eps_growing_prefix"
RULES = (NEAREST, GROWING_PREFIX)
_ALL_SAMPLES = 1 << 30   # a prefix start beyond any n: the search starts (and ends) at m = n


def rule_start(rule: str, start: int = 8) -> int:
    """The prefix length the kernels start from for ``rule`` (``start`` is used by the growing-prefix
    rule only). Unknown rules give a one-line :class:`InputError`."""
    if rule == NEAREST:
        return _ALL_SAMPLES
    if rule == GROWING_PREFIX:
        if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or start < 0:
            raise InputError(f"start = {start!r}: the growing-prefix rule needs a prefix length >= 0")
        return int(start)
    raise InputError(f"rule = {rule!r}: use one of {', '.join(repr(r) for r in RULES)}")


# ------------------------------------------------------------------ any size: meet in the middle

@njit(cache=True)
def _half_sorted(x, start, stop, s0, m0, s1, m1):
    """Sorted sums (and masks, bit ``e - start`` for element ``e``) of all subsets of
    ``x[start:stop]``. Ping-pong between buffers ``(s0, m0)`` and ``(s1, m1)``; returns
    ``(count, which)`` with the result in buffer 0 or 1."""
    s0[0] = 0.0
    m0[0] = 0
    m = 1
    which = 0
    for e in range(start, stop):
        xe = x[e]
        bit = np.int64(1) << np.int64(e - start)
        if which == 0:
            ss, sm, ds, dm = s0, m0, s1, m1
        else:
            ss, sm, ds, dm = s1, m1, s0, m0
        i = 0
        j = 0
        o = 0
        while i < m and j < m:
            vb = ss[j] + xe
            if ss[i] <= vb:
                ds[o] = ss[i]
                dm[o] = sm[i]
                i += 1
            else:
                ds[o] = vb
                dm[o] = sm[j] | bit
                j += 1
            o += 1
        while i < m:
            ds[o] = ss[i]
            dm[o] = sm[i]
            i += 1
            o += 1
        while j < m:
            ds[o] = ss[j] + xe
            dm[o] = sm[j] | bit
            j += 1
            o += 1
        m = o
        which = 1 - which
    return m, which


@njit(cache=True)
def _nearest_pair(A, na, B, nb, z):
    """``argmin_{i,j} |A[i] + B[j] - z|`` over sorted ``A[:na]``, ``B[:nb]`` (two pointers).
    Returns ``(distance, i, j)``."""
    best = np.inf
    bi = 0
    bj = 0
    j = nb - 1
    for i in range(na):
        a = A[i]
        while j >= 0 and a + B[j] > z:
            j -= 1
        if j >= 0:
            d = z - (a + B[j])
            if d < best:
                best, bi, bj = d, i, j
        if j + 1 < nb:
            d = (a + B[j + 1]) - z
            if d < best:
                best, bi, bj = d, i, j + 1
        if j < 0 and best == 0.0:
            break
    return best, bi, bj


@njit(cache=True)
def _mitm_core(x, n, z, bufs_s, bufs_m):
    """Nearest any-size subset of ``x[:n]`` to ``z``; ``bufs_*`` hold 4 buffers of ``2^ceil(n/2)``."""
    h1 = n // 2
    ca, wa = _half_sorted(x, 0, h1, bufs_s[0], bufs_m[0], bufs_s[1], bufs_m[1])
    cb, wb = _half_sorted(x, h1, n, bufs_s[2], bufs_m[2], bufs_s[3], bufs_m[3])
    A, MA = bufs_s[wa], bufs_m[wa]
    B, MB = bufs_s[2 + wb], bufs_m[2 + wb]
    d, i, j = _nearest_pair(A, ca, B, cb, z)
    return A[i] + B[j], MA[i] | (MB[j] << np.int64(h1))


@njit(cache=True)
def _workspace(n):
    w = 1 << ((n + 1) // 2)
    return np.empty((4, w), dtype=np.float64), np.empty((4, w), dtype=np.int64)


@njit(cache=True)
def _mitm_nearest(x, z):
    n = x.shape[0]
    bs, bm = _workspace(n)
    return _mitm_core(x, n, z, bs, bm)


# ------------------------------------------------------------------ fixed size k (RFSS kernels)

@njit(cache=True)
def _combo_mask(x, start, stop, size, value):
    """Mask (bits relative to ``start``) of the first ``size``-subset of ``x[start:stop]`` whose sum,
    formed in increasing index order as in ``half_sums``, equals ``value``; -1 if none."""
    h = stop - start
    if size == 0:
        return np.int64(0) if value == 0.0 else np.int64(-1)
    idx = np.arange(size)
    while True:
        s = 0.0
        for t in range(size):
            s += x[start + idx[t]]
        if s == value:
            m = np.int64(0)
            for t in range(size):
                m |= np.int64(1) << np.int64(idx[t])
            return m
        t = size - 1
        while t >= 0 and idx[t] == h - size + t:
            t -= 1
        if t < 0:
            return np.int64(-1)
        idx[t] += 1
        for u in range(t + 1, size):
            idx[u] = idx[u - 1] + 1


@njit(cache=True)
def _mitm_fixed(x, n, k, z):
    h1 = n // 2
    A, ca = half_sums(x, 0, h1, k)
    B, cb = half_sums(x, h1, n, k)
    best = np.inf
    ba = -1
    bi = 0
    bj = 0
    for a in range(max(0, k - (n - h1)), min(k, h1) + 1):
        d, i, j = _nearest_pair(A[a], ca[a], B[k - a], cb[k - a], z)
        if d < best:
            best, ba, bi, bj = d, a, i, j
    if ba < 0:
        return np.inf, np.int64(-1)
    ma = _combo_mask(x, 0, h1, ba, A[ba, bi])
    mb = _combo_mask(x, h1, n, k - ba, B[k - ba, bj])
    return A[ba, bi] + B[k - ba, bj], ma | (mb << np.int64(h1))


# ------------------------------------------------------------------ integers: exact table

@njit(cache=True)
def _int_nearest(x, z):
    """Nearest subset sum of integer samples ``x`` to integer ``z`` (ties: the smaller sum), by a
    reachable-sum table over ``[sum of negatives, sum of positives]`` and backtracking (skip an
    element whenever possible). Returns ``(sum, take)`` with ``take`` a boolean array."""
    n = x.shape[0]
    lo = 0
    hi = 0
    for i in range(n):
        if x[i] < 0:
            lo += x[i]
        else:
            hi += x[i]
    R = hi - lo + 1
    reach = np.zeros((n + 1, R), dtype=np.bool_)
    reach[0, -lo] = True
    for i in range(n):
        v = x[i]
        for s in range(R):
            if reach[i, s]:
                reach[i + 1, s] = True
                t = s + v
                if 0 <= t < R:
                    reach[i + 1, t] = True
    best = lo
    found = False
    d = 0
    limit = max(abs(z - lo), abs(hi - z))
    while d <= limit and not found:
        for t in (z - d, z + d):
            p = t - lo
            if 0 <= p < R and reach[n, p]:
                best = t
                found = True
                break
        d += 1
    take = np.zeros(n, dtype=np.bool_)
    s = best - lo
    for i in range(n - 1, -1, -1):
        if reach[i, s]:
            continue
        take[i] = True
        s -= x[i]
    return best, take


# ------------------------------------------------------------------ brute force references

@njit(cache=True)
def _mask_sum(x, mask):
    """Sum of the samples selected by ``mask``, in index order."""
    tot = 0.0
    for i in range(x.shape[0]):
        if (mask >> np.int64(i)) & 1:
            tot += x[i]
    return tot


@njit(cache=True)
def _gray_flip(g, mask):
    """Step ``g >= 1`` of the Gray-code order: flip bit ``ctz(g)`` of ``mask``. Returns ``(bit,
    new mask, True if the element enters the subset)``."""
    bit = 0
    gg = g
    while (gg & 1) == 0:
        gg >>= 1
        bit += 1
    b = np.int64(1) << np.int64(bit)
    return bit, mask ^ b, (mask & b) == 0


@njit(cache=True)
def _brute_nearest(x, z):
    """All 2^n subsets in Gray-code order (one add/subtract per subset). The sum of the best
    subset is recomputed from its mask at the end (no drift in the returned value)."""
    n = x.shape[0]
    best = abs(z)
    bmask = np.int64(0)
    s = 0.0
    mask = np.int64(0)
    total = np.int64(1) << np.int64(n)
    for g in range(1, total):
        bit, mask, added = _gray_flip(g, mask)
        s = s + x[bit] if added else s - x[bit]
        d = abs(s - z)
        if d < best:
            best = d
            bmask = mask
    return _mask_sum(x, bmask), bmask


@njit(cache=True)
def _brute_nearest_fixed(x, k, z):
    n = x.shape[0]
    best = np.inf
    bmask = np.int64(-1)
    total = np.int64(1) << np.int64(n)
    for mask in range(total):
        c = 0
        s = 0.0
        for i in range(n):
            if (mask >> i) & 1:
                c += 1
                s += x[i]
        if c == k:
            d = abs(s - z)
            if d < best:
                best, bmask = d, np.int64(mask)
    return _mask_sum(x, bmask), bmask


@njit(cache=True)
def _brute_blocked(x, z):
    """All 2^n subsets as (high subset in Gray order) + (each of the 2^10 low subsets): the inner
    loop is a branch-free scan over a precomputed table of low sums (the fastest plain enumeration
    here, SIMD-friendly). Returns ``(distance, mask)``."""
    n = x.shape[0]
    lo_n = min(n, 10)
    L = 1 << lo_n
    low = np.zeros(L, dtype=np.float64)
    for e in range(lo_n):
        b = 1 << e
        for i in range(b):
            low[b + i] = low[i] + x[e]
    best = np.inf
    bmask = np.int64(0)
    s = 0.0
    hmask = np.int64(0)
    H = np.int64(1) << np.int64(n - lo_n)
    for g in range(H):
        if g > 0:
            bit, hmask, added = _gray_flip(g, hmask)
            s = s + x[lo_n + bit] if added else s - x[lo_n + bit]
        t = z - s
        dmin = np.inf
        imin = 0
        for i in range(L):
            d = abs(low[i] - t)
            if d < dmin:
                dmin = d
                imin = i
        if dmin < best:
            best = dmin
            bmask = (hmask << np.int64(lo_n)) | np.int64(imin)
    return best, bmask


# ------------------------------------------------------------------ tolerance solver and batch API

@njit(cache=True)
def _within(d, tol, strict):
    return d < tol if strict else d <= tol


@njit(cache=True)
def _solve(x, n, z, tol, strict, k, m0, bs, bm):
    """Nearest subset over prefixes x[:m], m = m0, m0 + 2, ..., n; first one within tol wins.
    Any size: a target beyond the sum of all positive (negative) samples is answered by that sum
    directly (it is the nearest). Returns (sum, mask, ok); mask -1 when no subset of size k exists."""
    if k < 0:
        # a target outside [sum of negatives, sum of positives] has that end as its nearest sum
        pos = 0.0
        neg = 0.0
        mpos = np.int64(0)
        mneg = np.int64(0)
        for i in range(n):
            if x[i] > 0:
                pos += x[i]
                mpos |= np.int64(1) << np.int64(i)
            elif x[i] < 0:
                neg += x[i]
                mneg |= np.int64(1) << np.int64(i)
        if z >= pos:
            return pos, mpos, _within(z - pos, tol, strict)
        if z <= neg:
            return neg, mneg, _within(neg - z, tol, strict)
    m = n if m0 >= n else m0
    if k >= 0 and m < min(n, 2 * k):
        m = min(n, 2 * k)
    while True:
        if k < 0:
            s, msk = _mitm_core(x, m, z, bs, bm)
        elif k > m:
            s, msk = np.inf, np.int64(-1)
        else:
            s, msk = _mitm_fixed(x, m, k, z)
        ok = msk >= 0 and _within(abs(s - z), tol, strict)
        if ok or m >= n:
            return s, msk, ok
        m = min(n, m + 2)


@njit(cache=True, parallel=True)
def _batch_kernel(X, counts, Z, tol, strict, k, m0, chunk, out_sum, out_mask, out_ok):
    m = X.shape[0]
    nchunks = (m + chunk - 1) // chunk
    nmax = X.shape[1]
    for c in prange(nchunks):
        bs, bm = _workspace(nmax)
        for p in range(c * chunk, min(m, (c + 1) * chunk)):
            s, msk, ok = _solve(X[p], counts[p], Z[p], tol, strict, k, m0, bs, bm)
            out_sum[p] = s
            out_mask[p] = msk
            out_ok[p] = ok


@njit(cache=True, parallel=True)
def _layer_kernel(U, V, W, tol, strict, k, m0, chunk, sel, slopes, ok):
    """All problems of one target layer (see :func:`solve_layer`), in parallel over fixed chunks."""
    d_out, d_in, n2 = V.shape
    n = n2 // 2
    m = d_out * d_in * 2
    nchunks = (m + chunk - 1) // chunk
    cap = min(n, 40)                 # MAX_MITM_N samples at most per problem (int64 masks)
    for c in prange(nchunks):
        bs, bm = _workspace(cap)
        x = np.empty(cap, dtype=np.float64)
        idx = np.empty(cap, dtype=np.int64)
        for p in range(c * chunk, min(m, (c + 1) * chunk)):
            i = p // (2 * d_in)
            j = (p // 2) % d_in
            half = p % 2
            cnt = 0
            for r in range(half * n, half * n + n):
                u = U[j, r]
                if cnt < cap and ((half == 0 and u > 0) or (half == 1 and u < 0)):
                    x[cnt] = V[i, j, r] * u
                    idx[cnt] = r
                    cnt += 1
            s, msk, good = _solve(x, cnt, W[i, j], tol, strict, k, m0, bs, bm)
            tot = 0.0
            if msk >= 0:
                for t in range(cnt):
                    if (msk >> np.int64(t)) & 1:
                        sel[i, j, idx[t]] = True
                        tot += x[t]
            slopes[i, j, half] = tot
            ok[i, j, half] = good and msk >= 0


# ------------------------------------------------------------------ public wrappers

def _as_samples(x, limit: int, what: str) -> np.ndarray:
    arr = np.ascontiguousarray(np.asarray(x, dtype=np.float64))
    if arr.ndim != 1:
        raise InputError(f"{what}: give the samples of one weight as a 1-d array")
    if arr.shape[0] > limit:
        raise InputError(f"{what}: n = {arr.shape[0]} samples is too many for this solver "
                         f"(n <= {limit}); split the samples or use int_nearest for integers")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{what}: samples must be finite numbers")
    return arr


def mitm_nearest(x, z: float) -> tuple[float, int]:
    """``(sum, mask)`` of a subset of ``x`` (any size, empty included) nearest to ``z``."""
    arr = _as_samples(x, MAX_MITM_N, "mitm_nearest")
    s, m = _mitm_nearest(arr, float(z))
    return float(s), int(m)


def mitm_nearest_fixed(x, k: int, z: float) -> tuple[float, int]:
    """``(sum, mask)`` of a subset of size exactly ``k`` nearest to ``z``."""
    arr = _as_samples(x, MAX_MITM_N, "mitm_nearest_fixed")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k <= arr.shape[0]:
        raise InputError(f"subset size k = {k!r} must be an integer in 0..n = {arr.shape[0]}")
    s, m = _mitm_fixed(arr, arr.shape[0], int(k), float(z))
    return float(s), int(m)


def int_nearest(x, z: int) -> tuple[int, np.ndarray]:
    """``(sum, take)`` for integer samples: the exact nearest subset sum (ties: smaller sum)."""
    arr = np.ascontiguousarray(np.asarray(x, dtype=np.int64))
    if arr.ndim != 1:
        raise InputError("int_nearest: give the integer samples of one weight as a 1-d array")
    span = int(np.abs(arr).sum()) + 1
    if span * (arr.shape[0] + 1) > 200_000_000:
        raise InputError(f"int_nearest: table of {arr.shape[0] + 1} x {span} sums is too large; "
                         f"use fewer samples or the meet-in-the-middle solver")
    s, take = _int_nearest(arr, int(z))
    return int(s), take


def brute_nearest(x, z: float, k: int | None = None) -> tuple[float, int]:
    """Reference: enumerate all ``2^n`` subsets (``k``: only those of size ``k``)."""
    arr = _as_samples(x, MAX_BRUTE_N, "brute_nearest")
    if k is None:
        s, m = _brute_nearest(arr, float(z))
    else:
        s, m = _brute_nearest_fixed(arr, int(k), float(z))
    return float(s), int(m)


def brute_nearest_blocked(x, z: float) -> tuple[float, int]:
    """Reference enumeration of all ``2^n`` subsets, blocked (see :func:`_brute_blocked`):
    ``(distance, mask)``."""
    arr = _as_samples(x, MAX_BRUTE_N, "brute_nearest_blocked")
    d, m = _brute_blocked(arr, float(z))
    return float(d), int(m)


def py_nearest(x, z, k: int | None = None):
    """Pure-Python reference (``itertools``): ``(distance, sums achieving it)``; works with
    ints/Fractions exactly. Small ``n`` only."""
    xs = list(x)
    best = None
    sums = set()
    sizes = range(len(xs) + 1) if k is None else [k]
    for r in sizes:
        for c in itertools.combinations(xs, r):
            s = sum(c, start=type(z)(0) if not isinstance(z, float) else 0.0)
            d = abs(s - z)
            if best is None or d < best:
                best, sums = d, {s}
            elif d == best:
                sums.add(s)
    return best, sums


def mask_indices(mask: int) -> list[int]:
    return [i for i in range(64) if (mask >> i) & 1]


def _check_tol(tol, strict):
    if not (isinstance(tol, (int, float, np.integer, np.floating)) and tol > 0 and math.isfinite(tol)):
        raise InputError(f"tolerance {tol!r} must be a positive finite number (e.g. 0.01)")
    if strict not in (True, False, 0, 1):
        raise InputError(f"strict = {strict!r}: use True for '< tol' or False for '<= tol'")


def solve_within(x, z: float, tol: float, strict: bool = True, k: int | None = None,
                 start: int = 8, rule: str = GROWING_PREFIX) -> tuple[float, int, bool]:
    """``(sum, mask, ok)``: a subset of ``x`` (of size ``k`` if given) with ``|sum - z| < tol``
    (``<=`` unless ``strict``) chosen by ``rule`` (module doc: the first within ``tol`` over growing
    prefixes from ``start``, or the nearest of all); ``ok`` False means no subset of ``x`` is within
    ``tol`` and the nearest one is returned."""
    m0 = rule_start(rule, start)
    arr = _as_samples(x, MAX_MITM_N, "solve_within")
    _check_tol(tol, strict)
    kk = -1 if k is None else int(k)
    if k is not None and not 0 <= kk <= arr.shape[0]:
        raise InputError(f"subset size k = {k!r} must be an integer in 0..n = {arr.shape[0]}")
    bs, bm = _workspace(max(arr.shape[0], 1))
    s, m, ok = _solve(arr, arr.shape[0], float(z), float(tol), bool(strict), kk, m0, bs, bm)
    return float(s), int(m), bool(ok)


def solve_batch(values, counts, targets, tol: float, strict: bool = True, k: int | None = None,
                start: int = 8, chunk: int = 64, rule: str = GROWING_PREFIX):
    """:func:`solve_within` (same ``rule``) for ``len(targets)`` independent problems: row ``p`` has the samples
    ``values[p, :counts[p]]`` and target ``targets[p]``. Returns ``(sums, masks, ok)`` arrays.
    Parallel over fixed chunks of rows; the answers do not depend on the thread count."""
    X = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    C = np.ascontiguousarray(np.asarray(counts, dtype=np.int64))
    Z = np.ascontiguousarray(np.asarray(targets, dtype=np.float64))
    if X.ndim != 2 or C.shape != (X.shape[0],) or Z.shape != (X.shape[0],):
        raise InputError("solve_batch: values must be (m, n), counts and targets (m,)")
    if X.shape[1] > MAX_MITM_N:
        raise InputError(f"solve_batch: {X.shape[1]} samples per weight; at most {MAX_MITM_N}")
    if C.size and (C.min() < 0 or C.max() > X.shape[1]):
        raise InputError("solve_batch: counts must lie in 0..values.shape[1]")
    if not np.all(np.isfinite(X)) or not np.all(np.isfinite(Z)):
        raise InputError("solve_batch: samples and targets must be finite numbers")
    _check_tol(tol, strict)
    if k is not None and (int(k) < 0):
        raise InputError(f"subset size k = {k!r} must be a nonnegative integer")
    if chunk < 1 or start < 0:
        raise InputError("solve_batch: chunk must be >= 1 and start >= 0")
    m0 = rule_start(rule, start)
    out_s = np.empty(X.shape[0], dtype=np.float64)
    out_m = np.empty(X.shape[0], dtype=np.int64)
    out_ok = np.zeros(X.shape[0], dtype=np.bool_)
    if X.shape[0]:
        _batch_kernel(X, C, Z, float(tol), bool(strict), -1 if k is None else int(k), m0,
                      int(chunk), out_s, out_m, out_ok)
    return out_s, out_m, out_ok


def solve_layer(U, V, W, tol: float, strict: bool = True, k: int | None = None, start: int = 8,
                chunk: int = 64, rule: str = GROWING_PREFIX):
    """Steps 1-4 of the construction for a whole target layer ``W`` (``d_out x d_in``), in one
    parallel kernel: unit ``(j, r)`` has first-layer weight ``U[j, r]`` (``r < n``: kept iff > 0,
    ``r >= n``: kept iff < 0) and second-layer weights ``V[i, j, r]``; problem ``(i, j, half)`` has
    the products over the kept units of that half (the first ``MAX_MITM_N`` of them when more are
    kept; the others stay pruned) and target ``W[i, j]``. Returns ``(sel, slopes,
    ok)``: chosen second-layer edges ``(d_out, d_in, 2n)``, realised sums and ``ok`` flags
    ``(d_out, d_in, 2)``. Each problem depends only on its own data (thread-count independent).
    ``rule``, ``start``: as in :func:`solve_within`."""
    m0 = rule_start(rule, start)
    U = np.ascontiguousarray(np.asarray(U, dtype=np.float64))
    V = np.ascontiguousarray(np.asarray(V, dtype=np.float64))
    W = np.ascontiguousarray(np.asarray(W, dtype=np.float64))
    if U.ndim != 2 or V.ndim != 3 or W.ndim != 2 or U.shape[1] % 2 or V.shape[1:] != U.shape \
            or W.shape != V.shape[:2]:
        raise InputError("solve_layer: need U (d_in, 2n), V (d_out, d_in, 2n), W (d_out, d_in)")
    if not (np.all(np.isfinite(U)) and np.all(np.isfinite(V)) and np.all(np.isfinite(W))):
        raise InputError("solve_layer: weights must be finite numbers")
    _check_tol(tol, strict)
    sel = np.zeros(V.shape, dtype=np.bool_)
    slopes = np.zeros(W.shape + (2,), dtype=np.float64)
    ok = np.zeros(W.shape + (2,), dtype=np.bool_)
    if W.size:
        _layer_kernel(U, V, W, float(tol), bool(strict), -1 if k is None else int(k), m0,
                      int(chunk), sel, slopes, ok)
    return sel, slopes, ok


def mitm_cost(n: int) -> float:
    """Elementary steps of :func:`mitm_nearest` (two merges of 2^h and one sweep)."""
    h1, h2 = n // 2, n - n // 2
    return 2.0 * (2 ** h1 + 2 ** h2) + 2 ** h1 + 2 ** h2


def brute_cost(n: int) -> float:
    return float(2 ** n)


__all__ = ["RULES", "NEAREST", "GROWING_PREFIX", "rule_start", "mitm_nearest", "mitm_nearest_fixed", "int_nearest", "brute_nearest",
           "brute_nearest_blocked", "py_nearest",
           "solve_within", "solve_batch", "solve_layer", "mask_indices", "mitm_cost", "brute_cost", "MAX_MITM_N"]

