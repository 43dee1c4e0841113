"""Exact sup-norm distance between two bias-free ReLU networks on the unit ball of the input.

A network is a list of weight matrices ``[W_1, ..., W_L]`` with ``x -> W_L relu(... relu(W_1 x))``
(Eq. (3) of `unified`, Eq. (27) of `sparsity`, Pensia et al.): no biases, ReLU between layers, none
after the last. Entries are converted to exact rationals (a float is the dyadic rational it
stores), so every value below is exact.

The error ``e(x) = f(x) - g(x)`` is piecewise linear and **positively homogeneous**
(``e(t x) = t e(x)``, t >= 0). Hence ``sup_{||x|| <= 1} ||e(x)||_2`` is attained on the sphere of
the norm, and on any segment where no ReLU of either network changes sign, ``e`` is affine and
``||e||_2^2`` convex, so its maximum there is at an end of the segment. The breakpoints of a
segment are found exactly, layer by layer (:func:`segment_breakpoints`): between two consecutive
known breakpoints every pre-activation of the next layer is affine, so a sign change gives its root
by linear interpolation.

* :func:`sup_error` with ``norm="linf"`` (``||x||_inf <= 1``): ``d0 = 1`` traces [-1, 1]; ``d0 = 2``
  traces the four edges of the square (the sup is on the boundary by homogeneity).
* ``norm="l2"`` (``||x||_2 <= 1``): ``d0 = 1`` as above; ``d0 = 2``: the breakpoints of the square's
  boundary cut the plane into cones on which ``e(x) = A x`` is linear (``A`` is fixed by the two
  boundary rays); the max of ``||A x||`` over unit ``x`` in a cone is at a ray or at the top
  generalized eigenvector of ``(E, P)`` (Gram matrices of ``e`` and of the rays) when it lies in the
  cone; eigenvalues are arb balls (certified, >= 50 digits).
* Any ``d0`` when every ReLU breakpoint is a coordinate hyperplane (one hidden layer whose units
  each read one input: the Lemma 7/8 and Pensia Lemma 3 structure): the sup over the box is at a
  point of ``{-1, 0, 1}^{d0}`` (:func:`sup_error_coordinate_breaks`).

Returned squared errors are ``Fraction`` (attained at a rational point) or ``flint.arb``.
"""
from __future__ import annotations

import itertools
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from flint import arb, ctx

from ticketcheck.errors import InputError

__all__ = ["Net", "as_net", "forward", "error_sq", "segment_breakpoints", "sup_error",
           "sup_error_coordinate_breaks", "SupResult"]


def _q(v) -> Fraction:
    """Exact rational of an int/Fraction/float (numpy scalars included)."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, numbers.Integral):
        return Fraction(int(v))
    if isinstance(v, numbers.Rational):
        return Fraction(int(v.numerator), int(v.denominator))
    try:
        return Fraction(float(v))
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"network weight {v!r} is not a finite number") from None


@dataclass
class Net:
    """Sparse exact form: ``layers[L][i]`` = list of ``(j, w)`` nonzero entries of row i."""

    layers: list
    d_in: int
    d_out: int
    shapes: list = field(default_factory=list)


def as_net(mats: Sequence[Any], scale: Fraction | int = 1) -> Net:
    """Exact sparse network from matrices (numpy arrays, nested lists); each entry times ``scale``
    (e.g. ``1/K`` for quantized weights stored as integers in units of delta)."""
    if not mats:
        raise InputError("a network needs at least one weight matrix")
    sc = _q(scale)
    layers, shapes = [], []
    prev = None
    for W in mats:
        rows = [list(r) for r in W]
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise InputError("each weight matrix must be a non-empty rectangular 2-d array")
        if prev is not None and len(rows[0]) != prev:
            raise InputError(f"layer shapes do not chain: a layer with {len(rows[0])} inputs follows "
                             f"one with {prev} outputs")
        layers.append([[(j, _q(w) * sc) for j, w in enumerate(r) if w != 0] for r in rows])
        shapes.append((len(rows), len(rows[0])))
        prev = len(rows)
    return Net(layers, shapes[0][1], shapes[-1][0], shapes)


def _layer(rows, x):
    return [sum((w * x[j] for j, w in row), Fraction(0)) for row in rows]


def forward(net: Net, x) -> list[Fraction]:
    """Exact output of ``net`` at ``x`` (a sequence of rationals)."""
    h = [_q(v) for v in x]
    for li, rows in enumerate(net.layers):
        h = _layer(rows, h)
        if li < len(net.layers) - 1:
            h = [v if v > 0 else Fraction(0) for v in h]
    return h


def _preacts(net: Net, x) -> list[list[Fraction]]:
    """Pre-activations of every hidden layer (before each ReLU) at x."""
    out = []
    h = list(x)
    for li, rows in enumerate(net.layers[:-1]):
        z = _layer(rows, h)
        out.append(z)
        h = [v if v > 0 else Fraction(0) for v in z]
    return out


def error_sq(f: Net, g: Net, x) -> Fraction:
    a, b = forward(f, x), forward(g, x)
    return sum(((u - v) ** 2 for u, v in zip(a, b)), Fraction(0))


def segment_breakpoints(nets: Sequence[Net], p, q) -> list[Fraction]:
    """Sorted t in [0, 1] such that on each [t_a, t_b] between consecutive values every network is
    affine along ``x(t) = p + t (q - p)``."""
    p = [_q(v) for v in p]
    d = [_q(b) - a for a, b in zip(p, q)]

    def at(t):
        return [a + t * b for a, b in zip(p, d)]
    ts = {Fraction(0), Fraction(1)}
    for net in nets:
        for li in range(len(net.layers) - 1):
            srt = sorted(ts)
            pre = [_preacts(net, at(t))[li] for t in srt]
            new = set()
            for a in range(len(srt) - 1):
                za, zb = pre[a], pre[a + 1]
                for u in range(len(za)):
                    if (za[u] < 0 < zb[u]) or (zb[u] < 0 < za[u]):
                        new.add(srt[a] + (srt[a + 1] - srt[a]) * za[u] / (za[u] - zb[u]))
            ts |= new
    return sorted(ts)


@dataclass
class SupResult:
    """``value_sq``: the squared sup (Fraction or arb); ``argmax``: a maximizing input (rational
    point, or the description of a cone direction); ``points``: inputs evaluated."""

    value_sq: Any
    argmax: Any
    points: int
    norm: str
    exact: bool = True

    @property
    def value(self):
        v = self.value_sq
        return (arb(v.numerator) / v.denominator).sqrt() if isinstance(v, Fraction) else v.sqrt()


def _dims(f: Net, g: Net):
    if f.d_in != g.d_in or f.d_out != g.d_out:
        raise InputError(f"the two networks differ in shape: {f.d_in}->{f.d_out} vs "
                         f"{g.d_in}->{g.d_out}")
    return f.d_in


def _square_loop():
    c = [(1, 1), (-1, 1), (-1, -1), (1, -1)]
    return [(c[i], c[(i + 1) % 4]) for i in range(4)]


def _boundary_points(f: Net, g: Net):
    """Breakpoints on the boundary of the square, in counter-clockwise order (no repeats)."""
    pts = []
    for a, b in _square_loop():
        ts = segment_breakpoints([f, g], a, b)
        for t in ts[:-1]:
            pts.append(tuple(Fraction(a[i]) + t * (b[i] - a[i]) for i in range(2)))
    return pts


def sup_error(f, g, norm: str = "linf") -> SupResult:
    """``sup_{||x|| <= 1} ||f(x) - g(x)||_2`` (squared), exact, for input dimension 1 or 2."""
    f = f if isinstance(f, Net) else as_net(f)
    g = g if isinstance(g, Net) else as_net(g)
    d0 = _dims(f, g)
    if norm not in ("linf", "l2"):
        raise InputError(f"norm {norm!r}: use 'linf' (||x||_inf <= 1) or 'l2' (||x||_2 <= 1)")
    if d0 == 1:
        ts = segment_breakpoints([f, g], [-1], [1])
        best, arg = max(((error_sq(f, g, [Fraction(-1) + 2 * t]), Fraction(-1) + 2 * t) for t in ts),
                        key=lambda v: v[0])
        return SupResult(best, (arg,), len(ts), norm)
    if d0 != 2:
        raise InputError(f"exact sup over the unit ball is implemented for input dimension 1 or 2 "
                         f"(got {d0}); use sup_error_coordinate_breaks for one-hidden-layer "
                         f"block constructions, or evaluate on data points")
    pts = _boundary_points(f, g)
    errs = [(forward(f, x), forward(g, x)) for x in pts]
    evec = [[a - b for a, b in zip(u, v)] for u, v in errs]
    if norm == "linf":
        vals = [sum((c * c for c in e), Fraction(0)) for e in evec]
        i = max(range(len(pts)), key=lambda t: vals[t])
        return SupResult(vals[i], pts[i], len(pts), norm)
    return _sup_l2_cones(pts, evec)


def _dot(a, b):
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _arbq(q: Fraction) -> arb:
    return arb(q.numerator) / q.denominator


def _sup_l2_cones(pts, evec) -> SupResult:
    """Max of ||e(x)||^2 / ||x||^2 over the cones between consecutive boundary points."""
    old = ctx.prec
    ctx.prec = max(old, 256)
    try:
        best_q = None            # best value attained at a ray (exact)
        best_q_at = None
        best_arb = None          # best interior eigenvalue (certified ball)
        best_arb_at = None
        exact = True
        m = len(pts)
        for i in range(m):
            pa, pb = pts[i], pts[(i + 1) % m]
            ea, eb = evec[i], evec[(i + 1) % m]
            ray = _dot(ea, ea) / _dot(pa, pa)
            if best_q is None or ray > best_q:
                best_q, best_q_at = ray, pa
            E11, E12, E22 = _dot(ea, ea), _dot(ea, eb), _dot(eb, eb)
            P11, P12, P22 = _dot(pa, pa), _dot(pa, pb), _dot(pb, pb)
            A = P11 * P22 - P12 * P12          # > 0: consecutive rays are not collinear
            B = E11 * P22 + E22 * P11 - 2 * E12 * P12
            Cq = E11 * E22 - E12 * E12
            disc = B * B - 4 * A * Cq
            if disc < 0:
                disc = Fraction(0)
            lam = (_arbq(B) + _arbq(disc).sqrt()) / (2 * _arbq(A))
            alpha = _arbq(E12) - lam * _arbq(P12)
            beta = -(_arbq(E11) - lam * _arbq(P11))
            inside = (alpha > 0 and beta > 0) or (alpha < 0 and beta < 0)
            undecided = not inside and not ((alpha * beta) < 0 or alpha == 0 or beta == 0)
            if undecided:
                exact = False
            if inside or undecided:
                if best_arb is None or lam > best_arb:
                    best_arb, best_arb_at = lam, (pa, pb)
        if best_arb is not None and not (best_arb <= _arbq(best_q)):
            return SupResult(best_arb, {"cone": best_arb_at}, m, "l2", exact)
        return SupResult(best_q, best_q_at, m, "l2", True)
    finally:
        ctx.prec = old


def sup_error_coordinate_breaks(f, g) -> SupResult:
    """Sup over ``||x||_inf <= 1`` when every ReLU breakpoint of ``f`` and ``g`` is a coordinate
    hyperplane: then ``e`` is linear on each orthant and the max is at a point of ``{-1,0,1}^d0``.
    The structure is verified (at most one hidden layer, each hidden unit reads one input)."""
    f = f if isinstance(f, Net) else as_net(f)
    g = g if isinstance(g, Net) else as_net(g)
    d0 = _dims(f, g)
    for net in (f, g):
        if len(net.layers) > 2 or (len(net.layers) == 2 and any(len(r) > 1 for r in net.layers[0])):
            raise InputError("sup_error_coordinate_breaks needs networks with at most one hidden "
                             "layer whose units each read a single input")
    if d0 > 12:
        raise InputError(f"3^{d0} vertices are too many; use d0 <= 12")
    best, arg = Fraction(-1), None
    cnt = 0
    for x in itertools.product((-1, 0, 1), repeat=d0):
        v = error_sq(f, g, [Fraction(c) for c in x])
        cnt += 1
        if v > best:
            best, arg = v, x
    return SupResult(best, arg, cnt, "linf")
