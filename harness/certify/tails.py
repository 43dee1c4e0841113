"""Unbounded parameter ranges: a finite part plus a compactified tail.

A variable ``x`` with domain ``[lo, oo)`` is cut at ``X``: ``[lo, X]`` is an ordinary box, and the
tail ``[X, oo)`` is mapped to ``u = X / x`` in ``(0, 1]``. The tail expression ``F(u) = f(X/u)`` is
rewritten by sympy (``cancel``, ``simplify``, ...) until its ball evaluation at ``u`` near 0 is
finite: then the branch and bound runs on ``u in [0, 1]`` and a certificate there covers the whole
tail (this is the "asymptotic comparison": ``F`` is a ball-computable function up to ``u = 0``, so
monotonicity in ``u`` at 0 is the monotonicity of ``f`` at infinity). A polynomially growing ``F``
is also tried multiplied by ``u^p`` (p <= 4), which has the same sign on the tail ``u > 0``
(``x^2 - x`` becomes ``X^2 - X u``). If no rewrite is regular at
``u = 0``, the boxes touching ``u = 0`` stay undecided and the verdict states the certified range
``x <= X / eta``.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp
from flint import arb, ctx

from ticketcheck.harness.certify.compile import compile_expr, interval
from ticketcheck.errors import EVALUATION_ERRORS


def tail_name(x: str) -> str:
    return f"u_{x}"


def compactify(expr, x: str, X: Fraction, others: dict[str, tuple[Fraction, Fraction]],
               rewrites: bool = True):
    """Return (F(u), regular: bool, rewrite_used) with ``x = X/u``."""
    xs = next((s for s in sp.sympify(expr).free_symbols if s.name == x), sp.Symbol(x))
    u = sp.Symbol(tail_name(x), positive=True)
    F = sp.sympify(expr).xreplace({xs: sp.Rational(X.numerator, X.denominator) / u})
    if not rewrites:
        return F, False, "none"
    names = [tail_name(x)] + list(others)
    env = {tail_name(x): interval(Fraction(0), Fraction(1, 2 ** 20))}
    for k, (lo, hi) in others.items():
        env[k] = interval(lo, hi) if hi is not None else interval(lo, lo)
    cands = [("substitution", F)]
    for name, fun in (("cancel", sp.cancel), ("together", lambda e: sp.cancel(sp.together(e))),
                      ("simplify", sp.simplify), ("powsimp", lambda e: sp.powsimp(sp.expand(e)))):
        try:
            cands.append((name, fun(F)))
        except EVALUATION_ERRORS:  # pragma: no cover
            continue
    # polynomial growth at infinity: u^p F(u) has the sign of F(u) for u > 0 (the tail never
    # contains u = 0 itself), and is often regular at u = 0 when F is not (x^2 - x -> X^2 - X u)
    for p in (1, 2, 3, 4):
        try:
            cands.append((f"multiplied by {tail_name(x)}^{p} > 0", sp.cancel(sp.expand(u ** p * F))))
        except EVALUATION_ERRORS:  # pragma: no cover
            continue
    old = ctx.prec
    ctx.prec = 128
    try:
        for name, G in cands:
            try:
                v = compile_expr(G, names)(env)
            except (NotImplementedError, KeyError, ZeroDivisionError, ValueError):
                continue
            if isinstance(v, arb) and v.is_finite():
                return G, True, name
    finally:
        ctx.prec = old
    return F, False, "none"
