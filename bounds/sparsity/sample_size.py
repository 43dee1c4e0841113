"""Exact and ball arithmetic for the ``sparsity`` sample-size conditions: binary entropy and log2 as
arb balls (and mpmath), and the least integer ``n`` satisfying Eq. (1) or Eq. (3), decided with arb
(exact integer tie-break), the convention of every checker of Theorem 2 and Corollary 1
(``sparsity.fn_ceil``).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

import mpmath
from flint import arb, ctx, fmpq


def with_prec(bits: int):
    """Context manager raising ``flint.ctx.prec`` temporarily."""
    class _P:
        def __enter__(self):
            self.old = ctx.prec
            ctx.prec = max(self.old, bits)

        def __exit__(self, *a):
            ctx.prec = self.old
    return _P()


def h2_mp(x) -> mpmath.mpf:
    x = mpmath.mpf(x)
    if x == 0 or x == 1:
        return mpmath.mpf(0)
    return -x * mpmath.log(x, 2) - (1 - x) * mpmath.log(1 - x, 2)


def h2_arb(q: Fraction) -> arb:
    """``H_2(q)`` as an arb ball (q rational in [0, 1])."""
    q = Fraction(q)
    if q in (0, 1):
        return arb(0)
    a = arb(fmpq(q.numerator, q.denominator))
    ln2 = arb(2).log()
    return -(a * a.log() + (1 - a) * (1 - a).log()) / ln2


def log2_arb(q) -> arb:
    q = Fraction(q)
    return arb(fmpq(q.numerator, q.denominator)).log() / arb(2).log()


def frac_arb(q) -> arb:
    q = Fraction(q)
    return arb(fmpq(q.numerator, q.denominator))


def bisect_first(pred, lo: int, hi: int) -> int:
    """Smallest integer n in (lo, hi] with ``pred(n)``, for ``pred`` monotone (false at lo, true at hi)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _least_n(ok, lo: int, cap: int | None = None) -> int:
    """Least n >= lo with ``ok(n)`` (ok monotone in n): doubling (up to ``cap``), then bisection."""
    if ok(lo):
        return lo
    hi = lo
    while not ok(hi):
        hi *= 2
        if cap is not None and hi > cap:
            raise ValueError("n too large")
    return bisect_first(ok, hi // 2 if hi // 2 >= lo else lo, hi)


def _two_pow_nh2(n: int, k: int) -> Fraction:
    """``2^(n H2(k/n)) = n^n / (k^k (n-k)^(n-k))`` exactly (the exact side of a tie in Eqs. (1), (3))."""
    return Fraction(n ** n, k ** k * (n - k) ** (n - k))


def _nh2_at_least(n: int, k: int, rhs: arb, exact_rhs_pow2=None) -> bool:
    """``n H2(k/n) >= rhs``, decided with arb (256 bits, then ~2 log2 n + 256); a tie (overlapping balls) is decided exactly
    when ``exact_rhs_pow2 = (a, b, X)`` says ``rhs = (a/b) log2 X`` with X rational (compare
    ``(2^(n H2))^b`` with ``X^a``), for n <= 4096; otherwise ``ArithmeticError``."""
    for bits in (256, 2 * n.bit_length() + 256):   # consecutive n differ by ~ 1/n: ~2 log2 n bits
        with with_prec(bits):
            lhs = n * h2_arb(Fraction(k, n))
            if lhs > rhs:
                return True
            if lhs < rhs:
                return False
    if exact_rhs_pow2 is not None and n <= 4096:
        a, b, X = exact_rhs_pow2
        return _two_pow_nh2(n, k) ** b >= Fraction(X) ** a
    raise ArithmeticError(f"n H2(k/n) vs the bound undecided at n={n}, k={k} (tie)")


@lru_cache(maxsize=None)
def n_min_eq1(k: int, eps: Fraction, c: Fraction, lam: Fraction = Fraction(1, 2)) -> int:
    """Smallest integer n with ``k <= lam n`` and Eq. (1): ``n H2(k/n) >= c log2(k/eps)``.
    ``n H2(k/n)`` is increasing in n, so a doubling + bisection search is exact (arb decides; an
    exact tie, e.g. ``2 H2(1/2) = log2(1/(1/4))``, is decided with integers)."""
    c, eps = Fraction(c), Fraction(eps)
    with with_prec(1024):
        rhs = frac_arb(c) * log2_arb(Fraction(k) / eps)
    tie = (c.numerator, c.denominator, Fraction(k) / eps)
    lo = max(k, math.ceil(Fraction(k) / lam))
    return _least_n(lambda n: _nh2_at_least(n, k, rhs, tie), lo, cap=10**12)


def n_min_eq3(k: int, eps: Fraction, camp: Fraction) -> int:
    """Smallest n >= 2k with Eq. (3): ``n H2(k/n) >= c_amp log2^2(k/eps)`` (ties decided exactly
    when k/eps is a power of 2, so that log2^2(k/eps) is an integer)."""
    camp = Fraction(camp)
    x = Fraction(k) / Fraction(eps)
    with with_prec(1024):
        rhs = frac_arb(camp) * log2_arb(x) ** 2
    tie = None
    if x.denominator == 1 and x.numerator & (x.numerator - 1) == 0:
        m = x.numerator.bit_length() - 1
        tie = (camp.numerator * m, camp.denominator, Fraction(2) ** m)
    lo = 2 * k
    return _least_n(lambda n: _nh2_at_least(n, k, rhs, tie), lo)


def sqrt_below(k: int, digits: int = 6) -> Fraction:
    """A rational in ``(sqrt(k) - 10^-digits, sqrt(k)]`` (a target inside [-sqrt k, sqrt k])."""
    s = 10 ** digits
    return Fraction(math.isqrt(k * s * s), s)
