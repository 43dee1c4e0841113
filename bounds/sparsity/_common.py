"""Shared constants, formulas and glue for the ``sparsity`` claim modules (claims.md §2).

Constants as printed (Natale et al. 2024): ``lambda = 1 - 1/(2 pi)`` (Theorem 5), Allasia's
``sqrt(3)/20`` (Theorem 6), ``ln(2)/4`` (Lemma 2), ``C_18`` (App. C), the amplification constants
``c_amp = 8 c_hyp / c_thm`` and ``r = (4 / c_thm) ln(k / eps)`` (App. D, Step 3). Log bases exactly as
written: ``log2`` in Eqs. (1), (3), (4), (28) and ``H_2``; ``ln`` in App. D and Corollary 3.
Tolerances are strict (``< eps``) in every RFSS statement (Theorem 2, Corollaries 1, 2).
"""
from __future__ import annotations

import math
import zlib
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable

import mpmath
import sympy as sp
from flint import arb, ctx, fmpq

from ticketcheck.bounds.claim import Claim, Comparison, ComputedCheck, Param
from ticketcheck.bounds.registry import register

PAPER = "sparsity"
SRC = "Natale et al., On the Sparsity of the Strong Lottery Ticket Hypothesis (HAL hal-04741369v1)"

# ---- sympy forms (log bases as printed) -------------------------------------------------------
x_, k_, n_, eps_, c_hyp, c_thm, c_amp, p_, d_, gamma_ = sp.symbols(
    "x k n epsilon c_hyp c_thm c_amp p d gamma", positive=True)


def H2(x):
    """Binary entropy ``H_2(x) = -x log2 x - (1-x) log2(1-x)`` (Definition 2)."""
    return -x * sp.log(x, 2) - (1 - x) * sp.log(1 - x, 2)


EQ1_RHS = c_hyp * sp.log(k_ / eps_, 2) / H2(k_ / n_)             # Eq. (1)
EQ3_RHS = c_amp * sp.log(k_ / eps_, 2) ** 2 / H2(k_ / n_)        # Eq. (3)
EQ4_RHS = 2 * c_amp * sp.log(1 / eps_, 2) ** 2 / H2(k_ / n_)     # Eq. (4)
C_AMP_PROOF = 8 * c_hyp / c_thm                                  # App. D Step 3
R_PROOF = 4 / c_thm * sp.log(k_ / eps_)                          # App. D Step 3 (natural log)
LAMBDA_THM5 = 1 - 1 / (2 * sp.pi)                                # Theorem 5
ALLASIA = sp.sqrt(3) / 20                                        # Theorem 6
LEMMA2_Q = sp.log(2) / 4                                         # Lemma 2
BETA3_STD_UNIFORM = 3 * sp.sqrt(3) / 4                           # App. C (E|X|^3, X ~ U[-sqrt3, sqrt3])
C18 = (sp.erf(2 * sp.sqrt(3) / sp.sqrt(2)) - sp.erf(sp.sqrt(3) / sp.sqrt(2))) / 2 \
    - 2 * sp.sqrt(3) / (20 * sp.sqrt(18))                        # App. C

CONSTANTS_RFSS = {"c_thm": "existential (Theorem 2)", "c_amp": "existential, = 8 c_hyp / c_thm in App. D",
                  "r": "(4 / c_thm) ln(k / eps) (App. D)"}


def claim(id_: str, title: str, source: str, statement: str, methods: tuple[str, ...],
          checks: Iterable = (), **kw) -> Claim:
    c = Claim(id=f"{PAPER}.{id_}", title=title, source=source, statement=statement,
              methods=tuple(methods), checks=list(checks), **kw)
    register(c)
    return c


# ---- exact / high-precision helpers -------------------------------------------------------------

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


def seed_of(*parts: Any) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode()) & 0x7FFFFFFF


def trials_of(ctx_, cap: int) -> int:
    return int(min(ctx_.trials, cap))


def cmp(params: dict, lhs, rhs, relation: str, label: str, kind: str = "real", **info) -> Comparison:
    return Comparison(params=params, lhs=lhs, rhs=rhs, relation=relation, label=label, kind=kind,
                      info=info)


def computed(name: str, fn, grid, quick_grid=None, doc: str = "") -> ComputedCheck:
    return ComputedCheck(name=name, compute=fn, grid=grid, quick_grid=quick_grid, doc=doc)


def with_prec(bits: int):
    """Context manager raising ``flint.ctx.prec`` temporarily."""
    class _P:
        def __enter__(self):
            self.old = ctx.prec
            ctx.prec = max(self.old, bits)

        def __exit__(self, *a):
            ctx.prec = self.old
    return _P()


P_K = Param("k", "int", 1, None, doc="subset size, 1 <= k <= n/2")
P_N = Param("n", "int", 2, None, doc="number of samples")
P_EPS = Param("eps", "real", 0, 1, doc="tolerance, strict |Sigma_S - z| < eps")
