"""The numbers of Appendix C (proof of Lemma 1), computed once and shared by the claim checks.

Everything is an arb ball (or an exact Fraction) computed from the exact Irwin-Hall density/CDF
(:mod:`exact.irwin_hall`, :mod:`exact.irwin_hall_normal`); nothing is typed in except the constants
the paper prints (``sqrt(3)/20``, ``18``, ``0.4748``, ``900``, ``3 sqrt(3)/4``).

* ``Phi(2 sqrt 3) - Phi(sqrt 3)`` (:func:`phi_window`), ``C_18`` (:func:`c18`), Allasia's bound
  ``sqrt(3)/(20 sqrt n)`` (:func:`allasia`);
* ``c_n = P_L(n)`` for ``2 <= n <= 17`` and ``c'_i = min{c_2..c_17, C_18}`` (:func:`c_prime`), the
  proof's ``c_l = min(c'_i, 1/2)`` (:func:`c_l_proof`);
* ``D_n`` and ``sup|p_n - phi|`` enclosures (:func:`cdf_gap`, :func:`density_gap`) with the options
  used by every claim (so the cache is shared), ``A_n = sqrt(n) sup|p_n - phi| / (beta_3 max(1, C^3))``
  (:func:`a_n`) and the smallest ``A`` consistent with ``n <= N_FIT`` (:func:`a_fit`).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

import sympy as sp
from flint import arb

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.sparsity.printed_forms import ALLASIA, BETA3_STD_UNIFORM, C18, n_
from ticketcheck.bounds.sparsity.sample_size import with_prec
from ticketcheck.exact import irwin_hall_normal as ihn

PREC = 384   # bits for the arithmetic on the balls returned by exact/ (which work higher inside)


def _hp(fn):
    """Evaluate ``fn`` with arb at >= PREC bits (so cached balls do not depend on the caller)."""
    import functools

    @functools.wraps(fn)
    def run(*a, **k):
        with with_prec(PREC):
            return fn(*a, **k)
    return run

N_FIT = 10                      # Theorem 7: A is fitted on n <= N_FIT, tested beyond
CUTOFF = 18                     # App. C: Theorem 6 is used for n >= 18
BE_CONSTANT = Fraction(4748, 10000)   # footnote 7 (Shevtsova's Berry-Esseen constant)
BE_CUTOFF = 900                 # footnote 7
PHI_WINDOW = (sp.erf(2 * sp.sqrt(3) / sp.sqrt(2)) - sp.erf(sp.sqrt(3) / sp.sqrt(2))) / 2


@_hp
def arb_of(expr, **env) -> arb:
    v = evaluate(expr, env)
    return v if isinstance(v, arb) else arb(v.numerator) / v.denominator


def lo(a: arb) -> float:
    """A float at or below the lower end of the ball (for reports only)."""
    return float(a.lower().mid()) - float(a.rad())


def hi(a: arb) -> float:
    return float(a.upper().mid()) + float(a.rad())


def mid(a: arb) -> float:
    return float(a.mid())


@lru_cache(maxsize=None)
@_hp
def phi_window() -> arb:
    """``Phi(2 sqrt 3) - Phi(sqrt 3)``: the normal mass of the window of ``P_L`` (App. C)."""
    return arb_of(PHI_WINDOW)


@lru_cache(maxsize=None)
@_hp
def c18() -> arb:
    """``C_18 = Phi(2 sqrt 3) - Phi(sqrt 3) - 2 sqrt 3 / (20 sqrt 18)`` (App. C)."""
    return arb_of(C18)


@lru_cache(maxsize=None)
@_hp
def allasia(n: int) -> arb:
    """Theorem 6's bound ``sqrt(3) / (20 sqrt n)``."""
    return arb_of(ALLASIA / sp.sqrt(n_), n=n)


@lru_cache(maxsize=None)
@_hp
def beta3() -> arb:
    """``E|X|^3 = 3 sqrt(3)/4`` for X uniform on ``[-sqrt 3, sqrt 3]`` (App. C, as printed)."""
    return arb_of(BETA3_STD_UNIFORM)


@_hp
def sup_density_std_uniform() -> arb:
    """``C = sup p^u = 1 / (2 sqrt 3)`` (Theorem 7 applied to the standardised uniform)."""
    return 1 / (2 * arb(3).sqrt())


@_hp
def max_one_c3() -> arb:
    c = sup_density_std_uniform()
    return arb(1).max(c * c * c)


@_hp
def phi0() -> arb:
    """``phi(0) = 1/sqrt(2 pi)`` (the true value; the proof prints ``1/(2 pi)``)."""
    return 1 / (2 * arb.pi()).sqrt()


@_hp
def phi_at(z: arb) -> arb:
    return (-(z * z) / 2).exp() / (2 * arb.pi()).sqrt()


@lru_cache(maxsize=None)
@_hp
def small_cs() -> dict[int, arb]:
    """``c_n = P_L(n) = F_n(2 sqrt 3) - F_n(sqrt 3)`` for ``2 <= n < 18`` (App. C)."""
    return {n: ihn.p_l(n) for n in range(2, CUTOFF)}


@lru_cache(maxsize=None)
@_hp
def c_prime() -> tuple[arb, str]:
    """``c'_i = min{c_2, ..., c_17, C_18}`` and which term attains it."""
    best, which = c18(), "C_18"
    for n, c in small_cs().items():
        if c < best:
            best, which = c, f"c_{n}"
    return best, which


@lru_cache(maxsize=None)
@_hp
def c_l_proof() -> arb:
    """The proof's ``c_l = min(c'_i, 1/2)`` (App. C, lower bound)."""
    return c_prime()[0].min(arb(1) / 2)


@_hp
def limit_lower() -> arb:
    """``lim_n sqrt(n) f(sqrt n, n) = sqrt(3) phi(sqrt 3)`` (local CLT)."""
    r3 = arb(3).sqrt()
    return r3 * phi_at(r3)


@_hp
def limit_upper() -> arb:
    """``lim_n sqrt(n) f(0, n) = sqrt(3) phi(0)``."""
    return arb(3).sqrt() * phi0()


# ---------------------------------------------------------------- Theorems 6 and 7

@lru_cache(maxsize=None)
@_hp
def cdf_gap(n: int) -> dict:
    """``D_n`` enclosure (Theorem 6); refinement stops once the upper end is below 0.8 x the bound."""
    return ihn.sup_gap(n, "cdf", rtol=0.02, enough=0.8 * mid(allasia(n)), z_max=4.5, w0=0.5)


@lru_cache(maxsize=None)
@_hp
def density_gap(n: int) -> dict:
    """``sup|p_n - phi|`` enclosure (Theorem 7); refinement stops below ``0.1 beta_3 / sqrt n``
    (i.e. ``A_n <= 0.1``) or within 2% of the lower end."""
    return ihn.sup_gap(n, "density", rtol=0.02, enough=0.1 * mid(beta3()) / math.sqrt(n),
                       z_max=4.5, w0=0.5)


@lru_cache(maxsize=None)
@_hp
def a_n(n: int) -> tuple[arb, arb]:
    """``A_n = sqrt(n) sup|p_n - phi| / (beta_3 max(1, C^3))``: (lower ball, upper ball)."""
    g = density_gap(n)
    scale = arb(n).sqrt() / (beta3() * max_one_c3())
    return g["lower"].lower() * scale, g["upper"] * scale


@lru_cache(maxsize=None)
@_hp
def a_fit() -> tuple[arb, int, arb]:
    """``(A_fit, argmax, A_min)``: ``A_fit`` = max over ``n <= N_FIT`` of the upper ends of ``A_n``
    (every such n is rigorously consistent with it); ``A_min`` = max of the lower ends (no smaller A
    is consistent with the uniform sums)."""
    best_up, best_lo, arg = None, None, 1
    for n in range(1, N_FIT + 1):
        a_lo, a_up = a_n(n)
        if best_up is None or a_up > best_up:
            best_up = a_up
        if best_lo is None or a_lo > best_lo:
            best_lo, arg = a_lo, n
    return best_up, arg, best_lo


def ball_json(a: arb) -> list[float]:
    return [lo(a), hi(a)]
