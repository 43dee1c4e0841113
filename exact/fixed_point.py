"""Positive roots of the fixed-point equation ``n = C * log_b(a * n)**2`` (a, C > 0, base b > 1).

This is the form of Eq. (28) (Theorem 3), Eq. (44) (App. F) and of Theorem 4's equation in
Natale et al., "On the Sparsity of the SLTH": ``n = c_amp log2^2(a n) / H2(gamma')`` with
``C = c_amp / H2(gamma')`` and ``a`` the factor multiplying ``n`` inside the logarithm. This module
knows nothing about claims; it solves the equation for plain numbers.

Analysis (used by the solver and reported with the roots). Put ``y = log_b(a n)``, so ``n = b**y / a``
and the equation reads ``b**y = B y**2`` with ``B = a C``.

* ``y < 0``: ``F(y) = b**y - B y**2`` is strictly increasing there (``F' = ln b b**y - 2 B y > 0``),
  ``F -> -oo`` as ``y -> -oo`` and ``F(0) = 1``: exactly one root, with ``a n < 1`` (the log is
  negative; a "tiny" root, always present). Bracket: ``[-max(1, 1/sqrt(B)), 0]``.
* ``y > 0``: the sign of ``F`` is that of ``g(y) = (y ln b)/2 - ln(sqrt(B) y)``, a convex function
  with ``g -> +oo`` at ``0+`` and ``+oo``, minimal at ``y_m = 2 / ln b`` where
  ``g(y_m) = 1 - ln(2 sqrt(B) / ln b)``. Hence two roots (one in ``(0, y_m)``, one in
  ``(y_m, oo)``) if ``B > B_* = (e ln b / 2)**2``, a double root ``y_m`` if ``B = B_*`` and none if
  ``B < B_*``. With ``b = 2``, ``B_* = (e ln 2 / 2)**2 = 0.88757...``.

So the equation has 1, 2 or 3 positive roots; the inequality ``n >= C log_b^2(a n)`` holds exactly on
``[r_1, r_2] U [r_3, oo)`` (three roots) or ``[r_1, oo)`` (otherwise).

Closed form (an independent method, :func:`lambert_roots`): with ``s = -y ln(b)/2``,
``y < 0`` gives ``s e^s = ln b / (2 sqrt B)``, ``s = W_0(.)``; ``y > 0`` gives
``s e^s = -ln b / (2 sqrt B)``, ``s = W_0(.)`` and ``W_{-1}(.)`` (real iff ``B >= B_*``).

The solver brackets every root and bisects with mpmath at ``dps`` >= 50 decimal digits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath

from ticketcheck.errors import InputError

__all__ = ["FixedPoints", "log_square_fixed_points", "lambert_roots", "to_mpf"]

DEFAULT_DPS = 60


def to_mpf(v: Any, dps: int = DEFAULT_DPS) -> mpmath.mpf:
    """An mpmath number from int / Fraction / mpf / sympy expression / decimal string."""
    if isinstance(v, mpmath.mpf):
        return v
    if isinstance(v, bool):
        raise InputError("expected a number, got a bool")
    if isinstance(v, int):
        return mpmath.mpf(v)
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    if isinstance(v, str):
        return mpmath.mpf(Fraction(v).numerator) / Fraction(v).denominator if "/" in v else mpmath.mpf(v)
    import sympy as sp
    if isinstance(v, sp.Basic):
        return mpmath.mpf(sp.N(v, dps + 15).__str__())
    if isinstance(v, float):
        return mpmath.mpf(v)
    raise InputError(f"cannot use {v!r} as a number; pass an int, Fraction, mpf or sympy number")


@dataclass(frozen=True)
class FixedPoints:
    """All positive roots of ``n = C log_b^2(a n)`` (increasing), with their brackets and regime."""

    a: mpmath.mpf
    C: mpmath.mpf
    base: mpmath.mpf
    B: mpmath.mpf
    B_star: mpmath.mpf
    regime: str                      # "one root", "tangent (double root)", "three roots"
    roots: tuple                     # n values, increasing
    log_args: tuple                  # y = log_b(a n) at each root
    brackets: tuple                  # (lo, hi) in n, F changes sign (a single point for a double root)
    dps: int = DEFAULT_DPS
    notes: tuple = field(default_factory=tuple)

    @property
    def largest(self) -> mpmath.mpf:
        return self.roots[-1]

    def rhs(self, n) -> mpmath.mpf:
        """``C log_b^2(a n)`` at ``n``."""
        with mpmath.workdps(self.dps):
            n = to_mpf(n, self.dps)
            return self.C * mpmath.log(self.a * n, self.base) ** 2

    def satisfied(self, n) -> bool:
        """Whether the *inequality* ``n >= C log_b^2(a n)`` holds at ``n`` (mpmath, ``dps`` digits)."""
        with mpmath.workdps(self.dps):
            return to_mpf(n, self.dps) >= self.rhs(n)

    def inequality_set(self) -> list[tuple]:
        """Intervals of ``n > 0`` where ``n >= C log_b^2(a n)``: ``[r1, r2], [r3, oo)`` or ``[r1, oo)``."""
        r = self.roots
        if len(r) == 3:
            return [(r[0], r[1]), (r[2], mpmath.inf)]
        return [(r[0], mpmath.inf)]

    def to_json(self, digits: int = 20) -> dict:
        s = lambda v: mpmath.nstr(v, digits)  # noqa: E731
        return {"a": s(self.a), "C": s(self.C), "base": s(self.base), "B": s(self.B),
                "B_star": s(self.B_star), "regime": self.regime,
                "roots": [s(r) for r in self.roots], "log_args": [s(y) for y in self.log_args],
                "largest": s(self.largest),
                "inequality_set": [[s(lo), s(hi)] for lo, hi in self.inequality_set()],
                "dps": self.dps, "notes": list(self.notes)}


def _bisect(f, lo, hi, rel: mpmath.mpf, max_iter: int = 2000):
    """Bisection on ``[lo, hi]`` with ``f(lo) < 0 < f(hi)`` or ``f(lo) > 0 > f(hi)``."""
    flo, fhi = f(lo), f(hi)
    if flo == 0:
        return lo, lo, lo
    if fhi == 0:
        return hi, hi, hi
    if (flo > 0) == (fhi > 0):
        raise ArithmeticError("not a bracket")
    for _ in range(max_iter):
        mid = (lo + hi) / 2
        if hi - lo <= rel * max(abs(lo), abs(hi), mpmath.mpf(1) * rel):
            break
        fm = f(mid)
        if fm == 0:
            return mid, mid, mid
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi, fhi = mid, fm
    return (lo + hi) / 2, lo, hi


def log_square_fixed_points(a, C, base=2, dps: int = DEFAULT_DPS) -> FixedPoints:
    """Every positive root of ``n = C log_b^2(a n)``, by bracketing and bisection (see module doc).

    ``a``, ``C`` > 0 and ``base`` > 1 may be ints, Fractions, mpf or sympy numbers. Roots are returned
    to ``dps`` (>= 50) significant digits, in increasing order; the largest is ``.largest``."""
    if dps < 50:
        raise InputError(f"dps={dps}: use at least 50 digits")
    with mpmath.workdps(dps + 10):
        a_, C_, b_ = to_mpf(a, dps), to_mpf(C, dps), to_mpf(base, dps)
        if not (a_ > 0 and C_ > 0):
            raise InputError(f"n = C log^2(a n) needs a > 0 and C > 0 (got a={a}, C={C})")
        if not b_ > 1:
            raise InputError(f"log base must be > 1 (got {base})")
        lnb = mpmath.log(b_)
        B = a_ * C_
        B_star = (mpmath.e * lnb / 2) ** 2
        rel = mpmath.mpf(10) ** (-(dps + 2))
        notes = []

        def F(y):  # b^y - B y^2 (its sign decides)
            return b_ ** y - B * y * y

        def g(y):  # sign of F for y > 0, in log form (no overflow for large y)
            return y * lnb / 2 - mpmath.log(mpmath.sqrt(B) * y)

        ys, brackets = [], []
        y0 = -max(mpmath.mpf(1), 1 / mpmath.sqrt(B))
        y, lo, hi = _bisect(F, y0, mpmath.mpf(0), rel)
        ys.append(y)
        brackets.append((lo, hi))
        y_m = 2 / lnb
        g_min = g(y_m)
        tol = mpmath.mpf(10) ** (-(dps - 5))
        if abs(g_min) <= tol:
            regime = "tangent (double root)"
            ys.append(y_m)
            brackets.append((y_m, y_m))
            notes.append(f"|g(y_m)| = {mpmath.nstr(abs(g_min), 5)} <= 1e-{dps - 5}: double root")
        elif g_min > 0:
            regime = "one root"
        else:
            regime = "three roots"
            lo = y_m / 2
            while g(lo) <= 0:
                lo /= 2
            y1, l1, h1 = _bisect(g, lo, y_m, rel)
            hi = 2 * y_m
            while g(hi) <= 0:
                hi *= 2
            y2, l2, h2 = _bisect(g, y_m, hi, rel)
            ys += [y1, y2]
            brackets += [(l1, h1), (l2, h2)]
        roots = tuple(b_ ** yy / a_ for yy in ys)
        nbr = tuple((b_ ** lo_ / a_, b_ ** hi_ / a_) for lo_, hi_ in brackets)
    with mpmath.workdps(dps):
        return FixedPoints(a=+a_, C=+C_, base=+b_, B=+B, B_star=+B_star, regime=regime,
                           roots=tuple(+r for r in roots), log_args=tuple(+y for y in ys),
                           brackets=tuple((+lo, +hi) for lo, hi in nbr), dps=dps,
                           notes=tuple(notes))


def lambert_roots(a, C, base=2, dps: int = DEFAULT_DPS) -> list:
    """The positive roots of ``n = C log_b^2(a n)`` in closed form via Lambert W (module doc)."""
    with mpmath.workdps(dps + 10):
        a_, C_, b_ = to_mpf(a, dps), to_mpf(C, dps), to_mpf(base, dps)
        lnb = mpmath.log(b_)
        sB = mpmath.sqrt(a_ * C_)
        out = []
        s = mpmath.lambertw(lnb / (2 * sB), 0).real
        out.append(-2 * s / lnb)
        arg = -lnb / (2 * sB)
        if arg >= -1 / mpmath.e:
            for branch in (0, -1):
                w = mpmath.lambertw(arg, branch)
                out.append(-2 * w.real / lnb)
        roots = sorted(b_ ** y / a_ for y in out)
    with mpmath.workdps(dps):
        return [+r for r in roots]

