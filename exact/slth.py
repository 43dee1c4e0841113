"""Exact computations for the quantized SLTH construction (`unified` §4, Lemma 1 proof, App. D, F).

Units: a weight of ``S_delta`` (delta = 2^-k, K = 2^k) is an integer in ``{-K..K}`` (delta units); a
product of two weights is an integer in delta^2 units; a target ``w in S_delta`` is ``j*K`` in
delta^2 units (j = -K..K). Tolerances are given in delta^2 units: ``Delta*delta`` is ``Delta*K``.

* :func:`z_pmf` / :func:`z_stats` -- the law of ``Z = b * max(0, a)`` (Lemma 1, Step 2) against the
  model of Theorem 2 (uniform on a full integer interval), and the mixture weight of Theorem 5.
* :func:`cover_law` -- exact ``q(m) = P(m i.i.d. products v*u | u > 0 reach every w in S_delta within
  tol)`` by a Markov chain on reachable-sum sets (Python ints as bitsets, "covered" absorbing).
* :func:`block_success_exact` -- P(success) of one Lemma 1 block of 2n units, both readings.
* :func:`lemma1_network_error` -- the pruned network of Lemma 1 evaluated exactly at its
  breakpoints, for masks given by the construction (the masks themselves are chosen from Monte
  Carlo draws in ``ticketcheck.observables._slth_construction``; the pure-Python twins of the Monte
  Carlo kernels are in ``montecarlo.slth_reference``).
"""
from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

from ticketcheck.errors import InputError, TooLargeError

__all__ = ["z_pmf", "z_stats", "cover_law", "block_success_exact", "block_success_cost",
           "lemma1_network_error", "check_k"]


def check_k(k) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k = {k!r}: delta = 2^-k needs an integer k >= 1 "
                         f"(delta must be a power of two, e.g. k=3 for delta=1/8)")
    if k > 12:
        raise InputError(f"k = {k} (delta = 2^-{k}) is too fine for the bitset kernels; use k <= 12")
    return k


# ------------------------------------------------------------------ law of Z = b * a^+

def z_pmf(k: int, conditioned: bool = False) -> dict[int, Fraction]:
    """pmf of ``Z = b * max(0, a)`` in delta^2 units, a, b i.i.d. uniform on S_delta; with
    ``conditioned``, given a > 0 (Lemma 1, Step 2; Step 1 says a^+ is uniform on S_delta >= 0)."""
    K = 1 << check_k(k)
    import numpy as np
    S = np.arange(-K, K + 1, dtype=np.int64)
    a = S[S > 0] if conditioned else np.maximum(S, 0)
    prod = np.multiply.outer(a, S).ravel()
    vals, counts = np.unique(prod, return_counts=True)
    total = int(counts.sum())
    return {int(v): Fraction(int(c), total) for v, c in zip(vals, counts)}


def z_stats(k: int, conditioned: bool = False) -> dict:
    """How far Z is from Theorem 2's model (uniform on the full grid {-M..M}, M = K^2 here).

    Returns support size, grid size ``2K^2 + 1``, holes, p_min, ``alpha = |supp| * p_min``
    (Theorem 5's uniform-mixture weight), the largest m with ``{-m..m}`` inside the support, the
    mixture weight of the uniform law on that interval, and the total-variation distance to the
    uniform law on the full grid."""
    K = 1 << k
    pmf = z_pmf(k, conditioned)
    grid = 2 * K * K + 1
    supp = len(pmf)
    pmin = min(pmf.values())
    m = 0
    while (m + 1) in pmf and -(m + 1) in pmf:
        m += 1
    p_int = min(pmf[z] for z in range(-m, m + 1))
    unif = Fraction(1, grid)
    tv = (sum(abs(pmf.get(z, Fraction(0)) - unif) for z in range(-K * K, K * K + 1))) / 2
    return {"k": k, "conditioned": conditioned, "support": supp, "grid": grid,
            "holes": grid - supp, "p_min": pmin, "alpha": supp * pmin,
            "full_interval_m": m, "alpha_interval": (2 * m + 1) * p_int,
            "tv_to_uniform_grid": tv, "p_zero": pmf.get(0, Fraction(0))}


# ------------------------------------------------------------------ exact success probability

def _y_law(K: int) -> list[tuple[int, Fraction]]:
    """Law of v*u given u > 0 (u in 1..K, v in -K..K), as (value, prob)."""
    c = Counter(u * v for u in range(1, K + 1) for v in range(-K, K + 1))
    tot = K * (2 * K + 1)
    return sorted((y, Fraction(n, tot)) for y, n in c.items())


def _covered_bits(mask: int, offset: int, K: int, tol: int, strict: bool) -> bool:
    r = tol - 1 if strict else tol
    if r < 0:
        return False
    width = (1 << (2 * r + 1)) - 1
    for j in range(-K, K + 1):
        lo = j * K - r + offset
        if lo < 0:
            if (mask & (width >> (-lo))) == 0:
                return False
        elif (mask >> lo) & width == 0:
            return False
    return True


def block_success_cost(k: int, n: int) -> float:
    """Rough seconds of :func:`cover_law` up to m = 2n (number of chain states times steps)."""
    K = 1 << k
    s = len(_y_law(K)) if k <= 6 else (2 * K * K + 1)
    m = 2 * n
    states = min(math.comb(m + s - 1, s - 1), 10 ** 12)
    return 2e-6 * s * min(states, 10 ** 9) * max(1, m) / 4


def cover_law(k: int, tol: int, strict: bool, m_max: int, max_states: int = 400_000) -> list[Fraction]:
    """``q[m]`` for m = 0..m_max: exact P(m i.i.d. products v*u | u>0 cover every w in S_delta)."""
    K = 1 << check_k(k)
    law = _y_law(K)
    offset = m_max * K * K + K * K + tol + 2
    states: dict[int, Fraction] = {1 << offset: Fraction(1)}
    covered = Fraction(0)
    q = [Fraction(1) if _covered_bits(1 << offset, offset, K, tol, strict) else Fraction(0)]
    if q[0] == 1:
        return [Fraction(1)] * (m_max + 1)
    for _ in range(m_max):
        new: dict[int, Fraction] = {}
        for mask, p in states.items():
            for y, py in law:
                nm = mask | (mask << y if y >= 0 else mask >> (-y))
                pp = p * py
                if _covered_bits(nm, offset, K, tol, strict):
                    covered += pp
                else:
                    new[nm] = new.get(nm, Fraction(0)) + pp
        states = new
        if len(states) > max_states:
            raise TooLargeError(f"exact Lemma 1 law for k={k}, m={m_max}: more than {max_states} "
                                f"reachable-set states; use Monte Carlo (smaller n or k)")
        q.append(covered)
    return q


def block_success_exact(k: int, tol: int, strict: bool, n: int, reading: str) -> Fraction:
    """Exact P(one block of 2n units realises every w in S_delta within tol, both signs).

    ``reading="statement"``: 2n units serve either sign (multinomial split u>0 / u<0 / u=0);
    ``"construction"``: n units (a,b) for x>0 via Z=b*a^+, n units (c,d) for x<0 (Steps 1-4),
    independent halves, so P = h^2."""
    K = 1 << check_k(k)
    p_side = Fraction(K, 2 * K + 1)
    p0 = Fraction(1, 2 * K + 1)
    if reading == "construction":
        q = cover_law(k, tol, strict, n)
        h = sum(math.comb(n, m) * p_side ** m * (1 - p_side) ** (n - m) * q[m] for m in range(n + 1))
        return h * h
    if reading == "statement":
        N = 2 * n
        q = cover_law(k, tol, strict, N)
        tot = Fraction(0)
        for mp in range(N + 1):
            for mm in range(N - mp + 1):
                m0 = N - mp - mm
                coef = math.factorial(N) // (math.factorial(mp) * math.factorial(mm) * math.factorial(m0))
                tot += coef * p_side ** (mp + mm) * p0 ** m0 * q[mp] * q[mm]
        return tot
    raise InputError(f"reading {reading!r}: use 'statement' or 'construction'")


# ------------------------------------------------------------------ the pruned network of Lemma 1

def lemma1_network_error(u, v, s, sp_, w: int, K: int) -> Fraction:
    """sup_{|x|<=1} |w x - (v.s)^T relu((u.s') x)| of the pruned network, exact (rationals).

    The pruned map is piecewise linear with its only breakpoint at 0, so the sup over [-1, 1] is
    attained at x in {-1, 0, 1}; the network is evaluated there (weights in delta units, products
    in delta^2 units, so the arithmetic is exact in integers)."""
    err = 0                     # integer arithmetic in units of delta^2 (exact)
    for x in (-1, 0, 1):
        out = sum(vi * si * max(0, ui * sp * x) for ui, vi, si, sp in zip(u, v, s, sp_))
        err = max(err, abs(w * K * x - out))
    return Fraction(err, K * K)
