"""Counter-based random streams for Monte Carlo kernels (numba), plus their pure-Python twins.

The stream of trial ``i`` depends only on ``(seed, i)``: its 64-bit start state is
``mix64(mix64(seed ^ KEY) ^ mix64(i + GOLDEN))`` and every draw is one SplitMix64 step
(Steele, Lea & Flood 2014: ``state += GOLDEN; out = mix64(state)``). Results therefore do not
depend on how trials are split over threads.

Uniform integers on ``{0..K-1}``, K <= 2^32, fast path (``uniform_below32``, used by the RSSP
kernels): Lemire's multiply-shift with rejection (Lemire 2019): with r32 = top 32 bits of a raw
word and m = r32 * K, accept when ``m mod 2^32 >= 2^32 mod K`` and return ``m >> 32`` (exactly
uniform, no division). Generic path (``uniform_below``) uses rejection: a raw 64-bit word ``r`` is accepted when
``r < limit = K * floor((2^64-1)/K)`` and then mapped to ``r % K`` (exactly uniform).

The numba functions (``trial_state``, ``next_u64``, ``uniform_below``) and the Python ones
(``py_trial_state``, ``py_uniform_below``) produce identical numbers; tests compare them.
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["seed_u64", "rejection_limit", "trial_state", "next_u64", "uniform_below",
           "lemire_threshold", "uniform_below32",
           "py_trial_state", "py_next_u64", "py_uniform_below", "py_uniform_below32", "py_mix64"]

_MASK = (1 << 64) - 1
_GOLDEN_INT = 0x9E3779B97F4A7C15
_M1_INT = 0xBF58476D1CE4E5B9
_M2_INT = 0x94D049BB133111EB
_KEY_INT = 0xD1B54A32D192ED03

GOLDEN = np.uint64(_GOLDEN_INT)
_M1 = np.uint64(_M1_INT)
_M2 = np.uint64(_M2_INT)
_KEY = np.uint64(_KEY_INT)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)


def seed_u64(seed: int) -> np.uint64:
    """The seed as the kernels see it: the integer reduced modulo 2^64."""
    return np.uint64(int(seed) & _MASK)


def rejection_limit(K: int) -> np.uint64:
    """Largest multiple of ``K`` that is <= 2^64 - 1 (accept raw words below it)."""
    return np.uint64((_MASK // K) * K)


@njit(cache=True)
def mix64(z):
    """SplitMix64 finaliser (a bijection of 64-bit words)."""
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@njit(cache=True)
def trial_state(seed, i):
    """Start state of trial ``i`` (int) for ``seed`` (uint64)."""
    return mix64(mix64(np.uint64(seed) ^ _KEY) ^ mix64(np.uint64(i) + GOLDEN))


@njit(cache=True)
def next_u64(state):
    """One SplitMix64 step: returns ``(new_state, output)``."""
    state = np.uint64(state) + GOLDEN
    return state, mix64(state)


@njit(cache=True)
def uniform_below(state, K, limit):
    """Uniform integer in ``[0, K)`` (K, limit uint64): returns ``(new_state, value as int64)``."""
    state = np.uint64(state)
    while True:
        state = state + GOLDEN
        r = mix64(state)
        if r < limit:
            return state, np.int64(r % K)


def lemire_threshold(K: int) -> np.uint64:
    """``2^32 mod K``: the rejection threshold of :func:`uniform_below32` (needs 1 <= K <= 2^32)."""
    if not 1 <= K <= 1 << 32:
        raise ValueError("uniform_below32 needs 1 <= K <= 2^32")
    return np.uint64((1 << 32) % K)


@njit(cache=True)
def uniform_below32(state, K, thresh):
    """Uniform integer in ``[0, K)`` (K <= 2^32, thresh = ``lemire_threshold(K)``; both uint64):
    returns ``(new_state, value as int64)``."""
    state = np.uint64(state)
    while True:
        state = state + GOLDEN
        m = (mix64(state) >> _S32) * K
        if (m & _LOW32) >= thresh:
            return state, np.int64(m >> _S32)


# ---- pure-Python twins (reference for tests) -------------------------------------------------

def py_mix64(z: int) -> int:
    z &= _MASK
    z = ((z ^ (z >> 30)) * _M1_INT) & _MASK
    z = ((z ^ (z >> 27)) * _M2_INT) & _MASK
    return z ^ (z >> 31)


def py_trial_state(seed: int, i: int) -> int:
    return py_mix64(py_mix64((int(seed) & _MASK) ^ _KEY_INT) ^ py_mix64(i + _GOLDEN_INT))


def py_next_u64(state: int) -> tuple[int, int]:
    state = (state + _GOLDEN_INT) & _MASK
    return state, py_mix64(state)


def py_uniform_below(state: int, K: int) -> tuple[int, int]:
    limit = (_MASK // K) * K
    while True:
        state, r = py_next_u64(state)
        if r < limit:
            return state, r % K


def py_uniform_below32(state: int, K: int) -> tuple[int, int]:
    thresh = (1 << 32) % K
    while True:
        state, r = py_next_u64(state)
        m = (r >> 32) * K
        if (m & 0xFFFFFFFF) >= thresh:
            return state, m >> 32
