"""Meet-in-the-middle search over fixed-size subsets (sparsity paper, RFSS, ``sparsity.model1/2``).

Given one sample ``x[0..n-1]`` (reals), the k-subset sums are ``a + b`` with ``a`` a sum of an
``i``-subset of the first half and ``b`` a sum of a ``(k-i)``-subset of the second half. For each
half the subset sums are kept **sorted per size**, built by merging (no sort: adding element ``x``
merges ``sums[s]`` with ``sums[s-1] + x``), so a half of ``h`` elements costs ``O(2^h)``.

* :func:`mitm_min_dist` -- ``min_S |Sigma_S - z|`` over ``|S| = k`` (two pointers per size pair);
  the single-target event is ``min_dist < eps`` (strict, as in the paper).
* :func:`mitm_covers` -- whether every ``z`` in ``[lo, hi]`` has a k-subset sum with
  ``|Sigma_S - z| < eps``: a greedy sweep with *predecessor queries* ``max{Sigma_S < t}``.

Brute-force references enumerate all ``C(n, k)`` subsets: :func:`brute_min_dist`,
:func:`brute_covers` (numba) and :func:`py_min_dist`, :func:`py_covers` (pure Python, tests).
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numba import njit


@njit(cache=True)
def half_sums(x, start, stop, kmax):
    """Sorted subset sums of ``x[start:stop]`` per size ``0..kmax``: returns ``(buf, cnt)`` with
    ``buf[s, :cnt[s]]`` the sorted sums of the ``s``-subsets."""
    h = stop - start
    smax = min(kmax, h)
    width = 1
    for s in range(smax + 1):  # largest binomial C(h, s), s <= smax
        c = 1
        for t in range(s):
            c = c * (h - t) // (t + 1)
        if c > width:
            width = c
    buf = np.empty((smax + 1, width), dtype=np.float64)
    tmp = np.empty(width, dtype=np.float64)
    cnt = np.zeros(smax + 1, dtype=np.int64)
    buf[0, 0] = 0.0
    cnt[0] = 1
    for e in range(start, stop):
        xe = x[e]
        top = min(smax, e - start + 1)
        for s in range(top, 0, -1):
            # merge buf[s, :cnt[s]] with buf[s-1, :cnt[s-1]] + xe
            na = cnt[s]
            nb = cnt[s - 1]
            i = 0
            j = 0
            m = 0
            while i < na and j < nb:
                vb = buf[s - 1, j] + xe
                if buf[s, i] <= vb:
                    tmp[m] = buf[s, i]
                    i += 1
                else:
                    tmp[m] = vb
                    j += 1
                m += 1
            while i < na:
                tmp[m] = buf[s, i]
                i += 1
                m += 1
            while j < nb:
                tmp[m] = buf[s - 1, j] + xe
                j += 1
                m += 1
            for q in range(m):
                buf[s, q] = tmp[q]
            cnt[s] = m
    return buf, cnt


@njit(cache=True)
def _pair_min_dist(A, na, B, nb, z):
    """min |A[i] + B[j] - z| for sorted A, B (two pointers)."""
    best = np.inf
    j = nb - 1
    for i in range(na):
        while j >= 0 and A[i] + B[j] > z:
            d = A[i] + B[j] - z
            if d < best:
                best = d
            j -= 1
        if j < 0:
            break
        d = z - (A[i] + B[j])
        if d < best:
            best = d
    return best


@njit(cache=True)
def mitm_min_dist(x, k, z):
    """``min_{|S| = k} |Sigma_S - z|`` by meet in the middle (``k <= len(x)``)."""
    n = x.shape[0]
    h1 = n // 2
    A, ca = half_sums(x, 0, h1, k)
    B, cb = half_sums(x, h1, n, k)
    best = np.inf
    for a in range(max(0, k - (n - h1)), min(k, h1) + 1):
        b = k - a
        d = _pair_min_dist(A[a], ca[a], B[b], cb[b], z)
        if d < best:
            best = d
    return best


@njit(cache=True)
def _pred(A, ca, B, cb, lo_a, hi_a, k, t):
    """max{A[a][i] + B[k-a][j] < t} over the allowed sizes a; -inf if none."""
    best = -np.inf
    for a in range(lo_a, hi_a + 1):
        Aa = A[a]
        Bb = B[k - a]
        na = ca[a]
        j = cb[k - a] - 1
        for i in range(na):
            while j >= 0 and Aa[i] + Bb[j] >= t:
                j -= 1
            if j < 0:
                break
            v = Aa[i] + Bb[j]
            if v > best:
                best = v
    return best


@njit(cache=True)
def _pred_early(A, ca, B, cb, lo_a, hi_a, k, t, good, floor):
    """A sum in ``(floor, t)`` that is ``>= good`` if one is found early, else the largest sum
    ``< t`` (or ``-inf``). Binary search in B for each useful A value; stops at the first sum
    ``>= good`` (any sum in ``(floor, t)`` is a valid greedy step; this one advances >= t - good)."""
    best = -np.inf
    for a in range(lo_a, hi_a + 1):
        b = k - a
        na = ca[a]
        nb = cb[b]
        if na == 0 or nb == 0:
            continue
        Aa = A[a, :na]
        Bb = B[b, :nb]
        bmin = Bb[0]
        bmax = Bb[nb - 1]
        i0 = np.searchsorted(Aa, floor - bmax)  # A_i + bmax > floor needed (approximately)
        for i in range(max(i0 - 1, 0), na):
            ai = Aa[i]
            if ai + bmin >= t:
                break
            j = np.searchsorted(Bb, t - ai) - 1  # largest B_j < t - A_i
            while j >= 0 and ai + Bb[j] >= t:  # rounding guard
                j -= 1
            if j < 0:
                continue
            v = ai + Bb[j]
            if v > best:
                best = v
                if best >= good:
                    return best
    return best


@njit(cache=True)
def mitm_covers(x, k, eps, lo, hi):
    """True iff every z in [lo, hi] has a k-subset sum within ``< eps`` (open balls cover [lo, hi]).

    Greedy sweep: the first sum must lie in ``(lo - eps, lo + eps)``; having covered ``[lo, s + eps)``
    with sum ``s``, the next point ``s + eps`` needs a sum in ``(s, s + 2 eps)``. Any such sum is a
    valid step; the query returns early with one in ``[s + eps, s + 2 eps)`` when it finds it, and
    otherwise the largest sum ``< s + 2 eps`` (a full predecessor query). Stop when ``s + eps > hi``.
    """
    n = x.shape[0]
    h1 = n // 2
    A, ca = half_sums(x, 0, h1, k)
    B, cb = half_sums(x, h1, n, k)
    lo_a = max(0, k - (n - h1))
    hi_a = min(k, h1)
    s = _pred_early(A, ca, B, cb, lo_a, hi_a, k, lo + eps, lo, lo - eps)
    if not (s > lo - eps):
        return False
    while s + eps <= hi:
        s2 = _pred_early(A, ca, B, cb, lo_a, hi_a, k, s + 2 * eps, s + eps, s)
        if not (s2 > s):
            return False
        s = s2
    return True


@njit(cache=True)
def mitm_covers_full(x, k, eps, lo, hi):
    """Same sweep with full predecessor queries (two pointers per size pair): a second reference."""
    n = x.shape[0]
    h1 = n // 2
    A, ca = half_sums(x, 0, h1, k)
    B, cb = half_sums(x, h1, n, k)
    lo_a = max(0, k - (n - h1))
    hi_a = min(k, h1)
    s = _pred(A, ca, B, cb, lo_a, hi_a, k, lo + eps)
    if not (s > lo - eps):
        return False
    while s + eps <= hi:
        s2 = _pred(A, ca, B, cb, lo_a, hi_a, k, s + 2 * eps)
        if not (s2 > s):
            return False
        s = s2
    return True


# ---------------------------------------------------------------- brute force over C(n, k) subsets

@njit(cache=True)
def brute_all_sums(x, k):
    """All C(n, k) subset sums (unsorted), enumerated in lexicographic order of index sets."""
    n = x.shape[0]
    total = 1
    for t in range(k):
        total = total * (n - t) // (t + 1)
    out = np.empty(total, dtype=np.float64)
    idx = np.arange(k)
    m = 0
    while True:
        s = 0.0
        for t in range(k):
            s += x[idx[t]]
        out[m] = s
        m += 1
        # next combination
        t = k - 1
        while t >= 0 and idx[t] == n - k + t:
            t -= 1
        if t < 0:
            break
        idx[t] += 1
        for u in range(t + 1, k):
            idx[u] = idx[u - 1] + 1
    return out


@njit(cache=True)
def brute_min_dist(x, k, z):
    sums = brute_all_sums(x, k)
    best = np.inf
    for v in sums:
        d = abs(v - z)
        if d < best:
            best = d
    return best


@njit(cache=True)
def covers_sorted(sums, eps, lo, hi):
    """The same greedy sweep on one sorted array of sums."""
    m = sums.shape[0]
    # largest sum < lo + eps
    j = np.searchsorted(sums, lo + eps) - 1
    if j < 0 or not (sums[j] > lo - eps):
        return False
    s = sums[j]
    while s + eps <= hi:
        j2 = np.searchsorted(sums, s + 2 * eps) - 1
        if j2 < 0 or not (sums[j2] > s):
            return False
        s = sums[j2]
    return True


@njit(cache=True)
def brute_covers(x, k, eps, lo, hi):
    sums = np.sort(brute_all_sums(x, k))
    return covers_sorted(sums, eps, lo, hi)


# ---------------------------------------------------------------- pure-Python references

def py_min_dist(x, k, z) -> float:
    return min(abs(sum(c) - z) for c in itertools.combinations(list(x), k))


def py_covers(x, k, eps, lo, hi) -> bool:
    """Exact check of the sparsity.model2 recipe: sorted sums, endpoints covered, gaps < 2 eps."""
    sums = sorted(sum(c) for c in itertools.combinations(list(x), k))
    inside = [s for s in sums if lo - eps < s < hi + eps]
    if not inside:
        return False
    if not (inside[0] - eps < lo) or not (inside[-1] + eps > hi):
        return False
    return all(b - a < 2 * eps for a, b in zip(inside, inside[1:]))


def n_subsets(n: int, k: int) -> int:
    return math.comb(n, k)
