"""Meet in the middle over integer weights (numba): sorted half sums, pair counts, pair searches.

A sum ``sum_i c_i x_i`` with every ``c_i`` in ``{c0, c1}`` splits into a first-half and a
second-half sum.  :func:`half_sums` lists the sums of one half *sorted*, built by merging (adding
``x`` turns the sorted list S into the merge of the sorted lists S + c0 x and S + c1 x), so a half
of h weights costs O(2^h) and needs no sort.  Then, for sorted A and B, two pointers give

* :func:`count_pairs` -- #{(i, j) : A_i + B_j = t}, with multiplicities (runs of equal values);
* :func:`any_pair_in` -- whether some A_i + B_j lies in [lo, hi].

Used with ``(c0, c1) = (-1, +1)`` for number partitioning (signed sums, :mod:`montecarlo.npp`) and
``(0, 1)`` for subset sums (:mod:`montecarlo.rssp_nonzero`).  ``fix_first`` keeps only ``c1`` for
the first weight of the half (sigma_1 = +1: sigma and -sigma identified).  Pure-Python references
(``py_*``, by enumeration) are tested against the kernels.
"""
from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
from numba import njit

__all__ = ["half_sums", "count_pairs", "any_pair_in", "half_size", "workspace",
           "py_half_sums", "py_count_pairs", "py_any_pair_in"]


def half_size(h: int, fix_first: bool = False) -> int:
    """Length of the list of :func:`half_sums` for ``h`` weights."""
    return 1 << max(h - (1 if fix_first and h > 0 else 0), 0)


@njit(cache=True)
def workspace(n, size_a, size_b):
    """One worker's buffers: the instance ``x`` (n), the two halves' sums A (size_a), B (size_b)
    and the merge buffer (the larger size)."""
    return (np.empty(n, np.int64), np.empty(size_a, np.int64), np.empty(size_b, np.int64),
            np.empty(max(size_a, size_b), np.int64))


@njit(cache=True)
def half_sums(x, start, stop, c0, c1, fix_first, out, tmp):
    """Sorted sums ``sum_{i in [start, stop)} c_i x_i``, ``c_i`` in ``{c0, c1}`` (``c_start = c1``
    when ``fix_first``), written to ``out``; returns their number.  ``out`` and ``tmp`` need
    :func:`half_size` entries."""
    cnt = 1
    out[0] = 0
    lo = start
    if fix_first and stop > start:
        out[0] = c1 * x[start]
        lo = start + 1
    src = out
    dst = tmp
    in_out = True
    for e in range(lo, stop):
        d0 = c0 * x[e]
        d1 = c1 * x[e]
        if d0 > d1:
            d0, d1 = d1, d0
        i = 0
        j = 0
        m = 0
        while i < cnt and j < cnt:
            a = src[i] + d0
            b = src[j] + d1
            if a <= b:
                dst[m] = a
                i += 1
            else:
                dst[m] = b
                j += 1
            m += 1
        while i < cnt:
            dst[m] = src[i] + d0
            i += 1
            m += 1
        while j < cnt:
            dst[m] = src[j] + d1
            j += 1
            m += 1
        cnt = m
        src, dst = dst, src
        in_out = not in_out
    if not in_out:
        for q in range(cnt):
            out[q] = src[q]
    return cnt


@njit(cache=True)
def count_pairs(A, na, B, nb, t):
    """#{(i, j) : A_i + B_j = t} for sorted ``A[:na]``, ``B[:nb]``."""
    total = 0
    i = 0
    j = nb - 1
    while i < na and j >= 0:
        s = A[i] + B[j]
        if s < t:
            i += 1
        elif s > t:
            j -= 1
        else:
            a = A[i]
            ra = 0
            while i < na and A[i] == a:
                ra += 1
                i += 1
            b = B[j]
            rb = 0
            while j >= 0 and B[j] == b:
                rb += 1
                j -= 1
            total += ra * rb
    return total


@njit(cache=True)
def any_pair_in(A, na, B, nb, lo, hi):
    """Whether some ``A_i + B_j`` lies in ``[lo, hi]`` (sorted ``A[:na]``, ``B[:nb]``)."""
    j = nb - 1
    for i in range(na):
        while j >= 0 and A[i] + B[j] > hi:
            j -= 1
        if j < 0:
            return False
        if A[i] + B[j] >= lo:
            return True
    return False


# ---------------------------------------------------------------- pure-Python references

def py_half_sums(x, start, stop, c0, c1, fix_first=False) -> list[int]:
    coeffs = [(c1,) if (fix_first and i == start) else (c0, c1) for i in range(start, stop)]
    return sorted(sum(c * v for c, v in zip(cs, x[start:stop])) for cs in itertools.product(*coeffs))


def py_count_pairs(A, B, t) -> int:
    cb = Counter(B)
    return sum(cb[t - a] for a in A)


def py_any_pair_in(A, B, lo, hi) -> bool:
    return any(lo <= a + b <= hi for a in A for b in B)
