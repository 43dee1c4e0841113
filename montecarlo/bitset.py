"""Word bitsets (uint64 arrays) for subset-sum kernels: shift-or, bit tests, popcounts (numba).

Bit ``b`` lives in word ``b >> 6`` at position ``b & 63``. A set of integers ``y`` in a frame
``[-F, F]`` is stored at bit ``y + off`` with ``off = F + 64`` (one zero pad word on each side,
so a shift reading one word beyond the active range stays inside the array).

Kernels keep the invariant: every word outside the *active word range* ``[a_lo, a_hi]`` is zero.
``shift_or`` reads only the active range, writes a destination range and clears the words that
left it (one step of an RSSP trial with window pruning).
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["shift_or", "test_bit", "set_range", "zero_words", "popcount64",
           "popcount_range", "any_in_range", "words_for_frame", "start_window"]

_ONE = np.uint64(1)
_ZERO = np.uint64(0)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_C1 = np.uint64(0x5555555555555555)
_C2 = np.uint64(0x3333333333333333)
_C4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)


def words_for_frame(F: int) -> int:
    """Words needed for the frame ``[-F, F]`` with one pad word each side."""
    return (2 * F + 1 + 63) // 64 + 2


@njit(cache=True)
def shift_or(R, x, a_lo, a_hi, d_lo, d_hi):
    """One subset-sum step kept on a window: in place ``R |= R << x`` (bit b -> b + x; x < 0
    shifts down), written only to the destination words ``[d_lo, d_hi]``; then the words of the
    active range ``[a_lo, a_hi]`` outside ``[d_lo, d_hi]`` are cleared, so ``[d_lo, d_hi]`` is the
    new active range (nothing is cleared when it contains the old one).

    Source words are those of ``[a_lo, a_hi]`` (all others must be zero). Requires ``a_lo >= 1``
    and ``a_hi + 1 < len(R)``. (Shift and trim are one function body on purpose: a numba helper
    calling helpers costs an array reference count per call, 10-60% of a small-M trial.)
    """
    if x > 0:
        q = x >> 6
        r = x & 63
        lo = max(d_lo, a_lo + q)
        if r == 0:
            hi = min(d_hi, a_hi + q)
            for w in range(hi, lo - 1, -1):
                R[w] |= R[w - q]
        else:
            hi = min(d_hi, a_hi + q + 1)
            rr = np.uint64(r)
            rl = np.uint64(64 - r)
            for w in range(hi, lo - 1, -1):
                R[w] |= (R[w - q] << rr) | (R[w - q - 1] >> rl)
    elif x < 0:
        y = -x
        q = y >> 6
        r = y & 63
        hi = min(d_hi, a_hi - q)
        if r == 0:
            lo = max(d_lo, a_lo - q)
            for w in range(lo, hi + 1):
                R[w] |= R[w + q]
        else:
            lo = max(d_lo, a_lo - q - 1)
            rr = np.uint64(r)
            rl = np.uint64(64 - r)
            for w in range(lo, hi + 1):
                R[w] |= (R[w + q] >> rr) | (R[w + q + 1] << rl)
    for w in range(a_lo, min(a_hi, d_lo - 1) + 1):
        R[w] = _ZERO
    for w in range(max(a_lo, d_hi + 1), a_hi + 1):
        R[w] = _ZERO


@njit(cache=True)
def start_window(R, b_lo, b_hi):
    """Set bits ``b_lo..b_hi`` of an all-zero ``R``; returns the active word range."""
    set_range(R, b_lo, b_hi)
    return b_lo >> 6, b_hi >> 6


@njit(cache=True)
def test_bit(R, b):
    return (R[b >> 6] >> np.uint64(b & 63)) & _ONE


@njit(cache=True)
def set_range(R, b_lo, b_hi):
    """Set bits ``b_lo..b_hi`` (inclusive)."""
    for b in range(b_lo, b_hi + 1):
        R[b >> 6] |= _ONE << np.uint64(b & 63)


@njit(cache=True)
def zero_words(R, lo, hi):
    for w in range(lo, hi + 1):
        R[w] = _ZERO


@njit(cache=True)
def popcount64(x):
    x = x - ((x >> _ONE) & _C1)
    x = (x & _C2) + ((x >> np.uint64(2)) & _C2)
    x = (x + (x >> np.uint64(4))) & _C4
    return np.int64((x * _H01) >> np.uint64(56))


@njit(cache=True)
def _range_mask(w, b_lo, b_hi):
    """Mask of the bits of word ``w`` that lie in ``[b_lo, b_hi]``."""
    lo = max(b_lo - 64 * w, 0)
    hi = min(b_hi - 64 * w, 63)
    m = _ALL << np.uint64(lo)
    if hi < 63:
        m &= (_ONE << np.uint64(hi + 1)) - _ONE
    return m


@njit(cache=True)
def popcount_range(R, b_lo, b_hi):
    """Number of set bits with index in ``[b_lo, b_hi]``."""
    if b_lo > b_hi:
        return 0
    w_lo = b_lo >> 6
    w_hi = b_hi >> 6
    c = 0
    if w_lo == w_hi:
        return popcount64(R[w_lo] & _range_mask(w_lo, b_lo, b_hi))
    c += popcount64(R[w_lo] & _range_mask(w_lo, b_lo, b_hi))
    for w in range(w_lo + 1, w_hi):
        c += popcount64(R[w])
    c += popcount64(R[w_hi] & _range_mask(w_hi, b_lo, b_hi))
    return c


@njit(cache=True)
def any_in_range(R, b_lo, b_hi):
    """True iff some bit with index in ``[b_lo, b_hi]`` is set."""
    if b_lo > b_hi:
        return False
    w_lo = b_lo >> 6
    w_hi = b_hi >> 6
    for w in range(w_lo, w_hi + 1):
        if R[w] & _range_mask(w, b_lo, b_hi):
            return True
    return False
