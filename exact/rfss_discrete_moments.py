"""Exact moments of the RFSS hit count ``Y`` for *discrete* samples (sparsity paper §3.1, Eqs. (5)-(8)).

Samples ``X_1..X_n`` i.i.d. uniform on ``{-M..M}``; ``Y = #{S subset [n], |S| = k: |Sigma_S - z| < delta}``
(strict, as in the paper). Two independent routes, so that the identities of the proof can be
checked against each other on tiny cases:

* brute force over all ``(2M+1)^n`` sample vectors: :func:`y_law` (the exact law of ``Y``), hence
  ``E[Y]``, ``E[Y^2]``, ``Pr(Y > 0)`` (:func:`y_moments`);
* the proof's formulas: :func:`p_hit` ``= Pr(H_S)`` (law of a sum of k uniforms by convolution),
  :func:`q_joint` ``= Pr(H_S and H_S' | |S cap S'| = i) = sum_y Pr(Sigma_i = y) Pr(|y + Sigma_{k-i} - z| < delta)^2``,
  so Eq. (7) ``E[Y] = C(n,k) Pr(H)`` and Eq. (8) ``E[Y^2] = C(n,k)^2 sum_i Pr(I = i) q_joint(i)``.

Every value is an exact :class:`Fraction`.
"""
from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import lru_cache

from ticketcheck.exact.rfss import validate_discrete
from ticketcheck.exact.rfss_moments import hyper_pmf
from ticketcheck.errors import InputError

__all__ = ["sum_law", "p_hit", "q_joint", "y_law", "y_moments", "MAX_VECTORS"]

MAX_VECTORS = 200_000


def _hit(v, z: Fraction, delta: Fraction) -> bool:
    return abs(v - z) < delta


@lru_cache(maxsize=None)
def sum_law(M: int, m: int) -> dict[int, int]:
    """Counts of ``X_1 + .. + X_m`` (uniform on {-M..M}) over the ``(2M+1)^m`` vectors; m = 0 -> {0: 1}."""
    law = {0: 1}
    for _ in range(m):
        new: dict[int, int] = {}
        for s, c in law.items():
            for x in range(-M, M + 1):
                new[s + x] = new.get(s + x, 0) + c
        law = new
    return law


def _p_sum_hit(M: int, m: int, shift: Fraction, delta: Fraction) -> Fraction:
    """``Pr(|Sigma_m + shift| < delta)``."""
    law = sum_law(M, m)
    good = sum(c for s, c in law.items() if _hit(s + shift, Fraction(0), delta))
    return Fraction(good, (2 * M + 1) ** m)


def p_hit(M: int, k: int, delta, z) -> Fraction:
    """``Pr(|X_1 + .. + X_k - z| < delta)`` (Eq. (7)'s ``Pr(H_S)``)."""
    validate_discrete(M, max(k, 1), k, delta, z)
    return _p_sum_hit(M, k, -Fraction(z), Fraction(delta))


def q_joint(M: int, k: int, i: int, delta, z) -> Fraction:
    """``Pr(H_S and H_S' | |S cap S'| = i)``: the shared part sums to y, the two private parts
    (k - i samples each) are independent given y."""
    validate_discrete(M, max(k, 1), k, delta, z)
    if not 0 <= i <= k:
        raise InputError(f"overlap i must be in 0..k, got {i}")
    d, zz = Fraction(delta), Fraction(z)
    shared = sum_law(M, i)
    tot = Fraction(0)
    for y, c in shared.items():
        g = _p_sum_hit(M, k - i, y - zz, d)
        tot += c * g * g
    return tot / (2 * M + 1) ** i


def y_law(M: int, n: int, k: int, delta, z) -> dict[int, Fraction]:
    """The exact law of ``Y`` by brute force over every sample vector (tiny parameters only)."""
    validate_discrete(M, n, k, delta, z)
    if (2 * M + 1) ** n > MAX_VECTORS:
        raise InputError(f"(2M+1)^n = {(2 * M + 1) ** n} sample vectors > {MAX_VECTORS}: use smaller M, n")
    d, zz = Fraction(delta), Fraction(z)
    subsets = list(itertools.combinations(range(n), k))
    counts: dict[int, int] = {}
    for xs in itertools.product(range(-M, M + 1), repeat=n):
        y = sum(1 for s in subsets if _hit(sum(xs[j] for j in s), zz, d))
        counts[y] = counts.get(y, 0) + 1
    tot = (2 * M + 1) ** n
    return {y: Fraction(c, tot) for y, c in sorted(counts.items())}


def y_moments(M: int, n: int, k: int, delta, z) -> dict[str, Fraction]:
    """``E[Y]``, ``E[Y^2]``, ``Pr(Y > 0)`` from :func:`y_law` and the same from the proof's formulas."""
    law = y_law(M, n, k, delta, z)
    ph = p_hit(M, k, delta, z)
    joint = sum((hyper_pmf(n, k, i) * q_joint(M, k, i, delta, z) for i in range(k + 1)), Fraction(0))
    c = math.comb(n, k)
    return {"EY": sum(y * p for y, p in law.items()), "EY2": sum(y * y * p for y, p in law.items()),
            "P_Y_pos": sum((p for y, p in law.items() if y > 0), Fraction(0)),
            "EY_formula": c * ph, "EY2_formula": c * c * joint, "p_hit": ph, "p_joint": joint}
