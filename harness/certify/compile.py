"""sympy expression -> fast arb closure, valid on *balls* (interval extensions).

``compile_expr(expr, names)`` returns ``f(env)`` where ``env`` maps each name to an ``arb`` ball; the
result is a ball containing every value of ``expr`` on the box (the natural interval extension).
``floor``/``ceiling`` are evaluated as interval functions (``ceil([a, b]) = [ceil a, ceil b]``),
``Min``/``Max`` too, so expressions of the papers with rounding (``30*ceiling(log(x)/log(17/16))``)
can be enclosed on a whole box. A non-finite or NaN ball (e.g. ``log`` of a ball touching 0) means
"undecided on this box": the branch and bound splits it.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import sympy as sp
from flint import arb, fmpq
from ticketcheck.arb_eval import ARB_FUNCTIONS, float_to_fraction

Env = Mapping[str, arb]


def arb_to_fraction(a: arb) -> Fraction:
    """Exact value of an exact arb (e.g. ``mid()`` or ``rad()``)."""
    m, e = a.man_exp()
    m, e = int(m), int(e)
    return Fraction(m * 2 ** e) if e >= 0 else Fraction(m, 2 ** (-e))


def ball_bounds(a: arb) -> tuple[Fraction, Fraction]:
    """Exact rational lower/upper ends of a finite ball."""
    mid = arb_to_fraction(a.mid())
    rad = arb_to_fraction(a.rad())
    return mid - rad, mid + rad


def frac_arb(q: Fraction) -> arb:
    return arb(fmpq(q.numerator, q.denominator))


def interval(lo: Fraction, hi: Fraction) -> arb:
    """A ball containing ``[lo, hi]`` (exact rationals)."""
    if lo == hi:
        return frac_arb(lo)
    return frac_arb(lo).union(frac_arb(hi))


def _round_ball(a: arb, op: str) -> arb:
    if not a.is_finite():
        return arb.nan()
    r = a.floor() if op == "floor" else a.ceil()
    if r.rad() == 0:
        return r
    lo, hi = ball_bounds(a)
    f = math.floor if op == "floor" else math.ceil
    return interval(Fraction(f(lo)), Fraction(f(hi)))


def _min(vals):
    out = vals[0]
    for v in vals[1:]:
        out = out.min(v)
    return out


def _max(vals):
    out = vals[0]
    for v in vals[1:]:
        out = out.max(v)
    return out


def _pow(b: arb, e: arb) -> arb:
    return (e * b.log()).exp()


_UNARY = ARB_FUNCTIONS  # the one sympy -> arb table (ticketcheck.arb_eval)


def compile_expr(expr, names: Sequence[str]) -> Callable[[Env], arb]:
    """Closure evaluating ``expr`` on balls; every free symbol must be in ``names``."""
    expr = sp.sympify(expr)
    missing = {s.name for s in expr.free_symbols} - set(names)
    if missing:
        raise KeyError(f"no domain for {sorted(missing)}")
    return _comp(expr)


def _const(value: arb):
    return lambda env: value


def _comp(e) -> Callable[[Env], arb]:  # noqa: C901 - one dispatch table
    if e.is_Symbol:
        name = e.name
        return lambda env: env[name]
    if e.is_Integer:
        return _const(arb(int(e)))
    if e.is_Rational:
        return _const(arb(fmpq(int(e.p), int(e.q))))
    if e.is_Float:  # at the Float's own precision (Float('1e-400') is not 0.0)
        return _const(frac_arb(float_to_fraction(e)))
    if e is sp.pi:
        return lambda env: arb.pi()
    if e is sp.E:
        return lambda env: arb(1).exp()
    if e is sp.oo or e is sp.zoo or e is sp.nan:
        return _const(arb.nan())
    if isinstance(e, sp.Add):
        parts = [_comp(a) for a in e.args]

        def add(env):
            acc = parts[0](env)
            for p in parts[1:]:
                acc = acc + p(env)
            return acc
        return add
    if isinstance(e, sp.Mul):
        parts = [_comp(a) for a in e.args]

        def mul(env):
            acc = parts[0](env)
            for p in parts[1:]:
                acc = acc * p(env)
            return acc
        return mul
    if isinstance(e, sp.Pow):
        base, ex = e.args
        fb = _comp(base)
        if ex.is_Integer:
            k = int(ex)
            if k >= 0:
                return lambda env: fb(env) ** k
            return lambda env: 1 / (fb(env) ** (-k))
        if ex.is_Rational and ex.q == 2:
            k = int(ex.p)
            if k >= 0:
                return lambda env: fb(env).sqrt() ** k
            return lambda env: 1 / (fb(env).sqrt() ** (-k))
        fe = _comp(ex)
        if base is sp.E:
            return lambda env: fe(env).exp()
        return lambda env: _pow(fb(env), fe(env))
    if isinstance(e, (sp.floor, sp.ceiling)):
        op = "floor" if isinstance(e, sp.floor) else "ceil"
        fa = _comp(e.args[0])
        return lambda env: _round_ball(fa(env), op)
    if isinstance(e, (sp.Min, sp.Max)):
        parts = [_comp(a) for a in e.args]
        red = _min if isinstance(e, sp.Min) else _max
        return lambda env: red([p(env) for p in parts])
    if isinstance(e, sp.log) and len(e.args) == 2:
        fa, fb = _comp(e.args[0]), _comp(e.args[1])
        return lambda env: fa(env).log() / fb(env).log()
    if isinstance(e, sp.binomial):
        fn, fk = _comp(e.args[0]), _comp(e.args[1])
        return lambda env: _binom(fn(env), fk(env))
    if isinstance(e, sp.factorial):
        fa = _comp(e.args[0])
        return lambda env: (fa(env) + 1).gamma()
    f = _UNARY.get(e.func)
    if f is not None and len(e.args) == 1:
        fa = _comp(e.args[0])
        return lambda env: f(fa(env))
    if e.is_number:
        from ticketcheck.arb_eval import to_arb
        return lambda env: to_arb(e)
    raise NotImplementedError(f"certify: no interval extension for {e.func.__name__}")


def _binom(n: arb, k: arb) -> arb:
    if k.is_exact() and k.is_integer():
        kk = int(k.unique_fmpz())
        if kk < 0:
            return arb(0)
        return n.bin(kk) if n.is_exact() and n.is_integer() else _binom_gamma(n, k)
    return _binom_gamma(n, k)


def _binom_gamma(n: arb, k: arb) -> arb:
    return (n + 1).gamma() / ((k + 1).gamma() * (n - k + 1).gamma())


def has_rounding(expr) -> bool:
    """True if ``expr`` has floor/ceiling/Min/Max/Abs (no mean-value form across their kinks)."""
    return bool(sp.sympify(expr).atoms(sp.floor, sp.ceiling, sp.Min, sp.Max, sp.Abs))
