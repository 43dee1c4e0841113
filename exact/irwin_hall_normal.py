"""Distance of the standardised sum of n Uniform[-1,1] to the normal law (App. C, Theorems 6 and 7).

``Z_n = Sigma_n / s`` with ``s = sqrt(n/3)``; ``F_n(z) = F(s z, n)``, ``p_n(z) = s f(s z, n)``.

* :func:`sup_gap` encloses ``D_n = sup_z |F_n(z) - Phi(z)|`` (``which="cdf"``, Theorem 6) or
  ``sup_z |p_n(z) - phi(z)|`` (``which="density"``, Theorem 7) in a rigorous interval
  ``[lower, upper]``:

  - *lower*: the largest ``|G|`` at the points evaluated (each an arb ball; the sup is at least
    any value), sharpened by a golden-section search around the best point;
  - *upper*: a 1-D branch and bound over cells ``[a, b]`` of the ``x``-axis whose end points
    include every knot (integers), so ``G`` is smooth inside each cell and the linear-interpolation
    bound ``sup_[a,b] |G| <= max(|G(a)|, |G(b)|) + M2 (b - a)^2 / (8 s^2)`` applies, with
    ``M2 >= sup |G''|`` in ``z`` (:func:`second_derivative_bound`; the bound needs ``G'`` Lipschitz
    on the cell, true across knots for ``F_n``, n >= 2, and ``p_n``, n >= 3, so only n = 1 (cdf) and
    n <= 2 (density) put the knots among the cell ends); cells are split until the
    largest upper end is within ``rtol`` of the lower end or below ``enough``. Beyond the last
    cell the tail is bounded by monotonicity (``G`` is odd/even in z, so ``z >= 0`` suffices).

  The derivative bounds use ``f'(x, n) = (f(x+1, n-1) - f(x-1, n-1)) / 2`` and
  ``f''(x, n) = (f(x+2, n-2) - 2 f(x, n-2) + f(x-2, n-2)) / 4`` together with ``0 <= f(., m) <= f(0, m)``
  (the density is unimodal with mode 0: certified exactly by
  :func:`exact.irwin_hall_shape.monotonicity_certificate`, which :func:`sup_gap` runs for the
  orders ``m <= certify_upto`` it relies on; above that the classical theorem is used: a convolution
  of symmetric unimodal densities is symmetric unimodal, Wintner 1938; equivalently the uniform is
  log-concave and log-concavity is preserved by convolution, Ibragimov 1956).

* :func:`lower_point` ``sqrt(n) f(sqrt(n), n)`` and :func:`upper_point` ``sqrt(n) f(0, n)``
  (Lemma 1's ``L_n`` and ``U_n``), :func:`p_l` ``P_L(n) = P(sqrt n <= Sigma_n <= 2 sqrt n)`` (App. C).
"""
from __future__ import annotations

import heapq
import math
from fractions import Fraction
from functools import lru_cache

from flint import arb, ctx, fmpq

from ticketcheck.exact import irwin_hall as ih
from ticketcheck.exact.irwin_hall_shape import monotonicity_certificate
from ticketcheck.errors import InputError

__all__ = ["sup_gap", "second_derivative_bound", "lower_point", "upper_point", "p_l", "prec_for",
           "sqrt_arb", "ball"]


def prec_for(n: int) -> int:
    """Working precision (bits) for order ``n``: absorbs the alternating-sum cancellation."""
    return ih._prec_for(n)


def fast_prec(n: int) -> int:
    """First precision tried: the alternating sums lose about ``log2(e) n = 1.44 n`` bits."""
    return int(1.5 * n) + 128


ACCURACY = 2.0 ** -96   # absolute radius wanted for every value (all of them are O(1) or smaller)


def accurate(make, n: int) -> arb:
    """``make(bits)`` at ``fast_prec(n)`` bits, doubled until the ball's radius is below
    ``ACCURACY`` (or 4 x ``prec_for(n)`` is reached; the ball is valid in any case)."""
    bits = fast_prec(n)
    while True:
        with _prec(bits):
            v = make(bits)
        if v.rad() < ACCURACY or bits >= 4 * prec_for(n):
            return v
        bits *= 2


class _prec:
    def __init__(self, bits: int):
        self.bits = bits

    def __enter__(self):
        self.old = ctx.prec
        ctx.prec = max(self.old, self.bits)

    def __exit__(self, *a):
        ctx.prec = self.old


def _arb(q) -> arb:
    if isinstance(q, arb):
        return q
    q = Fraction(q)
    return arb(fmpq(q.numerator, q.denominator))


def sqrt_arb(q, bits: int) -> arb:
    """``sqrt(q)`` for rational ``q`` as a ball computed at ``bits`` bits (tight input for ih.*_arb)."""
    with _prec(bits):
        return _arb(q).sqrt()


def ball(lower: arb, upper: arb) -> arb:
    """The arb ball spanning ``[lower, upper]`` (hull of both balls)."""
    return lower.union(upper)


# ---------------------------------------------------------------- Lemma 1, App. C point values

@lru_cache(maxsize=None)
def lower_point(n: int) -> arb:
    """``L_n = sqrt(n) f(sqrt(n), n)``: Lemma 1's lower constant at order n (the minimum of
    ``sqrt(n) f(x, n)`` over ``|x| <= sqrt(n)``, by unimodality)."""
    ih.validate_n(n)

    def make(bits):
        r = _arb(n).sqrt()
        return r * ih.density_arb(r, n, prec=bits)
    return accurate(make, n)


@lru_cache(maxsize=None)
def upper_point(n: int) -> arb:
    """``U_n = sqrt(n) f(0, n)`` (the maximum of ``sqrt(n) f(., n)``, mode 0)."""
    ih.validate_n(n)
    return accurate(lambda bits: _arb(n).sqrt() * _arb(ih.density(0, n)), n)


@lru_cache(maxsize=None)
def p_l(n: int) -> arb:
    """``P_L(n) = P(sqrt(n) <= Sigma_n <= 2 sqrt(n)) = F(2 sqrt n, n) - F(sqrt n, n)`` (App. C)."""
    ih.validate_n(n)

    def make(bits):
        r = _arb(n).sqrt()
        return ih.cdf_arb(2 * r, n, prec=bits) - ih.cdf_arb(r, n, prec=bits)
    return accurate(make, n)


# ---------------------------------------------------------------- sup-norm gaps (Thms 6, 7)

def _phi(z: arb) -> arb:
    return (-(z * z) / 2).exp() / (2 * arb.pi()).sqrt()


def _Phi(z: arb) -> arb:
    return (1 + (z / arb(2).sqrt()).erf()) / 2


def second_derivative_bound(n: int, which: str) -> arb:
    """``M2 >= sup |G''(z)|`` inside knot-free cells, ``G = F_n - Phi`` or ``p_n - phi``.

    cdf: ``|G''| <= s^2 sup|f'(., n)| + sup|phi'|`` with ``sup|f'(., n)| <= f(0, n-1)/2`` (n >= 2; 0 for
    n = 1) and ``sup|phi'| = phi(1)``. density: ``|G''| <= s^3 sup|f''(., n)| + sup|phi''|`` with
    ``sup|f''(., n)| <= f(0, n-2)/2`` (n >= 3; 0 for n <= 2: piecewise constant/linear) and
    ``sup|phi''| = phi(0)``.
    """
    s2 = _arb(Fraction(n, 3))
    if which == "cdf":
        d1 = _arb(ih.density(0, n - 1)) / 2 if n >= 2 else arb(0)
        return s2 * d1 + _phi(arb(1))
    if which == "density":
        d2 = _arb(ih.density(0, n - 2)) / 2 if n >= 3 else arb(0)
        return s2 * s2.sqrt() * d2 + _phi(arb(0))
    raise ValueError(which)


class _Gap:
    """``|G(x)|`` on the x-axis for one n (cached evaluations)."""

    def __init__(self, n: int, which: str):
        self.n, self.which = n, which
        self.bits = 2 * fast_prec(n)   # arithmetic on the returned balls
        with _prec(self.bits):
            self.s = _arb(Fraction(n, 3)).sqrt()
        self.cache: dict[Fraction, arb] = {}
        self.evals = 0

    def _make(self, x: Fraction):
        n = self.n

        def make(bits):
            s = _arb(Fraction(n, 3)).sqrt()
            z = _arb(x) / s
            if self.which == "cdf":
                return ih.cdf_arb(x, n, prec=bits) - _Phi(z)
            return s * ih.density_arb(x, n, prec=bits) - _phi(z)
        return make

    def signed(self, x: Fraction) -> arb:
        v = self.cache.get(x)
        if v is None:
            self.evals += 1
            v = accurate(self._make(x), self.n)
            self.cache[x] = v
        return v

    def value(self, x: Fraction) -> arb:
        return abs(self.signed(x))


def _float_up(a: arb) -> float:
    u = a.upper()
    return float(u.mid()) + float(u.rad()) * 2 + abs(float(u.mid())) * 1e-15


def _float_down(a: arb) -> float:
    lo = a.lower()
    return float(lo.mid()) - float(lo.rad()) * 2 - abs(float(lo.mid())) * 1e-15


def _dyadic(x: Fraction, bits: int = 40) -> Fraction:
    return Fraction(round(x * 2 ** bits), 2 ** bits)


@lru_cache(maxsize=None)
def sup_gap(n: int, which: str = "cdf", rtol: float = 0.02, enough: float = 0.0,
            z_max: float = 5.0, w0: float = 0.25, max_evals: int = 4000,
            certify_upto: int = 60) -> dict:
    """Rigorous enclosure of ``sup_z |F_n - Phi|`` (``cdf``) or ``sup_z |p_n - phi|`` (``density``).

    Returns ``{"n", "which", "lower", "upper", "ball", "argmax_z", "evals", "cells", "M2",
    "tail", "complete", "unimodal_certified", "unimodal_cited"}``; ``lower``/``upper`` are arb balls
    whose lower/upper ends bound the sup; ``complete`` is False when ``max_evals`` stopped the
    refinement first; the last two list the orders whose unimodality was certified / cited.
    """
    ih.validate_n(n)
    if which not in ("cdf", "density"):
        raise InputError(f"which must be 'cdf' (Theorem 6) or 'density' (Theorem 7), got {which!r}")
    # the derivative and tail bounds use unimodality of f(., m) for these orders: certify them
    orders = sorted({m for m in (n, n - 1, n - 2) if m >= 1})
    certified = [m for m in orders if m <= certify_upto]
    for m in certified:
        if not monotonicity_certificate(m)["monotone"]:
            raise ArithmeticError(f"f(., {m}) not certified unimodal; the bounds would be unjustified")
    g = _Gap(n, which)
    with _prec(g.bits):
        M2 = second_derivative_bound(n, which)
        inv8s2 = 1 / (8 * g.s * g.s)
        sfl = float(g.s.mid())
        x_end = Fraction(min(n, math.ceil(sfl * z_max)))
        # tail beyond x_end (monotone decreasing pieces)
        z_end = _arb(x_end) / g.s
        if x_end == n:  # F = 1, p = 0 beyond the support: the tail sup is attained at x_end+
            tail = (1 - _Phi(z_end)) if which == "cdf" else _phi(z_end)
            tail_attained = True
        else:
            if which == "cdf":
                tail = (1 - ih.cdf_arb(x_end, n, prec=g.bits)).max(1 - _Phi(z_end))
            else:
                tail = (g.s * ih.density_arb(x_end, n, prec=g.bits)).max(_phi(z_end))
            tail_attained = False
        # initial cells of z-width <= w0; the knots (integers) are cell ends only where G' is not
        # Lipschitz across them: n = 1 (cdf), n <= 2 (density)
        if n <= (1 if which == "cdf" else 2):
            parts = max(1, math.ceil(1 / (sfl * w0)))
            pts = sorted({Fraction(i, parts) for i in range(int(x_end) * parts + 1)} | {x_end})
        else:
            hx = max(Fraction(1, 8), Fraction(math.floor(sfl * w0 * 8), 8))
            m = math.ceil(x_end / hx)
            pts = sorted({min(hx * i, x_end) for i in range(m + 1)})
        heap = []

        def cell_upper(a: Fraction, b: Fraction) -> arb:
            w = _arb(b - a)
            return g.value(a).max(g.value(b)) + M2 * w * w * inv8s2

        for a, b in zip(pts, pts[1:]):
            u = cell_upper(a, b)
            heapq.heappush(heap, (-_float_up(u), a, b))
        best_x = max(pts, key=lambda x: _float_down(g.value(x)))
        lower = g.value(best_x)
        if tail_attained and _float_down(tail) > _float_down(lower):
            lower, best_x = tail, x_end
        complete = True
        while heap:
            top = -heap[0][0]
            lo_f = _float_down(lower)
            if top <= max(lo_f * (1 + rtol), enough) or top <= _float_up(tail) and top <= lo_f:
                break
            if g.evals >= max_evals:
                complete = False
                break
            _, a, b = heapq.heappop(heap)
            m = _dyadic((a + b) / 2, 60) if (b - a) < Fraction(1, 2 ** 50) else (a + b) / 2
            for c, d in ((a, m), (m, b)):
                heapq.heappush(heap, (-_float_up(cell_upper(c, d)), c, d))
            vm = g.value(m)
            if _float_down(vm) > _float_down(lower):
                lower, best_x = vm, m
        # golden-section refinement of the lower end around the best point
        if best_x != x_end or not tail_attained:
            lower, best_x = _golden(g, best_x, pts, lower)
        cells_upper = max((-h[0] for h in heap), default=0.0)
        upper = arb(max(cells_upper, _float_up(tail), _float_up(lower)))
        argmax_z = float((_arb(best_x) / g.s).mid())
    return {"n": n, "which": which, "lower": lower, "upper": upper,
            "ball": ball(lower.lower(), upper), "argmax_z": argmax_z, "argmax_x": str(best_x),
            "evals": g.evals, "cells": len(heap), "M2": float(M2.mid()), "tail": _float_up(tail),
            "complete": complete, "unimodal_certified": certified,
            "unimodal_cited": [m for m in orders if m not in certified]}


def _golden(g: _Gap, x0: Fraction, pts, lower: arb, iters: int = 16):
    """Maximise ``|G|`` near ``x0`` (the best evaluated point): golden section on the two cells
    around it. Only raises the lower end (every value found is a value of ``|G|``)."""
    step = min((b - a) for a, b in zip(pts, pts[1:])) if len(pts) > 1 else Fraction(1)
    a, b = max(Fraction(0), x0 - step), min(Fraction(g.n), x0 + step)
    best_x, best = x0, lower
    ratio = Fraction(381966, 1000000)
    c, d = _dyadic(a + ratio * (b - a)), _dyadic(b - ratio * (b - a))
    fc, fd = g.value(c), g.value(d)
    for _ in range(iters):
        if float(fc.mid()) >= float(fd.mid()):
            b, d, fd = d, c, fc
            c = _dyadic(a + ratio * (b - a))
            fc = g.value(c)
        else:
            a, c, fc = c, d, fd
            d = _dyadic(b - ratio * (b - a))
            fd = g.value(d)
        for x, v in ((c, fc), (d, fd)):
            if _float_down(v) > _float_down(best):
                best_x, best = x, v
        if b - a < Fraction(1, 2 ** 36):
            break
    return best, best_x
