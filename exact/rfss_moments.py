"""Exact second-moment quantities of Theorem 2's proof (sparsity paper §3.1, Eqs. (5)-(26)).

Samples Uniform[-1,1]; ``H = {|Sigma_S - z| < eps}`` for a uniform k-subset S; ``I = |S cap S'|``
for two independent uniform k-subsets (Hypergeometric(n, k, k)). With rational ``z`` and ``eps``
every quantity below is an exact rational (the densities are piecewise polynomials with rational
coefficients; integrals are done piece by piece with ``flint.fmpq_poly``):

* :func:`p_hit`      ``Pr(H) = F(z+eps, k) - F(z-eps, k)``
* :func:`q_joint`    ``Q_i = Pr(H and H' | I = i) = int f(y,i) [F(z+eps-y, k-i) - F(z-eps-y, k-i)]^2 dy``
                     (``Q_0 = Pr(H)^2``, ``Q_k = Pr(H)``), claims.md ``sparsity.eq9``
* :func:`hyper_pmf`  ``Pr(I = i) = C(k,i) C(n-k,k-i) / C(n,k)``
* :func:`second_moment_ratio`  ``R = E[Y^2]/E[Y]^2 = sum_i Pr(I=i) Q_i / Pr(H)^2``; ``1/R`` is the
  Paley-Zygmund (second moment) lower bound on ``Pr(Y > 0)`` (Eq. (5)).
* :func:`addends`    the three addends (10), (11), (12) of ``Pr(H' | H)`` for a given ``mu``.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from flint import fmpq, fmpq_poly

from ticketcheck.exact.irwin_hall import cdf, density
from ticketcheck.errors import InputError

__all__ = ["p_hit", "q_joint", "hyper_pmf", "second_moment_ratio", "addends", "expected_y",
           "expected_y2", "var_hypergeom"]


def _fq(x: Fraction) -> fmpq:
    return fmpq(x.numerator, x.denominator)


def _fr(q) -> Fraction:
    return Fraction(int(q.p), int(q.q))


@lru_cache(maxsize=None)
def _dens_piece(n: int, j: int) -> fmpq_poly:
    """Density of U_1+..+U_n on [-n+2j, -n+2j+2] as a polynomial in x."""
    y = fmpq_poly([fmpq(n, 2), fmpq(1, 2)])  # (x + n)/2
    p = fmpq_poly([0])
    for i in range(j + 1):
        t = (y - i) ** (n - 1) * math.comb(n, i)
        p = p - t if i & 1 else p + t
    return p / (2 * math.factorial(n - 1))


@lru_cache(maxsize=None)
def _cdf_piece(n: int, j: int) -> fmpq_poly:
    y = fmpq_poly([fmpq(n, 2), fmpq(1, 2)])
    p = fmpq_poly([0])
    for i in range(j + 1):
        t = (y - i) ** n * math.comb(n, i)
        p = p - t if i & 1 else p + t
    return p / math.factorial(n)


def _cdf_poly_in_y(c: Fraction, m: int, mid: Fraction) -> fmpq_poly:
    """``F(c - y, m)`` as a polynomial in y on the piece containing ``mid``."""
    w = c - mid
    if w <= -m:
        return fmpq_poly([0])
    if w >= m:
        return fmpq_poly([1])
    j = math.floor((w + m) / 2)
    return _cdf_piece(m, j)(fmpq_poly([_fq(c), -1]))


def _check(k, eps, z):
    if not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a positive integer, got {k!r}")
    if Fraction(eps) <= 0:
        raise InputError(f"eps must be > 0, got {eps}")


def p_hit(k: int, eps, z) -> Fraction:
    """``Pr(|U_1+..+U_k - z| < eps)`` exactly."""
    _check(k, eps, z)
    e, zz = Fraction(eps), Fraction(z)
    return cdf(zz + e, k) - cdf(zz - e, k)


@lru_cache(maxsize=4096)
def q_joint(k: int, i: int, eps, z) -> Fraction:
    """``Pr(H and H' | I = i)`` exactly (two k-subsets sharing i elements)."""
    _check(k, eps, z)
    e, zz = Fraction(eps), Fraction(z)
    if not 0 <= i <= k:
        raise InputError(f"overlap i must be in 0..k, got {i}")
    ph = p_hit(k, e, zz)
    if i == 0:
        return ph * ph
    if i == k:
        return ph
    m = k - i
    c1, c2 = zz + e, zz - e
    knots = {Fraction(-i + 2 * j) for j in range(i + 1)}
    for c in (c1, c2):
        for j in range(m + 1):
            knots.add(c + m - 2 * j)
    pts = sorted(p for p in knots if -i <= p <= i)
    if pts[0] != -i:
        pts.insert(0, Fraction(-i))
    if pts[-1] != i:
        pts.append(Fraction(i))
    total = fmpq(0)
    for a, b in zip(pts, pts[1:]):
        if b <= a:
            continue
        mid = (a + b) / 2
        jf = min(math.floor((mid + i) / 2), i - 1)
        g = _cdf_poly_in_y(c1, m, mid) - _cdf_poly_in_y(c2, m, mid)
        integrand = (_dens_piece(i, jf) * g * g).integral()
        total += integrand(_fq(b)) - integrand(_fq(a))
    return _fr(total)


def hyper_pmf(n: int, k: int, i: int) -> Fraction:
    """``Pr(|S cap S'| = i)`` for independent uniform k-subsets of [n]."""
    if i < 0 or i > k or k - i > n - k:
        return Fraction(0)
    return Fraction(math.comb(k, i) * math.comb(n - k, k - i), math.comb(n, k))


def var_hypergeom(n: int, k: int) -> Fraction:
    """Exact variance of Hypergeometric(n, k, k) from its pmf."""
    pm = [hyper_pmf(n, k, i) for i in range(k + 1)]
    mean = sum(i * p for i, p in enumerate(pm))
    return sum(i * i * p for i, p in enumerate(pm)) - mean * mean


def second_moment_ratio(n: int, k: int, eps, z) -> Fraction:
    """``R = E[Y^2] / E[Y]^2`` (Eqs. (7)-(9)); ``1/R <= Pr(Y > 0)`` by Eq. (5)."""
    if k > n:
        raise InputError(f"k={k} > n={n}: use k <= n")
    ph = p_hit(k, eps, z)
    if ph == 0:
        raise InputError(f"Pr(H) = 0 at k={k}, eps={eps}, z={z}: the target is unreachable")
    s = sum(hyper_pmf(n, k, i) * q_joint(k, i, Fraction(eps), Fraction(z)) for i in range(k + 1))
    return s / (ph * ph)


def expected_y(n: int, k: int, eps, z) -> Fraction:
    """Eq. (7): ``E[Y] = C(n,k) Pr(H)``."""
    return math.comb(n, k) * p_hit(k, eps, z)


def expected_y2(n: int, k: int, eps, z) -> Fraction:
    """Eq. (8): ``E[Y^2] = C(n,k)^2 Pr(H and H')``."""
    s = sum(hyper_pmf(n, k, i) * q_joint(k, i, Fraction(eps), Fraction(z)) for i in range(k + 1))
    return math.comb(n, k) ** 2 * s


def addends(n: int, k: int, eps, z, mu) -> dict:
    """The three addends of ``Pr(H' | H)`` (Eqs. (10)-(12)) with ``mu k`` rounded up
    (i in [ceil(mu k), k-1] for (11), i <= ceil(mu k) - 1 for (12)); exact rationals."""
    ph = p_hit(k, eps, z)
    e, zz = Fraction(eps), Fraction(z)
    lo = math.ceil(Fraction(mu) * k)
    a10 = hyper_pmf(n, k, k) * q_joint(k, k, e, zz) / ph
    a11 = sum((hyper_pmf(n, k, i) * q_joint(k, i, e, zz) for i in range(lo, k)), Fraction(0)) / ph
    a12 = sum((hyper_pmf(n, k, i) * q_joint(k, i, e, zz) for i in range(0, min(lo, k))),
              Fraction(0)) / ph
    p11 = sum((hyper_pmf(n, k, i) for i in range(lo, k)), Fraction(0))
    return {"a10": a10, "a11": a11, "a12": a12, "p_hit": ph, "mu_k_ceil": lo, "p_I_mid": p11,
            "cond": a10 + a11 + a12}
