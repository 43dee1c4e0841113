"""The sum of n i.i.d. Uniform[-1,1] variables: exact density and CDF (sparsity paper, Lemma 1 / App. C).

With ``Sigma_n = U_1 + ... + U_n`` and ``I_n`` the Irwin-Hall variable (sum of n Uniform[0,1]),
``Sigma_n = 2 I_n - n``, so (App. C, claims.md ``sparsity.lemma1``)

    f(x, n) = 1/2 g_n((x + n)/2),   g_n(y) = 1/(n-1)! sum_{j=0}^{floor(y)} (-1)^j C(n,j) (y-j)^(n-1),
    F(x, n) = G_n((x + n)/2),       G_n(y) = 1/n!     sum_{j=0}^{floor(y)} (-1)^j C(n,j) (y-j)^n,

a piecewise polynomial with rational coefficients on the pieces ``[-n + 2j, -n + 2j + 2]``.
Rational points give exact :class:`Fraction` values; irrational points (``sqrt(n)``, the standardised
``z sqrt(n/3)``) are evaluated as rigorous ``flint.arb`` balls at a precision that absorbs the
alternating-sum cancellation (about ``n log2 n`` bits; the ``*_arb`` functions take an optional
``prec`` to work at fewer bits -- the cancellation is only about ``1.44 n`` bits -- and the ball then
says how accurate the value is).

Standardised form (Theorem 6 / Theorem 7): ``Z_n = Sigma_n / sqrt(n/3)`` has CDF
``F_n(z) = F(z sqrt(n/3), n)`` and density ``p_n(z) = sqrt(n/3) f(z sqrt(n/3), n)``.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from flint import arb, ctx, fmpq

from ticketcheck.errors import InputError

__all__ = ["density", "cdf", "pieces", "density_arb", "cdf_arb", "std_cdf_arb", "std_density_arb",
           "normal_cdf_arb", "normal_pdf_arb", "max_cdf_gap", "validate_n", "MAX_N"]

MAX_N = 2000


def validate_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputError(f"n must be a positive integer (number of uniforms summed), got {n!r}")
    if n < 1:
        raise InputError(f"n must be >= 1 (number of uniforms summed), got {n}")
    if n > MAX_N:
        raise InputError(f"n = {n} is too large for the exact Irwin-Hall density (max {MAX_N}); "
                         f"use the normal approximation with Theorem 6's error bound instead")
    return n


def _as_fraction(x) -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(x)
    if hasattr(x, "p") and hasattr(x, "q"):
        return Fraction(int(x.p), int(x.q))
    if isinstance(x, float):
        return Fraction(x)
    raise InputError(f"x must be rational (int, Fraction, 'p/q'), got {x!r}; use density_arb for reals")


@lru_cache(maxsize=None)
def _binoms(n: int) -> tuple[int, ...]:
    return tuple(math.comb(n, j) for j in range(n + 1))


def density(x, n: int) -> Fraction:
    """Exact density ``f(x, n)`` of ``U_1 + ... + U_n`` at rational ``x`` (U_i ~ Uniform[-1,1])."""
    validate_n(n)
    x = _as_fraction(x)
    y = (x + n) / 2
    if y <= 0 or y >= n:
        if n == 1 and y in (0, 1):
            return Fraction(1, 2)  # closed support [-1, 1] of the uniform density
        return Fraction(0)
    b = _binoms(n)
    p, q = y.numerator, y.denominator
    top = math.floor(y)
    s = 0
    for j in range(top + 1):
        term = b[j] * (p - j * q) ** (n - 1)
        s += -term if j & 1 else term
    return Fraction(s, q ** (n - 1) * math.factorial(n - 1) * 2)


def cdf(x, n: int) -> Fraction:
    """Exact CDF ``P(U_1 + ... + U_n <= x)`` at rational ``x``."""
    validate_n(n)
    x = _as_fraction(x)
    y = (x + n) / 2
    if y <= 0:
        return Fraction(0)
    if y >= n:
        return Fraction(1)
    b = _binoms(n)
    p, q = y.numerator, y.denominator
    s = 0
    for j in range(math.floor(y) + 1):
        term = b[j] * (p - j * q) ** n
        s += -term if j & 1 else term
    return Fraction(s, q ** n * math.factorial(n))


@lru_cache(maxsize=256)
def pieces(n: int) -> tuple[tuple[int, int, tuple[Fraction, ...]], ...]:
    """The density as a rational piecewise polynomial: ``((a, b, coeffs), ...)`` with
    ``f(x, n) = sum_i coeffs[i] x^i`` on ``[a, b] = [-n + 2j, -n + 2j + 2]``."""
    validate_n(n)
    import sympy as sp
    x = sp.Symbol("x")
    out = []
    for j in range(n):
        y = (x + n) / 2
        poly = sum((-1) ** i * math.comb(n, i) * (y - i) ** (n - 1) for i in range(j + 1))
        poly = sp.Poly(sp.expand(poly / (2 * math.factorial(n - 1))), x)
        coeffs = [Fraction(int(c.p), int(c.q)) for c in reversed(poly.all_coeffs())]
        out.append((-n + 2 * j, -n + 2 * j + 2, tuple(coeffs)))
    return tuple(out)


# ---------------------------------------------------------------- rigorous real evaluation (arb)

def _prec_for(n: int) -> int:
    return 128 + int(n * max(1.0, math.log2(n + 1))) + 2 * n


def _floor_of(y: arb, n: int) -> int | None:
    """floor(y) if decided by the ball, else None (the point is (numerically) on a knot)."""
    f = y.floor()
    if f.rad() == 0:
        return int(f.unique_fmpz())
    return None


def _alt_sum(y: arb, n: int, power: int, top: int) -> arb:
    b = _binoms(n)
    s = arb(0)
    for j in range(top + 1):
        t = b[j] * (y - j) ** power
        s = s - t if j & 1 else s + t
    return s


def density_arb(x, n: int, prec: int | None = None) -> arb:
    """``f(x, n)`` for real ``x`` (arb ball, int, Fraction) as an arb ball."""
    validate_n(n)
    old = ctx.prec
    ctx.prec = max(old, prec or _prec_for(n))
    try:
        xa = x if isinstance(x, arb) else arb(fmpq(*_as_fraction(x).as_integer_ratio()))
        y = (xa + n) / 2
        if y < 0 or y > n:
            return arb(0)
        top = _floor_of(y, n)
        if top is None:  # y straddles a knot t: f is continuous there (n >= 2), so the
            # two neighbouring polynomial pieces, evaluated on the whole ball, enclose it
            t = int(round(float(y.mid())))
            tops = sorted({min(max(t - 1, 0), n - 1), min(max(t, 0), n - 1)})
            v = _alt_sum(y, n, n - 1, tops[0])
            for tp in tops[1:]:
                v = v.union(_alt_sum(y, n, n - 1, tp))
            if n == 1:
                v = v.union(arb(0))
        else:
            v = _alt_sum(y, n, n - 1, min(top, n - 1))
        return v / (2 * math.factorial(n - 1))
    finally:
        ctx.prec = old


def cdf_arb(x, n: int, prec: int | None = None) -> arb:
    """``P(U_1 + ... + U_n <= x)`` for real ``x`` as an arb ball."""
    validate_n(n)
    old = ctx.prec
    ctx.prec = max(old, prec or _prec_for(n))
    try:
        xa = x if isinstance(x, arb) else arb(fmpq(*_as_fraction(x).as_integer_ratio()))
        y = (xa + n) / 2
        if y <= 0:
            return arb(0)
        if y >= n:
            return arb(1)
        top = _floor_of(y, n)
        if top is None:  # y straddles a knot t: the CDF is continuous, take both pieces
            t = int(round(float(y.mid())))
            tops = sorted({min(max(t - 1, 0), n), min(max(t, 0), n)})
            v = _alt_sum(y, n, n, tops[0])
            for tp in tops[1:]:
                v = v.union(_alt_sum(y, n, n, tp))
        else:
            v = _alt_sum(y, n, n, min(top, n))
        return v / math.factorial(n)
    finally:
        ctx.prec = old


def std_cdf_arb(z, n: int, prec: int | None = None) -> arb:
    """``F_n(z)``: CDF of the standardised sum ``Z_n = Sigma_n / sqrt(n/3)`` (Theorem 6)."""
    old = ctx.prec
    ctx.prec = max(old, prec or _prec_for(n))
    try:
        za = z if isinstance(z, arb) else arb(fmpq(*_as_fraction(z).as_integer_ratio()))
        return cdf_arb(za * (arb(n) / 3).sqrt(), n, prec)
    finally:
        ctx.prec = old


def std_density_arb(z, n: int, prec: int | None = None) -> arb:
    """``p_n(z) = sqrt(n/3) f(z sqrt(n/3), n)``: density of ``Z_n`` (Theorem 7, App. C)."""
    old = ctx.prec
    ctx.prec = max(old, prec or _prec_for(n))
    try:
        za = z if isinstance(z, arb) else arb(fmpq(*_as_fraction(z).as_integer_ratio()))
        s = (arb(n) / 3).sqrt()
        return s * density_arb(za * s, n, prec)
    finally:
        ctx.prec = old


def normal_cdf_arb(z) -> arb:
    za = z if isinstance(z, arb) else arb(fmpq(*_as_fraction(z).as_integer_ratio()))
    return (1 + (za / arb(2).sqrt()).erf()) / 2


def normal_pdf_arb(z) -> arb:
    za = z if isinstance(z, arb) else arb(fmpq(*_as_fraction(z).as_integer_ratio()))
    return (-(za * za) / 2).exp() / (2 * arb.pi()).sqrt()


def max_cdf_gap(n: int, step: Fraction = Fraction(1, 100), z_max: int = 7) -> dict:
    """``D_n = sup_z |F_n(z) - Phi(z)|`` enclosed rigorously (Theorem 6).

    Lower end: the largest value found on the grid ``0, step, ..., z_max`` refined by golden-section
    search around the best grid point. Upper end: grid maximum + ``L * step / 2`` with the Lipschitz
    constant ``L = max(p_n(0), phi(0))`` (the densities are unimodal with mode 0, App. C), plus the
    tail ``z > z_max`` bounded by ``max(1 - F_n(z_max), 1 - Phi(z_max))``; negative z by symmetry.
    Returns ``{"lower", "upper", "argmax"}`` (floats are never used for the decision: arb balls).
    """
    validate_n(n)
    old = ctx.prec
    ctx.prec = max(old, _prec_for(n))
    try:
        def gap(z: Fraction) -> arb:
            return abs(std_cdf_arb(z, n) - normal_cdf_arb(z))

        m = int(z_max / step)
        vals = [gap(step * i) for i in range(m + 1)]
        best_i = max(range(m + 1), key=lambda i: float(vals[i].mid()))
        grid_hi = vals[0]
        for v in vals[1:]:
            grid_hi = grid_hi.max(v) if hasattr(grid_hi, "max") else (v if v > grid_hi else grid_hi)
        # golden-section refinement for a sharper lower end
        a, b = step * max(best_i - 1, 0), step * min(best_i + 1, m)
        best_z, best_v = step * best_i, vals[best_i]
        g = Fraction(618034, 1000000)
        for _ in range(30):
            c, d = b - g * (b - a), a + g * (b - a)
            vc, vd = gap(c), gap(d)
            if float(vc.mid()) > float(vd.mid()):
                b = d
                if vc > best_v or float(vc.mid()) > float(best_v.mid()):
                    best_z, best_v = c, vc
            else:
                a = c
                if float(vd.mid()) > float(best_v.mid()):
                    best_z, best_v = d, vd
        lip = std_density_arb(0, n)
        phi0 = normal_pdf_arb(0)
        lip = lip if lip > phi0 else phi0
        zt = Fraction(z_max)
        tail = (1 - std_cdf_arb(zt, n))
        tail2 = (1 - normal_cdf_arb(zt))
        tail = tail if tail > tail2 else tail2
        upper = grid_hi + lip * arb(fmpq(step.numerator, 2 * step.denominator))
        upper = upper if upper > tail else tail
        lower = best_v
        return {"lower": lower, "upper": upper, "argmax": best_z}
    finally:
        ctx.prec = old
